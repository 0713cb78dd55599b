/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.tlsa;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Selector extraction and matching-type digests (RFC 6698 2.1.2, 2.1.3). */
public final class TlsaDigests {
  private TlsaDigests() {}

  /** Selector 0: the whole certificate as sent; 1: its SubjectPublicKeyInfo bytes. */
  static byte[] select(ParsedCertificate cert, int selector) {
    switch (selector) {
      case 0:
        return cert.derNoCopy();
      case 1:
        return cert.spkiNoCopy();
      default:
        throw new IllegalArgumentException("unknown selector " + selector);
    }
  }

  /** Matching type 0: the bytes themselves; 1: SHA-256; 2: SHA-512. */
  public static byte[] associationData(byte[] selected, int matchingType) {
    switch (matchingType) {
      case 0:
        return selected.clone();
      case 1:
        return digest("SHA-256", selected);
      case 2:
        return digest("SHA-512", selected);
      default:
        throw new IllegalArgumentException("unknown matching type " + matchingType);
    }
  }

  /** The association data of {@code cert} for the given selector and matching type. */
  public static byte[] associationData(ParsedCertificate cert, int selector, int matchingType) {
    return associationData(select(cert, selector), matchingType);
  }

  /** The digest length a matching type requires, or -1 for Full(0) and unknown types. */
  static int expectedLength(int matchingType) {
    switch (matchingType) {
      case 1:
        return 32;
      case 2:
        return 64;
      default:
        return -1;
    }
  }

  static boolean matches(ParsedCertificate cert, int selector, int matchingType, byte[] data) {
    // Constant time is not needed (public data), but MessageDigest.isEqual is the clear idiom.
    return MessageDigest.isEqual(associationData(cert, selector, matchingType), data);
  }

  private static byte[] digest(String algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(algorithm).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is required of every JDK", e);
    }
  }
}
