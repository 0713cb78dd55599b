/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.tlsa;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.DSAParameter;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECFieldElement;

/**
 * What OpenSSL 3 knows about a SubjectPublicKeyInfo: whether it decodes to a key it supports, the
 * key's type (for matching signature algorithms to issuer keys), and its security strength in bits
 * as {@code EVP_PKEY_get_security_bits} estimates it, for the security-level floor.
 */
final class PublicKeys {
  private PublicKeys() {}

  /** Key types, as OpenSSL's {@code EVP_PKEY_is_a} tells them apart. */
  enum Type {
    RSA,
    RSA_PSS,
    DSA,
    DH,
    EC,
    ED25519,
    ED448,
    X25519,
    X448,
    UNKNOWN
  }

  /**
   * One key. {@code securityBits} is -1 when OpenSSL could not decode the key or does not know its
   * strength (DSA without parameters): such keys fail every security level above 0. {@code
   * unverifiable} says why OpenSSL would verify no signature with the key (null when it would);
   * {@code verifyCost} is what decoding it and verifying one signature costs, in {@link
   * Work#UNIT}s.
   */
  record Info(
      Type type,
      boolean decodable,
      int securityBits,
      boolean explicitEcParameters,
      String unverifiable,
      long verifyCost,
      String description) {}

  /**
   * OpenSSL security level 1, which Postfix sets for DANE and other authenticated TLS
   * (tls_client.c: "When authenticating the peer, use 80-bit plus OpenSSL security level").
   */
  static final int LEVEL_1_BITS = 80;

  /**
   * The smallest RSA modulus OpenSSL 3 rates at 80 bits: its estimate (the SP 800-56B formula in
   * crypto/rsa/rsa_lib.c) rounds 920 bits up to 80; measured with {@code openssl verify -auth_level
   * 1}: 919 bits "EE certificate key too weak", 920 bits OK.
   */
  static final int RSA_LEVEL_1_MIN_BITS = 920;

  // The keys OpenSSL 3 verifies no signature with. RSA (rsa_ossl_public_decrypt, which RSA-PSS
  // uses too): a modulus over OPENSSL_RSA_MAX_MODULUS_BITS, an exponent not below the modulus, or
  // one over OPENSSL_RSA_MAX_PUBEXP_BITS with a modulus over OPENSSL_RSA_SMALL_MODULUS_BITS. DSA
  // (dsa_do_verify): q of other than 160, 224 or 256 bits ("fips 186-3 allows only different
  // sizes for q"), p over OPENSSL_DSA_MAX_MODULUS_BITS. EC: a field over
  // OPENSSL_ECC_MAX_FIELD_BITS does not even decode (EC_GROUP_new_from_ecparameters).
  static final int RSA_MAX_MODULUS_BITS = 16384;
  static final int RSA_SMALL_MODULUS_BITS = 3072;
  static final int RSA_MAX_EXPONENT_BITS = 64;
  static final int DSA_MAX_MODULUS_BITS = 10000;
  static final int EC_MAX_FIELD_BITS = 661;

  private static final ASN1ObjectIdentifier DH_X942 = X9ObjectIdentifiers.dhpublicnumber;
  private static final ASN1ObjectIdentifier DH_PKCS3 = PKCSObjectIdentifiers.dhKeyAgreement;
  private static final ASN1ObjectIdentifier OIW_DSA = new ASN1ObjectIdentifier("1.3.14.3.2.12");

