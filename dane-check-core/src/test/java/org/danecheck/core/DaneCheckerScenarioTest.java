/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.danecheck.testkit.junit5.DaneAssertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.danecheck.CertificateAlgorithm;
import org.danecheck.DaneVerdict;
import org.danecheck.DomainReport;
import org.danecheck.EndpointReport;
import org.danecheck.HostStatus;
import org.danecheck.MtaAction;
import org.danecheck.MxHostReport;
import org.danecheck.MxSource;
import org.danecheck.ProblemCode;
import org.danecheck.TlsLevel;
import org.danecheck.testkit.DaneLab;
import org.danecheck.testkit.LabFault;
import org.danecheck.testkit.MailPersona.Behaviour;
import org.danecheck.testkit.ServerChain;
import org.danecheck.testkit.TestCertificate;
import org.danecheck.testkit.junit5.DaneLabExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scenario matrix: end-to-end checks of lab domains over loopback sockets (signed DNS server,
 * STARTTLS servers), each asserting the verdict, the MTA action, the levels and the problem codes,
 * and citing the RFC rule it exercises. Every domain is also looked up with {@link
 * DaneChecker#policy(String)}, which must agree with the check ({@link PolicyAgreement}).
 */
class DaneCheckerScenarioTest {
  private static final String ZERO_DIGEST = "00".repeat(32);

  @RegisterExtension static final DaneLabExtension LAB = new DaneLabExtension(scenarios());

  /**
   * The scenario matrix's lab: also the lab of {@link DaneTrustManagerLabTest}, which runs the
   * trust manager through the same cases.
   */
  static DaneLab.Builder scenarios() {
    return DaneLab.builder()
        .domain("s.test", d -> {})
        // usages, selectors, matching types
        .domain("ee311.s.test", d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1)))
        .domain("ee301.s.test", d -> d.mx(10, "mx", h -> h.tlsa(3, 0, 1)))
        .domain("ee312.s.test", d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 2)))
        .domain("ee310.s.test", d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 0)))
        .domain("ee300.s.test", d -> d.mx(10, "mx", h -> h.tlsa(3, 0, 0)))
        .domain("ee302.s.test", d -> d.mx(10, "mx", h -> h.tlsa(3, 0, 2)))
        .domain("ta201.s.test", d -> d.mx(10, "mx", h -> h.tlsa(2, 0, 1)))
        .domain("ta211.s.test", d -> d.mx(10, "mx", h -> h.tlsa(2, 1, 1)))
        .domain("ta200.s.test", d -> d.mx(10, "mx", h -> h.tlsa(2, 0, 0)))
        .domain("ta202.s.test", d -> d.mx(10, "mx", h -> h.tlsa(2, 0, 2)))
        .domain("ta210.s.test", d -> d.mx(10, "mx", h -> h.tlsa(2, 1, 0)))
        .domain("ta212.s.test", d -> d.mx(10, "mx", h -> h.tlsa(2, 1, 2)))
        .domain("ta-root-key.s.test", d -> d.mx(10, "mx", h -> h.tlsaOnRootCa(2, 1, 0)))
        .domain("ta-root-digest.s.test", d -> d.mx(10, "mx", h -> h.tlsaOnRootCa(2, 0, 1)))
        .domain("wrong.s.test", d -> d.mx(10, "mx", h -> h.tlsa("3 1 1 " + ZERO_DIGEST)))
        // digest algorithm agility
        .domain(
            "agility-bad512.s.test",
            d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1).tlsa("3 1 2 " + "00".repeat(64))))
        .domain(
            "agility-good512.s.test",
            d -> d.mx(10, "mx", h -> h.tlsa("3 1 1 " + ZERO_DIGEST).tlsa(3, 1, 2)))
        // names and validity
        .domain(
            "ta-misnamed.s.test",
            d ->
                d.mx(
                    10,
                    "mx",
                    h -> h.tlsa(2, 0, 1).leaf(b -> b.subject("other.test").dnsNames("other.test"))))
        .domain(
            "ee-misnamed.s.test",
            d ->
                d.mx(
                    10,
                    "mx",
                    h -> h.tlsa(3, 1, 1).leaf(b -> b.subject("other.test").dnsNames("other.test"))))
        .domain(
            "ee-expired.s.test",
            d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1).leaf(b -> b.validity(past(20), past(10)))))
        .domain(
            "ta-expired.s.test",
            d -> d.mx(10, "mx", h -> h.tlsa(2, 0, 1).leaf(b -> b.validity(past(20), past(10)))))
        .domain(
            "ta-expired-root.s.test",
            d ->
                d.mx(
                    10,
                    "mx",
                    h -> h.chains(expiredRootChain("mx.ta-expired-root.s.test")).tlsa(2, 0, 1)))
        .domain(
            "ta-wildcard.s.test",
            d ->
                d.mx(
                    10,
                    "mx",
                    h ->
                        h.tlsa(2, 0, 1).leaf(b -> b.subject("w").dnsNames("*.ta-wildcard.s.test"))))
        .domain(
            "ta-wildcard-deep.s.test",
            d ->
                d.mx(
                    10,
                    "a.mx",
                    h ->
                        h.tlsa(2, 0, 1)
                            .leaf(b -> b.subject("w").dnsNames("*.ta-wildcard-deep.s.test"))))
        // unusable records
        .domain(
            "unusable.s.test",
            d -> d.mx(10, "mx", h -> h.tlsa("1 1 1 " + ZERO_DIGEST).tlsa("3 1 1 abcd")))
        .domain(
            "mixed.s.test", d -> d.mx(10, "mx", h -> h.tlsa("0 0 1 " + ZERO_DIGEST).tlsa(3, 1, 1)))
        // SMTP behaviour
        .domain(
            "nostarttls.s.test",
            d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1).persona(Behaviour.NO_STARTTLS)))
        .domain(
            "starttls454.s.test",
            d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1).persona(Behaviour.STARTTLS_454)))
        .domain(
            "tls10.s.test", d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1).persona(Behaviour.TLS10_ONLY)))
        // DNSSEC status of MX and hosts
        .domain("unsigned.test", d -> d.unsigned().mx(10, "mx", h -> h.tlsa(3, 1, 1)))
        .domain(
            "insecure-mx.test",
            d -> d.unsigned().mx(10, "mx.signed-hoster.s.test.", h -> h.tlsa(3, 1, 1)))
        .zone("unsigned-hoster.test", z -> z.unsigned())
        .domain(
            "insecure-host.s.test", d -> d.mx(10, "mx.unsigned-hoster.test.", h -> h.tlsa(3, 1, 1)))
        // CNAME'd MX hosts
        .domain(
            "cname.s.test", d -> d.mx(10, "mx", h -> h.alias("real.hoster.s.test.").tlsa(3, 1, 1)))
        .domain(
            "cname-orig.s.test",
            d ->
                d.mx(
                    10,
                    "mx",
                    h -> h.alias("real2.hoster.s.test.").tlsaAtOriginalName().tlsa(3, 1, 1)))
        .domain(
            "cname-unsigned.s.test",
            d -> d.mx(10, "mx", h -> h.alias("real.unsigned-hoster.test.").tlsa(3, 1, 1)))
        .domain("cname-notlsa.s.test", d -> d.mx(10, "mx", h -> h.alias("real3.hoster.s.test.")))
        // DNS failures
        .domain(
            "tlsa-servfail.s.test",
            d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1).fault("TLSA", LabFault.SERVFAIL)))
        .domain(
            "tlsa-bogus.s.test",
            d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1).fault("TLSA", LabFault.BOGUS_SIGNATURE)))
        .domain(
            "tlsa-broken-denial.s.test",
            d -> d.mx(10, "mx", h -> h.fault("TLSA", LabFault.BROKEN_DENIAL)))
        .domain(
            "mx-bogus.s.test",
            d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1)).fault("@", "MX", LabFault.BOGUS_SIGNATURE))
        .domain(
            "aaaa-bogus.s.test",
            d ->
                d.mx(10, "mx", h -> h.tlsa(3, 1, 1))
                    // ::1 so that even a bug could not send traffic off this machine
                    .record("mx 300 IN AAAA ::1")
                    .fault("mx", "AAAA", LabFault.BOGUS_SIGNATURE))
        .domain("ipv6.s.test", d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1).ipv6()))
        // MX sets
        .domain("nullmx.s.test", d -> d.nullMx())
        .domain("implicit.s.test", d -> d.implicitMx(h -> h.tlsa(3, 1, 1)))
        .domain(
            "two-mx.s.test",
            d ->
                d.mx(10, "mx1", h -> h.tlsa("3 1 1 " + ZERO_DIGEST))
                    .mx(20, "mx2", h -> h.tlsa(3, 1, 1)))
        .domain("dual.s.test", d -> d.mx(10, "mx", h -> h.dualAlgorithms().tlsa(3, 1, 1)))
        .domain(
            "slow.s.test",
            d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1).persona(Behaviour.SLOW_GREETING)));
  }

  /** A leaf under a self-signed root that expired yesterday, sent with the root. */
  private static ServerChain expiredRootChain(String host) {
    TestCertificate root =
        TestCertificate.builder()
            .subject("expired lab root")
            .certificateAuthority(-1)
            .validity(past(400), past(1))
            .build();
    TestCertificate leaf =
        TestCertificate.builder().subject(host).dnsNames(host).signedBy(root).build();
    return ServerChain.of(leaf, root);
  }

  private static DaneChecker checker;

  @BeforeAll
  static void startChecker() {
    checker = checkerBuilder().build();
  }

  @AfterAll
  static void stopChecker() {
    checker.close();
  }

  static DaneChecker.Builder checkerBuilder() {
    DaneLab lab = LAB.lab();
    return DaneChecker.builder()
        .environment(lab)
        .pkixTrustStore(lab.trustStore())
        .ehloName("scenario.test")
        .queryTimeout(Duration.ofMillis(1500))
        .commandTimeout(Duration.ofSeconds(3))
        .deadline(Duration.ofSeconds(15));
  }

  private static Instant past(int days) {
    return Instant.now().minus(Duration.ofDays(days));
  }

  /** Checks a domain, asserting on the way that its DNS-only policy agrees with the check. */
  private static DomainReport check(String domain) {
    return ReportSchema.valid(PolicyAgreement.check(checker, domain));
  }

  @TestFactory
  Stream<DynamicTest> policyAgreesWithTheCheckForEveryLabDomain() {
    return PolicyAgreement.forEveryDomain(checker, LAB.lab());
  }

  // ---- every usage, selector and matching type (RFC 6698 2.1, RFC 7671 5) ----

  @Test
  void daneEeSpkiSha256Verifies() {
    // RFC 7672 3.1.1: DANE-EE(3) authenticates the leaf's key.
    DomainReport r = check("ee311.s.test");
    assertThat(r)
        .isDaneVerified()
        .hostEndpointsHaveLevel("mx.ee311.s.test", TlsLevel.VERIFIED)
        .hasNoErrors();
    assertThat(r.mxHosts().get(0).endpoints().get(0).tlsaMatch().orElseThrow().matchedDepth())
        .hasValue(0);
  }

  @Test
  void daneEeCertSha256Verifies() {
    // RFC 6698 2.1.2: selector 0 is the whole certificate as sent.
    assertThat(check("ee301.s.test")).isDaneVerified();
  }

  @Test
  void daneEeSpkiSha512Verifies() {
    // RFC 6698 2.1.3: matching type 2 is SHA-512.
    assertThat(check("ee312.s.test")).isDaneVerified();
  }

  @Test
  void daneEeFullSpkiVerifies() {
    // RFC 6698 2.1.3: matching type 0 is the selected content itself.
    assertThat(check("ee310.s.test")).isDaneVerified();
  }

  @Test
  void daneEeFullCertificateVerifies() {
    assertThat(check("ee300.s.test")).isDaneVerified();
  }

  @Test
  void daneTaOnSentIntermediateVerifies() {
    // RFC 7671 5.2: DANE-TA(2) names a trust anchor in the chain; the leaf must chain to it.
    DomainReport r = check("ta201.s.test");
    assertThat(r).isDaneVerified();
    assertThat(r.mxHosts().get(0).endpoints().get(0).tlsaMatch().orElseThrow().matchedDepth())
        .hasValue(1);
  }

  @Test
  void daneTaSpkiOnIntermediateVerifies() {
    assertThat(check("ta211.s.test")).isDaneVerified();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ee302", "ta200", "ta202", "ta210", "ta212"})
  void remainingSelectorAndMatchingTypeCombinationsVerify(String name) {
    // RFC 6698 2.1.2, 2.1.3: selectors 0/1 and matching types 0/1/2 for DANE-EE(3) and for a
    // sent DANE-TA(2) intermediate (RFC 7671 5.2); with the cases above, every combination.
    DomainReport r = check(name + ".s.test");
    assertThat(r).isDaneVerified();
    assertThat(r.mxHosts().get(0).endpoints().get(0).tlsaMatch().orElseThrow().matchedDepth())
        .hasValue(name.startsWith("ta") ? 1 : 0);
  }

  @Test
  void daneTaFullKeyNotSentVerifies() {
    // RFC 7671 5.2.3: a "2 1 0" record carries the whole key, so the anchor need not be sent.
    assertThat(check("ta-root-key.s.test")).isDaneVerified();
  }

  @Test
  void daneTaDigestOfAnchorNotSentFails() {
    // RFC 7671 5.2.2: a digest of a trust anchor the server does not send cannot be matched.
    assertThat(check("ta-root-digest.s.test"))
        .isJudged(DaneVerdict.FAILED, MtaAction.DEFER, ProblemCode.TLSA_NO_MATCH);
  }

  @Test
  void wrongDigestFailsAndDefers() {
    // RFC 7672 3: no usable record matches: the MTA must not deliver to this host.
    assertThat(check("wrong.s.test"))
        .isJudged(DaneVerdict.FAILED, MtaAction.DEFER)
        .hostHasStatus("mx.wrong.s.test", HostStatus.DANE_FAILED)
        .hostEndpointsHaveLevel("mx.wrong.s.test", TlsLevel.TRUSTED)
        .hasProblem(ProblemCode.TLSA_NO_MATCH);
  }

  // ---- digest algorithm agility (RFC 7671 9) ----

  @Test
  void strongestDigestMustMatch() {
    // RFC 7671 9: only the strongest digest present counts: a wrong SHA2-512 beats a right
    // SHA2-256.
    assertThat(check("agility-bad512.s.test"))
        .isJudged(DaneVerdict.FAILED, MtaAction.DEFER, ProblemCode.TLSA_NO_MATCH);
  }

  @Test
  void weakerDigestIsIgnoredWhenStrongerMatches() {
    assertThat(check("agility-good512.s.test")).isDaneVerified();
  }

  // ---- names and validity (RFC 7672 3.1.1, 3.2.1, 3.2.3; RFC 6125 6.4.3) ----

  @Test
  void daneTaLeafMustNameTheHost() {
    assertThat(check("ta-misnamed.s.test"))
        .isJudged(DaneVerdict.FAILED, MtaAction.DEFER, ProblemCode.CERT_NAME_MISMATCH);
  }

  @Test
  void daneEeIgnoresNames() {
    // RFC 7672 3.1.1: DANE-EE needs no name check.
    assertThat(check("ee-misnamed.s.test")).isDaneVerified();
  }

  @Test
  void daneEeIgnoresExpiry() {
    // RFC 7672 3.1.1: DANE-EE needs no validity-period check.
    assertThat(check("ee-expired.s.test")).isDaneVerified();
  }

  @Test
  void daneTaRejectsExpiredLeaf() {
    // RFC 7671 5.2: the chain to a DANE-TA anchor is validated, validity period included.
    assertThat(check("ta-expired.s.test"))
        .isJudged(DaneVerdict.FAILED, MtaAction.DEFER, ProblemCode.CERT_EXPIRED);
  }

  @Test
  void daneTaRejectsAnExpiredSelfSignedTrustAnchor() {
    // RFC 7672 3.1.2: the anchor certificate's constraints apply; OpenSSL checks a self-signed
    // anchor's dates ("certificate has expired"), see DaneTaValidationTest.
    assertThat(check("ta-expired-root.s.test"))
        .isJudged(DaneVerdict.FAILED, MtaAction.DEFER, ProblemCode.CERT_EXPIRED);
  }

  @Test
  void daneTaWildcardCoversOneLabel() {
    // RFC 6125 6.4.3: "*" matches exactly one left-most label.
    assertThat(check("ta-wildcard.s.test")).isDaneVerified();
  }

  @Test
  void daneTaWildcardDoesNotCoverTwoLabels() {
    assertThat(check("ta-wildcard-deep.s.test"))
        .isJudged(DaneVerdict.FAILED, MtaAction.DEFER, ProblemCode.CERT_NAME_MISMATCH);
  }

  // ---- unusable records (RFC 7672 2.2, 3.1.3; RFC 6698 4.1) ----

  @Test
  void allUnusableRequiresTlsWithoutAuthentication() {
    DomainReport r = check("unusable.s.test");
    assertThat(r)
        .isJudged(DaneVerdict.UNAUTHENTICATED, MtaAction.UNAUTHENTICATED_TLS)
        .hostHasStatus("mx.unusable.s.test", HostStatus.TLSA_UNUSABLE)
        .hasProblem(ProblemCode.TLSA_ALL_UNUSABLE);
  }

  @Test
  void unusableRecordsBesideAUsableOneAreIgnored() {
    assertThat(check("mixed.s.test")).isDaneVerified().hasProblem(ProblemCode.TLSA_UNUSABLE);
  }

  // ---- SMTP behaviour (RFC 7672 2.2, RFC 3207) ----

  @Test
  void missingStarttlsWithTlsaDefers() {
    assertThat(check("nostarttls.s.test"))
        .isJudged(DaneVerdict.FAILED, MtaAction.DEFER)
        .hostEndpointsHaveLevel("mx.nostarttls.s.test", TlsLevel.NONE)
        .hasProblem(ProblemCode.STARTTLS_NOT_OFFERED);
  }

  @Test
  void refusedStarttlsWithTlsaDefers() {
    assertThat(check("starttls454.s.test"))
        .isJudged(DaneVerdict.FAILED, MtaAction.DEFER, ProblemCode.STARTTLS_REFUSED);
  }

  @Test
  void legacyTlsStillAuthenticatesButIsReported() {
    assertThat(check("tls10.s.test")).isDaneVerified().hasProblem(ProblemCode.TLS_LEGACY_PROTOCOL);
  }

  // ---- DNSSEC status (RFC 7672 2.1.1, 2.2.1, 2.2.2) ----

  @Test
  void unsignedDomainHasNoDane() {
    assertThat(check("unsigned.test"))
        .isJudged(DaneVerdict.NO_DANE, MtaAction.OPPORTUNISTIC)
        .hostHasStatus("mx.unsigned.test", HostStatus.NO_DANE);
  }

  @Test
  void insecureMxWithSecureTlsaIsOnlyTrusted() {
    // RFC 7672 2.2.1 (Postfix's smtp_tls_insecure_mx_policy=dane, "half-dane"): TLSA still
    // applies, but the forged-MX risk means the session is "Trusted", not "Verified", and the
    // domain has no DANE: authentication "MUST NOT be misrepresented ... as secure delivery".
    assertThat(check("insecure-mx.test"))
        .isJudged(DaneVerdict.NO_DANE, MtaAction.AUTHENTICATED_TLS)
        .hostEndpointsHaveLevel("mx.signed-hoster.s.test", TlsLevel.TRUSTED)
        .hasProblem(ProblemCode.MX_INSECURE);
  }

  @Test
  void insecureHostInSignedDomainHasNoDane() {
    // RFC 7672 2.2.2: no TLSA lookup for a host whose addresses are insecure.
    DomainReport r = check("insecure-host.s.test");
    assertThat(r).isJudged(DaneVerdict.NO_DANE, MtaAction.OPPORTUNISTIC);
    assertThat(r.mxHosts().get(0).tlsaLookups()).isEmpty();
  }

  // ---- CNAME'd MX hosts (RFC 7672 2.2.2, 2.2.3; RFC 7671 7) ----

  @Test
  void cnameSecureChainUsesExpandedNameFirst() {
    DomainReport r = check("cname.s.test");
    assertThat(r).isDaneVerified();
    MxHostReport host = r.mxHosts().get(0);
    assertThat(host.cnameChain()).containsExactly("real.hoster.s.test");
    assertThat(host.tlsaBaseDomain()).isEqualTo("real.hoster.s.test");
  }

  @Test
  void cnameSecureChainFallsBackToOriginalName() {
    DomainReport r = check("cname-orig.s.test");
    assertThat(r).isDaneVerified();
    assertThat(r.mxHosts().get(0).tlsaBaseDomain()).isEqualTo("mx.cname-orig.s.test");
  }

  @Test
  void cnameIntoUnsignedZoneSearchesTheOriginalNameOnly() {
    // RFC 7672 2.2.2, "Insecure CNAME": the host's CNAME is signed, its target's addresses are not,
    // so the original name is the only candidate TLSA base domain; the records published in the
    // unsigned zone are never used. This test used to assert "no DANE, no TLSA lookup": that
    // silently ignored TLSA records at the original name (Rfc7672ScenarioTest has those cases).
    DomainReport r = check("cname-unsigned.s.test");
    assertThat(r)
        .isJudged(DaneVerdict.NO_DANE, MtaAction.OPPORTUNISTIC, ProblemCode.TLSA_NOT_FOUND);
    assertThat(r.mxHosts().get(0).tlsaLookups())
        .extracting(l -> l.name() + " " + l.type())
        .containsExactly(
            "mx.cname-unsigned.s.test CNAME",
            "_" + LAB.lab().smtpPort() + "._tcp.mx.cname-unsigned.s.test TLSA");
  }

  @Test
  void cnameTargetWithoutTlsaHasNoDane() {
    assertThat(check("cname-notlsa.s.test")).isJudged(DaneVerdict.NO_DANE, MtaAction.OPPORTUNISTIC);
  }

  // ---- DNS failures (RFC 7672 2.1.1, 2.1.2; RFC 4035 5.5) ----

  @Test
  void tlsaServfailDefers() {
    assertThat(check("tlsa-servfail.s.test"))
        .isJudged(DaneVerdict.FAILED, MtaAction.DEFER)
        .hostHasStatus("mx.tlsa-servfail.s.test", HostStatus.TLSA_LOOKUP_FAILED)
        .hasProblem(ProblemCode.TLSA_LOOKUP_FAILED);
  }

  @Test
  void bogusTlsaDefers() {
    assertThat(check("tlsa-bogus.s.test"))
        .isJudged(DaneVerdict.FAILED, MtaAction.DEFER)
        .hostHasStatus("mx.tlsa-bogus.s.test", HostStatus.TLSA_LOOKUP_FAILED);
  }

  @Test
  void brokenDenialOfTlsaDefers() {
    // RFC 4035 5.4: a denial without valid proof is bogus, never "no TLSA".
    assertThat(check("tlsa-broken-denial.s.test")).isJudged(DaneVerdict.FAILED, MtaAction.DEFER);
  }

  @Test
  void bogusMxDefers() {
    // RFC 7672 2.1.2: never fall back to the implicit MX when the MX lookup fails.
    DomainReport r = check("mx-bogus.s.test");
    assertThat(r).isJudged(DaneVerdict.FAILED, MtaAction.DEFER);
    assertThat(r.mxSource()).isEqualTo(MxSource.LOOKUP_FAILED);
    assertThat(r.mxHosts()).isEmpty();
  }

  @Test
  void bogusAaaaStillUsesDaneOverIpv4() {
    DomainReport r = check("aaaa-bogus.s.test");
    assertThat(r).isJudged(DaneVerdict.PARTIALLY_VERIFIED, MtaAction.AUTHENTICATED_TLS);
    assertThat(r.mxHosts().get(0).endpoints()).hasSize(1).noneMatch(EndpointReport::isIpv6);
    assertThat(r).hasProblem(ProblemCode.DNSSEC_BOGUS);
  }

  @Test
  void ipv6EndpointIsCheckedLikeIpv4() {
    DomainReport r = check("ipv6.s.test");
    assertThat(r).isDaneVerified().hostEndpointsHaveLevel("mx.ipv6.s.test", TlsLevel.VERIFIED);
    assertThat(r.mxHosts().get(0).endpoints())
        .extracting(EndpointReport::isIpv6)
        .containsExactlyInAnyOrder(false, true);
  }

  // ---- MX sets (RFC 7505 3, RFC 5321 5.1, RFC 7672 2.2.1) ----

  @Test
  void nullMxMeansNoMail() {
    assertThat(check("nullmx.s.test")).isJudged(DaneVerdict.NO_MAIL, MtaAction.NO_MAIL);
  }

  @Test
  void implicitMxUsesTheDomainItself() {
    DomainReport r = check("implicit.s.test");
    assertThat(r).isDaneVerified();
    assertThat(r.mxSource()).isEqualTo(MxSource.IMPLICIT_MX);
  }

  @Test
  void failingPrimaryIsSkippedForVerifiedSecondary() {
    // RFC 7672 2.2: a host that fails authentication is skipped; MX order is kept.
    assertThat(check("two-mx.s.test"))
        .isJudged(DaneVerdict.PARTIALLY_VERIFIED, MtaAction.AUTHENTICATED_TLS)
        .hostHasStatus("mx1.two-mx.s.test", HostStatus.DANE_FAILED)
        .hostHasStatus("mx2.two-mx.s.test", HostStatus.DANE_VERIFIED);
  }

  @Test
  void bothCertificatesOfADualServerAreChecked() {
    try (DaneChecker both = checkerBuilder().bothAlgorithms(true).build()) {
      DomainReport r = ReportSchema.valid(PolicyAgreement.check(both, "dual.s.test"));
      assertThat(r).isJudged(DaneVerdict.PARTIALLY_VERIFIED, MtaAction.AUTHENTICATED_TLS);
      assertThat(r.mxHosts().get(0).endpoints())
          .extracting(EndpointReport::certificateAlgorithm, EndpointReport::level)
          .containsExactlyInAnyOrder(
              // The lab publishes TLSA for the first (RSA) chain only: the stale ECDSA one fails.
              org.assertj.core.groups.Tuple.tuple(CertificateAlgorithm.RSA, TlsLevel.VERIFIED),
              org.assertj.core.groups.Tuple.tuple(CertificateAlgorithm.ECDSA, TlsLevel.TRUSTED));
    }
  }

  // ---- the deadline ----

  @Test
  void deadlineCutsTheCheckAndSaysSo() {
    try (DaneChecker hurried = checkerBuilder().deadline(Duration.ofMillis(800)).build()) {
      long start = System.nanoTime();
      DomainReport r = ReportSchema.valid(PolicyAgreement.check(hurried, "slow.s.test"));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
      assertThat(r).hasVerdict(DaneVerdict.INDETERMINATE).hasProblem(ProblemCode.DEADLINE_EXCEEDED);
      assertThat(r.incompleteSteps()).isNotEmpty();
    }
  }
}
