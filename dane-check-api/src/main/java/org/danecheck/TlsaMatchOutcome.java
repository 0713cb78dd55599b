/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

/** The outcome of matching a certificate chain against a TLSA RRset. */
public enum TlsaMatchOutcome {
  /** A usable record matched and every check that its usage requires passed. */
  AUTHENTICATED,
  /** Usable records exist but none matched the presented chain. */
  NO_MATCH,
  /** A DANE-TA or PKIX record matched, but the leaf carries none of the reference names. */
  NAME_MISMATCH,
  /**
   * A record matched a certificate or key, but the chain from the leaf to it does not pass
   * validation (signatures, CA status and constraints, name constraints, key usages, unknown
   * critical extensions, the minimum key and signature strength); for DANE-EE, whose chain is not
   * validated, the leaf's key is weaker than a DANE client accepts.
   */
  CHAIN_INVALID,
  /**
   * A DANE-TA or PKIX record matched, but a certificate from the leaf up to the trust anchor is
   * expired or not yet valid (RFC 7671 5.2: the chain is validated, validity period included).
   */
  OUTSIDE_VALIDITY_PERIOD,
  /**
   * No record authenticated before the matcher's work limit (a bound on the signature checks one
   * match may make, against hostile chains and RRsets) stopped it: a record left unchecked might
   * have authenticated, so this is neither a match nor a failure.
   */
  LIMIT_REACHED,
  /** Every record is unusable: TLS is required but cannot be authenticated (RFC 7672 2.2). */
  ALL_UNUSABLE,
  /** There were no records to match. */
  NO_RECORDS,
  /** The server presented no certificate. */
  NO_CERTIFICATE,
  /**
   * The server sent a leaf certificate that cannot be parsed (bad DER, or a name that is not valid
   * text in its string type): nothing can be matched.
   */
  MALFORMED_CHAIN;

  /** Whether this outcome authenticates the peer. */
  public boolean authenticated() {
    return this == AUTHENTICATED;
  }
}
