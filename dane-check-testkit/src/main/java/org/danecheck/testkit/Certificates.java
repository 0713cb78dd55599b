/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.Certificate;

/** Small certificate helpers for the lab. */
final class Certificates {
  private Certificates() {}

  /**
   * The DER SubjectPublicKeyInfo of a DER certificate. Re-encodes the parsed structure, which is
   * byte-exact for the DER certificates the lab makes (the checker itself never re-encodes).
   */
  static byte[] spki(byte[] certificateDer) {
    try {
      return Certificate.getInstance(certificateDer)
          .getSubjectPublicKeyInfo()
          .getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
