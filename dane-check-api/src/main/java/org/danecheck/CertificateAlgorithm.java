/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

/** Which server certificate a probe asked for, through the signature algorithms it offered. */
public enum CertificateAlgorithm {
  /** Whatever the server prefers. */
  ANY,
  /** Only RSA-signed suites and signature algorithms offered. */
  RSA,
  /** Only ECDSA-signed suites and signature algorithms offered. */
  ECDSA
}
