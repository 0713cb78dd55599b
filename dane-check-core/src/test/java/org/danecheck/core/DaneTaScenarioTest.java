/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.danecheck.testkit.junit5.DaneAssertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.danecheck.DaneVerdict;
import org.danecheck.DomainReport;
import org.danecheck.MtaAction;
import org.danecheck.ProblemCode;
import org.danecheck.TlsaMatchOutcome;
import org.danecheck.testkit.DaneLab;
import org.danecheck.testkit.KeyAlgorithm;
import org.danecheck.testkit.LabHost;
import org.danecheck.testkit.MailPersona;
import org.danecheck.testkit.ServerChain;
import org.danecheck.testkit.TestCertificate;
import org.danecheck.testkit.junit5.DaneLabExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DANE-TA(2) and record-usability defects of issue 11 (1, 2, 3, 9) end to end through {@link
 * DaneChecker} in the lab (review D10), each as OpenSSL judges it for Postfix, and a hostile domain
 * whose TLSA matching is as dear as the limits allow checked beside an unrelated one (review D1):
 * one bad peer must not hold up another check.
 */
class DaneTaScenarioTest {
  private static final String UNKNOWN_EXTENSION = "1.3.6.1.4.1.55555.1";
  private static final SecureRandom RANDOM = new SecureRandom();

  private static TestCertificate.Builder cert() {
    return TestCertificate.builder();
  }

  private static final TestCertificate ROOT =
      cert().subject("DANE-TA scenario root").certificateAuthority(-1).build();

  // Issue 11 defect 1: a "2 0 1" root whose sub-CA is constrained to partner.example.
  private static final TestCertificate PARTNER_CA =
      cert()
          .subject("partner CA")
          .certificateAuthority(-1)
          .permittedDnsNames("partner.example")
          .signedBy(ROOT)
          .build();

  private static TestCertificate leaf(String host, TestCertificate issuer) {
    return cert().subject(host).dnsNames(host).signedBy(issuer).build();
  }

  private static String hex(byte[] data) {
    return HexFormat.of().formatHex(data);
  }

