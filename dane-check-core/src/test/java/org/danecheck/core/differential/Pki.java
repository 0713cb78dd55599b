/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.differential;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.DSAParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v1CertificateBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A small certificate factory for the differential tests, independent of the testkit: every knob
 * the cases turn (basic constraints, key usage, EKU, name constraints, unknown critical extensions,
 * validity, signature algorithm, key size, self-issued names) is explicit.
 */
final class Pki {
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();
  private static final Map<String, KeyPair> KEYS = new ConcurrentHashMap<>();
  private static final AtomicLong SERIAL = new AtomicLong(1000);

  /** An OID under the "example" arc (RFC 7229 uses 1.3.6.1.5.5.7.13 for tests). */
  static final ASN1ObjectIdentifier UNKNOWN_EXTENSION =
      new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.1.1");

  private Pki() {}

  /**
   * A key pair by name, generated once per run: "ec" or "ec-<tag>" (P-256), "rsa<bits>" or
   * "rsa<bits>-<tag>", and keys at OpenSSL's verification bounds (crypto/rsa/rsa_ossl.c,
   * crypto/dsa/dsa_ossl.c): "dsaq<bits>" (DSA, p of 1024 bits, q of that many bits),
   * "rsa<bits>e<bits>" (an exponent of that many bits), "rsa<bits>egtn" (an exponent above the
   * modulus that still verifies the private key's signatures, e + k lambda(n)) and "rsa<bits>ebig"
   * (such an exponent just below the modulus).
   */
  static KeyPair key(String name) {
    return KEYS.computeIfAbsent(name, Pki::generate);
  }

