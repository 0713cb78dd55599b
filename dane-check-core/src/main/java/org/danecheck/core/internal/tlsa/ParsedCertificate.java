/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.tlsa;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.Time;

/**
 * A certificate parsed from DER, keeping the exact bytes it was made from, with everything that
 * matching and path validation read decoded here, once: a certificate that parses never throws
 * later. What counts as parseable follows OpenSSL's {@code d2i_X509}, which is what a DANE MTA
 * (Postfix) reads certificates with:
 *
 * <ul>
 *   <li>the structure must be one DER certificate; names must decode, so a UTF8String, BMPString or
 *       UniversalString that is not valid text makes the whole certificate malformed (OpenSSL
 *       canonicalises names while decoding and fails on them);
 *   <li>an extension that does not decode, or a repeated one, does not: like OpenSSL's {@code
 *       EXFLAG_INVALID} it makes the certificate unusable on a certification path (no issuer is
 *       found for it, it is no CA), while DANE-EE(3), which compares bytes, still matches it;
 *   <li>a validity date that does not decode fails path validation only.
 * </ul>
 *
 * Keys are not decoded by the JDK (which refuses e.g. compressed EC points), so matching works on
 * whatever the server sent.
 */
public final class ParsedCertificate {
  // OpenSSL's ex_kusage bits (first two octets of the BIT STRING), equal to Bouncy Castle's.
  static final int KU_DIGITAL_SIGNATURE = 0x0080;
  static final int KU_KEY_ENCIPHERMENT = 0x0020;
  static final int KU_KEY_AGREEMENT = 0x0008;
  static final int KU_KEY_CERT_SIGN = 0x0004;

  // OpenSSL's ex_xkusage bits for the purposes that matter to a TLS server.
  static final int XKU_SSL_SERVER = 1;
  static final int XKU_SSL_CLIENT = 2;
  static final int XKU_SGC = 4;
  static final int XKU_ANY = 8;

  // Netscape certificate type bits.
  static final int NS_SSL_SERVER = 0x40;
  static final int NS_SSL_CA = 0x04;
  static final int NS_ANY_CA = 0x07;

  private static final String NS_CERT_TYPE = "2.16.840.1.113730.1.1";
  private static final String PROXY_CERT_INFO = "1.3.6.1.5.5.7.1.14";
  private static final String IP_ADDR_BLOCKS = "1.3.6.1.5.5.7.1.7";
  private static final String AS_IDENTIFIERS = "1.3.6.1.5.5.7.1.8";

  /**
   * Extensions OpenSSL's verifier understands (X509_supported_extension): any other marked critical
   * fails path validation with "unhandled critical extension".
   */
  private static final Set<String> SUPPORTED_CRITICAL =
      Set.of(
          NS_CERT_TYPE,
          "2.5.29.15", // keyUsage
          "2.5.29.17", // subjectAltName
          "2.5.29.19", // basicConstraints
          "2.5.29.32", // certificatePolicies
          "2.5.29.31", // cRLDistributionPoints
          "2.5.29.37", // extKeyUsage
          IP_ADDR_BLOCKS,
          AS_IDENTIFIERS,
          "1.3.6.1.5.5.7.48.1.5", // OCSP noCheck
          "2.5.29.36", // policyConstraints
          PROXY_CERT_INFO,
          "2.5.29.30", // nameConstraints
          "2.5.29.33", // policyMappings
          "2.5.29.54"); // inhibitAnyPolicy

  private final byte[] der;
  private final byte[] tbsDer;
  private final byte[] spkiDer;
  private final AlgorithmIdentifier signatureAlgorithm;
  private final AlgorithmIdentifier tbsSignatureAlgorithm;
  private final byte[] signature;
  private final int version;
  private final BigInteger serial;
  private final X500Name subject;
  private final X500Name issuer;
  private final Names.Canonical subjectCanonical;
  private final Names.Canonical issuerCanonical;
  private volatile String subjectText; // made on first use: only messages need it
  private final List<String> commonNames;
  private final Instant notBefore;
  private final Instant notAfter;
  private final PublicKeys.Info key;
  private final SignatureAlgorithms.Info signatureInfo;

