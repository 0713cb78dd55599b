/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

import java.util.Optional;

/** The certificate usage field of a TLSA record (RFC 6698 2.1.1, mnemonics from RFC 7218). */
public enum TlsaUsage {
  /** 0: a CA that must also pass PKIX validation. Unusable for SMTP (RFC 7672 3.1.3). */
  PKIX_TA(0, "PKIX-TA"),
  /** 1: the end-entity certificate, which must also pass PKIX validation. Unusable for SMTP. */
  PKIX_EE(1, "PKIX-EE"),
  /** 2: a trust anchor for the server's chain, without PKIX (RFC 7671 5.2). */
  DANE_TA(2, "DANE-TA"),
  /** 3: the server's own certificate or key, no name or validity checks (RFC 7671 5.1). */
  DANE_EE(3, "DANE-EE");

  private final int number;
  private final String mnemonic;

  TlsaUsage(int number, String mnemonic) {
    this.number = number;
    this.mnemonic = mnemonic;
  }

  /** The number in the record's wire and presentation form. */
  public int number() {
    return number;
  }

  /** The RFC 7218 mnemonic, e.g. {@code DANE-EE}. */
  public String mnemonic() {
    return mnemonic;
  }

  /** The usage with this number, or empty for a number this library does not know. */
  public static Optional<TlsaUsage> fromNumber(int number) {
    for (TlsaUsage usage : values()) {
      if (usage.number == number) {
        return Optional.of(usage);
      }
    }
    return Optional.empty();
  }
}
