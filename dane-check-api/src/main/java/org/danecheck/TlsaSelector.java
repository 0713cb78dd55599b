/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

import java.util.Optional;

/** The selector field of a TLSA record (RFC 6698 2.1.2, mnemonics from RFC 7218). */
public enum TlsaSelector {
  /** 0: the whole certificate, DER-encoded exactly as sent. */
  CERT(0, "Cert"),
  /** 1: the certificate's DER-encoded SubjectPublicKeyInfo. */
  SPKI(1, "SPKI");

  private final int number;
  private final String mnemonic;

  TlsaSelector(int number, String mnemonic) {
    this.number = number;
    this.mnemonic = mnemonic;
  }

  /** The number in the record's wire and presentation form. */
  public int number() {
    return number;
  }

  /** The RFC 7218 mnemonic, e.g. {@code SPKI}. */
  public String mnemonic() {
    return mnemonic;
  }

  /** The selector with this number, or empty for a number this library does not know. */
  public static Optional<TlsaSelector> fromNumber(int number) {
    for (TlsaSelector selector : values()) {
      if (selector.number == number) {
        return Optional.of(selector);
      }
    }
    return Optional.empty();
  }
}