  // Extension facts, OpenSSL's ex_flags and friends.
  private final String invalidExtension;
  private final String unknownCritical;
  private final boolean hasBasicConstraints;
  private final boolean ca;
  private final int pathLen;
  private final boolean hasKeyUsage;
  private final int keyUsage;
  private final boolean hasExtendedKeyUsage;
  private final int extendedKeyUsage;
  private final boolean hasNsCertType;
  private final int nsCertType;
  private final byte[] subjectKeyId;
  private final AuthorityKeyIdentifier authorityKeyId;
  private final List<GeneralName> subjectAltNames;
  private final List<String> dnsNames;
  private final NameConstraints nameConstraints;
  private final boolean proxy;
  private final boolean selfIssued;
  private final boolean selfSigned;

  private ParsedCertificate(Builder b) {
    this.der = b.der;
    this.tbsDer = b.tbsDer;
    this.spkiDer = b.spkiDer;
    this.signatureAlgorithm = b.signatureAlgorithm;
    this.tbsSignatureAlgorithm = b.tbsSignatureAlgorithm;
    this.signature = b.signature;
    this.version = b.version;
    this.serial = b.serial;
    this.subject = b.subject;
    this.issuer = b.issuer;
    this.subjectCanonical = b.subjectCanonical;
    this.issuerCanonical = b.issuerCanonical;
    this.commonNames = Collections.unmodifiableList(b.commonNames);
    this.notBefore = b.notBefore;
    this.notAfter = b.notAfter;
    this.key = b.key;
    this.signatureInfo = SignatureAlgorithms.of(b.signatureAlgorithm);
    this.invalidExtension = b.invalidExtension;
    this.unknownCritical = b.unknownCritical;
    this.hasBasicConstraints = b.hasBasicConstraints;
    this.ca = b.ca;
    this.pathLen = b.pathLen;
    this.hasKeyUsage = b.hasKeyUsage;
    this.keyUsage = b.keyUsage;
    this.hasExtendedKeyUsage = b.hasExtendedKeyUsage;
    this.extendedKeyUsage = b.extendedKeyUsage;
    this.hasNsCertType = b.hasNsCertType;
    this.nsCertType = b.nsCertType;
    this.subjectKeyId = b.subjectKeyId;
    this.authorityKeyId = b.authorityKeyId;
    this.subjectAltNames =
        b.subjectAltNames == null ? null : Collections.unmodifiableList(b.subjectAltNames);
    this.dnsNames = Collections.unmodifiableList(b.dnsNames);
    this.nameConstraints = b.nameConstraints;
    this.proxy = b.proxy;
    this.selfIssued = subjectCanonical.equals(issuerCanonical);
    // OpenSSL's EXFLAG_SS: self-issued, its own authority key id matches, and its signature
    // algorithm fits its own key. The signature itself is not checked.
    this.selfSigned =
        selfIssued
            && authorityKeyIdMatches(this)
            && SignatureAlgorithms.keyMatches(key, tbsSignatureAlgorithm);
  }

  /**
   * Parses one DER certificate.
   *
   * @throws MalformedCertificateException with a one-line reason if the bytes are not a certificate
   *     OpenSSL would decode
   */
  public static ParsedCertificate parse(byte[] der) throws MalformedCertificateException {
    byte[] copy = der.clone();
    try {
      return doParse(copy);
    } catch (Der.MalformedException e) {
      throw new MalformedCertificateException(e.getMessage());
    } catch (MalformedCertificateException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new MalformedCertificateException("not a valid X.509 certificate: " + describe(e));
    }
  }

