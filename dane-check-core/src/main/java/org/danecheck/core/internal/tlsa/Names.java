/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.tlsa;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1BMPString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1NumericString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1PrintableString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1T61String;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.ASN1UniversalString;
import org.bouncycastle.asn1.ASN1VisibleString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.util.encoders.Hex;

/**
 * Distinguished names as OpenSSL handles them: decoded to text while parsing (so that bad text is a
 * malformed certificate, never a later exception), and compared on OpenSSL's canonical form
 * (x509_name_canon: text attributes as UTF-8, ASCII letters lowercased, spaces trimmed and
 * collapsed; other attributes as encoded).
 */
final class Names {
  private Names() {}

  /** A name's canonical form; equal forms are the same name to OpenSSL's X509_NAME_cmp. */
  static final class Canonical {
    private final byte[] form;

    private Canonical(byte[] form) {
      this.form = form;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Canonical && Arrays.equals(form, ((Canonical) o).form);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(form);
    }
  }

  /**
   * The canonical form.
   *
   * @throws MalformedCertificateException if a text attribute is not valid in its string type
   */
  static Canonical canonical(X500Name name, String what) throws MalformedCertificateException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (RDN rdn : name.getRDNs()) {
      List<byte[]> entries = new ArrayList<>();
      for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        byte[] oid = encoded(atv.getType());
        e.writeBytes(oid);
        ASN1Primitive value = atv.getValue().toASN1Primitive();
        if (isCanonicalised(value)) {
          String text = text(value, what);
          e.write(0);
          e.writeBytes(canonicalText(text));
        } else {
          e.write(1);
          e.writeBytes(encoded(value));
        }
        entries.add(lengthPrefixed(e.toByteArray()));
      }
      // The RDN is a SET: its order does not matter.
      entries.sort(Arrays::compareUnsigned);
      out.write('{');
      for (byte[] entry : entries) {
        out.writeBytes(entry);
      }
      out.write('}');
    }
    return new Canonical(out.toByteArray());
  }

  /** The name in RFC 4514-like form, for messages. */
  static String text(X500Name name) {
    try {
      return BCStyle.INSTANCE.toString(name);
    } catch (RuntimeException e) {
      return "#" + Hex.toHexString(encoded(name));
    }
  }

  /** The commonName values that are text (other encodings cannot match a host name). */
  static List<String> commonNames(X500Name name) throws MalformedCertificateException {
    List<String> out = new ArrayList<>();
    for (RDN rdn : name.getRDNs()) {
      for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
        if (atv.getType().equals(BCStyle.CN)) {
          String text = textOrNull(atv.getValue().toASN1Primitive(), "subject commonName");
          if (text != null) {
            out.add(text);
          }
        }
      }
    }
    return out;
  }

  /** The emailAddress attribute values, as OpenSSL's name-constraint check reads them. */
  static List<ASN1Primitive> emailAddresses(X500Name name) {
    List<ASN1Primitive> out = new ArrayList<>();
    for (RDN rdn : name.getRDNs()) {
      for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
        if (atv.getType().equals(BCStyle.EmailAddress)) {
          out.add(atv.getValue().toASN1Primitive());
        }
      }
    }
    return out;
  }

  /** An IA5String general name (dNSName, rfc822Name, URI) as text, one char per octet. */
  static String ia5(GeneralName name) {
    ASN1Encodable v = name.getName();
    if (v instanceof ASN1String s) {
      return s.getString();
    }
    return DERIA5String.getInstance(v).getString();
  }

  // The string types OpenSSL canonicalises (ASN1_MASK_CANON).
  private static boolean isCanonicalised(ASN1Primitive v) {
    return v instanceof ASN1UTF8String
        || v instanceof ASN1BMPString
        || v instanceof ASN1UniversalString
        || v instanceof ASN1PrintableString
        || v instanceof ASN1T61String
        || v instanceof ASN1IA5String
        || v instanceof ASN1VisibleString;
  }

  // ASN1_STRING_to_UTF8, for the types it converts; null for the others.
  private static String textOrNull(ASN1Primitive v, String what)
      throws MalformedCertificateException {
    if (isCanonicalised(v)) {
      return text(v, what);
    }
    // OpenSSL converts a NumericString too; other types (GeneralString, OCTET STRING...) not.
    return v instanceof ASN1NumericString ? latin1(v) : null;
  }

  private static String text(ASN1Primitive v, String what) throws MalformedCertificateException {
    if (v instanceof ASN1UTF8String) {
      return strictUtf8(contents(v), what);
    }
    if (v instanceof ASN1UniversalString) {
      return utf32(contents(v), what);
    }
    if (v instanceof ASN1BMPString b) {
      String s = b.getString();
      for (int i = 0; i < s.length(); i++) {
        if (Character.isSurrogate(s.charAt(i))) {
          throw new MalformedCertificateException(what + " has an invalid BMPString");
        }
      }
      return s;
    }
    // PrintableString, T61String, IA5String, VisibleString: one octet per character, as OpenSSL
    // reads them (Latin-1), without a character set check.
    return latin1(v);
  }

  private static String latin1(ASN1Primitive v) {
    return new String(contents(v), StandardCharsets.ISO_8859_1);
  }

  // The content octets of a primitive string, as received.
  private static byte[] contents(ASN1Primitive v) {
    try {
      byte[] der = v.getEncoded(ASN1Encoding.DER);
      int p = 1;
      int first = der[p++] & 0xff;
      if (first >= 0x80) {
        p += first & 0x7f;
      }
      return Arrays.copyOfRange(der, p, der.length);
    } catch (IOException e) {
      throw new IllegalStateException("re-encoding a parsed string", e);
    }
  }

  private static String strictUtf8(byte[] octets, String what)
      throws MalformedCertificateException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(octets))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedCertificateException(what + " has a UTF8String that is not valid UTF-8");
    }
  }

  private static String utf32(byte[] octets, String what) throws MalformedCertificateException {
    if (octets.length % 4 != 0) {
      throw new MalformedCertificateException(what + " has a malformed UniversalString");
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < octets.length; i += 4) {
      int cp =
          (octets[i] & 0xff) << 24
              | (octets[i + 1] & 0xff) << 16
              | (octets[i + 2] & 0xff) << 8
              | (octets[i + 3] & 0xff);
      if (cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        throw new MalformedCertificateException(what + " has an invalid UniversalString");
      }
      out.appendCodePoint(cp);
    }
    return out.toString();
  }

  // asn1_string_canon: trim and collapse spaces, lowercase ASCII letters, on the UTF-8 octets.
  private static byte[] canonicalText(String text) {
    byte[] in = text.getBytes(StandardCharsets.UTF_8);
    int start = 0;
    int end = in.length;
    while (start < end && isSpace(in[start])) {
      start++;
    }
    while (end > start && isSpace(in[end - 1])) {
      end--;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(end - start);
    for (int i = start; i < end; i++) {
      byte c = in[i];
      if (isSpace(c)) {
        out.write(' ');
        while (i + 1 < end && isSpace(in[i + 1])) {
          i++;
        }
      } else if (c >= 'A' && c <= 'Z') {
        out.write(c + ('a' - 'A'));
      } else {
        out.write(c);
      }
    }
    return out.toByteArray();
  }

  private static boolean isSpace(byte c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  private static byte[] lengthPrefixed(byte[] b) {
    byte[] out = new byte[b.length + 4];
    ByteBuffer.wrap(out).putInt(b.length).put(b);
    return out;
  }

  private static byte[] encoded(ASN1Encodable e) {
    try {
      return e.toASN1Primitive().getEncoded(ASN1Encoding.DER);
    } catch (IOException ex) {
      throw new IllegalStateException("re-encoding a parsed value", ex);
    }
  }
}
