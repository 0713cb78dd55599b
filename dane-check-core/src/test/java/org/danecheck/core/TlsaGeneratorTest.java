/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.danecheck.core.TlsaTestSupport.chain;
import static org.danecheck.core.TlsaTestSupport.intermediate;
import static org.danecheck.core.TlsaTestSupport.leaf;
import static org.danecheck.core.TlsaTestSupport.root;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.danecheck.TlsaMatchingType;
import org.danecheck.TlsaRecord;
import org.danecheck.TlsaSelector;
import org.danecheck.TlsaUsage;
import org.danecheck.testkit.TestCertificate;
import org.junit.jupiter.api.Test;

class TlsaGeneratorTest {
  @Test
  void zoneLineForLeafKey() throws Exception {
    TestCertificate leaf = leaf(null, "mx.example.org");
    TlsaRecord r =
        TlsaGenerator.forCertificate(
            leaf.certificateDer(), TlsaUsage.DANE_EE, TlsaSelector.SPKI, TlsaMatchingType.SHA2_256);
    assertThat(r.associationData()).isEqualTo(TlsaTestSupport.sha256(leaf.spkiDer()));
    assertThat(r.toZoneLine("mx.example.org", 25))
        .isEqualTo(
            "_25._tcp.mx.example.org. IN TLSA 3 1 1 "
                + HexFormat.of().formatHex(TlsaTestSupport.sha256(leaf.spkiDer())));
  }

  @Test
  void chainSelection() {
    TestCertificate root = root();
    TestCertificate inter = intermediate("inter", root);
    TestCertificate leaf = leaf(inter, "mx.example.org");
    assertThat(TlsaGenerator.selectIndex(chain(leaf, inter, root), TlsaUsage.DANE_EE)).isZero();
    assertThat(TlsaGenerator.selectIndex(chain(leaf, inter, root), TlsaUsage.DANE_TA)).isEqualTo(2);
    assertThat(TlsaGenerator.selectIndex(chain(leaf, inter), TlsaUsage.DANE_TA)).isEqualTo(1);
    // OpenSSL never takes the leaf as a DANE-TA(2) trust anchor, so a lone self-signed
    // certificate gets "3 1 1" advice, not a "2 x x" record that would never match (issue 11,
    // defect 2; this test asserted the opposite before).
    TestCertificate selfSigned = leaf(null, "mx.example.org");
    for (TlsaUsage ta : List.of(TlsaUsage.DANE_TA, TlsaUsage.PKIX_TA)) {
      assertThatThrownBy(() -> TlsaGenerator.selectIndex(chain(selfSigned), ta))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("3 1 1");
    }
    TlsaRecord ee =
        TlsaGenerator.forChain(
            chain(selfSigned), TlsaUsage.DANE_EE, TlsaSelector.SPKI, TlsaMatchingType.SHA2_256);
    assertThat(TlsaTestSupport.smtp(ee, selfSigned).authenticated()).isTrue();
    assertThatThrownBy(() -> TlsaGenerator.selectIndex(chain(leaf), TlsaUsage.DANE_TA))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no CA certificate");
  }

  @Test
  void publicKeyRecords() {
    TestCertificate leaf = leaf(null);
    TlsaRecord full =
        TlsaGenerator.forPublicKey(leaf.spkiDer(), TlsaUsage.DANE_TA, TlsaMatchingType.FULL);
    assertThat(full.associationData()).isEqualTo(leaf.spkiDer());
    assertThat(full.selector()).contains(TlsaSelector.SPKI);
    assertThatThrownBy(
            () ->
                TlsaGenerator.forPublicKey(
                    new byte[] {1, 2}, TlsaUsage.DANE_EE, TlsaMatchingType.SHA2_256))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readCertificatesPemAndDer() {
    TestCertificate root = root();
    TestCertificate leaf = leaf(root);
    byte[] pem = TestCertificate.chainPem(leaf, root).getBytes(StandardCharsets.US_ASCII);
    assertThat(TlsaGenerator.readCertificates(pem))
        .containsExactly(leaf.certificateDer(), root.certificateDer());
    assertThat(TlsaGenerator.readCertificates(leaf.certificateDer()))
        .containsExactly(leaf.certificateDer());
    assertThatThrownBy(() -> TlsaGenerator.readCertificates("hello".getBytes()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("malformed");
    assertThatThrownBy(
            () -> TlsaGenerator.readCertificates("-----BEGIN PRIVATE KEY-----\n".getBytes()))
        .hasMessageContaining("no CERTIFICATE");
    assertThatThrownBy(
            () ->
                TlsaGenerator.forCertificate(
                    new byte[] {0x30, 0},
                    TlsaUsage.DANE_EE,
                    TlsaSelector.CERT,
                    TlsaMatchingType.FULL))
        .hasMessageContaining("not a certificate");
  }
}