  private static ParsedCertificate doParse(byte[] copy)
      throws Der.MalformedException, MalformedCertificateException, IOException {
    Der.Tlv outer = Der.read(copy, 0, copy.length);
    if (outer.tag != 0x30) {
      throw new MalformedCertificateException("not a DER SEQUENCE (not a certificate)");
    }
    if (outer.end != copy.length) {
      throw new MalformedCertificateException(
          (copy.length - outer.end) + " trailing bytes after the certificate");
    }
    Der.Tlv tbs = Der.read(copy, outer.contentStart, outer.end);
    if (tbs.tag != 0x30) {
      throw new MalformedCertificateException("tbsCertificate is not a SEQUENCE");
    }
    // tbsCertificate: [0] version OPTIONAL, serial, signature, issuer, validity, subject, spki
    Der.Tlv field = Der.read(copy, tbs.contentStart, tbs.end);
    if (field.tag == 0xa0) {
      field = Der.read(copy, field.end, tbs.end);
    }
    for (int i = 0; i < 5; i++) {
      field = Der.read(copy, field.end, tbs.end);
    }
    if (field.tag != 0x30) {
      throw new MalformedCertificateException("subjectPublicKeyInfo is not a SEQUENCE");
    }
    Builder b = new Builder();
    b.der = copy;
    b.tbsDer = tbs.bytes(copy);
    b.spkiDer = field.bytes(copy);

    ASN1Sequence cert = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(copy));
    if (cert.size() != 3) {
      throw new MalformedCertificateException(
          "a certificate has three parts, this has " + cert.size());
    }
    ASN1Sequence t = ASN1Sequence.getInstance(cert.getObjectAt(0));
    b.signatureAlgorithm = AlgorithmIdentifier.getInstance(cert.getObjectAt(1));
    b.signature = ASN1BitString.getInstance(cert.getObjectAt(2)).getOctets();

    int i = 0;
    b.version = 0;
    if (t.getObjectAt(0) instanceof ASN1TaggedObject tagged) {
      if (tagged.getTagNo() != 0) {
        throw new MalformedCertificateException("unexpected field before the serial number");
      }
      b.version = ASN1Integer.getInstance(tagged.getExplicitBaseObject()).intValueExact();
      i++;
    }
    b.serial = ASN1Integer.getInstance(t.getObjectAt(i++)).getValue();
    b.tbsSignatureAlgorithm = AlgorithmIdentifier.getInstance(t.getObjectAt(i++));
    b.issuer = X500Name.getInstance(t.getObjectAt(i++));
    ASN1Sequence validity = ASN1Sequence.getInstance(t.getObjectAt(i++));
    if (validity.size() != 2) {
      throw new MalformedCertificateException("validity is not two times");
    }
    b.subject = X500Name.getInstance(t.getObjectAt(i++));
    SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(t.getObjectAt(i++));

    // Names: decoded in full now (OpenSSL does so while parsing).
    b.issuerCanonical = Names.canonical(b.issuer, "issuer");
    b.subjectCanonical = Names.canonical(b.subject, "subject");
    b.commonNames = Names.commonNames(b.subject);
    b.notBefore = time(validity.getObjectAt(0));
    b.notAfter = time(validity.getObjectAt(1));
    b.key = PublicKeys.of(spki);

