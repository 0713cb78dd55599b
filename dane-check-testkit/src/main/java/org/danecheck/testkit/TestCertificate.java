/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.testkit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
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
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.encoders.Hex;

/**
 * An immutable key pair and X.509 certificate for tests, in the spirit of OkHttp's {@code
 * HeldCertificate}. Create one with {@link #builder()}.
 *
 * <p>Certificates are built with Bouncy Castle's PKIX API and signed by the JDK's own providers; no
 * security provider is registered globally.
 */
public final class TestCertificate {

  private final KeyPair keyPair;
  private final byte[] certificateDer;
  private final byte[] spkiDer;
  private final X500Name subject;
  private final String subjectDn;

  private TestCertificate(
      KeyPair keyPair, byte[] certificateDer, byte[] spkiDer, X500Name subject, String dn) {
    this.keyPair = keyPair;
    this.certificateDer = certificateDer;
    this.spkiDer = spkiDer;
    this.subject = subject;
    this.subjectDn = dn;
  }

  /** Returns a new builder; each {@code build()} makes a fresh certificate. */
  public static Builder builder() {
    return new Builder();
  }

  /** The DER encoding of the certificate, exactly as signed (a copy). */
  public byte[] certificateDer() {
    return certificateDer.clone();
  }

  /** The DER SubjectPublicKeyInfo as it appears inside the certificate (a copy). */
  public byte[] spkiDer() {
    return spkiDer.clone();
  }

  /** The key pair; the private key signs certificates issued by this one. */
  public KeyPair keyPair() {
    return keyPair;
  }

  /**
   * The subject distinguished name in RFC 4514 form; a malformed name (see {@link
   * Builder#subjectCommonNameBytes(byte[])}) is shown with its value in hexadecimal ({@code
   * CN=#0c02c328}).
   */
  public String subjectDn() {
    return subjectDn;
  }

