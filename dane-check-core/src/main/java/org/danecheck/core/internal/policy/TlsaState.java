/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.policy;

/** What the TLSA search of RFC 7672 2.2.3 found for one host: one of the four cases of 2.2. */
public enum TlsaState {
  /** A secure, non-empty TLSA RRset: DANE applies. */
  SECURE_RECORDS,
  /** A secure denial of TLSA records: DANE does not apply to this host. */
  SECURE_NONE,
  /** The TLSA RRset or its denial is insecure: it is ignored. */
  INSECURE,
  /**
   * A query that locates the TLSA records (a TLSA lookup, or the CNAME lookup deciding whether to
   * make one) failed or was bogus: an MTA skips the host (RFC 7672 2.1.2).
   */
  FAILED,
  /** Not asked: the host's addresses were not obtained securely (RFC 7672 2.2.2). */
  NOT_QUERIED
}
