package org.danecheck.core.internal.smtp;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.danecheck.PeerCertificate;
import org.danecheck.core.internal.tlsa.MalformedCertificateException;
import org.danecheck.core.internal.tlsa.ParsedCertificate;
import org.danecheck.core.internal.tlsa.TlsaDigests;

/**
 * Summaries of certificates as received: subject, names, validity, key, digests. Parsing is done
 * with Bouncy Castle's ASN.1 classes, which read more odd certificates than the JDK; the digests
 * are of the certificate are over the bytes as received, never a re-encoding; the SPKI digest is
 * over the DER SubjectPublicKeyInfo.
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

  /** A summary of one certificate; unparseable bytes give empty fields and a parse error. */
  public static PeerCertificate summarize(int depth, byte[] der) {
    String sha256 = sha256Hex(der);
    try {
      // The TLSA engine's parser: the SPKI digest is then over the very bytes it matches
      // (RFC 6698 2.1.3: selector 1, the SubjectPublicKeyInfo as it appears in the certificate).
      byte[] spki = ParsedCertificate.parse(der).spkiDer();
      Certificate certificate = parse(der);
      SubjectPublicKeyInfo keyInfo = certificate.getSubjectPublicKeyInfo();
      return new PeerCertificate(
          depth,
          der,
          rfc4514(certificate.getSubject()),
          rfc4514(certificate.getIssuer()),
          dnsNames(certificate),
          Optional.of(certificate.getStartDate().getDate().toInstant()),
          Optional.of(certificate.getEndDate().getDate().toInstant()),
          keyAlgorithm(keyInfo),
          keySize(keyInfo),
          sha256,
          sha256Hex(spki),
          Optional.empty());
    } catch (MalformedCertificateException | IOException | RuntimeException e) {
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

  private static Certificate parse(byte[] der) throws IOException {
    try (ASN1InputStream in = new ASN1InputStream(der)) {
      ASN1Primitive primitive = in.readObject();
      if (primitive == null || in.readObject() != null) {
        throw new IOException("not exactly one ASN.1 object");
      }
      return Certificate.getInstance(primitive);
    }
  }

  private static String rfc4514(X500Name name) {
    try {
      return new X500Principal(name.getEncoded(ASN1Encoding.DER)).getName(X500Principal.RFC2253);
    } catch (IOException | IllegalArgumentException e) {
      return name.toString();
    }
  }

  private static List<String> dnsNames(Certificate certificate) {
    var extensions = certificate.getTBSCertificate().getExtensions();
    if (extensions == null) {
      return List.of();
    }
    GeneralNames names = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
    if (names == null) {
      return List.of();
    }
    List<String> dnsNames = new ArrayList<>();
    for (GeneralName name : names.getNames()) {
      if (name.getTagNo() == GeneralName.dNSName) {
        dnsNames.add(name.getName().toString());
      }
    }
    return dnsNames;
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
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
