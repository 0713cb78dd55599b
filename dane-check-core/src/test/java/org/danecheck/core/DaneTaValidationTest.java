/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.danecheck.core.TlsaTestSupport.FROM;
import static org.danecheck.core.TlsaTestSupport.NAMES;
import static org.danecheck.core.TlsaTestSupport.NOW;
import static org.danecheck.core.TlsaTestSupport.UNTIL;
import static org.danecheck.core.TlsaTestSupport.cert;
import static org.danecheck.core.TlsaTestSupport.chain;
import static org.danecheck.core.TlsaTestSupport.daneEe;
import static org.danecheck.core.TlsaTestSupport.daneTa;
import static org.danecheck.core.TlsaTestSupport.intermediate;
import static org.danecheck.core.TlsaTestSupport.leaf;
import static org.danecheck.core.TlsaTestSupport.root;
import static org.danecheck.core.TlsaTestSupport.smtp;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.danecheck.TlsaMatchOutcome;
import org.danecheck.TlsaMatchResult;
import org.danecheck.TlsaMatchingType;
import org.danecheck.TlsaProfile;
import org.danecheck.TlsaRecord;
import org.danecheck.TlsaRecordStatus;
import org.danecheck.TlsaUsage;
import org.danecheck.testkit.KeyAlgorithm;
import org.danecheck.testkit.TestCertificate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * DANE-TA(2) path validation (issue 11, defect 1): RFC 7672 3.1.2 has the client apply the trust
 * anchor certificate's constraints ("path length constraints", "name constraints"), and a DANE MTA
 * validates the whole path as OpenSSL does for Postfix: purpose "SSL server", security level 1.
 *
 * <p>Every expectation here was first observed with OpenSSL 3.0: {@code openssl s_server} serving
 * the chain on loopback and {@code openssl s_client -dane_tlsa_domain mx.example.org
 * -dane_tlsa_rrdata "2 0 1 ..." -dane_ee_no_namechecks -verify_return_error -cipher
 * DEFAULT:@SECLEVEL=1}; the comment names the result OpenSSL gave.
 */
class DaneTaValidationTest {
  private static final String MX = "mx.example.org";

  private static TestCertificate.Builder leafBuilder(TestCertificate issuer) {
    return cert().subject(MX).dnsNames(MX).signedBy(issuer);
  }

  // A CA certificate issued by {@code issuer} that expired a second before NOW.
  private static TestCertificate expiredCa(TestCertificate issuer) {
    return cert()
        .subject("expired CA")
        .certificateAuthority(-1)
        .validity(FROM.minus(Duration.ofDays(400)), NOW.minusSeconds(1))
        .signedBy(issuer)
        .build();
  }

  private static void assertRejected(TlsaMatchResult r, String reason) {
    assertThat(r.outcome()).as(r.message()).isEqualTo(TlsaMatchOutcome.CHAIN_INVALID);
    assertThat(r.evaluations().get(0).status()).isEqualTo(TlsaRecordStatus.MATCHED_BUT_REJECTED);
    assertThat(r.evaluations().get(0).reason()).contains(reason);
  }

  private static void assertAuthenticated(TlsaMatchResult r) {
    assertThat(r.outcome()).as(r.message()).isEqualTo(TlsaMatchOutcome.AUTHENTICATED);
  }

  @Nested
  class NameConstraints {
    // The case: a "2 0 1" root whose sub-CA is constrained to partner.example must not
    // authenticate mx.example.org. OpenSSL: "permitted subtree violation".
    @Test
    void subCaConstrainedElsewhere() {
      TestCertificate root = root();
      TestCertificate sub =
          cert()
              .subject("partner CA")
              .certificateAuthority(-1)
              .permittedDnsNames("partner.example")
              .signedBy(root)
              .build();
      assertRejected(
          smtp(daneTa(root), leafBuilder(sub).build(), sub, root),
          "outside the permitted name constraints");
      // OpenSSL: OK for a name inside the subtree.
      TestCertificate inside =
          cert().subject("mx.partner.example").dnsNames("mx.partner.example").signedBy(sub).build();
      TlsaMatchResult ok =
          TlsaMatcher.match(
              List.of(daneTa(root)),
              chain(inside, sub, root),
              Set.of("mx.partner.example"),
              NOW,
              TlsaProfile.SMTP);
      assertAuthenticated(ok);
    }

