package org.danecheck.core.internal.tlsa;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.Provider;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Certificate signature checks over the exact tbsCertificate bytes, remembered per (certificate,
 * issuer key) for one match call: every record of an RRset shares them, so a chain costs at most
 * one verification per edge however many records name it. Not thread-safe; one per call.
 */
final class Signatures {
  // A private, unregistered provider instance: Bouncy Castle decodes keys the JDK refuses (e.g.
  // compressed EC points), verifies ECDSA several times faster than SunEC on JDK 17, and we must
  // not change the JVM's global provider list.
  private static final class Bc {
    static final Provider PROVIDER = new BouncyCastleProvider();
  }

  private final Work work;
  private final Map<ParsedCertificate, Map<ByteBuffer, Boolean>> cache = new IdentityHashMap<>();

  Signatures(Work work) {
    this.work = work;
  }

  /**
   * True if {@code child}'s signature verifies with {@code issuerKey} (a SubjectPublicKeyInfo).
   * Keys too costly to verify with (OpenSSL's RSA modulus and exponent limits) and calls past the
   * work cap answer false.
   */
  boolean verifies(ParsedCertificate child, byte[] issuerSpki, PublicKeys.Info issuerKey) {
    Map<ByteBuffer, Boolean> byKey = cache.computeIfAbsent(child, c -> new HashMap<>());
    ByteBuffer k = ByteBuffer.wrap(issuerSpki);
    Boolean known = byKey.get(k);
    if (known != null) {
      work.signatureCacheHit();
      return known;
    }
    if (!issuerKey.decodable()
        || issuerKey.tooCostlyToVerify()
        || !SignatureAlgorithms.keyMatches(issuerKey, child.signatureAlgorithm())) {
      byKey.put(k, false);
      return false;
    }
    if (!work.signatureCheck()) {
      return false; // not cached: the answer is unknown, not "no"
    }
    boolean ok = verify(child, issuerSpki);
    byKey.put(k, ok);
    return ok;
  }

  private static boolean verify(ParsedCertificate child, byte[] issuerSpki) {
    try {
      SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(issuerSpki);
      ContentVerifierProvider provider =
          new JcaContentVerifierProviderBuilder().setProvider(Bc.PROVIDER).build(spki);
      ContentVerifier verifier = provider.get(child.signatureAlgorithm());
      try (OutputStream out = verifier.getOutputStream()) {
        out.write(child.tbsDer());
      }
      return verifier.verify(child.signature());
    } catch (Exception e) {
      // Unknown algorithm, undecodable key, mismatched key type: all mean "does not verify".
      return false;
    }
  }
}
