/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.tlsa;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x509.NameConstraints;

/**
 * PKIX validation of one built chain with a DANE trust anchor, as OpenSSL's verify_chain does it
 * for Postfix (purpose "SSL server", security level 1, host names checked without partial
 * wildcards), in OpenSSL's order so that the first failure reported is OpenSSL's:
 *
 * <ol>
 *   <li>extensions (check_extensions): unknown critical extensions, proxy certificates, CA status
 *       (intermediates need basicConstraints cA; the top one, the trust anchor, may instead be a v1
 *       self-signed root or carry keyUsage keyCertSign), explicit EC parameters, the TLS server
 *       purpose (extendedKeyUsage serverAuth if present, on CAs too; the leaf's keyUsage must allow
 *       digitalSignature, keyEncipherment or keyAgreement), pathLenConstraint;
 *   <li>security level 1 (check_auth_level): CA keys of at least 80 bits, and signatures of at
 *       least 80 bits on every certificate but the trust anchor, so no MD5 and no SHA-1;
 *   <li>the leaf's names (check_id);
 *   <li>signatures and validity (internal_verify): each issuer's keyUsage must allow keyCertSign;
 *       validity is notBefore &lt;= now &lt; notAfter (notAfter exclusive, as OpenSSL); the trust
 *       anchor's own signature is never checked, and its validity only when it is self-signed; a
 *       chain anchored by a bare key ("2 1 0") has its top certificate's validity checked;
 *   <li>name constraints (check_name_constraints), see {@link NameConstraintCheck}.
 * </ol>
 *
 * The leaf key's strength (OpenSSL checks it for every usage, DANE-EE included) is {@link
 * #leafKeyProblem}.
 */
final class PathValidator {
  private PathValidator() {}

  /** How a path check ended. */
  enum Failure {
    NONE,
    NAME_MISMATCH,
    CHAIN_INVALID,
    EXPIRED,
    NOT_YET_VALID,
    /** The work budget stopped the validation: the path may or may not be valid. */
    LIMIT_REACHED
  }

  /** The verdict on one path; {@code matchedName} is set when valid. */
  record Verdict(Failure failure, String problem, String matchedName) {
    boolean valid() {
      return failure == Failure.NONE;
    }
  }

