/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Date;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateType;
import org.bouncycastle.tls.TlsFatalAlert;
import org.junit.jupiter.api.Test;

/**
 * The probe refuses a server RSA key OpenSSL would verify nothing with, before Bouncy Castle spends
 * its cost (ProbeSession turns off Bouncy Castle's Miller-Rabin test of the modulus, so this bound
 * is the one left): a 4096-bit modulus with an 81-bit exponent (OpenSSL: at most 64 bits over 3072)
 * ends the handshake; the same modulus with 65537 does not.
 */
class RawCaptureCryptoTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void aServerKeyOpenSslWouldNotVerifyWithEndsTheHandshake() throws Exception {
    BigInteger n = new BigInteger(4096, RANDOM).setBit(4095).setBit(0);
    byte[] costly = certificate(n, BigInteger.ONE.shiftLeft(80).setBit(0));
    byte[] usual = certificate(n, BigInteger.valueOf(65537));

    RawCaptureCrypto crypto = new RawCaptureCrypto(RANDOM, 10);
    assertThatThrownBy(() -> crypto.createCertificate(CertificateType.X509, costly))
        .isInstanceOfSatisfying(
            TlsFatalAlert.class,
            a ->
                assertThat(a.getAlertDescription())
                    .isEqualTo(AlertDescription.unsupported_certificate))
        .hasMessageContaining("exponent over 64 bits");
    assertThat(crypto.received()).hasSize(1); // still kept for the report

    assertThat(new RawCaptureCrypto(RANDOM, 10).createCertificate(CertificateType.X509, usual))
        .isNotNull();
    // Only the server's own key signs the handshake: an issuer's is not checked here.
    RawCaptureCrypto chain = new RawCaptureCrypto(RANDOM, 10);
    chain.createCertificate(CertificateType.X509, usual);
    assertThat(chain.createCertificate(CertificateType.X509, costly)).isNotNull();
  }

  /** A certificate for this RSA key (signed by another: only its structure matters here). */
  private static byte[] certificate(BigInteger n, BigInteger e) throws Exception {
    SubjectPublicKeyInfo spki =
        new SubjectPublicKeyInfo(
            new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
            new RSAPublicKey(n, e));
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(256);
    KeyPair signer = ec.generateKeyPair();
    X500Name name = new X500Name("CN=mx.example");
    long now = System.currentTimeMillis();
    return new X509v3CertificateBuilder(
            name, BigInteger.ONE, new Date(now - 3_600_000), new Date(now + 3_600_000), name, spki)
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate()))
        .getEncoded();
  }
}
