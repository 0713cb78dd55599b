/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

/** What a DANE-enforcing MTA makes of one MX host (RFC 7672 2.2, 3). */
public enum HostStatus {
  /** Secure, usable TLSA records and every probed endpoint authenticated. */
  DANE_VERIFIED,
  /** Secure, usable TLSA records; some endpoints authenticated, others did not. */
  DANE_PARTIAL,
  /** Secure, usable TLSA records and no endpoint authenticated: an MTA skips this host. */
  DANE_FAILED,
  /** A secure TLSA RRset whose records are all unusable: TLS required, not authenticated. */
  TLSA_UNUSABLE,
  /**
   * A DNS query that decides the host's TLSA records failed or was bogus (the TLSA lookup itself,
   * or the CNAME lookup that says whether to make it): an MTA skips this host (RFC 7672 2.1.2).
   */
  TLSA_LOOKUP_FAILED,
  /**
   * Every address lookup of the host failed or was bogus: a DANE MTA cannot know whether the host
   * publishes TLSA records, so it skips the host and defers when no other host takes the mail (RFC
   * 7672 2.1.2). Never "no DANE".
   */
  ADDRESS_LOOKUP_FAILED,
  /** Insecure addresses or no (or insecure) TLSA records: opportunistic TLS. */
  NO_DANE,
  /** The host has no address records (the name does not exist or has none): it is unreachable. */
  NO_ADDRESSES,
  /** The check's deadline ended before this host was decided. */
  INCOMPLETE;

  /** Whether a DANE-enforcing MTA could deliver through this host with authenticated TLS. */
  public boolean authenticates() {
    return this == DANE_VERIFIED || this == DANE_PARTIAL;
  }
}
