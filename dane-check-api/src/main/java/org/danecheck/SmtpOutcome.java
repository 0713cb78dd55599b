/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

/** How far an SMTP/STARTTLS probe of one endpoint got. */
public enum SmtpOutcome {
  /** Greeting, EHLO, STARTTLS, handshake and EHLO again all succeeded. */
  TLS_ESTABLISHED,
  /** The TCP connection could not be made (refused, unreachable, timeout). */
  CONNECT_FAILED,
  /** The server greeted with something other than 220, e.g. 554 (RFC 5321 3.1). */
  GREETING_REJECTED,
  /** The server broke the protocol: malformed or overlong replies, unexpected codes, EOF. */
  PROTOCOL_ERROR,
  /** A step did not finish within its timeout. */
  TIMEOUT,
  /** EHLO succeeded but the server does not offer STARTTLS (RFC 3207). */
  STARTTLS_NOT_OFFERED,
  /** The server answered STARTTLS with an error, e.g. 454 (RFC 3207 4). */
  STARTTLS_REFUSED,
  /** The TLS handshake failed (alert, no common parameters, broken certificate message). */
  TLS_HANDSHAKE_FAILED,
  /** Not probed: no usable addresses, DNS failure, or the check's deadline. */
  NOT_PROBED;

  /** Whether a TLS session was established. */
  public boolean tlsEstablished() {
    return this == TLS_ESTABLISHED;
  }

  /**
   * Whether the server answered EHLO: the session got to where an MTA could send mail, over TLS or
   * (when TLS is not required) in the clear. Below this point the server was not reached (an MTA
   * tries the next address); from it on, what failed is the server's setup.
   */
  public boolean reachedEhlo() {
    return switch (this) {
      case TLS_ESTABLISHED, STARTTLS_NOT_OFFERED, STARTTLS_REFUSED, TLS_HANDSHAKE_FAILED -> true;
      case CONNECT_FAILED, GREETING_REJECTED, PROTOCOL_ERROR, TIMEOUT, NOT_PROBED -> false;
    };
  }
}
