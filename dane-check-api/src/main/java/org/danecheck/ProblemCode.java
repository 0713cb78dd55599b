/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

/**
 * Stable codes for the findings of a check. Codes are never renamed or reused; new ones may be
 * added.
 */
public enum ProblemCode {
  // --- DNS and DNSSEC ---
  /** An answer failed DNSSEC validation (RFC 4035 5.5): an attack or a broken zone. */
  DNSSEC_BOGUS(Severity.ERROR),
  /** The MX lookup failed (SERVFAIL, timeout): an MTA defers (RFC 7672 2.1.2). */
  MX_LOOKUP_FAILED(Severity.ERROR),
  /**
   * The MX RRset is not DNSSEC-signed: DANE cannot authenticate delivery to the domain (RFC 7672
   * 2.2.1); a WARNING when the hosts have TLSA records, which then only make forgery evident.
   */
  MX_INSECURE(Severity.INFO),
  /** The domain has a null MX (RFC 7505): it accepts no mail. */
  NULL_MX(Severity.INFO),
  /**
   * A null MX beside other MX records, which RFC 7505 3 forbids: Postfix treats the whole RRset as
   * a null MX and bounces the mail, so dane-check reports no mail too, and this misconfiguration.
   */
  NULL_MX_MIXED(Severity.ERROR),
  /**
   * MX hosts of equal preference lead to different outcomes: an MTA may try them in any order (RFC
   * 7672 2.2.1), so the domain's MTA action is the weakest of them.
   */
  MX_EQUAL_PREFERENCE_MIXED(Severity.WARNING),
  /** The domain has no MX records; the domain itself is the implicit MX (RFC 5321 5.1). */
  IMPLICIT_MX(Severity.INFO),
  /**
   * An MX host's address records (or its own CNAME) are insecure: no TLSA lookup for it (RFC 7672
   * 2.2.2).
   */
  HOST_INSECURE(Severity.INFO),
  /**
   * An MX host's address lookup failed. An ERROR when it leaves the host without a usable address
   * (an MTA skips the host, RFC 7672 2.1.2), a WARNING when another address family still works.
   */
  ADDRESS_LOOKUP_FAILED(Severity.WARNING),
  /** An MX host has no addresses of the families asked for. */
  NO_ADDRESSES(Severity.WARNING),
  /** A CNAME chain is longer than allowed or loops. */
  CNAME_CHAIN_INVALID(Severity.ERROR),
  /** A bound was hit (MX hosts, addresses, records); the rest was not examined. */
  LIMIT_REACHED(Severity.WARNING),
  /** The AD bit of a resolver was trusted instead of validating in process. */
  AD_TRUST_MODE(Severity.INFO),
  /** AD-trust mode with a resolver not on loopback: the AD bit can be forged on the path. */
  AD_TRUST_REMOTE_RESOLVER(Severity.WARNING),

  // --- TLSA ---
  /** Secure denial of TLSA records: DANE does not apply to this host (RFC 7672 2.2, 2.2.3). */
  TLSA_NOT_FOUND(Severity.INFO),
  /** The TLSA RRset is insecure: it is ignored (RFC 7672 2.2, 2.2.3). */
  TLSA_INSECURE(Severity.INFO),
  /**
   * A query that locates a host's TLSA records failed (the TLSA lookup, or the CNAME lookup that
   * says whether to make it): an MTA skips the host (RFC 7672 2.1.2).
   */
  TLSA_LOOKUP_FAILED(Severity.ERROR),
  /**
   * Some TLSA records are unusable and are ignored; the usable ones decide (RFC 7672 2.2; usable
   * per RFC 6698 4.1 and RFC 7671 9; PKIX usages per RFC 7672 3.1.3).
   */
  TLSA_UNUSABLE(Severity.WARNING),
  /** Every TLSA record is unusable: TLS is required but not authenticated (RFC 7672 2.2). */
  TLSA_ALL_UNUSABLE(Severity.WARNING),
  /** No usable TLSA record matched the server's chain: no delivery there (RFC 7672 3.2). */
  TLSA_NO_MATCH(Severity.ERROR),
  /** A DANE-TA match, but the leaf names none of the reference identifiers (RFC 7672 3.2.2). */
  CERT_NAME_MISMATCH(Severity.ERROR),
  /**
   * A record matched, but the chain to the DANE-TA trust anchor fails validation (RFC 7672 3.1.2)
   * as a DANE client validates it, or the leaf's key is too weak for one.
   */
  CERT_CHAIN_INVALID(Severity.ERROR),
  /** A certificate on the path to a DANE-TA trust anchor is expired or not yet valid. */
  CERT_EXPIRED(Severity.ERROR),
  /**
   * The server's certificate cannot be parsed: bad DER, or a name that is not valid text in its
   * string type, which a DANE client (OpenSSL) refuses to decode.
   */
  CERT_MALFORMED(Severity.ERROR),

  // --- SMTP and TLS ---
  /** TCP connection failed. */
  CONNECT_FAILED(Severity.WARNING),
  /** A step of the SMTP dialogue timed out. */
  SMTP_TIMEOUT(Severity.WARNING),
  /** The server refused the session at greeting (e.g. 554). */
  SMTP_GREETING_REJECTED(Severity.WARNING),
  /** The server broke the SMTP protocol (malformed, overlong or endless replies). */
  SMTP_PROTOCOL_ERROR(Severity.WARNING),
  /** The server does not offer STARTTLS (RFC 3207). */
  STARTTLS_NOT_OFFERED(Severity.WARNING),
  /** The server refused STARTTLS (e.g. 454). */
  STARTTLS_REFUSED(Severity.WARNING),
  /** The TLS handshake failed. */
  TLS_HANDSHAKE_FAILED(Severity.WARNING),
  /** The session used TLS 1.0 or 1.1. */
  TLS_LEGACY_PROTOCOL(Severity.WARNING),
  /**
   * No MX host could be reached over SMTP (every session failed before the EHLO reply): the mail is
   * deferred, as by any MTA. The endpoints' warnings say what happened to each.
   */
  NO_HOST_REACHABLE(Severity.ERROR),

  // --- the check itself ---
  /** The check's deadline cut some steps short; their results are missing. */
  DEADLINE_EXCEEDED(Severity.ERROR);

  private final Severity defaultSeverity;

  ProblemCode(Severity defaultSeverity) {
    this.defaultSeverity = defaultSeverity;
  }

  /** The severity this code has unless the context makes it worse or milder. */
  public Severity defaultSeverity() {
    return defaultSeverity;
  }
}