    // The trust anchor's own constraints bind the chain too (RFC 7672 3.1.2; OpenSSL checks every
    // certificate's constraints against those below it, the trust anchor's included).
    @Test
    void trustAnchorConstraints() {
      TestCertificate root =
          cert()
              .subject("constrained root")
              .certificateAuthority(-1)
              .permittedDnsNames("partner.example")
              .build();
      assertRejected(smtp(daneTa(root), leafBuilder(root).build(), root), "name constraints");
    }

    // OpenSSL: "excluded subtree violation".
    @Test
    void excludedSubtree() {
      TestCertificate root = root();
      TestCertificate sub =
          cert()
              .subject("CA")
              .certificateAuthority(-1)
              .excludedDnsNames("example.org")
              .signedBy(root)
              .build();
      assertRejected(
          smtp(daneTa(root), leafBuilder(sub).build(), sub, root), "excluded by a name constraint");
    }

    // Without a DNS subjectAltName, OpenSSL checks a host-name-like CN against DNS constraints
    // (NAME_CONSTRAINTS_check_CN): "permitted subtree violation".
    @Test
    void commonNameOfLeafWithoutSan() {
      TestCertificate root = root();
      TestCertificate sub =
          cert()
              .subject("CA")
              .certificateAuthority(-1)
              .permittedDnsNames("partner.example")
              .signedBy(root)
              .build();
      TestCertificate cnOnly = cert().subject(MX).signedBy(sub).build();
      assertRejected(smtp(daneTa(root), cnOnly, sub, root), "\"" + MX + "\"");
    }
  }

  @Nested
  class ExtendedKeyUsage {
    // OpenSSL check_purpose_ssl_server: an extendedKeyUsage without serverAuth is "unsuitable
    // certificate purpose" for DANE-TA(2); DANE-EE(3) does not look (OK).
    @Test
    void leafForClientsOnly() {
      TestCertificate root = root();
      TestCertificate client =
          leafBuilder(root).extendedKeyUsage(KeyPurposeId.id_kp_clientAuth).build();
      assertRejected(smtp(daneTa(root), client, root), "without serverAuth");
      assertAuthenticated(smtp(daneEe(client), client, root));
      TestCertificate server =
          leafBuilder(root)
              .extendedKeyUsage(KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth)
              .build();
      assertAuthenticated(smtp(daneTa(root), server, root));
    }

    // OpenSSL does not count anyExtendedKeyUsage as serverAuth: "unsuitable certificate purpose".
    @Test
    void anyExtendedKeyUsageIsNotServerAuth() {
      TestCertificate root = root();
      TestCertificate any =
          leafBuilder(root).extendedKeyUsage(KeyPurposeId.anyExtendedKeyUsage).build();
      assertRejected(smtp(daneTa(root), any, root), "without serverAuth");
    }

    // check_ssl_ca applies the same extendedKeyUsage rule to CAs, the trust anchor included.
    @Test
    void caRestrictedToClients() {
      TestCertificate root = root();
      TestCertificate clientCa =
          cert()
              .subject("client CA")
              .certificateAuthority(-1)
              .extendedKeyUsage(KeyPurposeId.id_kp_clientAuth)
              .signedBy(root)
              .build();
      assertRejected(smtp(daneTa(root), leafBuilder(clientCa).build(), clientCa, root), "depth 1");
      TestCertificate clientRoot =
          cert()
              .subject("client root")
              .certificateAuthority(-1)
              .extendedKeyUsage(KeyPurposeId.id_kp_clientAuth)
              .build();
      assertRejected(
          smtp(daneTa(clientRoot), leafBuilder(clientRoot).build(), clientRoot), "depth 1");
    }
  }

  @Nested
  class LeafKeyUsage {
    // KU_TLS: the leaf's keyUsage must allow digitalSignature, keyEncipherment or keyAgreement
    // (openssl verify -purpose sslserver: "unsuitable certificate purpose" for keyCertSign only,
    // OK for keyAgreement).
    @Test
    void leafKeyUsageMustAllowTls() {
      TestCertificate root = root();
      TestCertificate signOnly = leafBuilder(root).keyUsage(KeyUsage.keyCertSign).build();
      assertRejected(smtp(daneTa(root), signOnly, root), "cannot serve TLS");
      TestCertificate agreement = leafBuilder(root).keyUsage(KeyUsage.keyAgreement).build();
      assertAuthenticated(smtp(daneTa(root), agreement, root));
    }
  }