  /**
   * The certificate parsed by the JDK.
   *
   * @throws IllegalStateException if the JDK cannot parse it (e.g. a compressed EC point)
   */
  public X509Certificate x509() {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      X509Certificate cert =
          (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(certificateDer));
      // The JDK parses the key lazily on some versions: force it so failure is reported here.
      Objects.requireNonNull(cert.getPublicKey());
      return cert;
    } catch (CertificateException | RuntimeException e) {
      throw new IllegalStateException(
          "the JDK cannot parse this certificate (" + subjectDn + "): " + e.getMessage(), e);
    }
  }

  /** The certificate as one PEM block. */
  public String certificatePem() {
    return pem("CERTIFICATE", certificateDer);
  }

  /** The private key as an unencrypted PKCS#8 PEM block. */
  public String privateKeyPkcs8Pem() {
    return pem("PRIVATE KEY", keyPair.getPrivate().getEncoded());
  }

  /** The PEM blocks of the given certificates, concatenated in the given order. */
  public static String chainPem(TestCertificate... chain) {
    StringBuilder out = new StringBuilder();
    for (TestCertificate c : chain) {
      out.append(Objects.requireNonNull(c, "chain element").certificatePem());
    }
    return out.toString();
  }

  /** Writes {@link #certificatePem()} to {@code file}. */
  public Path writeCertificatePem(Path file) {
    return write(file, certificatePem());
  }

  /** Writes {@link #privateKeyPkcs8Pem()} to {@code file}. */
  public Path writePrivateKeyPem(Path file) {
    return write(file, privateKeyPkcs8Pem());
  }

  /** Writes {@link #chainPem(TestCertificate...)} of {@code chain} to {@code file}. */
  public static Path writeChainPem(Path file, TestCertificate... chain) {
    return write(file, chainPem(chain));
  }

  @Override
  public String toString() {
    return "TestCertificate[" + subjectDn + "]";
  }

  private static Path write(Path file, String text) {
    try {
      return Files.writeString(
          Objects.requireNonNull(file, "file"), text, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String pem(String label, byte[] der) {
    String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + base64 + "\n-----END " + label + "-----\n";
  }

  /** Builds a {@link TestCertificate}. Not thread-safe; all settings are optional. */
  public static final class Builder {
    private static final SecureRandom RANDOM = new SecureRandom();

    private String subjectDn;
    private final List<String> dnsNames = new ArrayList<>();
    private KeyAlgorithm keyAlgorithm = KeyAlgorithm.ECDSA;
    private int rsaKeySize = 2048;
    private boolean compressedEcPoint;
    private Clock clock = Clock.systemUTC();
    private Instant notBefore;
    private Instant notAfter;
    private Duration validFor;
    private int maxPathLen = -1;
    private boolean ca;
    private Integer keyUsage;
    private TestCertificate issuer;
    private BigInteger serialNumber;
    private KeyPair keyPair;
    private byte[] rawCommonName;
    private KeyPurposeId[] extendedKeyUsage;
    private final List<String> permittedDnsNames = new ArrayList<>();
    private final List<String> excludedDnsNames = new ArrayList<>();
    private final List<Extension> extraExtensions = new ArrayList<>();
    private String signatureAlgorithm;

    private Builder() {}

    /** Sets the subject to {@code CN=commonName}. The default is {@code CN=test}. */
    public Builder subject(String commonName) {
      Objects.requireNonNull(commonName, "commonName");
      this.subjectDn = new X500Name("CN=" + escapeRdnValue(commonName)).toString();
      this.rawCommonName = null;
      return this;
    }

    /** Sets the subject distinguished name in RFC 4514 form, e.g. {@code CN=ca,O=Example}. */
    public Builder subjectDn(String dn) {
      this.subjectDn = new X500Name(Objects.requireNonNull(dn, "dn")).toString();
      this.rawCommonName = null;
      return this;
    }

    /**
     * Sets the subject to one commonName whose UTF8String content is exactly these bytes, valid
     * UTF-8 or not: {@code {0xC3, 0x28}} makes the malformed name that OpenSSL refuses to decode,
     * for tests of how a consumer handles a certificate it cannot read.
     */
    public Builder subjectCommonNameBytes(byte[] utf8StringContent) {
      this.rawCommonName = Objects.requireNonNull(utf8StringContent, "utf8StringContent").clone();
      this.subjectDn = null;
      return this;
    }

    /**
     * Sets the subjectAltName dNSName entries, replacing any set before; wildcards such as {@code
     * *.example.org} allowed; none for a certificate without SANs.
     */
    public Builder dnsNames(String... names) {
      dnsNames.clear();
      for (String name : names) {
        dnsNames.add(Objects.requireNonNull(name, "dns name"));
      }
      return this;
    }

    /** Sets the key algorithm; ECDSA P-256 by default. */
    public Builder keyAlgorithm(KeyAlgorithm algorithm) {
      this.keyAlgorithm = Objects.requireNonNull(algorithm, "algorithm");
      return this;
    }

    /** Sets the RSA modulus size in bits, used with {@link KeyAlgorithm#RSA}. */
    public Builder rsaKeySize(int bits) {
      if (bits < 512) {
        throw new IllegalArgumentException("RSA key size too small: " + bits);
      }
      this.rsaKeySize = bits;
      return this;
    }

    /**
     * Encodes the EC public key in the certificate with a compressed point (SEC 1 2.3.3). The JDK
     * refuses to parse such keys, which makes it a good test that a consumer works on raw bytes.
     */
    public Builder compressedEcPoint(boolean compressed) {
      this.compressedEcPoint = compressed;
      return this;
    }

    /** The clock {@link #validFor(Duration)} and the default validity are relative to. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sets an absolute validity period (second precision; X.509 has no finer). */
    public Builder validity(Instant notBefore, Instant notAfter) {
      Objects.requireNonNull(notBefore, "notBefore");
      Objects.requireNonNull(notAfter, "notAfter");
      if (notAfter.isBefore(notBefore)) {
        throw new IllegalArgumentException("notAfter before notBefore");
      }
      this.notBefore = notBefore;
      this.notAfter = notAfter;
      this.validFor = null;
      return this;
    }

    /**
     * Makes the certificate valid from the clock's now for {@code duration}. The default is one
     * hour before now until 30 days after.
     */
    public Builder validFor(Duration duration) {
      if (Objects.requireNonNull(duration, "duration").isNegative()) {
        throw new IllegalArgumentException("negative duration");
      }
      this.validFor = duration;
      this.notBefore = null;
      this.notAfter = null;
      return this;
    }

    /**
     * Makes this a CA certificate: basicConstraints CA=true (critical) and keyUsage keyCertSign,
     * cRLSign.
     *
     * @param maxPathLen the pathLenConstraint, or -1 for none
     */
    public Builder certificateAuthority(int maxPathLen) {
      if (maxPathLen < -1) {
        throw new IllegalArgumentException("maxPathLen must be >= -1");
      }
      this.ca = true;
      this.maxPathLen = maxPathLen;
      return this;
    }

    /**
     * Overrides the keyUsage extension with Bouncy Castle {@link KeyUsage} bits (e.g. {@code
     * KeyUsage.digitalSignature}); 0 omits the extension.
     */
    public Builder keyUsage(int bits) {
      if (bits < 0) {
        throw new IllegalArgumentException("negative key usage bits");
      }
      this.keyUsage = bits;
      return this;
    }

    /**
     * Adds an extendedKeyUsage extension (non-critical) with these purposes, e.g. {@link
     * KeyPurposeId#id_kp_serverAuth}; none given removes it (the default: no extension, any use).
     */
    public Builder extendedKeyUsage(KeyPurposeId... purposes) {
      for (KeyPurposeId p : purposes) {
        Objects.requireNonNull(p, "purpose");
      }
      this.extendedKeyUsage = purposes.length == 0 ? null : purposes.clone();
      return this;
    }

    /**
     * Adds a critical nameConstraints extension permitting only names within these DNS subtrees
     * (RFC 5280 4.2.1.10), e.g. {@code example.org} for it and every name below it.
     */
    public Builder permittedDnsNames(String... subtrees) {
      permittedDnsNames.clear();
      for (String name : subtrees) {
        permittedDnsNames.add(Objects.requireNonNull(name, "subtree"));
      }
      return this;
    }

    /** Like {@link #permittedDnsNames(String...)}, for DNS subtrees that are excluded. */
    public Builder excludedDnsNames(String... subtrees) {
      excludedDnsNames.clear();
      for (String name : subtrees) {
        excludedDnsNames.add(Objects.requireNonNull(name, "subtree"));
      }
      return this;
    }

    /**
     * Adds any extension, e.g. one with an unknown OID marked critical; {@code valueDer} is the DER
     * of the extension's value (what its OCTET STRING wraps).
     */
    public Builder extension(String oid, boolean critical, byte[] valueDer) {
      Objects.requireNonNull(oid, "oid");
      Objects.requireNonNull(valueDer, "valueDer");
      extraExtensions.add(new Extension(new ASN1ObjectIdentifier(oid), critical, valueDer.clone()));
      return this;
    }

    /**
     * Sets the JCA name of the signature algorithm the issuer signs with, e.g. {@code SHA1withRSA}
     * or {@code MD5withRSA} for tests of weak signatures. The default is SHA-256 with the issuer's
     * key type.
     */
    public Builder signatureAlgorithm(String jcaName) {
      this.signatureAlgorithm = Objects.requireNonNull(jcaName, "jcaName");
      return this;
    }

    /** Signs with {@code issuer}'s private key and names it as issuer; else self-signed. */
    public Builder signedBy(TestCertificate issuer) {
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      return this;
    }

    /** Sets the serial number; random by default. */
    public Builder serialNumber(BigInteger serial) {
      if (Objects.requireNonNull(serial, "serial").signum() <= 0) {
        throw new IllegalArgumentException("serial number must be positive");
      }
      this.serialNumber = serial;
      return this;
    }

    /** Sets the serial number; random by default. */
    public Builder serialNumber(long serial) {
      return serialNumber(BigInteger.valueOf(serial));
    }

    /** Reuses a key pair (e.g. for rollover tests: same key, new certificate). */
    public Builder keyPair(KeyPair keyPair) {
      this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
      return this;
    }

    /** Generates the key (unless given) and signs the certificate. */
    public TestCertificate build() {
      try {
        return doBuild();
      } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
        throw new IllegalStateException("cannot build test certificate: " + e.getMessage(), e);
      }
    }

    private TestCertificate doBuild()
        throws GeneralSecurityException, OperatorCreationException, IOException {
      KeyPair keys = keyPair != null ? keyPair : generateKeyPair();
      SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
      if (compressedEcPoint) {
        spki = compress(spki);
      }
      X500Name subject;
      String dn;
      if (rawCommonName != null) {
        // Built from the encoding so the bytes are kept as given, valid UTF-8 or not.
        byte[] tlv = new byte[rawCommonName.length + 2];
        if (rawCommonName.length > 127) {
          throw new IllegalStateException("raw commonName longer than 127 bytes");
        }
        tlv[0] = 0x0c; // UTF8String
        tlv[1] = (byte) rawCommonName.length;
        System.arraycopy(rawCommonName, 0, tlv, 2, rawCommonName.length);
        ASN1Encodable value = ASN1Primitive.fromByteArray(tlv);
        subject = new X500Name(new RDN[] {new RDN(BCStyle.CN, value)});
        dn = "CN=#" + Hex.toHexString(tlv);
      } else {
        subject = new X500Name(subjectDn != null ? subjectDn : "CN=test");
        dn = subject.toString();
      }
      X500Name issuerName;
      PrivateKey signingKey;
      SubjectPublicKeyInfo issuerSpki;
      if (issuer != null) {
        issuerName = issuer.subject;
        signingKey = issuer.keyPair.getPrivate();
        issuerSpki = SubjectPublicKeyInfo.getInstance(issuer.spkiDer);
      } else {
        issuerName = subject;
        signingKey = keys.getPrivate();
        issuerSpki = spki;
      }
      Instant from;
      Instant until;
      if (notBefore != null) {
        from = notBefore;
        until = notAfter;
      } else if (validFor != null) {
        from = clock.instant();
        until = from.plus(validFor);
      } else {
        from = clock.instant().minus(Duration.ofHours(1));
        until = clock.instant().plus(Duration.ofDays(30));
      }
      BigInteger serial =
          serialNumber != null ? serialNumber : new BigInteger(63, RANDOM).add(BigInteger.ONE);

      X509v3CertificateBuilder b =
          new X509v3CertificateBuilder(
              issuerName, serial, Date.from(from), Date.from(until), subject, spki);
      BcX509ExtensionUtils ext = new BcX509ExtensionUtils();
      b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(spki));
      if (issuer != null) {
        b.addExtension(
            Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuerSpki));
      }
      if (ca) {
        BasicConstraints bc =
            maxPathLen >= 0 ? new BasicConstraints(maxPathLen) : new BasicConstraints(true);
        b.addExtension(Extension.basicConstraints, true, bc);
      }
      int usage =
          keyUsage != null
              ? keyUsage
              : ca
                  ? KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature
                  : keys.getPublic().getAlgorithm().equals("RSA")
                      ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
                      : KeyUsage.digitalSignature;
      if (usage != 0) {
        b.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
      }
      if (!dnsNames.isEmpty()) {
        GeneralName[] names = new GeneralName[dnsNames.size()];
        for (int i = 0; i < names.length; i++) {
          names[i] = new GeneralName(GeneralName.dNSName, dnsNames.get(i));
        }
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
      }
      if (extendedKeyUsage != null) {
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(extendedKeyUsage));
      }
      if (!permittedDnsNames.isEmpty() || !excludedDnsNames.isEmpty()) {
        b.addExtension(
            Extension.nameConstraints,
            true,
            new NameConstraints(subtrees(permittedDnsNames), subtrees(excludedDnsNames)));
      }
      for (Extension e : extraExtensions) {
        b.addExtension(e);
      }
      String algorithm =
          signatureAlgorithm != null ? signatureAlgorithm : defaultSignatureAlgorithm(signingKey);
      ContentSigner signer = new JcaContentSignerBuilder(algorithm).build(signingKey);
      X509CertificateHolder holder = b.build(signer);
      byte[] der = holder.getEncoded();
      byte[] spkiDer = holder.getSubjectPublicKeyInfo().getEncoded("DER");
      return new TestCertificate(keys, der, spkiDer, subject, dn);
    }

    private static GeneralSubtree[] subtrees(List<String> dnsNames) {
      if (dnsNames.isEmpty()) {
        return null;
      }
      GeneralSubtree[] out = new GeneralSubtree[dnsNames.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = new GeneralSubtree(new GeneralName(GeneralName.dNSName, dnsNames.get(i)));
      }
      return out;
    }

    private KeyPair generateKeyPair() throws GeneralSecurityException {
      if (keyAlgorithm == KeyAlgorithm.RSA) {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(rsaKeySize, RANDOM);
        return g.generateKeyPair();
      }
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return g.generateKeyPair();
    }

    private static SubjectPublicKeyInfo compress(SubjectPublicKeyInfo spki) {
      AlgorithmIdentifier alg = spki.getAlgorithm();
      if (!alg.getAlgorithm().equals(new ASN1ObjectIdentifier("1.2.840.10045.2.1"))) {
        throw new IllegalStateException("compressedEcPoint needs an EC key, got " + alg);
      }
      X9ECParameters params =
          ECNamedCurveTable.getByOID(ASN1ObjectIdentifier.getInstance(alg.getParameters()));
      if (params == null) {
        throw new IllegalStateException("EC key without a named curve");
      }
      byte[] point = spki.getPublicKeyData().getOctets();
      byte[] compressed = params.getCurve().decodePoint(point).getEncoded(true);
      return new SubjectPublicKeyInfo(alg, compressed);
    }

    private static String defaultSignatureAlgorithm(PrivateKey key) {
      switch (key.getAlgorithm()) {
        case "RSA":
          return "SHA256withRSA";
        case "EC":
          return "SHA256withECDSA";
        default:
          throw new IllegalStateException("unsupported signing key " + key.getAlgorithm());
      }
    }

    private static String escapeRdnValue(String value) {
      StringBuilder out = new StringBuilder();
      for (char c : value.toCharArray()) {
        if (",+\"\\<>;=#".indexOf(c) >= 0) {
          out.append('\\');
        }
        out.append(c);
      }
      return out.toString();
    }
  }
}
