/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

/** Which rules govern TLSA usages 0 and 1. */
public enum TlsaProfile {
  /**
   * SMTP (RFC 7672): only DANE-TA(2) and DANE-EE(3) are usable; PKIX-TA(0) and PKIX-EE(1) records
   * are unusable (RFC 7672 3.1.3). The default.
   */
  SMTP,
  /**
   * Generic DANE (RFC 6698), e.g. for HTTPS: PKIX-TA and PKIX-EE are used together with PKIX
   * validation against a trust store.
   */
  GENERIC
}