  /**
   * The key's facts from its encoding alone, cheaply (it runs for every certificate parsed): the
   * ASN.1 structure, the sizes and, for EC, that the point has the curve's length. Whether an EC
   * point is on its curve is left to {@link #decodesFully} and to signature verification.
   */
  static Info of(SubjectPublicKeyInfo spki) {
    ASN1ObjectIdentifier oid = spki.getAlgorithm().getAlgorithm();
    Type type = typeOf(oid);
    try {
      switch (type) {
        case RSA:
        case RSA_PSS:
          return rsa(type, RSAPublicKey.getInstance(spki.parsePublicKey()));
        case DSA:
          {
            ASN1Encodable params = spki.getAlgorithm().getParameters();
            ASN1Integer.getInstance(spki.parsePublicKey());
            if (params == null || params instanceof ASN1Null) {
              return new Info(
                  type,
                  true,
                  -1,
                  false,
                  "a DSA key without parameters verifies nothing",
                  Cost.FIXED,
                  "a DSA key without parameters");
            }
            DSAParameter dsa = DSAParameter.getInstance(params);
            int p = dsa.getP().bitLength();
            int q = dsa.getQ().bitLength();
            String refusal = null;
            if (q != 160 && q != 224 && q != 256) {
              refusal =
                  "OpenSSL verifies no signature with a DSA key whose q has "
                      + q
                      + " bits (only 160, 224 or 256, as FIPS 186-3 allows)";
            } else if (p > DSA_MAX_MODULUS_BITS) {
              refusal =
                  "OpenSSL verifies no signature with a DSA modulus over "
                      + DSA_MAX_MODULUS_BITS
                      + " bits";
            }
            return new Info(
                type,
                true,
                finiteFieldBits(p, q),
                false,
                refusal,
                refusal == null ? Cost.dsa(p, q) : 0,
                "DSA " + p + " bits");
          }
        case DH:
          {
            ASN1Sequence params = ASN1Sequence.getInstance(spki.getAlgorithm().getParameters());
            ASN1Integer.getInstance(spki.parsePublicKey());
            int p = ASN1Integer.getInstance(params.getObjectAt(0)).getValue().bitLength();
            int n = -1;
            if (oid.equals(DH_X942) && params.size() > 2) {
              n = ASN1Integer.getInstance(params.getObjectAt(2)).getValue().bitLength();
            } else if (oid.equals(DH_PKCS3) && params.size() > 2) {
              n = ASN1Integer.getInstance(params.getObjectAt(2)).getValue().intValue();
            }
            return new Info(
                type,
                true,
                finiteFieldBits(p, n),
                false,
                "a Diffie-Hellman key signs nothing",
                0,
                "DH " + p + " bits");
          }
        case EC:
          return ec(spki);
        case ED25519:
          return octets(spki, type, 32, 128, Cost.ED25519);
        case X25519:
          return octets(spki, type, 32, 128, 0);
        case ED448:
          return octets(spki, type, 57, 224, Cost.ED448);
        case X448:
          return octets(spki, type, 56, 224, 0);
        default:
          return new Info(
              type,
              false,
              -1,
              false,
              "a key of unknown type verifies nothing",
              0,
              "a key of unknown type " + oid.getId());
      }
    } catch (IOException | RuntimeException e) {
      return undecodable(type);
    }
  }

  private static Info rsa(Type type, RSAPublicKey rsa) {
    BigInteger n = rsa.getModulus();
    BigInteger e = rsa.getPublicExponent();
    if (n.signum() <= 0 || e.signum() <= 0) {
      return undecodable(type);
    }
    int bits = n.bitLength();
    String refusal = null;
    if (bits > RSA_MAX_MODULUS_BITS) {
      refusal =
          "OpenSSL verifies no signature with an RSA modulus over "
              + RSA_MAX_MODULUS_BITS
              + " bits";
    } else if (e.compareTo(n) >= 0) {
      refusal = "OpenSSL verifies no signature with an RSA exponent not below the modulus";
    } else if (bits > RSA_SMALL_MODULUS_BITS && e.bitLength() > RSA_MAX_EXPONENT_BITS) {
      refusal =
          "OpenSSL verifies no signature with an RSA exponent over "
              + RSA_MAX_EXPONENT_BITS
              + " bits when the modulus has more than "
              + RSA_SMALL_MODULUS_BITS;
    } else if (!n.testBit(0) || !e.testBit(0)) {
      // Montgomery arithmetic needs an odd modulus; an even exponent has no private key.
      refusal = "an RSA key with an even modulus or exponent verifies nothing";
    }
    return new Info(
        type,
        true,
        rsaBits(bits),
        false,
        refusal,
        refusal == null ? Cost.rsa(bits, e) : 0,
        name(type) + " " + bits + " bits");
  }

