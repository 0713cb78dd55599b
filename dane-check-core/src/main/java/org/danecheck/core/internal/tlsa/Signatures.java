/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.tlsa;

import java.nio.ByteBuffer;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Certificate signature checks over the exact tbsCertificate bytes, remembered per (certificate,
 * issuer key) for one match call: every record of an RRset shares them, so a chain costs at most
 * one verification per edge however many records name it. Each issuer key is decoded once per call.
 * Not thread-safe; one per call.
 */
final class Signatures {
  // A private, unregistered provider instance: Bouncy Castle decodes keys the JDK refuses (e.g.
  // compressed EC points), verifies ECDSA several times faster than SunEC on JDK 17, and we must
  // not change the JVM's global provider list. Plain JCA calls on it: Bouncy Castle's
  // JcaContentVerifierProviderBuilder costs about a millisecond per use, more than the
  // verification itself (measured: 1.4 ms against 0.28 ms for ECDSA P-256).
  private static final class Bc {
    static final Provider PROVIDER = new BouncyCastleProvider();
  }

  private final Work work;
  private final Map<ParsedCertificate, Map<ByteBuffer, Boolean>> cache = new IdentityHashMap<>();
  private final Map<ByteBuffer, Optional<PublicKey>> keys = new HashMap<>();

  Signatures(Work work) {
    this.work = work;
  }

  /**
   * True if {@code child}'s signature verifies with {@code issuerKey} (a SubjectPublicKeyInfo).
   * Keys OpenSSL verifies nothing with ({@link PublicKeys.Info#unverifiable()}) and checks the work
   * budget cannot pay for answer false.
   */
  boolean verifies(ParsedCertificate child, byte[] issuerSpki, PublicKeys.Info issuerKey) {
    return Boolean.TRUE.equals(check(child, issuerSpki, issuerKey));
  }

  /** Like {@link #verifies}, but null when the work budget stopped the check. */
  Boolean check(ParsedCertificate child, byte[] issuerSpki, PublicKeys.Info issuerKey) {
    Map<ByteBuffer, Boolean> byKey = cache.computeIfAbsent(child, c -> new HashMap<>());
    ByteBuffer k = ByteBuffer.wrap(issuerSpki);
    Boolean known = byKey.get(k);
    if (known != null) {
      work.signatureCacheHit();
      return known;
    }
    if (!issuerKey.decodable()
        || issuerKey.unverifiable() != null
        || !SignatureAlgorithms.keyMatches(issuerKey, child.signatureAlgorithm())) {
      byKey.put(k, false);
      return false;
    }
    if (!work.signatureCheck(cost(child, issuerKey))) {
      return null; // not cached: the answer is unknown, not "no"
    }
    boolean ok;
    // No Miller-Rabin test of the modulus (RsaModulusCheck); the budget above bounds the key.
    boolean rsa =
        issuerKey.type() == PublicKeys.Type.RSA || issuerKey.type() == PublicKeys.Type.RSA_PSS;
    if (rsa) {
      RsaModulusCheck.skip();
    }
    try {
      Optional<PublicKey> key = keys.computeIfAbsent(k, b -> decode(issuerSpki, issuerKey.type()));
      ok = key.isPresent() && verify(child, key.get());
    } finally {
      if (rsa) {
        RsaModulusCheck.restore();
      }
    }
    byKey.put(k, ok);
    return ok;
  }

  /**
   * What checking {@code child}'s signature with {@code issuerKey} costs: the key's decoding (each
   * is charged in full, though a key is decoded once per call) and verification, and the hashing.
   */
  static long cost(ParsedCertificate child, PublicKeys.Info issuerKey) {
    return issuerKey.verifyCost() + PublicKeys.Cost.hash(child.tbsDer().length);
  }

  private static Optional<PublicKey> decode(byte[] spki, PublicKeys.Type type) {
    String algorithm;
    switch (type) {
      case RSA:
        algorithm = "RSA";
        break;
      case RSA_PSS:
        algorithm = "RSASSA-PSS";
        break;
      case EC:
        algorithm = "EC";
        break;
      case DSA:
        algorithm = "DSA";
        break;
      case ED25519:
        algorithm = "Ed25519";
        break;
      case ED448:
        algorithm = "Ed448";
        break;
      default:
        return Optional.empty();
    }
    try {
      return Optional.of(
          KeyFactory.getInstance(algorithm, Bc.PROVIDER)
              .generatePublic(new X509EncodedKeySpec(spki)));
    } catch (Exception e) {
      return Optional.empty(); // an invalid key (e.g. a point off its curve) verifies nothing
    }
  }

  private static boolean verify(ParsedCertificate child, PublicKey key) {
    try {
      AlgorithmIdentifier algorithm = child.signatureAlgorithm();
      Signature s = Signature.getInstance(algorithm.getAlgorithm().getId(), Bc.PROVIDER);
      if (algorithm.getAlgorithm().getId().equals("1.2.840.113549.1.1.10")) {
        AlgorithmParameters params = AlgorithmParameters.getInstance("PSS", Bc.PROVIDER);
        params.init(algorithm.getParameters().toASN1Primitive().getEncoded(ASN1Encoding.DER));
        s.setParameter(params.getParameterSpec(PSSParameterSpec.class));
      }
      s.initVerify(key);
      s.update(child.tbsDer());
      return s.verify(child.signature());
    } catch (Exception e) {
      // Unknown algorithm, mismatched key type, malformed signature: all mean "does not verify".
      return false;
    }
  }
}
