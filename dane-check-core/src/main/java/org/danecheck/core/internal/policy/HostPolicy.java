package org.danecheck.core.internal.policy;

/** What RFC 7672 requires of the SMTP sessions with one MX host, decided before connecting. */
public enum HostPolicy {
  /** Secure, usable TLSA records: TLS required and authenticated by them (RFC 7672 2.2). */
  AUTHENTICATE,
  /** A secure TLSA RRset with no usable record: TLS required, not authenticated (RFC 7672 2.2). */
  ENCRYPT,
  /** No DANE for this host: TLS if offered, else cleartext (RFC 7672 2.2). */
  OPPORTUNISTIC,
  /** The TLSA lookup failed for a host with secure addresses: skip the host (RFC 7672 2.2). */
  SKIP_TLSA_FAILED,
  /** No address to connect to. */
  SKIP_NO_ADDRESSES;

  /** Whether the host publishes DANE or might (a failed TLSA lookup is not "no DANE"). */
  public boolean daneInPlay() {
    return this == AUTHENTICATE || this == ENCRYPT || this == SKIP_TLSA_FAILED;
  }

  /** Whether TLS is mandatory for the host's sessions. */
  public boolean tlsRequired() {
    return this == AUTHENTICATE || this == ENCRYPT;
  }
}
