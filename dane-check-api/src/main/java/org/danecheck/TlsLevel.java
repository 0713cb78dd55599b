/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

/**
 * The security level of one SMTP session, named as Postfix logs it ("Anonymous TLS connection
 * established", "Untrusted", "Trusted", "Verified").
 */
public enum TlsLevel {
  /** No TLS session: cleartext or failure. */
  NONE,
  /** TLS without a server certificate (anonymous cipher suite). */
  ANONYMOUS,
  /** A certificate that neither validates to a trusted CA nor matches TLSA records. */
  UNTRUSTED,
  /** The chain validates to a trusted CA (PKIX), regardless of the name; no DANE match. */
  TRUSTED,
  /** Authenticated by a DANE TLSA match (RFC 7672 3). */
  VERIFIED
}
