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
  /** The TLSA lookup failed for a host with secure addresses: an MTA skips this host. */
  TLSA_LOOKUP_FAILED,
  /** Insecure addresses or no (or insecure) TLSA records: opportunistic TLS. */
  NO_DANE,
  /** No address of the host could be found (failed lookup or no records). */
  NO_ADDRESSES,
  /** The check's deadline ended before this host was decided. */
  INCOMPLETE;

  /** Whether a DANE-enforcing MTA could deliver through this host with authenticated TLS. */
  public boolean authenticates() {
    return this == DANE_VERIFIED || this == DANE_PARTIAL;
  }
}
