package org.danecheck.core.internal.tlsa;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * A certificate parsed from DER with Bouncy Castle's ASN.1 classes, keeping the exact bytes it was
 * made from. Nothing here needs the JDK to understand the key (compressed EC points, unusual
 * algorithms), so matching works on whatever the server sent.
 */
public final class ParsedCertificate {
  private final byte[] der;
  private final byte[] tbsDer;
  private final byte[] spkiDer;
  private final Certificate cert;
  private final Extensions extensions;

  private ParsedCertificate(byte[] der, byte[] tbsDer, byte[] spkiDer, Certificate cert) {
    this.der = der;
    this.tbsDer = tbsDer;
    this.spkiDer = spkiDer;
    this.cert = cert;
    this.extensions = cert.getTBSCertificate().getExtensions();
  }

  /**
   * Parses one DER certificate.
   *
   * @throws MalformedCertificateException with a one-line reason if the bytes are not a certificate
   */
  public static ParsedCertificate parse(byte[] der) throws MalformedCertificateException {
    byte[] copy = der.clone();
    try {
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
      int pos = tbs.contentStart;
      Der.Tlv field = Der.read(copy, pos, tbs.end);
      if (field.tag == 0xa0) {
        field = Der.read(copy, field.end, tbs.end);
      }
      for (int i = 0; i < 5; i++) {
        field = Der.read(copy, field.end, tbs.end);
      }
      if (field.tag != 0x30) {
        throw new MalformedCertificateException("subjectPublicKeyInfo is not a SEQUENCE");
      }
      Certificate cert = Certificate.getInstance(ASN1Primitive.fromByteArray(copy));
      // Touch the fields matching relies on, so that a certificate that parses lazily but is
      // broken inside is reported as malformed here rather than failing later.
      cert.getSubject();
      cert.getIssuer();
      cert.getStartDate().getDate();
      cert.getEndDate().getDate();
      cert.getSubjectPublicKeyInfo();
      Extensions ext = cert.getTBSCertificate().getExtensions();
      if (ext != null) {
        BasicConstraints.fromExtensions(ext);
        KeyUsage.fromExtensions(ext);
        GeneralNames.fromExtensions(ext, Extension.subjectAlternativeName);
      }
      return new ParsedCertificate(copy, tbs.bytes(copy), field.bytes(copy), cert);
    } catch (Der.MalformedException e) {
      throw new MalformedCertificateException(e.getMessage());
    } catch (IOException | RuntimeException e) {
      throw new MalformedCertificateException("not a valid X.509 certificate: " + e.getMessage());
    }
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

  Certificate asn1() {
    return cert;
  }

  X500Name subject() {
    return cert.getSubject();
  }

  X500Name issuer() {
    return cert.getIssuer();
  }

  /** The subject DN in RFC 4514-like form, for messages. */
  public String subjectText() {
    return cert.getSubject().toString();
  }

  /** True if subject equals issuer. */
  public boolean selfIssued() {
    return cert.getSubject().equals(cert.getIssuer());
  }

  Instant notBefore() {
    return cert.getStartDate().getDate().toInstant();
  }

  Instant notAfter() {
    return cert.getEndDate().getDate().toInstant();
  }

  /** True if basicConstraints is present with cA TRUE. */
  public boolean isCa() {
    BasicConstraints bc = extensions == null ? null : BasicConstraints.fromExtensions(extensions);
    return bc != null && bc.isCA();
  }

  /** The pathLenConstraint, or -1 if absent. */
  int pathLenConstraint() {
    BasicConstraints bc = extensions == null ? null : BasicConstraints.fromExtensions(extensions);
    return bc == null || bc.getPathLenConstraint() == null
        ? -1
        : bc.getPathLenConstraint().intValue();
  }

  /** False only when a keyUsage extension is present without keyCertSign. */
  boolean keyUsageAllowsCertSign() {
    KeyUsage ku = extensions == null ? null : KeyUsage.fromExtensions(extensions);
    return ku == null || ku.hasUsages(KeyUsage.keyCertSign);
  }

  /** The subjectAltName dNSName entries, in order. */
  List<String> dnsNames() {
    GeneralNames names =
        extensions == null
            ? null
            : GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
    if (names == null) {
      return Collections.emptyList();
    }
    List<String> out = new ArrayList<>();
    for (GeneralName name : names.getNames()) {
      if (name.getTagNo() == GeneralName.dNSName) {
        out.add(((ASN1String) name.getName()).getString());
      }
    }
    return out;
  }

  /** The subject commonName values, in order. */
  List<String> commonNames() {
    List<String> out = new ArrayList<>();
    for (RDN rdn : cert.getSubject().getRDNs()) {
      for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
        if (atv.getType().equals(BCStyle.CN) && atv.getValue() instanceof ASN1String) {
          out.add(((ASN1String) atv.getValue()).getString());
        }
      }
    }
    return out;
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
}
