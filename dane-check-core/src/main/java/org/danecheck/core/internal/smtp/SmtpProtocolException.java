/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.smtp;

import java.io.IOException;

/** The server broke the protocol or a bound: malformed, overlong or endless replies, EOF. */
final class SmtpProtocolException extends IOException {
  SmtpProtocolException(String message) {
    super(message);
  }
}