  private static KeyPair generate(String name) {
    try {
      String kind = name.contains("-") ? name.substring(0, name.indexOf('-')) : name;
      if (kind.equals("ec")) {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BC);
        g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        return g.generateKeyPair();
      }
      if (kind.startsWith("dsaq")) {
        return dsa(Integer.parseInt(kind.substring(4)));
      }
      if (kind.matches("rsa[0-9]+e(gtn|big)")) {
        int bits = Integer.parseInt(kind.substring(3, kind.indexOf('e')));
        return rsaWithLargeExponent(bits, kind.endsWith("gtn"));
      }
      if (kind.matches("rsa[0-9]+e[0-9]+")) {
        int bits = Integer.parseInt(kind.substring(3, kind.indexOf('e')));
        int eBits = Integer.parseInt(kind.substring(kind.indexOf('e') + 1));
        BigInteger e = BigInteger.ONE.shiftLeft(eBits - 1).add(BigInteger.ONE);
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA", BC);
        g.initialize(new RSAKeyGenParameterSpec(bits, e), new SecureRandom());
        return g.generateKeyPair();
      }
      if (kind.startsWith("rsa")) {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA", BC);
        g.initialize(Integer.parseInt(kind.substring(3)), new SecureRandom());
        return g.generateKeyPair();
      }
      throw new IllegalArgumentException(name);
    } catch (Exception e) {
      throw new IllegalStateException("cannot generate key " + name, e);
    }
  }

  // DSA with p of 1024 bits and q of qBits: q prime, p = 2kq + 1 prime, g of order q.
  private static KeyPair dsa(int qBits) throws Exception {
    SecureRandom random = new SecureRandom();
    BigInteger q = BigInteger.probablePrime(qBits, random);
    BigInteger p;
    do {
      BigInteger k = new BigInteger(1024 - qBits - 1, random).setBit(1024 - qBits - 2);
      p = k.multiply(q).shiftLeft(1).add(BigInteger.ONE);
    } while (p.bitLength() != 1024 || !p.isProbablePrime(64));
    BigInteger exponent = p.subtract(BigInteger.ONE).divide(q);
    BigInteger g = BigInteger.TWO;
    BigInteger generator;
    while ((generator = g.modPow(exponent, p)).equals(BigInteger.ONE)) {
      g = g.add(BigInteger.ONE);
    }
    KeyPairGenerator kpg = KeyPairGenerator.getInstance("DSA", BC);
    kpg.initialize(new DSAParameterSpec(p, q, generator), random);
    return kpg.generateKeyPair();
  }

  // An RSA key whose public exponent e' = e + k lambda(n) verifies what the private key signs
  // (s^e' = s^e mod n): above the modulus, or the largest such exponent below it.
  private static KeyPair rsaWithLargeExponent(int bits, boolean aboveModulus) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA", BC);
    g.initialize(bits, new SecureRandom());
    KeyPair pair = g.generateKeyPair();
    RSAPrivateCrtKey priv = (RSAPrivateCrtKey) pair.getPrivate();
    BigInteger n = priv.getModulus();
    BigInteger p1 = priv.getPrimeP().subtract(BigInteger.ONE);
    BigInteger q1 = priv.getPrimeQ().subtract(BigInteger.ONE);
    BigInteger lambda = p1.multiply(q1).divide(p1.gcd(q1));
    BigInteger k = n.subtract(priv.getPublicExponent()).divide(lambda);
    if (aboveModulus) {
      k = k.add(BigInteger.ONE);
    }
    BigInteger e = priv.getPublicExponent().add(lambda.multiply(k));
    PublicKey pub = KeyFactory.getInstance("RSA", BC).generatePublic(new RSAPublicKeySpec(n, e));
    return new KeyPair(pub, priv);
  }

  /** The private key of a certificate built here (by its public key), or null. */
  static PrivateKey privateKeyFor(byte[] certDer) {
    byte[] spki = GeneratedCases.spki(certDer);
    for (KeyPair k : KEYS.values()) {
      if (java.util.Arrays.equals(k.getPublic().getEncoded(), spki)) {
        return k.getPrivate();
      }
    }
    return null;
  }

  /** A certificate to be: subject and key; everything else has a sensible default. */
  static final class Spec {
    final String subject;
    KeyPair key;
    Instant notBefore;
    Instant notAfter;

    /** Null: no basicConstraints extension. */
    Boolean ca;

    int pathLen = -1;
    boolean bcCritical = true;

    /** KeyUsage bits, or -1 for no keyUsage extension. */
    int keyUsage = -1;

    List<KeyPurposeId> eku;
    List<String> dnsNames = new ArrayList<>();
    List<String> permitted = new ArrayList<>();
    List<String> excluded = new ArrayList<>();
    boolean unknownCritical;

    /** Subject and authority key identifiers (RFC 5280 4.2.1.1, 4.2.1.2). */
    boolean keyIds;

    boolean version1;
    String signatureAlgorithm;
    String issuerOverride;

    Spec(String subject, KeyPair key, Instant notBefore, Instant notAfter) {
      this.subject = subject;
      this.key = key;
      this.notBefore = notBefore;
      this.notAfter = notAfter;
    }

    static Spec ca(String subject, KeyPair key, Instant notBefore, Instant notAfter) {
      Spec s = new Spec(subject, key, notBefore, notAfter);
      s.ca = Boolean.TRUE;
      s.keyUsage = KeyUsage.keyCertSign | KeyUsage.cRLSign;
      return s;
    }

    static Spec leaf(String subject, KeyPair key, Instant notBefore, Instant notAfter) {
      Spec s = new Spec(subject, key, notBefore, notAfter);
      s.keyUsage = KeyUsage.digitalSignature | KeyUsage.keyEncipherment;
      s.eku = List.of(KeyPurposeId.id_kp_serverAuth);
      return s;
    }

    Spec copy(String newSubject) {
      Spec s = new Spec(newSubject, key, notBefore, notAfter);
      s.ca = ca;
      s.pathLen = pathLen;
      s.bcCritical = bcCritical;
      s.keyUsage = keyUsage;
      s.eku = eku;
      s.dnsNames = new ArrayList<>(dnsNames);
      s.permitted = new ArrayList<>(permitted);
      s.excluded = new ArrayList<>(excluded);
      s.unknownCritical = unknownCritical;
      s.keyIds = keyIds;
      s.version1 = version1;
      s.signatureAlgorithm = signatureAlgorithm;
      s.issuerOverride = issuerOverride;
      return s;
    }
  }

  /** An issued certificate with the key that signs its children. */
  record Cert(byte[] der, String subject, KeyPair key) {}

  /** Self-signed (or, with a different key, self-issued and unverifiable). */
  static Cert selfSigned(Spec spec) {
    return sign(spec, spec.subject, spec.key.getPrivate(), spec.key.getPublic());
  }

  static Cert issue(Spec spec, Cert issuer) {
    return sign(spec, issuer.subject(), issuer.key().getPrivate(), issuer.key().getPublic());
  }

  private static Cert sign(
      Spec spec, String issuerName, PrivateKey signingKey, PublicKey issuerKey) {
    try {
      X500Name subject = new X500Name(spec.subject);
      X500Name issuer =
          new X500Name(spec.issuerOverride != null ? spec.issuerOverride : issuerName);
      BigInteger serial = BigInteger.valueOf(SERIAL.incrementAndGet());
      PublicKey pub = spec.key.getPublic();
      SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(pub.getEncoded());
      String alg =
          spec.signatureAlgorithm != null
              ? spec.signatureAlgorithm
              : signingKey.getAlgorithm().startsWith("EC")
                  ? "SHA256withECDSA"
                  : signingKey.getAlgorithm().equals("DSA") ? "SHA256withDSA" : "SHA256withRSA";
      ContentSigner signer = new JcaContentSignerBuilder(alg).setProvider(BC).build(signingKey);
      Date from = Date.from(spec.notBefore);
      Date to = Date.from(spec.notAfter);
      if (spec.version1) {
        return new Cert(
            new X509v1CertificateBuilder(issuer, serial, from, to, subject, spki)
                .build(signer)
                .getEncoded(),
            spec.subject,
            spec.key);
      }
      X509v3CertificateBuilder b =
          new X509v3CertificateBuilder(issuer, serial, from, to, subject, spki);
      if (spec.ca != null) {
        BasicConstraints bc =
            spec.ca && spec.pathLen >= 0
                ? new BasicConstraints(spec.pathLen)
                : new BasicConstraints(spec.ca);
        b.addExtension(Extension.basicConstraints, spec.bcCritical, bc);
      }
      if (spec.keyUsage >= 0) {
        b.addExtension(Extension.keyUsage, true, new KeyUsage(spec.keyUsage));
      }
      if (spec.eku != null) {
        b.addExtension(
            Extension.extendedKeyUsage,
            false,
            new ExtendedKeyUsage(spec.eku.toArray(new KeyPurposeId[0])));
      }
      if (!spec.dnsNames.isEmpty()) {
        GeneralName[] names =
            spec.dnsNames.stream()
                .map(n -> new GeneralName(GeneralName.dNSName, n))
                .toArray(GeneralName[]::new);
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
      }
      if (!spec.permitted.isEmpty() || !spec.excluded.isEmpty()) {
        b.addExtension(
            Extension.nameConstraints,
            true,
            new NameConstraints(subtrees(spec.permitted), subtrees(spec.excluded)));
      }
      if (spec.keyIds) {
        JcaX509ExtensionUtils ids = new JcaX509ExtensionUtils();
        b.addExtension(Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(pub));
        b.addExtension(
            Extension.authorityKeyIdentifier, false, ids.createAuthorityKeyIdentifier(issuerKey));
      }
      if (spec.unknownCritical) {
        b.addExtension(UNKNOWN_EXTENSION, true, new DEROctetString(new byte[] {5, 0}));
      }
      return new Cert(b.build(signer).getEncoded(), spec.subject, spec.key);
    } catch (Exception e) {
      throw new IllegalStateException("cannot build certificate " + spec.subject, e);
    }
  }

  private static GeneralSubtree[] subtrees(List<String> dns) {
    if (dns.isEmpty()) {
      return null;
    }
    return dns.stream()
        .map(n -> new GeneralSubtree(new GeneralName(GeneralName.dNSName, n)))
        .toArray(GeneralSubtree[]::new);
  }
}
