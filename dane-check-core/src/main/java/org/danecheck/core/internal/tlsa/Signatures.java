package org.danecheck.core.internal.tlsa;

import java.io.OutputStream;
import java.security.Provider;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/** Certificate signature checks over the exact tbsCertificate bytes. */
final class Signatures {
  private Signatures() {}

  // A private, unregistered provider instance: Bouncy Castle decodes keys the JDK refuses (e.g.
  // compressed EC points) and we must not change the JVM's global provider list.
  private static final class Bc {
    static final Provider PROVIDER = new BouncyCastleProvider();
  }

  /** True if {@code child}'s signature verifies with the key in {@code issuerSpkiDer}. */
  static boolean verifies(ParsedCertificate child, byte[] issuerSpkiDer) {
    try {
      SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(issuerSpkiDer);
      ContentVerifierProvider provider =
          new JcaContentVerifierProviderBuilder().setProvider(Bc.PROVIDER).build(spki);
      ContentVerifier verifier = provider.get(child.asn1().getSignatureAlgorithm());
      try (OutputStream out = verifier.getOutputStream()) {
        out.write(child.tbsDer());
      }
      return verifier.verify(child.asn1().getSignature().getOctets());
    } catch (Exception e) {
      // Unknown algorithm, undecodable key, mismatched key type: all mean "does not verify".
      return false;
    }
  }
}