  /**
   * Validates {@code chain} (leaf first).
   *
   * @param bareKeyAnchor true if a bare key above the top certificate is the trust anchor (its
   *     signature on the top certificate already verified), false if the top certificate is
   */
  static Verdict validate(
      List<ParsedCertificate> chain,
      boolean bareKeyAnchor,
      Instant now,
      Set<String> referenceNames,
      Signatures signatures,
      Work work) {
    int n = chain.size();
    ParsedCertificate leaf = chain.get(0);
    String weakLeaf = leafKeyProblem(leaf);
    if (weakLeaf != null) {
      return fail(Failure.CHAIN_INVALID, 0, leaf, weakLeaf);
    }
    // 1. check_extensions
    int plen = 0;
    for (int i = 0; i < n; i++) {
      ParsedCertificate x = chain.get(i);
      if (x.unknownCritical() != null) {
        return fail(
            Failure.CHAIN_INVALID,
            i,
            x,
            "has an unhandled critical extension " + x.unknownCritical());
      }
      if (x.proxy()) {
        return fail(Failure.CHAIN_INVALID, i, x, "is a proxy certificate");
      }
      if (i > 0) {
        int ca = caStatus(x);
        if (ca == 0 || (i + 1 < n && ca != 1)) {
          return fail(Failure.CHAIN_INVALID, i, x, "is not a valid CA certificate: " + whyNotCa(x));
        }
      }
      if (n > 1) {
        if (!x.key().decodable()) {
          return fail(Failure.CHAIN_INVALID, i, x, "has " + x.key().description());
        }
        if (x.key().explicitEcParameters()) {
          return fail(Failure.CHAIN_INVALID, i, x, "has an EC key with explicit parameters");
        }
      }
      String purpose = purposeProblem(x, i > 0);
      if (purpose != null) {
        return fail(Failure.CHAIN_INVALID, i, x, purpose);
      }
      if (i > 1 && x.pathLenConstraint() >= 0 && plen > x.pathLenConstraint()) {
        return fail(
            Failure.CHAIN_INVALID,
            i,
            x,
            "allows "
                + x.pathLenConstraint()
                + " intermediate CA(s) below it but the path has "
                + plen);
      }
      // OpenSSL: "Increment path length if not a self-issued intermediate CA".
      if (i > 0 && !x.selfIssued()) {
        plen++;
      }
    }
    // 2. check_auth_level at security level 1
    for (int i = 0; i < n; i++) {
      ParsedCertificate x = chain.get(i);
      if (i > 0 && x.key().securityBits() < PublicKeys.LEVEL_1_BITS) {
        return fail(
            Failure.CHAIN_INVALID,
            i,
            x,
            "has a CA key too weak for OpenSSL security level 1 (" + x.key().description() + ")");
      }
      if (i < n - 1 && x.signatureInfo().securityBits() < PublicKeys.LEVEL_1_BITS) {
        return fail(
            Failure.CHAIN_INVALID,
            i,
            x,
            "is signed with "
                + x.signatureInfo().name()
                + ", too weak for OpenSSL security level 1 (at least 80-bit security)");
      }
    }
    // 3. check_id: the reference identifiers (RFC 7672 3.2.2, 3.2.3)
    Optional<String> name = HostnameMatcher.match(leaf, referenceNames);
    if (name.isEmpty()) {
      return new Verdict(
          Failure.NAME_MISMATCH,
          "the leaf names "
              + HostnameMatcher.presentedNames(leaf)
              + " match none of "
              + referenceNames
              + " (RFC 7672 3.2.3)",
          null);
    }
    // 4. internal_verify: signatures, issuers' keyUsage, validity
    int start = n - 1;
    ParsedCertificate top = chain.get(n - 1);
    if (!bareKeyAnchor && !top.selfSigned()) {
      start = n - 2; // a trust anchor that is not self-signed: its validity is not checked
    }
    for (int i = start; i >= 0; i--) {
      ParsedCertificate xs = chain.get(i);
      if (i < n - 1) {
        ParsedCertificate xi = chain.get(i + 1);
        if (xi.hasKeyUsage() && (xi.keyUsage() & ParsedCertificate.KU_KEY_CERT_SIGN) == 0) {
          return fail(Failure.CHAIN_INVALID, i + 1, xi, "has keyUsage without keyCertSign");
        }
        Boolean signed = signatures.check(xs, xi.spkiNoCopy(), xi.key());
        if (signed == null) {
          return fail(
              Failure.LIMIT_REACHED,
              i,
              xs,
              "was not checked: work limit (" + work.limitReached() + ")");
        }
        if (!signed) {
          return fail(
              Failure.CHAIN_INVALID,
              i,
              xs,
              "has a signature that does not verify with the key of "
                  + xi.subjectText()
                  + (xi.key().unverifiable() != null ? ": " + xi.key().unverifiable() : ""));
        }
      }
      Verdict time = timeCheck(xs, i, now);
      if (time != null) {
        return time;
      }
    }
    // 5. check_name_constraints: each CA's constraints bind the certificates below it.
    for (int i = n - 1; i >= 0; i--) {
      ParsedCertificate x = chain.get(i);
      if (i != 0 && x.selfIssued()) {
        continue;
      }
      for (int j = n - 1; j > i; j--) {
        NameConstraints nc = chain.get(j).nameConstraints();
        if (nc != null) {
          String problem = NameConstraintCheck.check(x, i == 0, nc, work);
          String constraints = chain.get(j).subjectText() + " (depth " + j + ")";
          if (NameConstraintCheck.WORK_LIMIT.equals(problem)) {
            return fail(
                Failure.LIMIT_REACHED,
                i,
                x,
                "was not checked against the name constraints of "
                    + constraints
                    + ": work limit ("
                    + work.limitReached()
                    + ")");
          }
          if (problem != null) {
            return fail(
                Failure.CHAIN_INVALID,
                i,
                x,
                "violates the name constraints of " + constraints + ": " + problem);
          }
        }
      }
    }
    return new Verdict(Failure.NONE, "", name.get());
  }

  /**
   * Why the leaf's key fails OpenSSL security level 1, or null: checked before any TLSA matching
   * (X509_verify_cert: "EE certificate key too weak"), so it applies to DANE-EE(3) too.
   */
  static String leafKeyProblem(ParsedCertificate leaf) {
    PublicKeys.Info key = leaf.key();
    if (key.securityBits() >= PublicKeys.LEVEL_1_BITS) {
      return null;
    }
    if (key.type() == PublicKeys.Type.RSA || key.type() == PublicKeys.Type.RSA_PSS) {
      return "has a key too weak for OpenSSL security level 1, which Postfix uses for DANE ("
          + key.description()
          + "; RSA needs at least "
          + PublicKeys.RSA_LEVEL_1_MIN_BITS
          + " bits by OpenSSL 3's estimate, 1024 in practice)";
    }
    return "has a key OpenSSL security level 1 does not accept (" + key.description() + ")";
  }