    // Optional unique identifiers [1], [2], then extensions [3].
    for (; i < t.size(); i++) {
      ASN1Encodable e = t.getObjectAt(i);
      if (!(e instanceof ASN1TaggedObject tagged)) {
        throw new MalformedCertificateException("unexpected field after the public key");
      }
      if (tagged.getTagNo() == 3) {
        extensions(b, ASN1Sequence.getInstance(tagged.getExplicitBaseObject()));
      } else if (tagged.getTagNo() != 1 && tagged.getTagNo() != 2) {
        throw new MalformedCertificateException("unexpected field [" + tagged.getTagNo() + "]");
      }
    }
    return new ParsedCertificate(b);
  }

  private static Instant time(ASN1Encodable value) {
    try {
      Instant fast = derTime(value.toASN1Primitive());
      return fast != null ? fast : Time.getInstance(value).getDate().toInstant();
    } catch (RuntimeException e) {
      return null; // like OpenSSL, only path validation minds ("invalid time field")
    }
  }

  // The DER forms certificates use, YYMMDDHHMMSSZ and YYYYMMDDHHMMSSZ, read without
  // SimpleDateFormat (the slowest part of parsing); anything else goes the long way.
  private static Instant derTime(ASN1Primitive p) {
    String s;
    int year;
    if (p instanceof ASN1UTCTime) {
      s = new String(contents(p), java.nio.charset.StandardCharsets.ISO_8859_1);
      if (s.length() != 13) {
        return null;
      }
      int yy = digits(s, 0, 2);
      year = yy < 50 ? 2000 + yy : 1900 + yy; // as OpenSSL and Bouncy Castle read UTCTime
      s = s.substring(2);
    } else if (p instanceof ASN1GeneralizedTime) {
      s = new String(contents(p), java.nio.charset.StandardCharsets.ISO_8859_1);
      if (s.length() != 15) {
        return null;
      }
      year = digits(s, 0, 4);
      s = s.substring(4);
    } else {
      return null;
    }
    if (year < 0 || s.charAt(10) != 'Z') {
      return null;
    }
    int month = digits(s, 0, 2);
    int day = digits(s, 2, 2);
    int hour = digits(s, 4, 2);
    int minute = digits(s, 6, 2);
    int second = digits(s, 8, 2);
    if (month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
      return null;
    }
    try {
      return java.time.LocalDateTime.of(year, month, day, hour, minute, second)
          .toInstant(java.time.ZoneOffset.UTC);
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static byte[] contents(ASN1Primitive p) {
    try {
      byte[] der = p.getEncoded(org.bouncycastle.asn1.ASN1Encoding.DER);
      return Arrays.copyOfRange(der, 2, der.length); // short times: one length octet
    } catch (IOException e) {
      throw new IllegalStateException("re-encoding a parsed time", e);
    }
  }

  private static void extensions(Builder b, ASN1Sequence extensions)
      throws MalformedCertificateException {
    Set<String> seen = new HashSet<>();
    for (ASN1Encodable element : extensions) {
      // The Extension structure itself must parse, as d2i_X509 requires.
      ASN1Sequence ext = ASN1Sequence.getInstance(element);
      if (ext.size() < 2 || ext.size() > 3) {
        throw new MalformedCertificateException("an extension is malformed");
      }
      ASN1ObjectIdentifier oid = ASN1ObjectIdentifier.getInstance(ext.getObjectAt(0));
      boolean critical = ext.size() == 3 && ASN1Boolean.getInstance(ext.getObjectAt(1)).isTrue();
      byte[] value = ASN1OctetString.getInstance(ext.getObjectAt(ext.size() - 1)).getOctets();
      String id = oid.getId();
      if (critical && b.unknownCritical == null && !SUPPORTED_CRITICAL.contains(id)) {
        b.unknownCritical = id;
      }
      boolean handled = decodeExtension(b, id, value);
      if (handled && !seen.add(id) && b.invalidExtension == null) {
        b.invalidExtension = "repeated extension " + name(id);
      }
    }
  }

  /** Decodes one extension OpenSSL caches; returns false for the ones it does not. */
  private static boolean decodeExtension(Builder b, String id, byte[] value) {
    try {
      switch (id) {
        case "2.5.29.19":
          {
            BasicConstraints bc = BasicConstraints.getInstance(first(value));
            b.hasBasicConstraints = true;
            b.ca = bc.isCA();
            BigInteger len = bc.getPathLenConstraint();
            if (len != null) {
              if (len.signum() < 0) {
                return invalid(b, "negative pathLenConstraint");
              }
              b.pathLen = len.bitLength() > 31 ? Integer.MAX_VALUE : len.intValue();
            }
            return true;
          }
        case "2.5.29.15":
          {
            byte[] bits = ASN1BitString.getInstance(first(value)).getBytes();
            int usage = bits.length > 0 ? bits[0] & 0xff : 0;
            if (bits.length > 1) {
              usage |= (bits[1] & 0xff) << 8;
            }
            b.hasKeyUsage = true;
            b.keyUsage = usage;
            if (usage == 0) {
              return invalid(b, "empty keyUsage");
            }
            return true;
          }
        case "2.5.29.37":
          {
            b.hasExtendedKeyUsage = true;
            for (ASN1Encodable purpose : ASN1Sequence.getInstance(first(value))) {
              switch (ASN1ObjectIdentifier.getInstance(purpose).getId()) {
                case "1.3.6.1.5.5.7.3.1":
                  b.extendedKeyUsage |= XKU_SSL_SERVER;
                  break;
                case "1.3.6.1.5.5.7.3.2":
                  b.extendedKeyUsage |= XKU_SSL_CLIENT;
                  break;
                case "1.3.6.1.4.1.311.10.3.3": // Microsoft SGC
                case "2.16.840.1.113730.4.1": // Netscape SGC
                  b.extendedKeyUsage |= XKU_SGC;
                  break;
                case "2.5.29.37.0":
                  b.extendedKeyUsage |= XKU_ANY;
                  break;
                default:
                  break; // other purposes do not matter to a TLS server
              }
            }
            return true;
          }
        case NS_CERT_TYPE:
          {
            byte[] bits = ASN1BitString.getInstance(first(value)).getBytes();
            b.hasNsCertType = true;
            b.nsCertType = bits.length > 0 ? bits[0] & 0xff : 0;
            return true;
          }
        case "2.5.29.14":
          b.subjectKeyId = ASN1OctetString.getInstance(first(value)).getOctets();
          return true;
        case "2.5.29.35":
          b.authorityKeyId = AuthorityKeyIdentifier.getInstance(first(value));
          b.authorityKeyId.getKeyIdentifierObject();
          b.authorityKeyId.getAuthorityCertIssuer();
          b.authorityKeyId.getAuthorityCertSerialNumber();
          return true;
        case "2.5.29.17":
          {
            List<GeneralName> names = new ArrayList<>();
            List<String> dns = new ArrayList<>();
            for (GeneralName name : GeneralNames.getInstance(first(value)).getNames()) {
              names.add(name);
              if (name.getTagNo() == GeneralName.dNSName) {
                dns.add(Names.ia5(name));
              } else {
                name.getName().toASN1Primitive().getEncoded(); // decoded now, not later
              }
            }
            b.subjectAltNames = names;
            b.dnsNames = dns;
            return true;
          }
        case "2.5.29.30":
          {
            NameConstraints nc = NameConstraints.getInstance(first(value));
            NameConstraintCheck.decode(nc); // every subtree decoded now
            b.nameConstraints = nc;
            return true;
          }
        case PROXY_CERT_INFO:
          ASN1Sequence.getInstance(first(value));
          b.proxy = true;
          return true;
        case "2.5.29.31":
          CRLDistPoint.getInstance(first(value)).getDistributionPoints();
          return true;
        case IP_ADDR_BLOCKS:
        case AS_IDENTIFIERS:
          ASN1Sequence.getInstance(first(value));
          return true;
        default:
          return false;
      }
    } catch (IOException | RuntimeException e) {
      if (id.equals("2.5.29.17")) {
        b.subjectAltNames = null;
        b.dnsNames = new ArrayList<>();
      } else if (id.equals("2.5.29.30")) {
        b.nameConstraints = null;
      }
      return invalid(b, "undecodable " + name(id) + " extension");
    }
  }

  private static boolean invalid(Builder b, String why) {
    if (b.invalidExtension == null) {
      b.invalidExtension = why;
    }
    return true;
  }

  // Like OpenSSL's d2i of an extension value: the first object, trailing bytes ignored.
  private static ASN1Primitive first(byte[] value) throws IOException {
    try (ASN1InputStream in = new ASN1InputStream(value)) {
      ASN1Primitive p = in.readObject();
      if (p == null) {
        throw new IOException("empty extension value");
      }
      return p;
    }
  }

  private static String name(String oid) {
    switch (oid) {
      case "2.5.29.19":
        return "basicConstraints";
      case "2.5.29.15":
        return "keyUsage";
      case "2.5.29.37":
        return "extendedKeyUsage";
      case "2.5.29.17":
        return "subjectAltName";
      case "2.5.29.30":
        return "nameConstraints";
      case "2.5.29.14":
        return "subjectKeyIdentifier";
      case "2.5.29.35":
        return "authorityKeyIdentifier";
      case "2.5.29.31":
        return "cRLDistributionPoints";
      case NS_CERT_TYPE:
        return "netscapeCertType";
      default:
        return oid;
    }
  }

  private static String describe(Exception e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? "structure not as expected" : m;
  }

  /** The certificate bytes as given (a copy): what selector Cert(0) hashes. */
  public byte[] der() {
    return der.clone();
  }

  /** The SubjectPublicKeyInfo bytes as they appear in {@link #der()} (a copy). */
  public byte[] spkiDer() {
    return spkiDer.clone();
  }

  byte[] derNoCopy() {
    return der;
  }

  byte[] spkiNoCopy() {
    return spkiDer;
  }

  byte[] tbsDer() {
    return tbsDer;
  }

  AlgorithmIdentifier signatureAlgorithm() {
    return signatureAlgorithm;
  }

  AlgorithmIdentifier tbsSignatureAlgorithm() {
    return tbsSignatureAlgorithm;
  }

  byte[] signature() {
    return signature;
  }

  int version() {
    return version;
  }

  BigInteger serial() {
    return serial;
  }

  X500Name subject() {
    return subject;
  }

  X500Name issuer() {
    return issuer;
  }

  Names.Canonical subjectCanonical() {
    return subjectCanonical;
  }

  Names.Canonical issuerCanonical() {
    return issuerCanonical;
  }

  /** The subject name's DER encoding. */
  public byte[] subjectEncoded() {
    return encoded(subject);
  }

  /** The issuer name's DER encoding. */
  public byte[] issuerEncoded() {
    return encoded(issuer);
  }

  /** The issuer DN in RFC 4514-like form, for messages. */
  public String issuerText() {
    return Names.text(issuer);
  }

  private static byte[] encoded(X500Name name) {
    try {
      return name.getEncoded(org.bouncycastle.asn1.ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException("re-encoding a parsed name", e);
    }
  }

  /** The subject DN in RFC 4514-like form, for messages. */
  public String subjectText() {
    String text = subjectText;
    if (text == null) {
      text = Names.text(subject); // never throws: the name's strings were checked while parsing
      subjectText = text;
    }
    return text;
  }

  /** True if subject equals issuer (compared as OpenSSL does, on canonical forms). */
  public boolean selfIssued() {
    return selfIssued;
  }

  /** OpenSSL's "self-signed": self-issued, matching key identifiers and key type. */
  boolean selfSigned() {
    return selfSigned;
  }

  /** The notBefore time, or null if it does not decode. */
  Instant notBefore() {
    return notBefore;
  }

  /** The notAfter time, or null if it does not decode. */
  Instant notAfter() {
    return notAfter;
  }

  /** The notAfter time, if it decodes. */
  public java.util.Optional<Instant> expires() {
    return java.util.Optional.ofNullable(notAfter);
  }

  /** The notBefore time, if it decodes. */
  public java.util.Optional<Instant> validFrom() {
    return java.util.Optional.ofNullable(notBefore);
  }

  PublicKeys.Info key() {
    return key;
  }

  /**
   * Why OpenSSL would verify no signature with this certificate's RSA key (a modulus over 16384
   * bits, an exponent too large for its modulus, ...), if it would not; empty for other keys. What
   * such a key costs to verify with is unbounded, so the TLS probe refuses it before Bouncy Castle
   * uses it.
   */
  public java.util.Optional<String> rsaKeyRefusal() {
    boolean rsa = key.type() == PublicKeys.Type.RSA || key.type() == PublicKeys.Type.RSA_PSS;
    return rsa ? java.util.Optional.ofNullable(key.unverifiable()) : java.util.Optional.empty();
  }

  /** The key, for people: "RSA 2048 bits", "EC 256 bits", "Ed25519". */
  public String keyDescription() {
    return key.description();
  }

  SignatureAlgorithms.Info signatureInfo() {
    return signatureInfo;
  }

  /** Why the extensions make the certificate unusable on a path, or null. */
  String invalidExtension() {
    return invalidExtension;
  }

  /** The OID of the first critical extension OpenSSL does not handle, or null. */
  String unknownCritical() {
    return unknownCritical;
  }

  boolean hasBasicConstraints() {
    return hasBasicConstraints;
  }

  /** True if basicConstraints is present with cA TRUE. */
  public boolean isCa() {
    return ca;
  }

  /** The pathLenConstraint, or -1 if absent. */
  int pathLenConstraint() {
    return pathLen;
  }

  boolean hasKeyUsage() {
    return hasKeyUsage;
  }

  int keyUsage() {
    return keyUsage;
  }

  boolean hasExtendedKeyUsage() {
    return hasExtendedKeyUsage;
  }

  int extendedKeyUsage() {
    return extendedKeyUsage;
  }

  boolean hasNsCertType() {
    return hasNsCertType;
  }

  int nsCertType() {
    return nsCertType;
  }

  byte[] subjectKeyId() {
    return subjectKeyId;
  }

  AuthorityKeyIdentifier authorityKeyId() {
    return authorityKeyId;
  }

  /** The subjectAltName entries, or null if there is no (decodable) extension. */
  List<GeneralName> subjectAltNames() {
    return subjectAltNames;
  }

  /** The subjectAltName dNSName entries, in order. */
  public List<String> dnsNames() {
    return dnsNames;
  }

  /** The subject commonName values that are text, in order. */
  List<String> commonNames() {
    return commonNames;
  }

  NameConstraints nameConstraints() {
    return nameConstraints;
  }

  boolean proxy() {
    return proxy;
  }

  /**
   * OpenSSL's X509_check_akid: the subject's authority key identifier, if any, must agree with this
   * issuer's subject key identifier, serial number and issuer name where both are present.
   */
  static boolean authorityKeyIdMatches(ParsedCertificate issuer, ParsedCertificate subject) {
    AuthorityKeyIdentifier akid = subject.authorityKeyId;
    if (akid == null) {
      return true;
    }
    byte[] keyId = akid.getKeyIdentifierObject() == null ? null : akid.getKeyIdentifier();
    if (keyId != null
        && issuer.subjectKeyId != null
        && !Arrays.equals(keyId, issuer.subjectKeyId)) {
      return false;
    }
    BigInteger serial = akid.getAuthorityCertSerialNumber();
    if (serial != null && !serial.equals(issuer.serial)) {
      return false;
    }
    GeneralNames names = akid.getAuthorityCertIssuer();
    if (names != null) {
      for (GeneralName n : names.getNames()) {
        if (n.getTagNo() == GeneralName.directoryName) {
          Names.Canonical dir;
          try {
            dir = Names.canonical(X500Name.getInstance(n.getName()), "authority issuer");
          } catch (MalformedCertificateException | RuntimeException e) {
            return false;
          }
          // The issuer's issuer: the name of the CA that issued the issuer certificate.
          return dir.equals(issuer.issuerCanonical);
        }
      }
    }
    return true;
  }

  private static boolean authorityKeyIdMatches(ParsedCertificate self) {
    return authorityKeyIdMatches(self, self);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParsedCertificate && Arrays.equals(der, ((ParsedCertificate) o).der);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(der);
  }

  @Override
  public String toString() {
    return subjectText();
  }

  private static final class Builder {
    byte[] der;
    byte[] tbsDer;
    byte[] spkiDer;
    AlgorithmIdentifier signatureAlgorithm;
    AlgorithmIdentifier tbsSignatureAlgorithm;
    byte[] signature;
    int version;
    BigInteger serial;
    X500Name subject;
    X500Name issuer;
    Names.Canonical subjectCanonical;
    Names.Canonical issuerCanonical;
    List<String> commonNames;
    Instant notBefore;
    Instant notAfter;
    PublicKeys.Info key;
    String invalidExtension;
    String unknownCritical;
    boolean hasBasicConstraints;
    boolean ca;
    int pathLen = -1;
    boolean hasKeyUsage;
    int keyUsage;
    boolean hasExtendedKeyUsage;
    int extendedKeyUsage;
    boolean hasNsCertType;
    int nsCertType;
    byte[] subjectKeyId;
    AuthorityKeyIdentifier authorityKeyId;
    List<GeneralName> subjectAltNames;
    List<String> dnsNames = new ArrayList<>();
    NameConstraints nameConstraints;
    boolean proxy;
  }
}
