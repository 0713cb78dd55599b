/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.pkix;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.danecheck.PkixStatus;
import org.danecheck.testkit.KeyAlgorithm;
import org.danecheck.testkit.TestCertificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PkixClassifierTest {
  static TestCertificate root;
  static TestCertificate intermediate;
  static TestCertificate leaf;
  static PkixClassifier classifier;

  @BeforeAll
  static void chain() {
    root = TestCertificate.builder().subject("Root").certificateAuthority(2).build();
    intermediate =
        TestCertificate.builder()
            .subject("Intermediate")
            .certificateAuthority(0)
            .signedBy(root)
            .build();
    leaf =
        TestCertificate.builder()
            .subject("mx.example.test")
            .dnsNames("mx.example.test")
            .signedBy(intermediate)
            .build();
    classifier = new PkixClassifier(PkixTrust.fromPem(root.certificatePem()));
  }

  private static List<byte[]> ders(TestCertificate... certificates) {
    return java.util.Arrays.stream(certificates).map(TestCertificate::certificateDer).toList();
  }

  @Test
  void chainToATrustedRootIsTrusted() {
    assertThat(classifier.classify(ders(leaf, intermediate), Instant.now()).status())
        .isEqualTo(PkixStatus.TRUSTED);
  }

  @Test
  void outOfOrderChainWithTheRootIncludedIsStillTrusted() {
    assertThat(classifier.classify(ders(leaf, root, intermediate), Instant.now()).status())
        .isEqualTo(PkixStatus.TRUSTED);
  }

  @Test
  void theNameIsNotChecked() {
    TestCertificate otherName =
        TestCertificate.builder()
            .subject("elsewhere.test")
            .dnsNames("elsewhere.test")
            .signedBy(intermediate)
            .build();
    assertThat(classifier.classify(ders(otherName, intermediate), Instant.now()).status())
        .isEqualTo(PkixStatus.TRUSTED);
  }

  // OpenSSL's verifier applies the TLS server purpose (`openssl verify -purpose sslserver`: "num=26
  // unsuitable certificate purpose"; interop scenario eku, where posttls-finger logs "Untrusted"):
  // a leaf whose extendedKeyUsage lacks serverAuth, or a CA whose extendedKeyUsage does, is not
  // Trusted although the JDK's PKIX builds the path.
  @Test
  void theTlsServerPurposeIsCheckedAsOpenSslDoes() {
    TestCertificate clientOnly =
        TestCertificate.builder()
            .subject("mx.example.test")
            .dnsNames("mx.example.test")
            .extendedKeyUsage(org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_clientAuth)
            .signedBy(intermediate)
            .build();
    PkixClassifier.Classification leafResult =
        classifier.classify(ders(clientOnly, intermediate), Instant.now());
    assertThat(leafResult.status()).isEqualTo(PkixStatus.UNTRUSTED);
    assertThat(leafResult.reason()).contains("depth 0").contains("serverAuth");

    TestCertificate clientCa =
        TestCertificate.builder()
            .subject("Client CA")
            .certificateAuthority(0)
            .extendedKeyUsage(org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_clientAuth)
            .signedBy(root)
            .build();
    TestCertificate underClientCa =
        TestCertificate.builder()
            .subject("mx.example.test")
            .dnsNames("mx.example.test")
            .signedBy(clientCa)
            .build();
    assertThat(classifier.classify(ders(underClientCa, clientCa), Instant.now()).reason())
        .contains("depth 1");
    TestCertificate serverAuth =
        TestCertificate.builder()
            .subject("mx.example.test")
            .dnsNames("mx.example.test")
            .extendedKeyUsage(org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_serverAuth)
            .signedBy(intermediate)
            .build();
    assertThat(classifier.classify(ders(serverAuth, intermediate), Instant.now()).status())
        .isEqualTo(PkixStatus.TRUSTED);
  }

  @Test
  void missingIntermediateIsUntrustedWithoutAiaChasing() {
    PkixClassifier.Classification result = classifier.classify(ders(leaf), Instant.now());

    assertThat(result.status()).isEqualTo(PkixStatus.UNTRUSTED);
    assertThat(result.reason()).contains("no valid path");
  }

  @Test
  void expiredIsUntrusted() {
    assertThat(
            classifier
                .classify(ders(leaf, intermediate), Instant.now().plus(Duration.ofDays(400)))
                .status())
        .isEqualTo(PkixStatus.UNTRUSTED);
  }

  @Test
  void selfSignedLeafIsUntrusted() {
    TestCertificate self = TestCertificate.builder().subject("mx.example.test").build();
    assertThat(classifier.classify(ders(self), Instant.now()).status())
        .isEqualTo(PkixStatus.UNTRUSTED);
  }

  @Test
  void noCertificateIsNotChecked() {
    assertThat(classifier.classify(List.of(), Instant.now()).status())
        .isEqualTo(PkixStatus.NOT_CHECKED);
  }

  @Test
  void certificateTheJdkCannotParseIsUntrustedWithTheReason() {
    TestCertificate compressed =
        TestCertificate.builder()
            .subject("mx.example.test")
            .compressedEcPoint(true)
            .signedBy(intermediate)
            .build();

    PkixClassifier.Classification result =
        classifier.classify(ders(compressed, intermediate), Instant.now());

    assertThat(result.status()).isEqualTo(PkixStatus.UNTRUSTED);
    assertThat(result.reason()).contains("depth 0");
  }

  @Test
  void garbageBytesAreUntrusted() {
    assertThat(classifier.classify(List.of(new byte[] {1, 2, 3}), Instant.now()).status())
        .isEqualTo(PkixStatus.UNTRUSTED);
  }

  @Test
  void trustFromAKeyStoreAndFromCertificates() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("root", root.x509());
    PkixClassifier fromStore = new PkixClassifier(PkixTrust.fromKeyStore(store));
    PkixClassifier empty = new PkixClassifier(PkixTrust.of(List.of()));

    assertThat(fromStore.classify(ders(leaf, intermediate), Instant.now()).status())
        .isEqualTo(PkixStatus.TRUSTED);
    assertThat(empty.classify(ders(leaf, intermediate), Instant.now()).status())
        .isEqualTo(PkixStatus.UNTRUSTED);
  }

  @Test
  void jdkTrustStoreLoadsAndDoesNotTrustTestCas() {
    PkixTrust jdk = PkixTrust.jdkDefault();

    assertThat(jdk.anchors()).isNotEmpty();
    assertThat(new PkixClassifier(jdk).classify(ders(leaf, intermediate), Instant.now()).status())
        .isEqualTo(PkixStatus.UNTRUSTED);
  }

  @Test
  void rsaChainsWork() {
    TestCertificate rsaLeaf =
        TestCertificate.builder()
            .subject("mx.example.test")
            .keyAlgorithm(KeyAlgorithm.RSA)
            .signedBy(intermediate)
            .build();
    assertThat(classifier.classify(ders(rsaLeaf, intermediate), Instant.now()).status())
        .isEqualTo(PkixStatus.TRUSTED);
  }
}
