/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

/** What a DNS query returned, apart from its DNSSEC status. */
public enum LookupOutcome {
  /** NOERROR with records of the asked type. */
  DATA,
  /** NOERROR without records of the asked type (the name exists). */
  NODATA,
  /** The name does not exist. */
  NXDOMAIN,
  /** No usable answer: SERVFAIL, REFUSED, timeout, network error, bogus, malformed. */
  FAILED;

  /** Whether the query produced an answer, with or without records. */
  public boolean answered() {
    return this != FAILED;
  }
}
