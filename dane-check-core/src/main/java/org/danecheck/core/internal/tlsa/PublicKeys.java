package org.danecheck.core.internal.tlsa;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.DSAParameter;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.math.ec.ECPoint;

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
   * strength (DSA without parameters): such keys fail every security level above 0.
   */
  record Info(
      Type type,
      boolean decodable,
      int securityBits,
      boolean explicitEcParameters,
      boolean tooCostlyToVerify,
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

  // Verification cost bounds, as OpenSSL's RSA code applies them (OPENSSL_RSA_MAX_MODULUS_BITS,
  // OPENSSL_RSA_MAX_PUBEXP_BITS above OPENSSL_RSA_SMALL_MODULUS_BITS): a hostile key with a huge
  // exponent would make one verification take seconds.
  private static final int RSA_MAX_MODULUS_BITS = 16384;
  private static final int RSA_SMALL_MODULUS_BITS = 3072;
  private static final int RSA_MAX_EXPONENT_BITS = 64;
  private static final int DSA_MAX_MODULUS_BITS = 10000;
  private static final int EC_MAX_FIELD_BITS = 661;

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
          {
            RSAPublicKey rsa = RSAPublicKey.getInstance(spki.parsePublicKey());
            BigInteger n = rsa.getModulus();
            if (n.signum() <= 0 || rsa.getPublicExponent().signum() <= 0) {
              return undecodable(type);
            }
            int bits = n.bitLength();
            int e = rsa.getPublicExponent().bitLength();
            boolean costly =
                bits > RSA_MAX_MODULUS_BITS
                    || (bits > RSA_SMALL_MODULUS_BITS && e > RSA_MAX_EXPONENT_BITS);
            return new Info(
                type, true, rsaBits(bits), false, costly, name(type) + " " + bits + " bits");
          }
        case DSA:
          {
            ASN1Encodable params = spki.getAlgorithm().getParameters();
            ASN1Integer.getInstance(spki.parsePublicKey());
            if (params == null || params instanceof ASN1Null) {
              return new Info(type, true, -1, false, true, "a DSA key without parameters");
            }
            DSAParameter dsa = DSAParameter.getInstance(params);
            int p = dsa.getP().bitLength();
            int q = dsa.getQ().bitLength();
            return new Info(
                type,
                true,
                finiteFieldBits(p, q),
                false,
                p > DSA_MAX_MODULUS_BITS,
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
            return new Info(type, true, finiteFieldBits(p, n), false, true, "DH " + p + " bits");
          }
        case EC:
          return ec(spki);
        case ED25519:
        case X25519:
          return octets(spki, type, 32, 128);
        case ED448:
          return octets(spki, type, 57, 224);
        case X448:
          return octets(spki, type, 56, 224);
        default:
          return new Info(type, false, -1, false, true, "a key of unknown type " + oid.getId());
      }
    } catch (IOException | RuntimeException e) {
      return undecodable(type);
    }
  }

  /**
   * Whether OpenSSL would decode the key (d2i_PUBKEY): everything {@link #of} checks, and an EC
   * point on its curve. Costs a point decoding (tens of microseconds); for TLSA Full(0) data.
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
      X9ECParameters x9 = curve(spki.getAlgorithm().getParameters().toASN1Primitive());
      ECPoint point = x9.getCurve().decodePoint(spki.getPublicKeyData().getOctets());
      return point.isValid() && !point.isInfinity();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static Info undecodable(Type type) {
    return new Info(type, false, -1, false, true, "an undecodable " + name(type) + " key");
  }

  private static Info octets(SubjectPublicKeyInfo spki, Type type, int length, int bits) {
    if (spki.getPublicKeyData().getOctets().length != length) {
      return undecodable(type);
    }
    return new Info(type, true, bits, false, false, name(type));
  }

  // Named curves by OID, for the curves Bouncy Castle knows (a bounded set: unknown OIDs are not
  // remembered), because looking a curve up builds it anew each time (about 50 microseconds).
  private static final Map<ASN1ObjectIdentifier, X9ECParameters> CURVES = new ConcurrentHashMap<>();

  /** The curve of EC parameters (a named curve or explicit ones), or null if unknown. */
  private static X9ECParameters curve(ASN1Primitive params) {
    if (params instanceof ASN1ObjectIdentifier oid) {
      X9ECParameters x9 = CURVES.get(oid);
      if (x9 == null) {
        x9 = ECNamedCurveTable.getByOID(oid);
        if (x9 != null) {
          CURVES.put(oid, x9);
        }
      }
      return x9;
    }
    return X9ECParameters.getInstance(params);
  }

  private static Info ec(SubjectPublicKeyInfo spki) {
    ASN1Primitive params = spki.getAlgorithm().getParameters().toASN1Primitive();
    boolean explicit = !(params instanceof ASN1ObjectIdentifier);
    X9ECParameters x9 = curve(params);
    if (x9 == null) {
      return new Info(Type.EC, false, -1, false, true, "an EC key on an unknown curve");
    }
    int order = x9.getN().bitLength();
    int field = x9.getCurve().getFieldSize();
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
        field > EC_MAX_FIELD_BITS,
        "EC " + field + " bits" + (explicit ? " (explicit parameters)" : ""));
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
