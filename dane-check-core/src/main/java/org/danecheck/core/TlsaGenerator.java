/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.danecheck.TlsaMatchingType;
import org.danecheck.TlsaRecord;
import org.danecheck.TlsaSelector;
import org.danecheck.TlsaUsage;
import org.danecheck.core.internal.tlsa.MalformedCertificateException;
import org.danecheck.core.internal.tlsa.ParsedCertificate;
import org.danecheck.core.internal.tlsa.Pem;
import org.danecheck.core.internal.tlsa.TlsaDigests;

/**
 * Makes TLSA records from certificates or public keys, for any usage, selector and matching type.
 * Selector SPKI(1) uses the SubjectPublicKeyInfo bytes exactly as they appear in the certificate.
 * Zone-file lines come from {@link TlsaRecord#toZoneLine(String, int)}.
 */
public final class TlsaGenerator {
  private TlsaGenerator() {}

  /**
   * The record for one DER certificate.
   *
   * @throws IllegalArgumentException if the bytes are not a certificate
   */
  public static TlsaRecord forCertificate(
      byte[] certificateDer, TlsaUsage usage, TlsaSelector selector, TlsaMatchingType type) {
    Objects.requireNonNull(usage, "usage must not be null");
    Objects.requireNonNull(selector, "selector must not be null");
    Objects.requireNonNull(type, "matching type must not be null");
    ParsedCertificate cert = parse(certificateDer);
    return TlsaRecord.of(
        usage, selector, type, TlsaDigests.associationData(cert, selector.number(), type.number()));
  }

  /**
   * The record for a chain (leaf first): the leaf for DANE-EE and PKIX-EE; for DANE-TA and PKIX-TA
   * the topmost CA certificate of the chain (the last one with basicConstraints cA) above the leaf.
   * A lone self-signed certificate gets no trust-anchor record: OpenSSL (Postfix) never takes the
   * leaf as a DANE-TA(2) trust anchor, so such a record would not authenticate; use DANE-EE(3),
   * e.g. "3 1 1".
   *
   * @throws IllegalArgumentException if the chain is empty, holds non-certificates, or has no
   *     certificate above the leaf the usage can name
   */
  public static TlsaRecord forChain(
      List<byte[]> chainDer, TlsaUsage usage, TlsaSelector selector, TlsaMatchingType type) {
    Objects.requireNonNull(chainDer, "chainDer must not be null");
    Objects.requireNonNull(usage, "usage must not be null");
    if (chainDer.isEmpty()) {
      throw new IllegalArgumentException("no certificate given");
    }
    return forCertificate(chainDer.get(selectIndex(chainDer, usage)), usage, selector, type);
  }

  /**
   * Which certificate of the chain {@link #forChain} uses, 0 = leaf.
   *
   * @throws IllegalArgumentException as {@link #forChain} does
   */
  public static int selectIndex(List<byte[]> chainDer, TlsaUsage usage) {
    List<ParsedCertificate> certs = new ArrayList<>();
    for (byte[] der : chainDer) {
      certs.add(parse(der));
    }
    if (usage == TlsaUsage.DANE_EE || usage == TlsaUsage.PKIX_EE) {
      return 0;
    }
    for (int i = certs.size() - 1; i >= 1; i--) {
      if (certs.get(i).isCa()) {
        return i;
      }
    }
    if (certs.size() == 1 && certs.get(0).selfIssued()) {
      throw new IllegalArgumentException(
          usage.mnemonic()
              + " names a CA above the leaf, and this is a lone self-signed certificate, which a"
              + " DANE client never takes as a trust anchor: publish DANE-EE(3) SPKI(1)"
              + " SHA2-256(1) (\"3 1 1\") for it instead");
    }
    throw new IllegalArgumentException(
        usage.mnemonic()
            + " names a CA, but the chain has no CA certificate above the leaf"
            + " (include the issuer certificates, or use DANE-EE)");
  }

  /**
   * The record for a public key given as DER SubjectPublicKeyInfo (selector SPKI).
   *
   * @throws IllegalArgumentException if the bytes are not a SubjectPublicKeyInfo
   */
  public static TlsaRecord forPublicKey(byte[] spkiDer, TlsaUsage usage, TlsaMatchingType type) {
    Objects.requireNonNull(spkiDer, "spkiDer must not be null");
    Objects.requireNonNull(usage, "usage must not be null");
    Objects.requireNonNull(type, "matching type must not be null");
    try {
      SubjectPublicKeyInfo.getInstance(spkiDer);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a DER SubjectPublicKeyInfo: " + e.getMessage(), e);
    }
    return TlsaRecord.of(
        usage, TlsaSelector.SPKI, type, TlsaDigests.associationData(spkiDer, type.number()));
  }

  /**
   * Reads certificates from a file's content: PEM (every CERTIFICATE block, in order) or a single
   * DER certificate.
   *
   * @throws IllegalArgumentException if there is no certificate, or one is malformed
   */
  public static List<byte[]> readCertificates(byte[] content) {
    Objects.requireNonNull(content, "content must not be null");
    List<byte[]> certs;
    if (Pem.looksLikePem(content)) {
      certs = Pem.certificates(new String(content, java.nio.charset.StandardCharsets.US_ASCII));
      if (certs.isEmpty()) {
        throw new IllegalArgumentException("no CERTIFICATE block in the PEM text");
      }
    } else {
      certs = List.of(content.clone());
    }
    for (int i = 0; i < certs.size(); i++) {
      try {
        ParsedCertificate.parse(certs.get(i));
      } catch (MalformedCertificateException e) {
        throw new IllegalArgumentException(
            "certificate " + (i + 1) + " is malformed: " + e.getMessage(), e);
      }
    }
    return certs;
  }

  private static ParsedCertificate parse(byte[] der) {
    Objects.requireNonNull(der, "certificate must not be null");
    try {
      return ParsedCertificate.parse(der);
    } catch (MalformedCertificateException e) {
      throw new IllegalArgumentException("not a certificate: " + e.getMessage(), e);
    }
  }
}
