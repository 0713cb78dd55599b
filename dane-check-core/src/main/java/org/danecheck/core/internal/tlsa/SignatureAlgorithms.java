/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.tlsa;

import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * Certificate signature algorithms as OpenSSL 3 sees them ({@code OBJ_find_sigid_algs}, {@code
 * x509_sig_info_init}): which key type must have made the signature, and its security strength,
 * where MD5 counts 39 bits and SHA-1 63 (64 under RSA-PSS), so that neither passes security level
 * 1's 80 bits.
 */
final class SignatureAlgorithms {
  private SignatureAlgorithms() {}

  /** What a signature algorithm needs and is worth; {@code securityBits} -1 if unknown. */
  record Info(PublicKeys.Type keyType, int securityBits, String name) {}

  private static final Info UNKNOWN = new Info(PublicKeys.Type.UNKNOWN, -1, "unknown");

  private static final String PSS = "1.2.840.113549.1.1.10";

  // Digest OIDs to OpenSSL's security bits: half the digest size, except MD5 and SHA-1.
  private static final Map<String, Integer> DIGEST_BITS =
      Map.ofEntries(
          Map.entry("1.2.840.113549.2.5", 39), // MD5
          Map.entry("1.3.14.3.2.26", 63), // SHA-1
          Map.entry("2.16.840.1.101.3.4.2.4", 112), // SHA-224
          Map.entry("2.16.840.1.101.3.4.2.1", 128), // SHA-256
          Map.entry("2.16.840.1.101.3.4.2.2", 192), // SHA-384
          Map.entry("2.16.840.1.101.3.4.2.3", 256)); // SHA-512

  private static final Map<String, Info> BY_OID =
      Map.ofEntries(
          // md2/md4 with RSA: OpenSSL 3's default provider has no such digests: -1.
          rsa("1.2.840.113549.1.1.2", -1, "MD2 with RSA"),
          rsa("1.2.840.113549.1.1.3", -1, "MD4 with RSA"),
          rsa("1.2.840.113549.1.1.4", 39, "MD5 with RSA"),
          rsa("1.2.840.113549.1.1.5", 63, "SHA-1 with RSA"),
          rsa("1.3.14.3.2.29", 63, "SHA-1 with RSA"),
          rsa("1.2.840.113549.1.1.14", 112, "SHA-224 with RSA"),
          rsa("1.2.840.113549.1.1.11", 128, "SHA-256 with RSA"),
          rsa("1.2.840.113549.1.1.12", 192, "SHA-384 with RSA"),
          rsa("1.2.840.113549.1.1.13", 256, "SHA-512 with RSA"),
          rsa("1.2.840.113549.1.1.15", 112, "SHA-512/224 with RSA"),
          rsa("1.2.840.113549.1.1.16", 128, "SHA-512/256 with RSA"),
          rsa("2.16.840.1.101.3.4.3.13", 112, "SHA3-224 with RSA"),
          rsa("2.16.840.1.101.3.4.3.14", 128, "SHA3-256 with RSA"),
          rsa("2.16.840.1.101.3.4.3.15", 192, "SHA3-384 with RSA"),
          rsa("2.16.840.1.101.3.4.3.16", 256, "SHA3-512 with RSA"),
          ec("1.2.840.10045.4.1", 63, "ECDSA with SHA-1"),
          ec("1.2.840.10045.4.3.1", 112, "ECDSA with SHA-224"),
          ec("1.2.840.10045.4.3.2", 128, "ECDSA with SHA-256"),
          ec("1.2.840.10045.4.3.3", 192, "ECDSA with SHA-384"),
          ec("1.2.840.10045.4.3.4", 256, "ECDSA with SHA-512"),
          ec("2.16.840.1.101.3.4.3.9", 112, "ECDSA with SHA3-224"),
          ec("2.16.840.1.101.3.4.3.10", 128, "ECDSA with SHA3-256"),
          ec("2.16.840.1.101.3.4.3.11", 192, "ECDSA with SHA3-384"),
          ec("2.16.840.1.101.3.4.3.12", 256, "ECDSA with SHA3-512"),
          dsa("1.2.840.10040.4.3", 63, "DSA with SHA-1"),
          dsa("1.3.14.3.2.27", 63, "DSA with SHA-1"),
          dsa("2.16.840.1.101.3.4.3.1", 112, "DSA with SHA-224"),
          dsa("2.16.840.1.101.3.4.3.2", 128, "DSA with SHA-256"),
          Map.entry("1.3.101.112", new Info(PublicKeys.Type.ED25519, 128, "Ed25519")),
          Map.entry("1.3.101.113", new Info(PublicKeys.Type.ED448, 224, "Ed448")));

  static Info of(AlgorithmIdentifier algorithm) {
    String oid = algorithm.getAlgorithm().getId();
    if (oid.equals(PSS)) {
      return pss(algorithm);
    }
    return BY_OID.getOrDefault(oid, UNKNOWN);
  }

  /**
   * OpenSSL's check_sig_alg_match: the issuer's key must be of the type the signature algorithm
   * names; an RSA key may also make RSA-PSS signatures.
   */
  static boolean keyMatches(PublicKeys.Info issuerKey, AlgorithmIdentifier signature) {
    if (!issuerKey.decodable()) {
      return false;
    }
    Info info = of(signature);
    if (info.keyType() == PublicKeys.Type.UNKNOWN) {
      return false;
    }
    if (info.keyType() == issuerKey.type()) {
      return true;
    }
    return info.keyType() == PublicKeys.Type.RSA_PSS && issuerKey.type() == PublicKeys.Type.RSA;
  }

  private static Info pss(AlgorithmIdentifier algorithm) {
    try {
      RSASSAPSSparams params =
          algorithm.getParameters() == null
              ? new RSASSAPSSparams()
              : RSASSAPSSparams.getInstance(algorithm.getParameters());
      ASN1ObjectIdentifier digest = params.getHashAlgorithm().getAlgorithm();
      Integer bits = DIGEST_BITS.get(digest.getId());
      // RSA-PSS with SHA-1 is rated 64 bits (rsa_ameth.c), still below level 1.
      int secbits = bits == null ? -1 : bits == 63 ? 64 : bits;
      return new Info(PublicKeys.Type.RSA_PSS, secbits, "RSA-PSS");
    } catch (RuntimeException e) {
      return new Info(PublicKeys.Type.RSA_PSS, -1, "RSA-PSS with malformed parameters");
    }
  }

  private static Map.Entry<String, Info> rsa(String oid, int bits, String name) {
    return Map.entry(oid, new Info(PublicKeys.Type.RSA, bits, name));
  }

  private static Map.Entry<String, Info> ec(String oid, int bits, String name) {
    return Map.entry(oid, new Info(PublicKeys.Type.EC, bits, name));
  }

  private static Map.Entry<String, Info> dsa(String oid, int bits, String name) {
    return Map.entry(oid, new Info(PublicKeys.Type.DSA, bits, name));
  }
}
