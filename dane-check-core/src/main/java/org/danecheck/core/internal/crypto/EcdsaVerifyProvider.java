package org.danecheck.core.internal.crypto;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.Map;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * A narrow JCA provider: ECDSA signature <em>verification</em> (SHA-256 and SHA-384 with ECDSA,
 * i.e. DNSSEC algorithms 13 and 14 and ECDSA-signed certificates) by Bouncy Castle, with a bounded
 * cache of verifications that succeeded; nothing else.
 *
 * <p>Why: dnsjava's {@code DNSSEC.verify} and the JDK's PKIX validator ask JCA for {@code
 * SHA256withECDSA} with no provider, which on JDK 17 is SunEC, whose P-256 verification costs about
 * 1 ms (Bouncy Castle ~0.23 ms; issue 17: ~79% of a representative scan's CPU). And a validator
 * verifies the same signature again and again: the parent's SOA in every denial it sends, a CA's
 * signature on the same intermediate in every chain. The result of verifying (key, signed data,
 * signature) never changes, so it is cached by a SHA-256 of the three (validity periods are checked
 * by the callers, outside the signature check); only successes are kept, at most {@value
 * #CACHE_ENTRIES}.
 *
 * <p>Installed first in the provider list only on request ({@link #install()}): JCA then picks it
 * for EC public keys only; signing (a private key) and every other algorithm still go to the
 * providers the JVM had, and Bouncy Castle's full provider is never registered.
 */
public final class EcdsaVerifyProvider extends Provider {
  private static final long serialVersionUID = 1L;

  /** The provider's name in {@link Security#getProviders()}. */
  public static final String NAME = "DaneCheckEcdsaVerify";

  /** The bound of the cache of verified signatures (about 100 bytes each). */
  public static final int CACHE_ENTRIES = 32_768;

  // An instance, never registered: only our services use it.
  private static final Provider BC = new BouncyCastleProvider();

  // -Ddane-check.ecdsa-cache=false: Bouncy Castle without the cache, for benchmarks' A/B runs.
  private static final boolean CACHE_ON =
      !"false".equals(System.getProperty("dane-check.ecdsa-cache"));

  private static final Cache<ByteBuffer, Boolean> VERIFIED =
      Caffeine.newBuilder().maximumSize(CACHE_ENTRIES).executor(Runnable::run).build();

  private EcdsaVerifyProvider() {
    super(NAME, "1.0", "ECDSA signature verification by Bouncy Castle, cached (dane-check)");
    putService(new VerifyOnly(this, "SHA256withECDSA", "1.2.840.10045.4.3.2"));
    putService(new VerifyOnly(this, "SHA384withECDSA", "1.2.840.10045.4.3.3"));
  }

  /**
   * Puts the provider first in the JVM's list, once; later calls do nothing. Returns whether this
   * call installed it. Process-wide: for tools, and for library callers who opt in.
   */
  public static synchronized boolean install() {
    if (installed()) {
      return false;
    }
    return Security.insertProviderAt(new EcdsaVerifyProvider(), 1) != -1;
  }

  /** Whether the provider is in the JVM's list. */
  public static boolean installed() {
    return Security.getProvider(NAME) != null;
  }

  /** How many verified signatures the cache holds now (for tests and benchmarks). */
  public static long cachedVerifications() {
    VERIFIED.cleanUp();
    return VERIFIED.estimatedSize();
  }

  /** A Signature service that takes only EC public keys, so JCA passes signing on. */
  private static final class VerifyOnly extends Service {
    VerifyOnly(Provider p, String algorithm, String oid) {
      super(
          p,
          "Signature",
          algorithm,
          CachedVerify.class.getName(),
          List.of(oid, "OID." + oid),
          Map.of("SupportedKeyClasses", ECPublicKey.class.getName()));
    }

    @Override
    public boolean supportsParameter(Object parameter) {
      return parameter instanceof ECPublicKey;
    }

    @Override
    public Object newInstance(Object constructorParameter) {
      return new CachedVerify(getAlgorithm());
    }
  }

  /** Buffers the signed data, then answers from the cache or verifies with Bouncy Castle. */
  static final class CachedVerify extends SignatureSpi {
    private final String algorithm;
    private final ByteArrayOutputStream data = new ByteArrayOutputStream(512);
    private PublicKey key;

    CachedVerify(String algorithm) {
      this.algorithm = algorithm;
    }

    @Override
    protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
      if (!(publicKey instanceof ECPublicKey)) {
        throw new InvalidKeyException("not an EC public key");
      }
      key = publicKey;
      data.reset();
    }

    @Override
    protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
      throw new InvalidKeyException("this provider only verifies");
    }

    @Override
    protected void engineUpdate(byte b) {
      data.write(b);
    }

    @Override
    protected void engineUpdate(byte[] b, int off, int len) {
      data.write(b, off, len);
    }

    @Override
    protected byte[] engineSign() throws SignatureException {
      throw new SignatureException("this provider only verifies");
    }

    @Override
    protected boolean engineVerify(byte[] signature) throws SignatureException {
      if (key == null) {
        throw new SignatureException("not initialised for verification");
      }
      byte[] signed = data.toByteArray();
      data.reset();
      ByteBuffer id = ByteBuffer.wrap(fingerprint(key.getEncoded(), signed, signature));
      if (VERIFIED.getIfPresent(id) != null) {
        return true;
      }
      boolean ok;
      try {
        Signature s = Signature.getInstance(algorithm, BC);
        s.initVerify(key);
        s.update(signed);
        ok = s.verify(signature);
      } catch (SignatureException e) {
        throw e;
      } catch (GeneralSecurityException e) {
        throw new SignatureException(e.getMessage(), e);
      }
      if (ok && CACHE_ON) {
        VERIFIED.put(id, Boolean.TRUE);
      }
      return ok;
    }

    private byte[] fingerprint(byte[] encodedKey, byte[] signed, byte[] signature) {
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(algorithm.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (byte[] part : new byte[][] {encodedKey, signed, signature}) {
          sha.update(ByteBuffer.allocate(4).putInt(0, part.length));
          sha.update(part);
        }
        return sha.digest();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("SHA-256 is missing", e);
      }
    }

    @Override
    @Deprecated
    protected void engineSetParameter(String param, Object value) {
      throw new InvalidParameterException("no parameters");
    }

    @Override
    @Deprecated
    protected Object engineGetParameter(String param) {
      throw new InvalidParameterException("no parameters");
    }
  }
}