  @Nested
  class CriticalExtensions {
    private static final String UNKNOWN = "1.3.6.1.4.1.55555.1";
    private static final byte[] NULL = {0x05, 0x00};

    // OpenSSL: "unhandled critical extension" for DANE-TA(2); DANE-EE(3) OK; non-critical OK.
    @Test
    void unknownCriticalExtensionOnLeaf() {
      TestCertificate root = root();
      TestCertificate critical = leafBuilder(root).extension(UNKNOWN, true, NULL).build();
      assertRejected(smtp(daneTa(root), critical, root), "unhandled critical extension");
      assertAuthenticated(smtp(daneEe(critical), critical, root));
      TestCertificate nonCritical = leafBuilder(root).extension(UNKNOWN, false, NULL).build();
      assertAuthenticated(smtp(daneTa(root), nonCritical, root));
    }

    @Test
    void unknownCriticalExtensionOnTrustAnchor() {
      TestCertificate root =
          cert().subject("root").certificateAuthority(-1).extension(UNKNOWN, true, NULL).build();
      assertRejected(smtp(daneTa(root), leafBuilder(root).build(), root), "depth 1");
    }
  }

  @Nested
  class Validity {
    // DANE-EE(3) ignores dates (RFC 7672 3.1.1); DANE-TA(2) does not: "certificate has expired".
    @Test
    void expiredLeaf() {
      TestCertificate root = root();
      TestCertificate expired =
          leafBuilder(root).validity(FROM.minus(Duration.ofDays(400)), NOW.minusSeconds(1)).build();
      assertAuthenticated(smtp(daneEe(expired), expired, root));
      assertThat(smtp(daneTa(root), expired, root).outcome())
          .isEqualTo(TlsaMatchOutcome.OUTSIDE_VALIDITY_PERIOD);
    }

    // OpenSSL's internal_verify checks a trust anchor's dates only when it is self-signed; an
    // expired intermediate that is itself the trust anchor is fine (s_client: OK), while the root
    // above it would have to accept it as an expired intermediate.
    @Test
    void expiredTrustAnchorThatIsNotSelfSigned() {
      TestCertificate root = root();
      TestCertificate expiredCa = expiredCa(root);
      TestCertificate leaf = leafBuilder(expiredCa).build();
      TlsaMatchResult r =
          smtp(List.of(daneTa(expiredCa), daneTa(root)), chain(leaf, expiredCa, root));
      assertAuthenticated(r);
      assertThat(r.matchedDepth()).hasValue(1);
      assertThat(r.evaluations().get(1).reason()).contains("depth 1").contains("expired");
      // A self-signed trust anchor's dates are checked: "certificate has expired".
      TestCertificate expiredRoot =
          cert()
              .subject("expired root")
              .certificateAuthority(-1)
              .validity(FROM.minus(Duration.ofDays(400)), NOW.minusSeconds(1))
              .build();
      assertThat(smtp(daneTa(expiredRoot), leafBuilder(expiredRoot).build(), expiredRoot).outcome())
          .isEqualTo(TlsaMatchOutcome.OUTSIDE_VALIDITY_PERIOD);
    }

    // OpenSSL: valid while notBefore <= now < notAfter (X509_cmp_time); notAfter is exclusive,
    // which RFC 5280 words as inclusive. We follow OpenSSL: it is what a DANE MTA decides.
    @Test
    void notAfterIsExclusive() {
      TestCertificate root = root();
      Instant start = NOW.minus(Duration.ofDays(1));
      TestCertificate leaf = leafBuilder(root).validity(start, NOW).build();
      TlsaRecord ta = daneTa(root);
      assertThat(
              TlsaMatcher.match(List.of(ta), chain(leaf, root), NAMES, NOW, TlsaProfile.SMTP)
                  .outcome())
          .isEqualTo(TlsaMatchOutcome.OUTSIDE_VALIDITY_PERIOD);
      assertAuthenticated(
          TlsaMatcher.match(
              List.of(ta), chain(leaf, root), NAMES, NOW.minusSeconds(1), TlsaProfile.SMTP));
      assertAuthenticated(
          TlsaMatcher.match(List.of(ta), chain(leaf, root), NAMES, start, TlsaProfile.SMTP));
    }
  }

