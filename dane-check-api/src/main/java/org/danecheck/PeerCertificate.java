/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One certificate as a server sent it, with a summary for people. The DER bytes are those received
 * on the wire, never a re-encoding. When the certificate cannot be parsed, the summary fields are
 * empty and {@link #parseError()} says why; the bytes are still kept.
 */
public final class PeerCertificate {
  private final int depth;
  private final byte[] der;
  private final String subject;
  private final String issuer;
  private final List<String> dnsNames;
  private final Optional<Instant> notBefore;
  private final Optional<Instant> notAfter;
  private final String keyAlgorithm;
  private final int keySize;
  private final String sha256;
  private final String spkiSha256;
  private final Optional<String> parseError;

  /**
   * All fields; used by the library.
   *
   * @param depth position in the chain as sent, 0 = the first (normally the leaf)
   * @param der the certificate's bytes as received
   * @param subject the subject DN (RFC 4514), or empty when unparseable
   * @param issuer the issuer DN (RFC 4514), or empty when unparseable
   * @param dnsNames the dNSName subject alternative names
   * @param notBefore start of the validity period
   * @param notAfter end of the validity period
   * @param keyAlgorithm e.g. {@code RSA}, {@code EC P-256}, {@code Ed25519}, or empty
   * @param keySize key size in bits, 0 when unknown
   * @param sha256 SHA-256 of the DER, lower-case hex
   * @param spkiSha256 SHA-256 of the DER SubjectPublicKeyInfo, lower-case hex, or empty
   * @param parseError why the certificate could not be read, when it could not
   */
  public PeerCertificate(
      int depth,
      byte[] der,
      String subject,
      String issuer,
      List<String> dnsNames,
      Optional<Instant> notBefore,
      Optional<Instant> notAfter,
      String keyAlgorithm,
      int keySize,
      String sha256,
      String spkiSha256,
      Optional<String> parseError) {
    this.depth = depth;
    this.der = Objects.requireNonNull(der, "der").clone();
    this.subject = Objects.requireNonNull(subject, "subject");
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.dnsNames = List.copyOf(dnsNames);
    this.notBefore = Objects.requireNonNull(notBefore, "notBefore");
    this.notAfter = Objects.requireNonNull(notAfter, "notAfter");
    this.keyAlgorithm = Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
    this.keySize = keySize;
    this.sha256 = Objects.requireNonNull(sha256, "sha256");
    this.spkiSha256 = Objects.requireNonNull(spkiSha256, "spkiSha256");
    this.parseError = Objects.requireNonNull(parseError, "parseError");
  }

  /** Position in the chain as sent, 0 = the first certificate (normally the leaf). */
  public int depth() {
    return depth;
  }

  /** A copy of the certificate's bytes exactly as received. */
  public byte[] der() {
    return der.clone();
  }

  /** The subject DN (RFC 4514 form), or empty when unparseable. */
  public String subject() {
    return subject;
  }

  /** The issuer DN (RFC 4514 form), or empty when unparseable. */
  public String issuer() {
    return issuer;
  }

  /** The dNSName subject alternative names, in certificate order. */
  public List<String> dnsNames() {
    return dnsNames;
  }

  /** Start of the validity period. */
  public Optional<Instant> notBefore() {
    return notBefore;
  }

  /** End of the validity period. */
  public Optional<Instant> notAfter() {
    return notAfter;
  }

  /** The public key algorithm, e.g. {@code RSA} or {@code EC P-256}; empty when unknown. */
  public String keyAlgorithm() {
    return keyAlgorithm;
  }

  /** The key size in bits, or 0 when unknown. */
  public int keySize() {
    return keySize;
  }

  /** SHA-256 of the certificate's DER, lower-case hex (the data of a {@code 3 0 1} record). */
  public String sha256() {
    return sha256;
  }

  /** SHA-256 of the SubjectPublicKeyInfo, lower-case hex (the data of a {@code 3 1 1} record). */
  public String spkiSha256() {
    return spkiSha256;
  }

  /** Why the certificate could not be parsed, when it could not. */
  public Optional<String> parseError() {
    return parseError;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PeerCertificate other
        && depth == other.depth
        && Arrays.equals(der, other.der);
  }

  @Override
  public int hashCode() {
    return 31 * depth + Arrays.hashCode(der);
  }

  @Override
  public String toString() {
    return "PeerCertificate[depth=" + depth + ", subject=" + subject + ", sha256=" + sha256 + "]";
  }
}
