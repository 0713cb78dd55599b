/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.crypto;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;

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

  // Bouncy Castle's lightweight API, not its JCA provider, whose construction costs about half a
  // second of CPU (measured in a scan's profile): too much for a one-check tool like check_dane.
  private static final ECDomainParameters P256 = domain("P-256");
  private static final ECDomainParameters P384 = domain("P-384");

  private static ECDomainParameters domain(String name) {
    X9ECParameters x9 = CustomNamedCurves.getByName(name); // the fast, curve-specific arithmetic
    return new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH(), x9.getSeed());
  }

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

  /** P-256 or P-384 when the JCA parameters are exactly that curve's, else null. */
  static ECDomainParameters curveOf(ECParameterSpec spec) {
    if (spec == null || spec.getCofactor() != 1) {
      return null;
    }
    for (ECDomainParameters d : new ECDomainParameters[] {P256, P384}) {
      if (spec.getOrder().equals(d.getN())
          && spec.getCurve().getField() instanceof java.security.spec.ECFieldFp fp
          && fp.getP().equals(d.getCurve().getField().getCharacteristic())
          && spec.getCurve().getA().equals(d.getCurve().getA().toBigInteger())
          && spec.getCurve().getB().equals(d.getCurve().getB().toBigInteger())
          && spec.getGenerator().getAffineX().equals(d.getG().getAffineXCoord().toBigInteger())
          && spec.getGenerator().getAffineY().equals(d.getG().getAffineYCoord().toBigInteger())) {
        return d;
      }
    }
    return null;
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
    private ECPublicKeyParameters point;

    CachedVerify(String algorithm) {
      this.algorithm = algorithm;
    }

    @Override
    protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
      if (!(publicKey instanceof ECPublicKey ec)) {
        throw new InvalidKeyException("not an EC public key");
      }
      ECDomainParameters d = curveOf(ec.getParams());
      if (d == null) {
        // JCA then tries the next provider (e.g. SunEC for other curves).
        throw new InvalidKeyException("not a P-256 or P-384 key");
      }
      try {
        point =
            new ECPublicKeyParameters(
                d.getCurve().createPoint(ec.getW().getAffineX(), ec.getW().getAffineY()), d);
      } catch (RuntimeException e) { // off the curve, at infinity
        throw new InvalidKeyException("invalid EC public key", e);
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
      boolean ok = verify(signed, signature);
      if (ok && CACHE_ON) {
        VERIFIED.put(id, Boolean.TRUE);
      }
      return ok;
    }

    private boolean verify(byte[] signed, byte[] signature) {
      ECDomainParameters domain = point.getParameters();
      BigInteger[] rs;
      try {
        rs = StandardDSAEncoding.INSTANCE.decode(domain.getN(), signature); // strict DER
      } catch (java.io.IOException | RuntimeException e) {
        return false;
      }
      Digest digest = algorithm.startsWith("SHA384") ? new SHA384Digest() : new SHA256Digest();
      digest.update(signed, 0, signed.length);
      byte[] hash = new byte[digest.getDigestSize()];
      digest.doFinal(hash, 0);
      ECDSASigner signer = new ECDSASigner();
      signer.init(false, point);
      return signer.verifySignature(hash, rs[0], rs[1]);
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
