/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.tlsa;

/** Certificate bytes that are not a usable X.509 certificate; the message is one line. */
public final class MalformedCertificateException extends Exception {
  private static final long serialVersionUID = 1L;

  public MalformedCertificateException(String message) {
    super(message);
  }
}