  private static String sha256(byte[] data) {
    try {
      return hex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A host serving {@code chain} with one literal TLSA record (or several). */
  private static java.util.function.Consumer<LabHost> serving(ServerChain chain, String... tlsa) {
    return h -> {
      h.chains(chain);
      for (String t : tlsa) {
        h.tlsa(t);
      }
    };
  }

  private static final String ROOT_201 = "2 0 1 " + sha256(ROOT.certificateDer());

  // Issue 11 defect 9: nine CAs with one name and one key, a leaf under them.
  private static final KeyPair LOOKALIKE_KEY = cert().build().keyPair();

  private static ServerChain lookAlikeChain(String host) {
    List<TestCertificate> cas = new ArrayList<>();
    TestCertificate previous =
        cert().subject("X").keyPair(LOOKALIKE_KEY).certificateAuthority(-1).build();
    cas.add(previous);
    for (int i = 1; i < 9; i++) {
      previous =
          cert()
              .subject("X")
              .keyPair(LOOKALIKE_KEY)
              .certificateAuthority(-1)
              .signedBy(previous)
              .build();
      cas.add(0, previous);
    }
    return ServerChain.of(leaf(host, cas.get(0)), cas.toArray(TestCertificate[]::new));
  }

  // Review D1: the dearest "2 1 0" keys the limits let through. RSA-16384 moduli without small
  // factors: before, each new one cost Bouncy Castle a Miller-Rabin round (seconds) on the
  // checker's coordinator; now two fit the budget, the others are not evaluated.
  private static final TestCertificate RSA_CA =
      cert()
          .subject("unsent RSA CA")
          .certificateAuthority(-1)
          .keyAlgorithm(KeyAlgorithm.RSA)
          .build();

  private static final BigInteger SMALL_PRIMES = smallPrimes();

  private static BigInteger smallPrimes() {
    BigInteger product = BigInteger.ONE;
    for (int p = 3; p < 750; p += 2) {
      if (BigInteger.valueOf(p).isProbablePrime(30)) {
        product = product.multiply(BigInteger.valueOf(p));
      }
    }
    return product;
  }

  private static String dearRsaKey() {
    BigInteger n;
    do {
      n = new BigInteger(16384, RANDOM).setBit(16383).setBit(0);
    } while (!n.gcd(SMALL_PRIMES).equals(BigInteger.ONE));
    try {
      return "2 1 0 "
          + hex(
              new SubjectPublicKeyInfo(
                      new AlgorithmIdentifier(
                          PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                      new RSAPublicKey(n, BigInteger.valueOf(65537)))
                  .getEncoded("DER"));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static java.util.function.Consumer<LabHost> hostile(String host) {
    return h -> {
      h.chains(ServerChain.of(leaf(host, RSA_CA)));
      for (int i = 0; i < 8; i++) {
        h.tlsa(dearRsaKey());
      }
    };
  }

  @RegisterExtension
  static final DaneLabExtension LAB =
      new DaneLabExtension(
          DaneLab.builder()
              .domain(
                  "constrained.ta.test",
                  d -> {
                    String mx = "mx.constrained.ta.test";
                    d.mx(
                        10,
                        "mx",
                        serving(ServerChain.of(leaf(mx, PARTNER_CA), PARTNER_CA, ROOT), ROOT_201));
                  })
              .domain(
                  "clientauth.ta.test",
                  d -> {
                    String mx = "mx.clientauth.ta.test";
                    TestCertificate client =
                        cert()
                            .subject(mx)
                            .dnsNames(mx)
                            .extendedKeyUsage(KeyPurposeId.id_kp_clientAuth)
                            .signedBy(ROOT)
                            .build();
                    d.mx(10, "mx", serving(ServerChain.of(client, ROOT), ROOT_201));
                  })
              .domain(
                  "critical.ta.test",
                  d -> {
                    String mx = "mx.critical.ta.test";
                    TestCertificate critical =
                        cert()
                            .subject(mx)
                            .dnsNames(mx)
                            .extension(UNKNOWN_EXTENSION, true, new byte[] {0x05, 0x00})
                            .signedBy(ROOT)
                            .build();
                    d.mx(10, "mx", serving(ServerChain.of(critical, ROOT), ROOT_201));
                  })
              .domain(
                  "leaf-as-ta.ta.test",
                  d -> {
                    TestCertificate leaf = leaf("mx.leaf-as-ta.ta.test", ROOT);
                    d.mx(
                        10,
                        "mx",
                        serving(ServerChain.of(leaf, ROOT), "2 0 0 " + hex(leaf.certificateDer())));
                  })
              .domain("deadbeef.ta.test", d -> d.mx(10, "mx", h -> h.tlsa("3 1 0 deadbeef")))
              .domain(
                  "lookalike.ta.test",
                  d ->
                      d.mx(
                          10,
                          "mx",
                          serving(
                              lookAlikeChain("mx.lookalike.ta.test"),
                              "2 1 0 " + hex(LOOKALIKE_KEY.getPublic().getEncoded()))))
              // ---- review D1 ----
              .domain(
                  "hostile.ta.test",
                  d ->
                      d.mx(10, "mx1", hostile("mx1.hostile.ta.test"))
                          .mx(10, "mx2", hostile("mx2.hostile.ta.test"))
                          // keeps the hostile check running until its command timeout
                          .mx(20, "silent", h -> h.persona(MailPersona.Behaviour.SILENT)))
              .domain("calm.ta.test", d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1))));

  private static DaneChecker checker;

  @BeforeAll
  static void startChecker() {
    checker =
        DaneChecker.builder()
            .environment(LAB.lab())
            .ehloName("dane-ta.test")
            .queryTimeout(Duration.ofMillis(2000))
            .commandTimeout(Duration.ofSeconds(6))
            .deadline(Duration.ofSeconds(20))
            .build();
  }

  @AfterAll
  static void stopChecker() {
    checker.close();
  }

  // ---- issue 11 defect 1: DANE-TA paths are validated as OpenSSL validates them ----

  @Test
  void subCaConstrainedElsewhereFails() {
    // RFC 7672 3.1.2 ("name constraints"); OpenSSL: "permitted subtree violation".
    assertThat(checker.check("constrained.ta.test"))
        .hasVerdict(DaneVerdict.FAILED)
        .hasMtaAction(MtaAction.DEFER)
        .hasProblem(ProblemCode.CERT_CHAIN_INVALID);
  }

  @Test
  void clientAuthOnlyLeafFails() {
    // OpenSSL's purpose sslserver: "unsuitable certificate purpose".
    assertThat(checker.check("clientauth.ta.test"))
        .hasVerdict(DaneVerdict.FAILED)
        .hasProblem(ProblemCode.CERT_CHAIN_INVALID);
  }

  @Test
  void unknownCriticalExtensionFails() {
    // RFC 5280 4.2; OpenSSL: "unhandled critical extension".
    assertThat(checker.check("critical.ta.test"))
        .hasVerdict(DaneVerdict.FAILED)
        .hasProblem(ProblemCode.CERT_CHAIN_INVALID);
  }

  // ---- issue 11 defect 2: the leaf is never a DANE-TA trust anchor ----

  @Test
  void daneTaRecordOfTheLeafItselfDoesNotMatch() {
    // OpenSSL looks for DANE-TA trust anchors from depth 1 up.
    assertThat(checker.check("leaf-as-ta.ta.test"))
        .hasVerdict(DaneVerdict.FAILED)
        .hasMtaAction(MtaAction.DEFER)
        .hasProblem(ProblemCode.TLSA_NO_MATCH);
  }

  // ---- issue 11 defect 3: malformed Full(0) data is unusable ----

  @Test
  void onlyMalformedFullDataMeansTlsWithoutAuthentication() {
    // RFC 7671 9 / 10.3 and OpenSSL ("unusable TLSA rrdata"); RFC 7672 2.2: TLS, unauthenticated.
    assertThat(checker.check("deadbeef.ta.test"))
        .hasVerdict(DaneVerdict.UNAUTHENTICATED)
        .hasMtaAction(MtaAction.UNAUTHENTICATED_TLS)
        .hasProblem(ProblemCode.TLSA_ALL_UNUSABLE);
  }

  // ---- issue 11 defect 9: look-alike issuers cost one path ----

  @Test
  @Timeout(60)
  void lookAlikeChainVerifies() {
    DomainReport report = checker.check("lookalike.ta.test");
    assertThat(report).isDaneVerified().isComplete();
  }

  // ---- review D1: one bad peer must not hold up another check ----

  // Two MX hosts whose chains and RRsets cost the most the limits allow, each a probe, with a
  // silent third host that keeps the check open until its command timeout; the unrelated check
  // started after it is verified and reported first. Before, the matching ran on the checker's
  // two coordinator threads for seconds per endpoint (new RSA-16384 moduli), and the unrelated
  // check waited for them.
  @Test
  @Timeout(120)
  void aHostileDomainDoesNotHoldUpAnother() throws Exception {
    List<String> finished = new CopyOnWriteArrayList<>();
    CompletableFuture<DomainReport> hostile =
        checker.checkAsync("hostile.ta.test").whenComplete((r, e) -> finished.add("hostile"));
    // Let the hostile probes reach the matching step first.
    Thread.sleep(500);
    CompletableFuture<DomainReport> calm =
        checker.checkAsync("calm.ta.test").whenComplete((r, e) -> finished.add("calm"));

    DomainReport calmReport = calm.get(60, TimeUnit.SECONDS);
    DomainReport hostileReport = hostile.get(60, TimeUnit.SECONDS);

    assertThat(calmReport).isDaneVerified();
    assertThat(finished).containsExactly("calm", "hostile");
    // The dear keys: a few fit the budget, the rest are not evaluated, so the host is undecided.
    assertThat(
            hostileReport.mxHosts().stream()
                .filter(h -> h.name().startsWith("mx1."))
                .flatMap(h -> h.endpoints().stream())
                .map(e -> e.tlsaMatch().orElseThrow().outcome()))
        .containsOnly(TlsaMatchOutcome.LIMIT_REACHED);
    assertThat(hostileReport).hasProblem(ProblemCode.LIMIT_REACHED);
    assertThat(hostileReport.verdict()).isNotIn(DaneVerdict.VERIFIED, DaneVerdict.FAILED);
  }
}
