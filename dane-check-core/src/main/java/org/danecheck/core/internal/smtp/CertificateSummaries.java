/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.smtp;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.danecheck.PeerCertificate;
import org.danecheck.core.internal.Reasons;
import org.danecheck.core.internal.tlsa.MalformedCertificateException;
import org.danecheck.core.internal.tlsa.ParsedCertificate;
import org.danecheck.core.internal.tlsa.TlsaDigests;

/**
 * Summaries of certificates as received: subject, names, validity, key, digests. Parsing is the
 * TLSA engine's (Bouncy Castle's ASN.1 classes, which read more odd certificates than the JDK); the
 * digests are over the bytes as received, never a re-encoding.
 */
public final class CertificateSummaries {
  private static final int SHA2_256 = 1; // TLSA matching type SHA2-256 (RFC 6698 2.1.3)

  private CertificateSummaries() {}

  /** Summaries of a chain as sent, depth 0 first. */
  public static List<PeerCertificate> summarize(List<byte[]> chain) {
    List<PeerCertificate> summaries = new ArrayList<>(chain.size());
    for (int depth = 0; depth < chain.size(); depth++) {
      summaries.add(summarize(depth, chain.get(depth)));
    }
    return summaries;
  }

  /**
   * A summary of one certificate; bytes the TLSA engine cannot read (what OpenSSL would refuse,
   * e.g. a name that is not valid text) give empty fields and a parse error.
   */
  public static PeerCertificate summarize(int depth, byte[] der) {
    String sha256 = sha256Hex(der);
    try {
      // The TLSA engine's parser, so that the summary and the match read the same certificate;
      // the SPKI digest is over the very bytes it matches (selector 1, as in the certificate).
      ParsedCertificate certificate = ParsedCertificate.parse(der);
      byte[] spki = certificate.spkiDer();
      SubjectPublicKeyInfo keyInfo = SubjectPublicKeyInfo.getInstance(spki);
      return new PeerCertificate(
          depth,
          der,
          rfc4514(certificate.subjectEncoded(), certificate.subjectText()),
          rfc4514(certificate.issuerEncoded(), certificate.issuerText()),
          certificate.dnsNames(),
          certificate.validFrom(),
          certificate.expires(),
          keyAlgorithm(keyInfo),
          keySize(keyInfo),
          sha256,
          sha256Hex(spki),
          Optional.empty());
    } catch (MalformedCertificateException | RuntimeException e) {
      return new PeerCertificate(
          depth,
          der,
          "",
          "",
          List.of(),
          Optional.<Instant>empty(),
          Optional.<Instant>empty(),
          "",
          0,
          sha256,
          "",
          Optional.of("unparseable certificate: " + describe(e)));
    }
  }

  private static String rfc4514(byte[] name, String fallback) {
    try {
      return new X500Principal(name).getName(X500Principal.RFC2253);
    } catch (IllegalArgumentException e) {
      return fallback;
    }
  }

  private static String keyAlgorithm(SubjectPublicKeyInfo keyInfo) {
    ASN1ObjectIdentifier oid = keyInfo.getAlgorithm().getAlgorithm();
    if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      return "RSA";
    }
    if (oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
      return "RSASSA-PSS";
    }
    if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      var parameters = keyInfo.getAlgorithm().getParameters();
      if (parameters instanceof ASN1ObjectIdentifier curve) {
        String name = ECNamedCurveTable.getName(curve);
        return "EC " + (name == null ? curve.getId() : nistName(name));
      }
      return "EC";
    }
    if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
      return "Ed25519";
    }
    if (oid.equals(EdECObjectIdentifiers.id_Ed448)) {
      return "Ed448";
    }
    return oid.getId();
  }

  private static String nistName(String curveName) {
    return switch (curveName) {
      case "secp256r1", "prime256v1" -> "P-256";
      case "secp384r1" -> "P-384";
      case "secp521r1" -> "P-521";
      default -> curveName;
    };
  }

  private static int keySize(SubjectPublicKeyInfo keyInfo) {
    try {
      ASN1ObjectIdentifier oid = keyInfo.getAlgorithm().getAlgorithm();
      if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)
          || oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
        return RSAPublicKey.getInstance(keyInfo.parsePublicKey()).getModulus().bitLength();
      }
      if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)
          && keyInfo.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve) {
        X9ECParameters parameters = ECNamedCurveTable.getByOID(curve);
        return parameters == null ? 0 : parameters.getCurve().getFieldSize();
      }
      if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
        return 255;
      }
      if (oid.equals(EdECObjectIdentifiers.id_Ed448)) {
        return 448;
      }
    } catch (IOException | RuntimeException e) {
      // unknown size
    }
    return 0;
  }

  static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(TlsaDigests.associationData(bytes, SHA2_256));
  }

  private static String describe(Exception e) {
    return Reasons.own(e);
  }
}
