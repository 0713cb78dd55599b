/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

/** Whether a presented chain validates to the PKIX trust store, independent of DANE and names. */
public enum PkixStatus {
  /** The chain validates to a trusted CA. */
  TRUSTED,
  /** A certificate was presented that does not validate to a trusted CA. */
  UNTRUSTED,
  /** No certificate was presented, or no TLS session was established. */
  NOT_CHECKED
}
