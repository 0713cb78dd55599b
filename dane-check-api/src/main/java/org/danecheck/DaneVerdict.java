/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

/**
 * The overall DANE verdict for a domain. Never claims more security than was proven, and never more
 * than its {@link MtaAction} allows: the action is the weakest way a DANE-enforcing MTA may take
 * the mail (among equal-preference MX hosts it may pick any, RFC 7672 2.2.1), and only mail it
 * sends over DANE-authenticated TLS to hosts from a DNSSEC-signed MX RRset is DANE-protected.
 */
public enum DaneVerdict {
  /**
   * Every MX host has secure, usable TLSA records and every endpoint authenticated; the MX RRset is
   * signed. The action is {@link MtaAction#AUTHENTICATED_TLS}.
   */
  VERIFIED,
  /**
   * Mail would be delivered over DANE-authenticated TLS ({@link MtaAction#AUTHENTICATED_TLS}) to
   * hosts from a signed MX RRset, but some other host or endpoint failed, was unreachable, or does
   * not use DANE: an MTA skips it or tries it only after the authenticated ones.
   */
  PARTIALLY_VERIFIED,
  /**
   * DANE is published but mail would be deferred ({@link MtaAction#DEFER}), or sent without the
   * authentication it requires (a DANE host failed and mail goes to a host without DANE).
   */
  FAILED,
  /**
   * The hosts that would take the mail have TLSA records that are all unusable: TLS is required,
   * not authenticated ({@link MtaAction#UNAUTHENTICATED_TLS}).
   */
  UNAUTHENTICATED,
  /**
   * The domain's mail is not DANE-protected: no TLSA records, insecure hosts, or an insecure MX
   * RRset. With an insecure MX RRset the hosts' own TLSA records may still authenticate the
   * sessions (the action is then {@link MtaAction#AUTHENTICATED_TLS}, as Postfix's "half-dane"),
   * but not the choice of host, which an attacker controls: RFC 7672 2.2.1 forbids calling that
   * secure delivery to the domain. Also when an MTA may pick an equal-preference host without DANE
   * ({@link MtaAction#OPPORTUNISTIC}).
   */
  NO_DANE,
  /** The domain accepts no mail (null MX) or does not exist. */
  NO_MAIL,
  /** The check could not finish (deadline), so nothing better can be said. */
  INDETERMINATE
}
