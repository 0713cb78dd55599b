/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.testkit;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * A certificate chain a lab mail server sends, with the leaf's private key. The chain's bytes are
 * sent exactly as given, never re-encoded, so tests can serve deliberately odd encodings.
 */
public final class ServerChain {
  private final PrivateKey privateKey;
  private final List<byte[]> chainDer;
  private final KeyAlgorithm keyAlgorithm;

  private ServerChain(PrivateKey privateKey, List<byte[]> chainDer) {
    this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
    if (chainDer.isEmpty()) {
      throw new IllegalArgumentException("a server chain needs at least the leaf certificate");
    }
    List<byte[]> copy = new ArrayList<>();
    for (byte[] der : chainDer) {
      copy.add(Objects.requireNonNull(der, "certificate").clone());
    }
    this.chainDer = List.copyOf(copy);
    this.keyAlgorithm =
        switch (privateKey.getAlgorithm()) {
          case "RSA" -> KeyAlgorithm.RSA;
          case "EC", "ECDSA" -> KeyAlgorithm.ECDSA;
          default ->
              throw new IllegalArgumentException(
                  "lab servers sign with RSA or EC keys, not " + privateKey.getAlgorithm());
        };
  }

  /**
   * A chain from DER certificates, leaf first, and the leaf's private key.
   *
   * @param privateKey the leaf's RSA or EC private key
   * @param chainDer the certificates as the server sends them, leaf first
   */
  public static ServerChain of(PrivateKey privateKey, List<byte[]> chainDer) {
    return new ServerChain(privateKey, chainDer);
  }

  /**
   * A chain of test certificates, leaf first, served with the leaf's private key.
   *
   * @param leaf the server's certificate
   * @param issuers the certificates sent after it, usually intermediates (a root may be included,
   *     as some servers do)
   */
  public static ServerChain of(TestCertificate leaf, TestCertificate... issuers) {
    List<byte[]> ders = new ArrayList<>();
    ders.add(leaf.certificateDer());
    for (TestCertificate issuer : issuers) {
      ders.add(issuer.certificateDer());
    }
    return new ServerChain(leaf.keyPair().getPrivate(), ders);
  }

  /**
   * A chain from PEM text, as servers are configured: the certificates (leaf first) and the leaf's
   * private key (PKCS#8 {@code PRIVATE KEY}, or traditional {@code EC}/{@code RSA PRIVATE KEY}).
   *
   * @throws IllegalArgumentException when the text holds no certificate or no usable key, or the
   *     key is not the leaf certificate's (a server configured so could not complete a handshake)
   */
  public static ServerChain fromPem(String certificatesPem, String privateKeyPem) {
    List<byte[]> certificates = new ArrayList<>();
    X509CertificateHolder leaf = null;
    PrivateKey key = null;
    try (PEMParser certs = new PEMParser(new StringReader(certificatesPem));
        PEMParser keys = new PEMParser(new StringReader(privateKeyPem))) {
      for (Object o = certs.readObject(); o != null; o = certs.readObject()) {
        if (o instanceof X509CertificateHolder holder) {
          leaf = leaf == null ? holder : leaf;
          certificates.add(holder.getEncoded());
        }
      }
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      for (Object o = keys.readObject(); o != null && key == null; o = keys.readObject()) {
        if (o instanceof PrivateKeyInfo info) {
          key = converter.getPrivateKey(info);
        } else if (o instanceof PEMKeyPair pair) {
          key = converter.getKeyPair(pair).getPrivate();
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read PEM: " + e.getMessage(), e);
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("no CERTIFICATE block in the certificate PEM");
    }
    if (key == null) {
      throw new IllegalArgumentException("no private key in the key PEM");
    }
    if (!keyMatches(key, leaf)) {
      throw new IllegalArgumentException(
          "the private key does not match the leaf certificate (the first CERTIFICATE block): "
              + "its public key is not the certificate's");
    }
    return new ServerChain(key, certificates);
  }

  /**
   * Whether the key signs what the leaf's public key verifies. True when that cannot be told (a key
   * type without a signature algorithm here, or a public key the JDK cannot read): the lab serves
   * odd certificates on purpose, and only a definite mismatch is refused.
   */
  private static boolean keyMatches(PrivateKey key, X509CertificateHolder leaf) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC", "ECDSA" -> "SHA256withECDSA";
          case "Ed25519", "EdDSA" -> "Ed25519";
          case "Ed448" -> "Ed448";
          default -> null;
        };
    PublicKey publicKey;
    try {
      publicKey = new JcaPEMKeyConverter().getPublicKey(leaf.getSubjectPublicKeyInfo());
    } catch (IOException | RuntimeException e) {
      return true;
    }
    if (algorithm == null) {
      return true;
    }
    byte[] probe = "dane-check testkit key check".getBytes(StandardCharsets.US_ASCII);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (InvalidKeyException | SignatureException e) {
      // A key of another type than the certificate's (RSA against EC) cannot verify at all.
      return false;
    } catch (GeneralSecurityException e) {
      return true;
    }
  }

  /** Like {@link #fromPem(String, String)}, from files. */
  public static ServerChain fromPemFiles(Path certificatesPem, Path privateKeyPem) {
    try {
      return fromPem(Files.readString(certificatesPem), Files.readString(privateKeyPem));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + e.getMessage(), e);
    }
  }

  /** The leaf's private key. */
  public PrivateKey privateKey() {
    return privateKey;
  }

  /** Copies of the certificates as sent, leaf first. */
  public List<byte[]> chainDer() {
    List<byte[]> copy = new ArrayList<>();
    for (byte[] der : chainDer) {
      copy.add(der.clone());
    }
    return copy;
  }

  /** The leaf key's algorithm, which decides the TLS signature algorithms it can serve. */
  public KeyAlgorithm keyAlgorithm() {
    return keyAlgorithm;
  }

  List<byte[]> chainDerShared() {
    return chainDer;
  }
}
