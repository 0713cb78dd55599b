/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

/** The DNSSEC status of a DNS answer (RFC 4035 4.3). */
public enum DnssecStatus {
  /** Validated from a trust anchor: the answer, or its proven absence, can be trusted. */
  SECURE,
  /** Provably unsigned: a secure proof that the zone has no DS on the way from the trust anchor. */
  INSECURE,
  /** Signatures or denial proofs failed to validate: an attack or a broken zone. */
  BOGUS,
  /** No status could be established: SERVFAIL, timeout, network error, malformed response. */
  FAILED;

  /** Whether this status lets a DANE client trust the answer. */
  public boolean isSecure() {
    return this == SECURE;
  }
}
