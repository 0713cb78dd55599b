/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

import java.util.Optional;
import java.util.OptionalInt;

/** The matching type field of a TLSA record (RFC 6698 2.1.3, mnemonics from RFC 7218). */
public enum TlsaMatchingType {
  /** 0: the selected content itself, compared byte for byte. */
  FULL(0, "Full", -1, ""),
  /** 1: the SHA-256 digest of the selected content. */
  SHA2_256(1, "SHA2-256", 32, "SHA-256"),
  /** 2: the SHA-512 digest of the selected content. */
  SHA2_512(2, "SHA2-512", 64, "SHA-512");

  private final int number;
  private final String mnemonic;
  private final int digestLength;
  private final String digestAlgorithm;

  TlsaMatchingType(int number, String mnemonic, int digestLength, String digestAlgorithm) {
    this.number = number;
    this.mnemonic = mnemonic;
    this.digestLength = digestLength;
    this.digestAlgorithm = digestAlgorithm;
  }

  /** The number in the record's wire and presentation form. */
  public int number() {
    return number;
  }

  /** The RFC 7218 mnemonic, e.g. {@code SHA2-256}. */
  public String mnemonic() {
    return mnemonic;
  }

  /** The length in bytes of association data of this type, or empty for {@link #FULL}. */
  public OptionalInt digestLength() {
    return digestLength < 0 ? OptionalInt.empty() : OptionalInt.of(digestLength);
  }

  /**
   * The JCA name of the digest ({@code SHA-256}, {@code SHA-512}), or the empty string for {@link
   * #FULL}.
   */
  public String digestAlgorithm() {
    return digestAlgorithm;
  }

  /** The matching type with this number, or empty for a number this library does not know. */
  public static Optional<TlsaMatchingType> fromNumber(int number) {
    for (TlsaMatchingType type : values()) {
      if (type.number == number) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
