/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

/**
 * What the SMTP sessions with one MX host must achieve, decided from DNS before connecting (RFC
 * 7672 2.2, 2.1.2): the per-host security level of Postfix's {@code smtp_tls_security_level=dane}
 * ({@code dane}, {@code encrypt}, {@code may}), or why the host is skipped.
 */
public enum SecurityLevel {
  /**
   * Secure TLSA records, at least one usable: TLS is mandatory and must be authenticated by them
   * (RFC 7672 2.2, 3.2). A host that fails authentication is skipped, never sent the mail.
   */
  AUTHENTICATED_TLS,
  /**
   * A secure TLSA RRset whose records are all unusable: TLS is mandatory, without authentication
   * (RFC 7672 2.2). A host without STARTTLS or whose handshake fails is skipped.
   */
  UNAUTHENTICATED_TLS,
  /**
   * No secure TLSA records: opportunistic TLS, cleartext when TLS is not offered (RFC 7672 2.2).
   */
  OPPORTUNISTIC,
  /**
   * A DNS query locating the host's TLSA records failed or was bogus: the host is treated as
   * unreachable (RFC 7672 2.1.2).
   */
  SKIP_TLSA_LOOKUP_FAILED,
  /**
   * Every address lookup of the host failed or was bogus: its DANE status is unknown, so it is
   * skipped (RFC 7672 2.1.2).
   */
  SKIP_ADDRESS_LOOKUP_FAILED,
  /** The host has no address records: it is unreachable (RFC 7672 2.2.2, "Not found"). */
  SKIP_NO_ADDRESSES;

  /** Whether an MTA skips the host: it must not connect to it. */
  public boolean skip() {
    return this == SKIP_TLSA_LOOKUP_FAILED
        || this == SKIP_ADDRESS_LOOKUP_FAILED
        || this == SKIP_NO_ADDRESSES;
  }

  /** Whether TLS is mandatory: no cleartext, and no mail without STARTTLS. */
  public boolean tlsRequired() {
    return this == AUTHENTICATED_TLS || this == UNAUTHENTICATED_TLS;
  }

  /** Whether the TLSA records must authenticate the server before any mail is sent. */
  public boolean authenticationRequired() {
    return this == AUTHENTICATED_TLS;
  }
}
