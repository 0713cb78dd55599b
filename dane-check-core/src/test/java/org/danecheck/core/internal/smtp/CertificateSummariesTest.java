/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import org.danecheck.PeerCertificate;
import org.danecheck.testkit.KeyAlgorithm;
import org.danecheck.testkit.TestCertificate;
import org.junit.jupiter.api.Test;

class CertificateSummariesTest {
  @Test
  void summarizesAnEcLeaf() throws Exception {
    TestCertificate ca =
        TestCertificate.builder().subject("Lab CA").certificateAuthority(0).build();
    TestCertificate leaf =
        TestCertificate.builder()
            .subject("mx.example.test")
            .dnsNames("mx.example.test", "mx2.example.test")
            .signedBy(ca)
            .build();

    PeerCertificate summary = CertificateSummaries.summarize(0, leaf.certificateDer());

    assertThat(summary.parseError()).isEmpty();
    assertThat(summary.subject()).isEqualTo("CN=mx.example.test");
    assertThat(summary.issuer()).isEqualTo("CN=Lab CA");
    assertThat(summary.dnsNames()).containsExactly("mx.example.test", "mx2.example.test");
    assertThat(summary.keyAlgorithm()).isEqualTo("EC P-256");
    assertThat(summary.keySize()).isEqualTo(256);
    assertThat(summary.notBefore()).isPresent();
    assertThat(summary.notAfter().orElseThrow()).isAfter(summary.notBefore().orElseThrow());
    // The 3 1 1 digest: SHA-256 over the DER SubjectPublicKeyInfo (RFC 6698 2.1.3).
    assertThat(summary.spkiSha256()).isEqualTo(sha256(leaf.spkiDer()));
    assertThat(summary.sha256()).isEqualTo(sha256(leaf.certificateDer()));
  }

  @Test
  void summarizesRsaKeySize() {
    TestCertificate rsa =
        TestCertificate.builder().keyAlgorithm(KeyAlgorithm.RSA).rsaKeySize(2048).build();

    PeerCertificate summary = CertificateSummaries.summarize(1, rsa.certificateDer());

    assertThat(summary.depth()).isEqualTo(1);
    assertThat(summary.keyAlgorithm()).isEqualTo("RSA");
    assertThat(summary.keySize()).isEqualTo(2048);
  }

  @Test
  void compressedEcPointsAreReadByBouncyCastle() {
    TestCertificate compressed = TestCertificate.builder().compressedEcPoint(true).build();

    PeerCertificate summary = CertificateSummaries.summarize(0, compressed.certificateDer());

    assertThat(summary.parseError()).isEmpty();
    assertThat(summary.spkiSha256()).isEqualTo(sha256(compressed.spkiDer()));
  }

  @Test
  void unparseableBytesKeepTheBytesAndTheirDigest() throws Exception {
    byte[] garbage = {0x30, 0x03, 0x02, 0x01};

    PeerCertificate summary = CertificateSummaries.summarize(0, garbage);

    assertThat(summary.parseError()).isPresent();
    assertThat(summary.der()).isEqualTo(garbage);
    assertThat(summary.sha256()).isEqualTo(sha256(garbage));
    assertThat(summary.subject()).isEmpty();
    assertThat(summary.spkiSha256()).isEmpty();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
