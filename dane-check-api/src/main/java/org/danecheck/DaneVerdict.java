package org.danecheck;

/** The overall DANE verdict for a domain. Never claims more security than was proven. */
public enum DaneVerdict {
  /** Every MX host has secure, usable TLSA records and every endpoint authenticated. */
  VERIFIED,
  /**
   * Mail would be delivered over authenticated TLS, but some host or endpoint failed, was
   * unreachable, or does not use DANE.
   */
  PARTIALLY_VERIFIED,
  /** DANE is published but mail would be deferred, or sent without authentication it requires. */
  FAILED,
  /** TLSA records exist but are all unusable: TLS is required, not authenticated. */
  UNAUTHENTICATED,
  /** The domain does not use DANE (insecure MX or hosts, no TLSA records). */
  NO_DANE,
  /** The domain accepts no mail (null MX) or does not exist. */
  NO_MAIL,
  /** The check could not finish (deadline), so nothing better can be said. */
  INDETERMINATE
}
