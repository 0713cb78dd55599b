/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCertificateTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  @Test
  void selfSignedEcdsaByDefault() throws Exception {
    TestCertificate cert = TestCertificate.builder().subject("mx.example.org").build();
    X509Certificate x = cert.x509();
    assertThat(x.getSubjectX500Principal().getName()).isEqualTo("CN=mx.example.org");
    assertThat(x.getIssuerX500Principal()).isEqualTo(x.getSubjectX500Principal());
    assertThat(x.getPublicKey().getAlgorithm()).isEqualTo("EC");
    x.verify(cert.keyPair().getPublic());
    assertThat(x.getBasicConstraints()).isEqualTo(-1);
    assertThat(cert.certificateDer()).isEqualTo(x.getEncoded());
  }

  @Test
  void spkiIsTheEncodingInsideTheCertificate() {
    TestCertificate cert = TestCertificate.builder().build();
    assertThat(cert.spkiDer()).isEqualTo(cert.x509().getPublicKey().getEncoded());
    assertThat(cert.spkiDer()).isEqualTo(cert.keyPair().getPublic().getEncoded());
  }

  @Test
  void rsaWithConfigurableSize() throws Exception {
    TestCertificate ca =
        TestCertificate.builder()
            .keyAlgorithm(KeyAlgorithm.RSA)
            .rsaKeySize(1024)
            .certificateAuthority(0)
            .subject("rsa ca")
            .build();
    TestCertificate leaf = TestCertificate.builder().signedBy(ca).build();
    X509Certificate x = ca.x509();
    assertThat(x.getPublicKey().getAlgorithm()).isEqualTo("RSA");
    assertThat(((java.security.interfaces.RSAPublicKey) x.getPublicKey()).getModulus().bitLength())
        .isEqualTo(1024);
    assertThat(x.getSigAlgName()).isEqualTo("SHA256withRSA");
    leaf.x509().verify(ca.keyPair().getPublic());
  }

  @Test
  void chainOfThreeVerifies() throws Exception {
    TestCertificate root =
        TestCertificate.builder().subject("root").certificateAuthority(1).build();
    TestCertificate inter =
        TestCertificate.builder().subject("inter").certificateAuthority(0).signedBy(root).build();
    TestCertificate leaf =
        TestCertificate.builder()
            .subject("leaf")
            .dnsNames("mx.example.org", "*.example.net")
            .signedBy(inter)
            .build();
    root.x509().verify(root.keyPair().getPublic());
    inter.x509().verify(root.keyPair().getPublic());
    leaf.x509().verify(inter.keyPair().getPublic());
    assertThat(leaf.x509().getIssuerX500Principal().getName()).isEqualTo("CN=inter");
    assertThat(root.x509().getBasicConstraints()).isEqualTo(1);
    assertThat(inter.x509().getBasicConstraints()).isEqualTo(0);
    assertThat(inter.x509().getKeyUsage()[5]).as("keyCertSign").isTrue();
    Collection<List<?>> sans = leaf.x509().getSubjectAlternativeNames();
    assertThat(sans.stream().map(l -> (Object) l.get(1)).collect(Collectors.toList()))
        .containsExactly("mx.example.org", "*.example.net");
  }

  @Test
  void unlimitedPathLength() {
    TestCertificate ca = TestCertificate.builder().certificateAuthority(-1).build();
    assertThat(ca.x509().getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void keyUsageOverride() {
    TestCertificate ca =
        TestCertificate.builder()
            .certificateAuthority(0)
            .keyUsage(KeyUsage.digitalSignature)
            .build();
    assertThat(ca.x509().getKeyUsage()[5]).isFalse();
    TestCertificate none = TestCertificate.builder().keyUsage(0).build();
    assertThat(none.x509().getKeyUsage()).isNull();
  }

  @Test
  void validityAbsoluteAndRelative() {
    TestCertificate abs =
        TestCertificate.builder().validity(T0, T0.plus(Duration.ofDays(2))).build();
    assertThat(abs.x509().getNotBefore().toInstant()).isEqualTo(T0);
    assertThat(abs.x509().getNotAfter().toInstant()).isEqualTo(T0.plus(Duration.ofDays(2)));

    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    TestCertificate rel =
        TestCertificate.builder().clock(clock).validFor(Duration.ofHours(5)).build();
    assertThat(rel.x509().getNotBefore().toInstant()).isEqualTo(T0);
    assertThat(rel.x509().getNotAfter().toInstant()).isEqualTo(T0.plus(Duration.ofHours(5)));

    assertThatThrownBy(() -> TestCertificate.builder().validity(T0, T0.minusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void serialNumberAndKeyReuse() {
    TestCertificate first = TestCertificate.builder().serialNumber(42).build();
    TestCertificate second =
        TestCertificate.builder().keyPair(first.keyPair()).serialNumber(BigInteger.TEN).build();
    assertThat(first.x509().getSerialNumber()).isEqualTo(BigInteger.valueOf(42));
    assertThat(second.spkiDer()).isEqualTo(first.spkiDer());
    assertThat(second.certificateDer()).isNotEqualTo(first.certificateDer());
  }

  @Test
  void compressedEcPointIsEncodedCompressed() throws Exception {
    TestCertificate cert = TestCertificate.builder().compressedEcPoint(true).build();
    SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(cert.spkiDer());
    byte[] point = spki.getPublicKeyData().getOctets();
    // SEC 1 2.3.3: 0x02/0x03 prefix plus the 32-byte x coordinate for P-256.
    assertThat(point).hasSize(33);
    assertThat(point[0]).isIn((byte) 2, (byte) 3);
    assertThat(cert.spkiDer()).isNotEqualTo(cert.keyPair().getPublic().getEncoded());
    // The JDK (SunEC) only decodes uncompressed points.
    assertThatThrownBy(cert::x509)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("JDK cannot parse");
    // A compressed-key CA can still sign: its private key is an ordinary JDK key.
    TestCertificate ca =
        TestCertificate.builder().compressedEcPoint(true).certificateAuthority(0).build();
    TestCertificate leaf = TestCertificate.builder().signedBy(ca).build();
    leaf.x509().verify(ca.keyPair().getPublic());
  }

  @Test
  void compressedEcPointNeedsEcKey() {
    assertThatThrownBy(
            () ->
                TestCertificate.builder()
                    .keyAlgorithm(KeyAlgorithm.RSA)
                    .rsaKeySize(1024)
                    .compressedEcPoint(true)
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("EC");
  }

  @Test
  void pemOutputs(@TempDir Path dir) throws Exception {
    TestCertificate ca = TestCertificate.builder().certificateAuthority(0).build();
    TestCertificate leaf = TestCertificate.builder().signedBy(ca).build();
    String pem = leaf.certificatePem();
    assertThat(pem)
        .startsWith("-----BEGIN CERTIFICATE-----\n")
        .endsWith("-----END CERTIFICATE-----\n");
    assertThat(pem.lines().filter(l -> !l.startsWith("-----")).allMatch(l -> l.length() <= 64))
        .isTrue();
    assertThat(leaf.privateKeyPkcs8Pem()).startsWith("-----BEGIN PRIVATE KEY-----\n");
    String chain = TestCertificate.chainPem(leaf, ca);
    assertThat(chain).isEqualTo(leaf.certificatePem() + ca.certificatePem());

    Path file = TestCertificate.writeChainPem(dir.resolve("chain.pem"), leaf, ca);
    var parsed =
        java.security.cert.CertificateFactory.getInstance("X.509")
            .generateCertificates(Files.newInputStream(file));
    assertThat(parsed).hasSize(2);
    leaf.writeCertificatePem(dir.resolve("leaf.pem"));
    leaf.writePrivateKeyPem(dir.resolve("leaf.key"));
    assertThat(Files.readString(dir.resolve("leaf.key"), StandardCharsets.US_ASCII))
        .isEqualTo(leaf.privateKeyPkcs8Pem());
    assertThat(Arrays.equals(leaf.certificateDer(), leaf.certificateDer())).isTrue();
  }

  @Test
  void accessorsReturnCopies() {
    TestCertificate cert = TestCertificate.builder().build();
    byte[] der = cert.certificateDer();
    der[0] ^= 1;
    assertThat(cert.certificateDer()).isNotEqualTo(der);
    byte[] spki = cert.spkiDer();
    spki[0] ^= 1;
    assertThat(cert.spkiDer()).isNotEqualTo(spki);
  }

  @Test
  void subjectEscaping() {
    TestCertificate cert = TestCertificate.builder().subject("a,b").build();
    assertThat(cert.x509().getSubjectX500Principal().getName()).isEqualTo("CN=a\\,b");
    TestCertificate dn = TestCertificate.builder().subjectDn("CN=x,O=Example").build();
    assertThat(dn.subjectDn()).isEqualTo("CN=x,O=Example");
  }

  @Test
  void extendedKeyUsageNameConstraintsAndRawExtensions() throws Exception {
    TestCertificate ca =
        TestCertificate.builder()
            .subject("constrained")
            .certificateAuthority(-1)
            .permittedDnsNames("partner.example")
            .excludedDnsNames("secret.partner.example")
            .build();
    TestCertificate leaf =
        TestCertificate.builder()
            .signedBy(ca)
            .extendedKeyUsage(KeyPurposeId.id_kp_clientAuth)
            .extension("1.3.6.1.4.1.55555.1", true, new byte[] {0x05, 0x00})
            .build();
    X509Certificate x = leaf.x509();
    assertThat(x.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    assertThat(x.getCriticalExtensionOIDs()).contains("1.3.6.1.4.1.55555.1");
    assertThat(x.getExtensionValue("1.3.6.1.4.1.55555.1")).endsWith(0x05, 0x00);
    X509CertificateHolder holder = new X509CertificateHolder(ca.certificateDer());
    NameConstraints nc =
        NameConstraints.getInstance(
            holder.getExtension(Extension.nameConstraints).getParsedValue());
    assertThat(holder.getExtension(Extension.nameConstraints).isCritical()).isTrue();
    assertThat(nc.getPermittedSubtrees()[0].getBase().getName().toString())
        .isEqualTo("partner.example");
    assertThat(nc.getExcludedSubtrees()[0].getBase().getName().toString())
        .isEqualTo("secret.partner.example");
  }

  @Test
  void weakSignatureAlgorithm() throws Exception {
    TestCertificate ca =
        TestCertificate.builder().keyAlgorithm(KeyAlgorithm.RSA).certificateAuthority(-1).build();
    TestCertificate md5 =
        TestCertificate.builder().signedBy(ca).signatureAlgorithm("MD5withRSA").build();
    assertThat(md5.x509().getSigAlgName()).isEqualTo("MD5withRSA");
    md5.x509().verify(ca.keyPair().getPublic());
  }

  // The bytes are kept as given, so tests can present a name that decoders must refuse.
  @Test
  void rawCommonNameKeepsInvalidUtf8() throws Exception {
    TestCertificate cert =
        TestCertificate.builder().subjectCommonNameBytes(new byte[] {(byte) 0xC3, 0x28}).build();
    byte[] der = cert.certificateDer();
    assertThat(
            Collections.indexOfSubList(
                toList(der), toList(new byte[] {0x0c, 0x02, (byte) 0xC3, 0x28})))
        .isPositive();
    assertThat(cert.subjectDn()).isEqualTo("CN=#0c02c328");
    // It can still issue certificates: its name is copied as bytes into theirs.
    TestCertificate child = TestCertificate.builder().signedBy(cert).build();
    assertThat(
            Collections.indexOfSubList(
                toList(child.certificateDer()), toList(new byte[] {0x0c, 0x02, (byte) 0xC3, 0x28})))
        .isPositive();
  }

  private static List<Byte> toList(byte[] bytes) {
    List<Byte> out = new java.util.ArrayList<>();
    for (byte b : bytes) {
      out.add(b);
    }
    return out;
  }
}