  /**
   * Whether OpenSSL would decode the key (d2i_PUBKEY): everything {@link #of} checks, and an EC
   * point on its curve (not whether it is in the subgroup: OpenSSL's decoder does not check that
   * either). Costs at most a square root in the field (tens of microseconds); for TLSA Full(0)
   * data.
   */
  static boolean decodesFully(SubjectPublicKeyInfo spki) {
    Info info = of(spki);
    if (!info.decodable()) {
      return false;
    }
    if (info.type() != Type.EC) {
      return true; // the structure checks of() made are what OpenSSL's decoders check
    }
    try {
      ASN1Primitive params = spki.getAlgorithm().getParameters().toASN1Primitive();
      byte[] point = spki.getPublicKeyData().getOctets();
      if (params instanceof ASN1ObjectIdentifier oid) {
        return onCurve(namedCurve(oid).curve, point);
      }
      Explicit curve = Explicit.parse(params);
      if (curve.p != null) {
        return curve.onPrimeCurve(point);
      }
      // Characteristic two: Bouncy Castle's curve (no primality test there) decodes the point.
      return onCurve(X9ECParameters.getInstance(params).getCurve(), point);
    } catch (RuntimeException e) {
      return false;
    }
  }

  // On the curve, by its equation, as OpenSSL's EC_POINT_oct2point checks it. Not Bouncy Castle's
  // decodePoint: it also checks the order on curves with a cofactor, a scalar multiplication that
  // OpenSSL's decoder does not make.
  private static boolean onCurve(ECCurve curve, byte[] point) {
    int len = (curve.getFieldSize() + 7) / 8;
    byte form = point[0];
    boolean compressed = form == 2 || form == 3;
    BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, 1 + len));
    BigInteger y =
        compressed ? null : new BigInteger(1, Arrays.copyOfRange(point, 1 + len, 1 + 2 * len));
    if (ECAlgorithms.isFpCurve(curve)) {
      return onPrimeCurve(
          curve.getField().getCharacteristic(),
          curve.getA().toBigInteger(),
          curve.getB().toBigInteger(),
          form,
          x,
          y);
    }
    if (!curve.isValidFieldElement(x) || (y != null && !curve.isValidFieldElement(y))) {
      return false;
    }
    ECFieldElement fx = curve.fromBigInteger(x);
    if (compressed) {
      // y^2 + xy = x^3 + ax^2 + b has a solution y iff the trace of x + a + b/x^2 is 0.
      if (fx.isZero()) {
        return form == 2;
      }
      ECFieldElement beta = fx.add(curve.getA()).add(curve.getB().multiply(fx.square().invert()));
      return ((ECFieldElement.AbstractF2m) beta).trace() == 0;
    }
    ECFieldElement fy = curve.fromBigInteger(y);
    if (form != 4) {
      boolean bit = !fx.isZero() && fy.divide(fx).testBitZero();
      if (bit != (form == 7)) {
        return false; // hybrid form: the y bit must agree
      }
    }
    return fy.square()
        .add(fx.multiply(fy))
        .equals(fx.square().multiply(fx.add(curve.getA())).add(curve.getB()));
  }

  // y^2 = x^3 + ax + b (mod p); for a compressed point, x^3 + ax + b must be a square (Euler's
  // criterion), which is what decompressing it (a square root) finds out.
  private static boolean onPrimeCurve(
      BigInteger p, BigInteger a, BigInteger b, byte form, BigInteger x, BigInteger y) {
    if (x.compareTo(p) >= 0 || (y != null && y.compareTo(p) >= 0)) {
      return false;
    }
    BigInteger rhs = x.multiply(x).add(a).multiply(x).add(b).mod(p);
    if (y == null) {
      return rhs.signum() == 0 ? form == 2 : rhs.modPow(p.shiftRight(1), p).equals(BigInteger.ONE);
    }
    if (form != 4 && y.testBit(0) != (form == 7)) {
      return false; // hybrid form: the parity bit must agree
    }
    return y.multiply(y).mod(p).equals(rhs);
  }

  private static Info undecodable(Type type) {
    return new Info(
        type,
        false,
        -1,
        false,
        "an undecodable key verifies nothing",
        0,
        "an undecodable " + name(type) + " key");
  }

  private static Info octets(
      SubjectPublicKeyInfo spki, Type type, int length, int bits, long cost) {
    if (spki.getPublicKeyData().getOctets().length != length) {
      return undecodable(type);
    }
    String refusal = cost == 0 ? "a key-agreement key signs nothing" : null;
    return new Info(type, true, bits, false, refusal, cost, name(type));
  }

  /** A named curve as Bouncy Castle implements it, and whether with its own arithmetic. */
  private record Named(ECCurve curve, int fieldBits, int orderBits, boolean custom) {}

  // Named curves by OID, for the curves Bouncy Castle knows (a bounded set: unknown OIDs are not
  // remembered), because looking a curve up builds it anew each time (about 50 microseconds).
  private static final Map<ASN1ObjectIdentifier, Named> CURVES = new ConcurrentHashMap<>();

  /** The named curve, or null if unknown. */
  private static Named namedCurve(ASN1ObjectIdentifier oid) {
    Named named = CURVES.get(oid);
    if (named == null) {
      X9ECParameters x9 = ECNamedCurveTable.getByOID(oid);
      if (x9 == null) {
        return null;
      }
      // Bouncy Castle's provider verifies with the custom implementation when there is one.
      boolean custom = CustomNamedCurves.getByOID(oid) != null;
      named = new Named(x9.getCurve(), x9.getCurve().getFieldSize(), x9.getN().bitLength(), custom);
      CURVES.put(oid, named);
    }
    return named;
  }

  /**
   * Explicit EC parameters (X9.62 ECParameters) read without building a Bouncy Castle curve, which
   * for a prime field runs a primality test: milliseconds for every certificate parsed.
   */
  private record Explicit(int fieldBits, int orderBits, BigInteger p, BigInteger a, BigInteger b) {
    private static final ASN1ObjectIdentifier PRIME_FIELD = X9ObjectIdentifiers.prime_field;
    private static final ASN1ObjectIdentifier TWO_FIELD =
        X9ObjectIdentifiers.characteristic_two_field;

    static Explicit parse(ASN1Primitive params) {
      ASN1Sequence seq = ASN1Sequence.getInstance(params);
      ASN1Sequence fieldId = ASN1Sequence.getInstance(seq.getObjectAt(1));
      ASN1ObjectIdentifier fieldType = ASN1ObjectIdentifier.getInstance(fieldId.getObjectAt(0));
      ASN1Sequence curve = ASN1Sequence.getInstance(seq.getObjectAt(2));
      BigInteger order = ASN1Integer.getInstance(seq.getObjectAt(4)).getPositiveValue();
      if (fieldType.equals(PRIME_FIELD)) {
        BigInteger p = ASN1Integer.getInstance(fieldId.getObjectAt(1)).getValue();
        if (p.signum() <= 0 || !p.testBit(0)) {
          throw new IllegalArgumentException("invalid prime field");
        }
        return new Explicit(
            p.bitLength(),
            order.bitLength(),
            p,
            new BigInteger(1, ASN1OctetString.getInstance(curve.getObjectAt(0)).getOctets()),
            new BigInteger(1, ASN1OctetString.getInstance(curve.getObjectAt(1)).getOctets()));
      }
      if (fieldType.equals(TWO_FIELD)) {
        ASN1Sequence two = ASN1Sequence.getInstance(fieldId.getObjectAt(1));
        int m = ASN1Integer.getInstance(two.getObjectAt(0)).intValueExact();
        if (m <= 0) {
          throw new IllegalArgumentException("invalid binary field");
        }
        return new Explicit(m, order.bitLength(), null, null, null);
      }
      throw new IllegalArgumentException("unknown field type");
    }

    boolean onPrimeCurve(byte[] point) {
      int len = (fieldBits + 7) / 8;
      boolean compressed = point[0] == 2 || point[0] == 3;
      BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, 1 + len));
      BigInteger y =
          compressed ? null : new BigInteger(1, Arrays.copyOfRange(point, 1 + len, 1 + 2 * len));
      return PublicKeys.onPrimeCurve(p, a, b, point[0], x, y);
    }
  }

  private static Info ec(SubjectPublicKeyInfo spki) {
    ASN1Primitive params = spki.getAlgorithm().getParameters().toASN1Primitive();
    boolean explicit = !(params instanceof ASN1ObjectIdentifier);
    int field;
    int order;
    long cost;
    if (explicit) {
      Explicit curve = Explicit.parse(params);
      field = curve.fieldBits;
      order = curve.orderBits;
      if (field > EC_MAX_FIELD_BITS) {
        return new Info(
            Type.EC,
            false,
            -1,
            true,
            "OpenSSL decodes no EC key over a field of more than " + EC_MAX_FIELD_BITS + " bits",
            0,
            "an EC key over a field of " + field + " bits, which OpenSSL does not decode");
      }
      // A binary field is not tested for primality, but is no cheaper: charged alike.
      cost = Cost.ec(null, field, order, false);
    } else {
      Named curve = namedCurve((ASN1ObjectIdentifier) params);
      if (curve == null) {
        return new Info(
            Type.EC,
            false,
            -1,
            false,
            "an EC key on an unknown curve verifies nothing",
            0,
            "an EC key on an unknown curve");
      }
      field = curve.fieldBits;
      order = curve.orderBits;
      cost = Cost.ec((ASN1ObjectIdentifier) params, field, order, curve.custom);
    }
    byte[] point = spki.getPublicKeyData().getOctets();
    int fieldBytes = (field + 7) / 8;
    boolean shape =
        point.length > 0
            && ((point[0] == 4 || point[0] == 6 || point[0] == 7)
                ? point.length == 1 + 2 * fieldBytes
                : (point[0] == 2 || point[0] == 3) && point.length == 1 + fieldBytes);
    if (!shape) {
      return undecodable(Type.EC);
    }
    return new Info(
        Type.EC,
        true,
        ecBits(order),
        explicit,
        null,
        cost,
        "EC " + field + " bits" + (explicit ? " (explicit parameters)" : ""));
  }

  /**
   * What verifying one certificate signature costs with Bouncy Castle, decoding the key included,
   * in {@link Work#UNIT}s (an RSA-2048 verification with exponent 65537). Modular arithmetic is
   * counted as limbs squared times multiplications, which overestimates the larger sizes (Java's
   * multiplication is subquadratic there); the constants come from measurements
   * (docs/benchmarks.md, {@code SignatureCostBenchmark}), each rounded up.
   */
  static final class Cost {
    private Cost() {}

    /** Hashing, padding, object creation: what any verification costs. */
    static final long FIXED = Work.UNIT * 4 / 10;

    // One multiplication modulo a number of {@code bits}, for RSA-2048 / 65537 to cost one unit.
    private static final long RSA_2048_PART = Work.UNIT - FIXED;

    static long modExp(int bits, long multiplications) {
      long limbs = (bits + 63) / 64;
      return Math.max(1, limbs * limbs * multiplications * RSA_2048_PART / (32 * 32 * 17));
    }

    /** Square-and-multiply with the exponent (RSA, at most 64 bits over 3072-bit moduli). */
    static long rsa(int modulusBits, BigInteger e) {
      long multiplications = Math.max(1, e.bitLength() - 1 + e.bitCount() - 1);
      return FIXED + modExp(modulusBits, multiplications);
    }

    /**
     * Three exponentiations modulo p with q-bit exponents: Bouncy Castle checks y^q = 1 when it
     * decodes the key, and computes g^u1 and y^u2 separately (sliding windows: about 1.25
     * multiplications per exponent bit).
     */
    static long dsa(int pBits, int qBits) {
      return FIXED + 3 * modExp(pBits, qBits + qBits / 4 + 16);
    }

    /**
     * ECDSA, decoding included. The curves most used, measured (Bouncy Castle's own arithmetic);
     * other curves with Bouncy Castle's own arithmetic: limbs squared times bits of the order;
     * curves without it (explicit parameters, Brainpool), several times dearer: a cost per bit of
     * the order (objects for each field operation) and per limb squared and bit; an explicit prime
     * field also pays Bouncy Castle's primality test of p when the key is decoded.
     */
    static long ec(ASN1ObjectIdentifier named, int fieldBits, int orderBits, boolean custom) {
      Long measured = named == null ? null : MEASURED_CURVES.get(named);
      if (measured != null) {
        return measured;
      }
      long limbs = (fieldBits + 63) / 64;
      if (custom) {
        return FIXED + limbs * limbs * orderBits * 2;
      }
      long cost = FIXED + 120L * orderBits + limbs * limbs * orderBits * 26 / 10;
      if (named == null && fieldBits > 0) {
        // A round is an exponentiation and its overhead, which dominates at these sizes.
        cost += primeTestRounds(fieldBits) * (50 + modExp(fieldBits, fieldBits * 5L / 2));
      }
      return cost;
    }

    // Measured once per curve on JDK 17 (decoding and one verification, x 1.3, rounded up); the
    // budget as a whole: TlsaWorstCaseBenchmark.costliestKeys, docs/benchmarks.md.
    private static final Map<ASN1ObjectIdentifier, Long> MEASURED_CURVES =
        Map.of(
            SECObjectIdentifiers.secp256r1, 9 * Work.UNIT,
            SECObjectIdentifiers.secp384r1, 25 * Work.UNIT,
            SECObjectIdentifiers.secp521r1, 45 * Work.UNIT,
            SECObjectIdentifiers.secp256k1, 9 * Work.UNIT);

    // Bouncy Castle's Miller-Rabin rounds for certainty 100 (ECCurve.getNumberOfIterations).
    private static int primeTestRounds(int bits) {
      return bits >= 1536 ? 3 : bits >= 1024 ? 4 : bits >= 512 ? 7 : 50;
    }

    static final long ED25519 = Work.UNIT * 6;
    static final long ED448 = Work.UNIT * 20;

    /** Hashing the signed part of a certificate: SHA-2 at a few hundred MB/s. */
    static long hash(int bytes) {
      return (long) bytes * Work.UNIT / 32768;
    }
  }

  static Type typeOf(ASN1ObjectIdentifier oid) {
    if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      return Type.RSA;
    }
    if (oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
      return Type.RSA_PSS;
    }
    if (oid.equals(X9ObjectIdentifiers.id_dsa) || oid.equals(OIW_DSA)) {
      return Type.DSA;
    }
    if (oid.equals(DH_X942) || oid.equals(DH_PKCS3)) {
      return Type.DH;
    }
    if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      return Type.EC;
    }
    if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
      return Type.ED25519;
    }
    if (oid.equals(EdECObjectIdentifiers.id_Ed448)) {
      return Type.ED448;
    }
    if (oid.equals(EdECObjectIdentifiers.id_X25519)) {
      return Type.X25519;
    }
    if (oid.equals(EdECObjectIdentifiers.id_X448)) {
      return Type.X448;
    }
    return Type.UNKNOWN;
  }

  private static String name(Type type) {
    switch (type) {
      case RSA_PSS:
        return "RSA-PSS";
      case ED25519:
        return "Ed25519";
      case ED448:
        return "Ed448";
      default:
        return type.name();
    }
  }

  // OpenSSL's ossl_ifc_ffc_compute_security_bits, exact at the 80-bit boundary (see
  // RSA_LEVEL_1_MIN_BITS) and at the sizes its table lists; in between, the table's floor.
  private static int rsaBits(int n) {
    if (n >= 15360) {
      return 256;
    }
    if (n >= 7680) {
      return 192;
    }
    if (n >= 3072) {
      return 128;
    }
    if (n >= 2048) {
      return 112;
    }
    if (n >= RSA_LEVEL_1_MIN_BITS) {
      return 80;
    }
    return n >= 512 ? 56 : 0;
  }

  // OpenSSL's BN_security_bits(L, N) for DSA and DH.
  private static int finiteFieldBits(int l, int n) {
    int bits;
    if (l >= 15360) {
      bits = 256;
    } else if (l >= 7680) {
      bits = 192;
    } else if (l >= 3072) {
      bits = 128;
    } else if (l >= 2048) {
      bits = 112;
    } else if (l >= 1024) {
      bits = 80;
    } else {
      return 0;
    }
    if (n == -1) {
      return bits;
    }
    int half = n / 2;
    if (half < 80) {
      return 0;
    }
    return Math.min(half, bits);
  }

  // OpenSSL's ec_security_bits over the group order.
  private static int ecBits(int order) {
    if (order >= 512) {
      return 256;
    }
    if (order >= 384) {
      return 192;
    }
    if (order >= 256) {
      return 128;
    }
    if (order >= 224) {
      return 112;
    }
    if (order >= 160) {
      return 80;
    }
    return order / 2;
  }
}
