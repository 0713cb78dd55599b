/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

/** How the domain's MX host list was found (RFC 7672 2.2.1). */
public enum MxSource {
  /** From the domain's MX records. */
  MX_RECORDS,
  /** The domain has no MX records: the domain itself is the implicit MX (RFC 5321 5.1). */
  IMPLICIT_MX,
  /**
   * A null MX (RFC 7505 3): the domain accepts no mail; also when other MX records stand beside it,
   * as in Postfix (reported as {@link ProblemCode#NULL_MX_MIXED}).
   */
  NULL_MX,
  /**
   * The domain does not exist (a secure or insecure NXDOMAIN for MX): no implicit MX, no mail (RFC
   * 5321 5.1 applies the implicit MX only to a domain that exists).
   */
  NO_SUCH_DOMAIN,
  /** The MX lookup failed or was bogus: no host list (RFC 7672 2.1.2: defer). */
  LOOKUP_FAILED,
  /** The caller named one MX host to check; no MX lookup was made. */
  GIVEN_HOST
}