  @Nested
  class CaStatus {
    // OpenSSL check_ca: an intermediate needs basicConstraints cA ("invalid CA certificate"),
    // while the trust anchor may instead carry keyUsage keyCertSign (s_client: OK) but not
    // neither ("invalid CA certificate").
    @Test
    void basicConstraints() {
      TestCertificate root = root();
      TestCertificate kuOnly =
          cert().subject("ku only").keyUsage(KeyUsage.keyCertSign).signedBy(root).build();
      assertRejected(
          smtp(daneTa(root), leafBuilder(kuOnly).build(), kuOnly, root),
          "not a valid CA certificate");
      TestCertificate anchorKuOnly =
          cert()
              .subject("anchor")
              .keyUsage(KeyUsage.keyCertSign | KeyUsage.digitalSignature)
              .build();
      assertAuthenticated(
          smtp(daneTa(anchorKuOnly), leafBuilder(anchorKuOnly).build(), anchorKuOnly));
      TestCertificate neither = cert().subject("neither").keyUsage(0).build();
      assertRejected(
          smtp(daneTa(neither), leafBuilder(neither).build(), neither),
          "not a valid CA certificate");
    }
  }

  @Nested
  class SecurityLevel {
    // RSA keys are slow to make: one root for the class.
    private static final TestCertificate rsaRoot =
        cert().subject("RSA root").keyAlgorithm(KeyAlgorithm.RSA).certificateAuthority(-1).build();

    // Security level 1 (Postfix sets it for DANE): signatures below 80 bits fail on every
    // certificate but the trust anchor. OpenSSL 3 rates MD5 39 bits and SHA-1 63 bits: "CA
    // signature digest algorithm too weak"; DANE-EE(3) does not check the leaf's signature (OK).
    @Test
    void weakSignaturesBelowTheTrustAnchor() {
      for (String algorithm : List.of("MD5withRSA", "SHA1withRSA")) {
        TestCertificate leaf = leafBuilder(rsaRoot).signatureAlgorithm(algorithm).build();
        assertRejected(
            smtp(daneTa(rsaRoot), leaf, rsaRoot), "too weak for OpenSSL security level 1");
        assertAuthenticated(smtp(daneEe(leaf), leaf, rsaRoot));
      }
    }

    // The trust anchor's own signature is never checked (OK for a SHA-1 self-signed root and for
    // a SHA-1-signed intermediate that is the trust anchor); it fails above one (SHA-1
    // intermediate under the trust anchor: "CA signature digest algorithm too weak").
    @Test
    void trustAnchorSignatureIsNotChecked() {
      TestCertificate sha1Root =
          cert()
              .subject("SHA-1 root")
              .keyAlgorithm(KeyAlgorithm.RSA)
              .certificateAuthority(-1)
              .signatureAlgorithm("SHA1withRSA")
              .build();
      assertAuthenticated(smtp(daneTa(sha1Root), leafBuilder(sha1Root).build(), sha1Root));
      TestCertificate sha1Ca =
          cert()
              .subject("SHA-1 CA")
              .keyAlgorithm(KeyAlgorithm.RSA)
              .certificateAuthority(-1)
              .signatureAlgorithm("SHA1withRSA")
              .signedBy(rsaRoot)
              .build();
      TestCertificate leaf = leafBuilder(sha1Ca).build();
      assertAuthenticated(smtp(daneTa(sha1Ca), leaf, sha1Ca, rsaRoot));
      assertRejected(smtp(daneTa(rsaRoot), leaf, sha1Ca, rsaRoot), "SHA-1 with RSA");
    }

