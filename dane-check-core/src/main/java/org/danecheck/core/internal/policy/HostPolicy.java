/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.policy;

import org.danecheck.SecurityLevel;

/** What RFC 7672 requires of the SMTP sessions with one MX host, decided before connecting. */
public enum HostPolicy {
  /** Secure, usable TLSA records: TLS required and authenticated by them (RFC 7672 2.2, 3). */
  AUTHENTICATE,
  /** A secure TLSA RRset with no usable record: TLS required, not authenticated (RFC 7672 2.2). */
  ENCRYPT,
  /** No DANE for this host: TLS if offered, else cleartext (RFC 7672 2.2). */
  OPPORTUNISTIC,
  /** A query locating the TLSA records failed: skip the host (RFC 7672 2.1.2). */
  SKIP_TLSA_FAILED,
  /** No address to connect to: the host is unreachable (RFC 7672 2.2.2, "Not found"). */
  SKIP_NO_ADDRESSES,
  /**
   * No usable address because the address lookups failed or were bogus: the host's DANE status is
   * unknown, skip it (RFC 7672 2.1.2).
   */
  SKIP_ADDRESSES_FAILED;

  /** Whether TLS is mandatory for the host's sessions. */
  public boolean tlsRequired() {
    return this == AUTHENTICATE || this == ENCRYPT;
  }

  /** The public name of this policy: one to one. */
  public SecurityLevel securityLevel() {
    return switch (this) {
      case AUTHENTICATE -> SecurityLevel.AUTHENTICATED_TLS;
      case ENCRYPT -> SecurityLevel.UNAUTHENTICATED_TLS;
      case OPPORTUNISTIC -> SecurityLevel.OPPORTUNISTIC;
      case SKIP_TLSA_FAILED -> SecurityLevel.SKIP_TLSA_LOOKUP_FAILED;
      case SKIP_NO_ADDRESSES -> SecurityLevel.SKIP_NO_ADDRESSES;
      case SKIP_ADDRESSES_FAILED -> SecurityLevel.SKIP_ADDRESS_LOOKUP_FAILED;
    };
  }
}
