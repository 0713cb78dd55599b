/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

/** What a DANE-enforcing MTA (RFC 7672) would do with mail for the domain, now. */
public enum MtaAction {
  /** Deliver over DANE-authenticated TLS. */
  AUTHENTICATED_TLS,
  /** Deliver over TLS, required but not authenticated (e.g. all TLSA records unusable). */
  UNAUTHENTICATED_TLS,
  /** No DANE: TLS if offered, else cleartext. */
  OPPORTUNISTIC,
  /** Not deliver now: no MX host could take the mail as the domain's DNS requires. */
  DEFER,
  /** The domain accepts no mail (null MX, RFC 7505) or does not exist: bounce. */
  NO_MAIL
}