  /** OpenSSL's validity check: notBefore <= now < notAfter. */
  static boolean withinValidity(ParsedCertificate c, Instant now) {
    return c.notBefore() != null
        && c.notAfter() != null
        && !now.isBefore(c.notBefore())
        && now.isBefore(c.notAfter());
  }

  private static Verdict timeCheck(ParsedCertificate c, int depth, Instant now) {
    if (c.notBefore() == null) {
      return fail(Failure.CHAIN_INVALID, depth, c, "has a notBefore field that does not decode");
    }
    if (now.isBefore(c.notBefore())) {
      return fail(Failure.NOT_YET_VALID, depth, c, "is not valid before " + c.notBefore());
    }
    if (c.notAfter() == null) {
      return fail(Failure.CHAIN_INVALID, depth, c, "has a notAfter field that does not decode");
    }
    if (!now.isBefore(c.notAfter())) {
      return fail(Failure.EXPIRED, depth, c, "expired at " + c.notAfter());
    }
    return null;
  }

  /**
   * OpenSSL's check_ca: 0 not a CA, 1 a CA by basicConstraints, 3 a v1 self-signed root, 4 keyUsage
   * keyCertSign without basicConstraints, 5 Netscape CA type.
   */
  static int caStatus(ParsedCertificate x) {
    if (x.invalidExtension() != null) {
      return 0;
    }
    if (x.hasKeyUsage() && (x.keyUsage() & ParsedCertificate.KU_KEY_CERT_SIGN) == 0) {
      return 0;
    }
    if (x.hasBasicConstraints()) {
      return x.isCa() ? 1 : 0;
    }
    if (x.version() == 0 && x.selfSigned()) {
      return 3;
    }
    if (x.hasKeyUsage()) {
      return 4;
    }
    if (x.hasNsCertType() && (x.nsCertType() & ParsedCertificate.NS_ANY_CA) != 0) {
      return 5;
    }
    return 0;
  }

  private static String whyNotCa(ParsedCertificate x) {
    if (x.invalidExtension() != null) {
      return x.invalidExtension();
    }
    if (x.hasKeyUsage() && (x.keyUsage() & ParsedCertificate.KU_KEY_CERT_SIGN) == 0) {
      return "keyUsage without keyCertSign";
    }
    if (x.hasBasicConstraints()) {
      return x.isCa()
          ? "an intermediate needs basicConstraints cA"
          : "basicConstraints cA is false";
    }
    return "no basicConstraints";
  }

  // OpenSSL's check_purpose_ssl_server, with check_ssl_ca for CAs.
  static String purposeProblem(ParsedCertificate x, boolean ca) {
    if (x.invalidExtension() != null) {
      return null; // X509_check_purpose answers -1, which the non-strict verifier accepts
    }
    if (x.hasExtendedKeyUsage()
        && (x.extendedKeyUsage() & (ParsedCertificate.XKU_SSL_SERVER | ParsedCertificate.XKU_SGC))
            == 0) {
      return "has extendedKeyUsage without serverAuth (OpenSSL requires it on CAs too,"
          + " and does not take anyExtendedKeyUsage for it)";
    }
    if (ca) {
      int status = caStatus(x);
      if (status == 0 || (status == 5 && (x.nsCertType() & ParsedCertificate.NS_SSL_CA) == 0)) {
        return "is not a CA for TLS servers";
      }
      return null;
    }
    if (x.hasNsCertType() && (x.nsCertType() & ParsedCertificate.NS_SSL_SERVER) == 0) {
      return "has a Netscape certificate type that excludes TLS servers";
    }
    int tls =
        ParsedCertificate.KU_DIGITAL_SIGNATURE
            | ParsedCertificate.KU_KEY_ENCIPHERMENT
            | ParsedCertificate.KU_KEY_AGREEMENT;
    if (x.hasKeyUsage() && (x.keyUsage() & tls) == 0) {
      return "has keyUsage without digitalSignature, keyEncipherment or keyAgreement,"
          + " so it cannot serve TLS";
    }
    return null;
  }

  private static Verdict fail(Failure failure, int depth, ParsedCertificate c, String what) {
    return new Verdict(
        failure, "certificate at depth " + depth + " (" + c.subjectText() + ") " + what, null);
  }
}
