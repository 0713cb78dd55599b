/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

/** Whether the leaf certificate names the MX host (or another reference identifier). */
public enum NameMatch {
  /** The leaf carries one of the reference identifiers. */
  MATCHES,
  /** The leaf carries none of the reference identifiers. */
  DOES_NOT_MATCH,
  /** No certificate to check. */
  NOT_CHECKED
}
