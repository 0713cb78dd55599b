package org.danecheck.core.internal.dns;

/** What the TLSA step of RFC 7672 2.2 found for one host. */
public enum TlsaState {
  /** A secure, non-empty TLSA RRset: DANE applies. */
  SECURE_RECORDS,
  /** A secure denial of TLSA records: DANE does not apply to this host. */
  SECURE_NONE,
  /** The TLSA RRset or its denial is insecure: it is ignored. */
  INSECURE,
  /** The TLSA lookup failed or was bogus for a host with secure addresses: an MTA defers. */
  FAILED,
  /** Not asked: the host's addresses were not obtained securely (RFC 7672 2.2). */
  NOT_QUERIED
}