    // Keys below 80 bits fail, the leaf's for every usage ("EE certificate key too weak", DANE-EE
    // included) and every CA's, the trust anchor's included ("CA certificate key too weak").
    // OpenSSL 3's estimate puts RSA's 80-bit line at 920 bits (openssl verify -auth_level 1:
    // 919 bits "EE certificate key too weak", 920 bits OK).
    @Test
    void weakKeys() {
      TestCertificate small = rsaLeaf(512);
      TlsaMatchResult ee = smtp(daneEe(small), small);
      assertThat(ee.outcome()).isEqualTo(TlsaMatchOutcome.CHAIN_INVALID);
      assertThat(ee.evaluations().get(0).reason()).contains("security level 1").contains("512");
      TestCertificate below = rsaLeaf(919);
      assertThat(smtp(daneEe(below), below).outcome()).isEqualTo(TlsaMatchOutcome.CHAIN_INVALID);
      TestCertificate boundary = rsaLeaf(920);
      assertAuthenticated(smtp(daneEe(boundary), boundary));
      TestCertificate smallCa =
          cert()
              .subject("small CA")
              .keyAlgorithm(KeyAlgorithm.RSA)
              .rsaKeySize(512)
              .certificateAuthority(-1)
              .signedBy(rsaRoot)
              .build();
      TestCertificate leaf = leafBuilder(smallCa).build();
      assertRejected(smtp(daneTa(rsaRoot), leaf, smallCa, rsaRoot), "CA key too weak");
      assertRejected(smtp(daneTa(smallCa), leaf, smallCa, rsaRoot), "CA key too weak");
    }

    private TestCertificate rsaLeaf(int bits) {
      return cert().subject(MX).keyAlgorithm(KeyAlgorithm.RSA).rsaKeySize(bits).build();
    }
  }

  @Nested
  class BareKey {
    // "2 1 0": the key that signed the top certificate anchors the chain; the top certificate's
    // dates are checked (internal_verify with a bare trust-anchor key).
    @Test
    void topCertificateDatesAreChecked() {
      TestCertificate root = root();
      TestCertificate expiredCa = expiredCa(root);
      TlsaRecord key =
          TlsaGenerator.forPublicKey(root.spkiDer(), TlsaUsage.DANE_TA, TlsaMatchingType.FULL);
      TlsaMatchResult r = smtp(key, leafBuilder(expiredCa).build(), expiredCa);
      assertThat(r.outcome()).isEqualTo(TlsaMatchOutcome.OUTSIDE_VALIDITY_PERIOD);
      TestCertificate ca = intermediate("CA", root);
      assertAuthenticated(smtp(key, leafBuilder(ca).build(), ca));
    }
  }

  // Certificate names compare ASCII case-insensitively only (OpenSSL's equal_nocase on UTF-8
  // octets): the Kelvin sign U+212A is not "k" (s_client: "hostname mismatch"), nor is a
  // presented name with a trailing dot the reference name (issue 11, defect 8).
  @Test
  void namesFoldAsciiOnly() {
    TestCertificate root = root();
    TestCertificate kelvin = cert().subject("m\u212A.example.org").signedBy(root).build();
    assertThat(
            TlsaMatcher.match(
                    List.of(daneTa(root)),
                    chain(kelvin, root),
                    Set.of("mk.example.org"),
                    NOW,
                    TlsaProfile.SMTP)
                .outcome())
        .isEqualTo(TlsaMatchOutcome.NAME_MISMATCH);
    TestCertificate upper = cert().subject("MK.Example.ORG").signedBy(root).build();
    assertAuthenticated(
        TlsaMatcher.match(
            List.of(daneTa(root)),
            chain(upper, root),
            Set.of("mk.example.org"),
            NOW,
            TlsaProfile.SMTP));
    TestCertificate dot = cert().subject("x").dnsNames(MX + ".").signedBy(root).build();
    assertThat(smtp(daneTa(root), dot, root).outcome()).isEqualTo(TlsaMatchOutcome.NAME_MISMATCH);
  }

  // Every check above applies to a trust anchor the server does not send, given in full ("2 0
  // 0"): here its name constraints.
  @Test
  void fullCertificateTrustAnchorConstraints() {
    TestCertificate root =
        cert()
            .subject("constrained root")
            .certificateAuthority(-1)
            .permittedDnsNames("partner.example")
            .validity(FROM, UNTIL)
            .build();
    TlsaRecord full =
        TlsaGenerator.forCertificate(
            root.certificateDer(),
            TlsaUsage.DANE_TA,
            org.danecheck.TlsaSelector.CERT,
            TlsaMatchingType.FULL);
    assertRejected(smtp(full, leafBuilder(root).build()), "name constraints");
  }
}
