/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.danecheck.testkit.junit5.DaneAssertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.danecheck.DaneVerdict;
import org.danecheck.DomainReport;
import org.danecheck.HostStatus;
import org.danecheck.MtaAction;
import org.danecheck.MxHostReport;
import org.danecheck.MxSource;
import org.danecheck.ProblemCode;
import org.danecheck.TlsLevel;
import org.danecheck.testkit.DaneLab;
import org.danecheck.testkit.LabFault;
import org.danecheck.testkit.junit5.DaneLabExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The RFC 7672 DNS and decision path end to end, in the lab: CNAMEs into unsigned zones (2.2.2),
 * reference identifiers (3.2.2, with the RFC's own example), MX order and equal preferences
 * (2.2.1), a null MX beside other MX records (RFC 7505 3), and failed address lookups (2.1.2). Each
 * scenario failed before the rule it names was implemented. Every domain is also looked up with
 * {@link DaneChecker#policy(String)}, which must agree with the check ({@link PolicyAgreement}).
 */
class Rfc7672ScenarioTest {
  private static final String ZERO_DIGEST = "00".repeat(32);

  @RegisterExtension
  static final DaneLabExtension LAB =
      new DaneLabExtension(
          DaneLab.builder()
              .domain("r.test", d -> d.record("implicit-cname 300 IN CNAME web.example.net."))
              .zone("unsigned-hoster.test", z -> z.unsigned())
              // ---- RFC 7672 3.2.2, the example, record for record ----
              .domain(
                  "example.org",
                  d ->
                      d.record("exchange 300 IN CNAME mail")
                          .record("mail 300 IN CNAME example.com."))
              .domain(
                  "example.com",
                  d ->
                      d.mx(
                              10,
                              "mx10",
                              h ->
                                  h.tlsa(2, 0, 1)
                                      .leaf(b -> b.subject("example.com").dnsNames("example.com")))
                          .mx(
                              15,
                              "mx15",
                              h ->
                                  h.alias("mxbackup.example.com.")
                                      .tlsaAtOriginalName()
                                      .tlsa(2, 0, 1)
                                      .leaf(
                                          b ->
                                              b.subject("exchange.example.org")
                                                  .dnsNames("exchange.example.org")))
                          .mx(
                              20,
                              "mx20",
                              h ->
                                  h.alias("mxbackup.example.net.")
                                      .tlsa(2, 0, 1)
                                      .leaf(
                                          b ->
                                              b.subject("mxbackup.example.net")
                                                  .dnsNames("mxbackup.example.net"))))
              // the unexpanded MX host name is no reference identifier when the base domain is
              // its CNAME target
              .domain(
                  "unexpanded.example.org",
                  d ->
                      d.mx(
                          10,
                          "mx30.example.com.",
                          h ->
                              h.alias("mxbackup30.example.net.")
                                  .tlsa(2, 0, 1)
                                  .leaf(
                                      b ->
                                          b.subject("mx30.example.com")
                                              .dnsNames("mx30.example.com"))))
              // no MX records, the domain a CNAME: the original next hop is a reference identifier
              .host(
                  "web.example.net.",
                  h ->
                      h.tlsa(2, 0, 1)
                          .leaf(
                              b ->
                                  b.subject("implicit-cname.r.test")
                                      .dnsNames("implicit-cname.r.test")))
              // ---- RFC 7672 2.2.2, insecure CNAME ----
              .domain(
                  "cname-insecure.r.test",
                  d ->
                      d.mx(
                          10,
                          "mx",
                          h ->
                              h.alias("a.unsigned-hoster.test.")
                                  .tlsaAtOriginalName()
                                  .tlsa(2, 0, 1)))
              .domain(
                  "cname-insecure-wrong.r.test",
                  d ->
                      d.mx(
                          10,
                          "mx",
                          h ->
                              h.alias("b.unsigned-hoster.test.")
                                  .tlsaAtOriginalName()
                                  .tlsa("3 1 1 " + ZERO_DIGEST)))
              .domain(
                  "cname-insecure-servfail.r.test",
                  d ->
                      d.mx(
                          10,
                          "mx",
                          h ->
                              h.alias("c.unsigned-hoster.test.")
                                  .tlsaAtOriginalName()
                                  .tlsa(3, 1, 1)
                                  .fault("CNAME", LabFault.SERVFAIL)))
              .domain(
                  "cname-from-unsigned.r.test",
                  d ->
                      d.mx(
                          10,
                          "alias.unsigned-hoster.test.",
                          h -> h.alias("target.r.test.").tlsa(3, 1, 1)))
              // ---- RFC 7672 2.2.1, MX order and equal preferences ----
              // the answer lists "20 a" before "5 a" (dnsjava's validator may rotate an RRset by
              // one; either way the worse duplicate comes first)
              .domain(
                  "order.r.test",
                  d ->
                      d.mx(30, "c", h -> {})
                          .mx(20, "a", h -> {})
                          .mx(10, "b", h -> h.tlsa(3, 1, 1))
                          .record("@ 300 IN MX 5 a"))
              .domain(
                  "equal1.r.test", d -> d.mx(10, "a", h -> {}).mx(10, "b", h -> h.tlsa(3, 1, 1)))
              .domain(
                  "equal2.r.test", d -> d.mx(10, "a", h -> h.tlsa(3, 1, 1)).mx(10, "b", h -> {}))
              // ---- RFC 7505 3, a null MX beside another ----
              .domain("nullmixed.r.test", d -> d.nullMx().mx(10, "mx", h -> h.tlsa(3, 1, 1)))
              // ---- names: UTS #46 non-transitional ----
              .domain("xn--fa-hia.r.test", d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1)))
              // ---- RFC 7672 2.1.2, failed address lookups under a secure MX ----
              .domain(
                  "a-bogus.r.test",
                  d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1).fault("A", LabFault.BOGUS_SIGNATURE)))
              .domain(
                  "a-servfail.r.test",
                  d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1).fault("A", LabFault.SERVFAIL)))
              .domain(
                  "a-bogus-notlsa.r.test",
                  d -> d.mx(10, "mx", h -> h.fault("A", LabFault.BOGUS_SIGNATURE)))
              .domain(
                  "a-bogus-backup.r.test",
                  d ->
                      d.mx(10, "mx1", h -> h.tlsa(3, 1, 1).fault("A", LabFault.BOGUS_SIGNATURE))
                          .mx(20, "mx2", h -> h.tlsa(3, 1, 1))));

  private static DaneChecker checker;

  @BeforeAll
  static void startChecker() {
    DaneLab lab = LAB.lab();
    checker =
        DaneChecker.builder()
            .environment(lab)
            .ehloName("rfc7672.test")
            .queryTimeout(Duration.ofMillis(1500))
            .commandTimeout(Duration.ofSeconds(3))
            .deadline(Duration.ofSeconds(15))
            .build();
  }

  @AfterAll
  static void stopChecker() {
    checker.close();
  }

  /** Checks a domain, asserting on the way that its DNS-only policy agrees with the check. */
  private static DomainReport check(String domain) {
    return ReportSchema.valid(PolicyAgreement.check(checker, domain));
  }

  @TestFactory
  Stream<DynamicTest> policyAgreesWithTheCheckForEveryLabDomain() {
    return PolicyAgreement.forEveryDomain(checker, LAB.lab());
  }

  private static MxHostReport host(DomainReport report, String name) {
    return report.mxHosts().stream()
        .filter(h -> h.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no host " + name + " in " + report.mxHosts()));
  }

  // ---- RFC 7672 3.2.2: reference identifiers ----

  @Test
  void theRfcExampleVerifiesOnEveryServer() {
    // RFC 7672 3.2.2: name checks for mail to exchange.example.org "MUST accept at least the names
    // exchange.example.org and example.com" (original and CNAME-expanded next-hop domain), and
    // each server's TLSA base domain: mx10.example.com, mx15.example.com, mxbackup.example.net.
    // Each server's leaf carries just one of these names. Before, mx10 (example.com only) failed
    // with CERT_NAME_MISMATCH: the expanded next-hop domain was no reference identifier.
    DomainReport r = check("exchange.example.org");
    assertThat(r)
        .isDaneVerified()
        .hostHasStatus("mx10.example.com", HostStatus.DANE_VERIFIED)
        .hostHasStatus("mx15.example.com", HostStatus.DANE_VERIFIED)
        .hostHasStatus("mx20.example.com", HostStatus.DANE_VERIFIED)
        .hasNoErrors();
    assertThat(host(r, "mx15.example.com").tlsaBaseDomain()).isEqualTo("mx15.example.com");
    assertThat(host(r, "mx20.example.com").tlsaBaseDomain()).isEqualTo("mxbackup.example.net");
    // RFC 7672 8.1: SNI is the TLSA base domain.
    assertThat(host(r, "mx20.example.com").endpoints().get(0).sni())
        .isEqualTo("mxbackup.example.net");
  }

  @Test
  void nextHopNamesAreThoseOfTheDomainAsked() {
    // Mail to example.com itself: exchange.example.org is no next-hop name of it, so the server
    // whose leaf names only exchange.example.org does not authenticate; the others do.
    DomainReport r = check("example.com");
    assertThat(r)
        .isJudged(DaneVerdict.PARTIALLY_VERIFIED, MtaAction.AUTHENTICATED_TLS)
        .hostHasStatus("mx10.example.com", HostStatus.DANE_VERIFIED)
        .hostHasStatus("mx15.example.com", HostStatus.DANE_FAILED)
        .hostHasStatus("mx20.example.com", HostStatus.DANE_VERIFIED)
        .hasProblem(ProblemCode.CERT_NAME_MISMATCH);
  }

  @Test
  void theUnexpandedMxHostNameIsNotAReferenceIdentifierOfItsCnameTarget() {
    // RFC 7672 3.2.2 lists the TLSA base domain (here the CNAME target mxbackup30.example.net)
    // and the next-hop domains; the MX host name mx30.example.com is not among them. Postfix's
    // dane_init passes the same list. Before, the unexpanded MX host name was accepted too.
    DomainReport r = check("unexpanded.example.org");
    assertThat(r)
        .isJudged(DaneVerdict.FAILED, MtaAction.DEFER)
        .hostHasStatus("mx30.example.com", HostStatus.DANE_FAILED)
        .hasProblem(ProblemCode.CERT_NAME_MISMATCH);
  }

  @Test
  void withoutMxRecordsTheOriginalNextHopIsAReferenceIdentifier() {
    // RFC 7672 3.2.2, "TLSA records for Non-MX hostnames": the base domain is the CNAME-expanded
    // next hop web.example.net, so implicit-cname.r.test "MUST be included" as well.
    DomainReport r = check("implicit-cname.r.test");
    assertThat(r.mxSource()).isEqualTo(MxSource.IMPLICIT_MX);
    assertThat(r).isDaneVerified();
    assertThat(r.mxHosts().get(0).tlsaBaseDomain()).isEqualTo("web.example.net");
  }

  // ---- RFC 7672 2.2.2: insecure CNAME ----

  @Test
  void signedCnameIntoAnUnsignedZoneUsesTheTlsaRecordsOfTheOriginalName() {
    // RFC 7672 2.2.2, "Insecure CNAME": the host's own CNAME is signed, the target's addresses are
    // not: "treated just like the non-CNAME case ... with the original input domain as the
    // candidate TLSA base domain". A CNAME query tells the first CNAME's status (2.1.3, Postfix's
    // qname_secure). Before, this host was treated as having no DANE.
    DomainReport r = check("cname-insecure.r.test");
    assertThat(r).isDaneVerified();
    MxHostReport host = r.mxHosts().get(0);
    assertThat(host.cnameChain()).containsExactly("a.unsigned-hoster.test");
    assertThat(host.tlsaBaseDomain()).isEqualTo("mx.cname-insecure.r.test");
    assertThat(host.tlsaLookups())
        .extracting(l -> l.type().name())
        .containsExactly("CNAME", "TLSA");
    assertThat(host.endpoints().get(0).sni()).isEqualTo("mx.cname-insecure.r.test");
  }

  @Test
  void signedCnameIntoAnUnsignedZoneCannotHideAFailingTlsaRecord() {
    // The downgrade the rule prevents: a wrong TLSA record at the original name must stop
    // delivery (RFC 7672 3.2), not be ignored as "no DANE" with opportunistic TLS.
    assertThat(check("cname-insecure-wrong.r.test"))
        .isJudged(DaneVerdict.FAILED, MtaAction.DEFER)
        .hostHasStatus("mx.cname-insecure-wrong.r.test", HostStatus.DANE_FAILED)
        .hasProblem(ProblemCode.TLSA_NO_MATCH);
  }

  @Test
  void failedCnameStatusLookupSkipsTheHost() {
    // RFC 7672 2.1.2: a query used to locate the TLSA records failed. Postfix: qname_secure() < 0,
    // "TLSA lookup error", the message is deferred (4.7.5).
    assertThat(check("cname-insecure-servfail.r.test"))
        .isJudged(DaneVerdict.FAILED, MtaAction.DEFER)
        .hostHasStatus("mx.cname-insecure-servfail.r.test", HostStatus.TLSA_LOOKUP_FAILED)
        .hasProblem(ProblemCode.TLSA_LOOKUP_FAILED);
  }

  @Test
  void unsignedCnameIntoASignedZoneHasNoDane() {
    // RFC 7672 2.2.2: "If the initial CNAME response is also insecure, DANE TLS does not apply",
    // whatever the signed target publishes (2.1.3: everything after an insecure link is insecure).
    DomainReport r = check("cname-from-unsigned.r.test");
    assertThat(r).isJudged(DaneVerdict.NO_DANE, MtaAction.OPPORTUNISTIC, ProblemCode.HOST_INSECURE);
    assertThat(r.mxHosts().get(0).tlsaLookups())
        .extracting(l -> l.type().name())
        .containsExactly("CNAME");
  }

  // ---- RFC 7672 2.2.1: MX order ----

  @Test
  void mxRecordsAreSortedBeforeDuplicatesAreDropped() {
    // "20 a, 10 b, 5 a": a is tried first, at preference 5. a has no TLSA, so mail goes there
    // with opportunistic TLS. Before, the first-seen "20 a" was kept and b was tried first.
    DomainReport r = check("order.r.test");
    assertThat(r.mxHosts())
        .extracting(MxHostReport::preference, MxHostReport::name)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(5, "a.order.r.test"),
            org.assertj.core.groups.Tuple.tuple(10, "b.order.r.test"),
            org.assertj.core.groups.Tuple.tuple(30, "c.order.r.test"));
    assertThat(r).isJudged(DaneVerdict.NO_DANE, MtaAction.OPPORTUNISTIC);
  }

  @Test
  void equalPreferenceOutcomeDoesNotDependOnHostNames() {
    // RFC 7672 2.2.1: an MTA may pick either of two equal-preference hosts, so the weakest
    // decides, whichever name sorts first, and the report says why. Before, equal1 (a without
    // DANE sorts first) was NO_DANE and equal2 (a with DANE first) PARTIALLY_VERIFIED. The
    // verdict follows the weakest host too: mail may go opportunistically, so no DANE.
    for (String domain : new String[] {"equal1.r.test", "equal2.r.test"}) {
      assertThat(check(domain))
          .isJudged(
              DaneVerdict.NO_DANE, MtaAction.OPPORTUNISTIC, ProblemCode.MX_EQUAL_PREFERENCE_MIXED);
    }
  }

  // ---- RFC 7505 3: null MX beside other MX records ----

  @Test
  void nullMxBesideAnotherMxMeansNoMailAsInPostfix() {
    // Postfix: DNS_NULLMX for the whole reply (dns_lookup.c), bounce 5.1.0 (smtp_addr.c). Before,
    // the null MX was skipped and the other host verified.
    DomainReport r = check("nullmixed.r.test");
    assertThat(r).isJudged(DaneVerdict.NO_MAIL, MtaAction.NO_MAIL, ProblemCode.NULL_MX_MIXED);
    assertThat(r.mxSource()).isEqualTo(MxSource.NULL_MX);
    assertThat(r.mxHosts()).isEmpty();
  }

  // ---- names ----

  @Test
  void internationalisedNamesAreConvertedPerUts46NonTransitional() {
    // IDNA2008 via UTS #46 non-transitional: faß is xn--fa-hia. Before, java.net.IDN (IDNA2003)
    // made it fass, another domain (here one that does not exist).
    DomainReport r = check("faß.r.test");
    assertThat(r.domain()).isEqualTo("xn--fa-hia.r.test");
    assertThat(r).isDaneVerified();
  }

  // ---- RFC 7672 2.1.2: failed address lookups ----

  @Test
  void bogusAddressOfADaneHostDefersAndFails() {
    // RFC 7672 2.1.2: without the host's addresses a DANE MTA cannot know its TLSA records; it
    // skips the host and, with no other, defers. Before: NO_ADDRESSES and NO_DANE.
    assertThat(check("a-bogus.r.test"))
        .isJudged(DaneVerdict.FAILED, MtaAction.DEFER)
        .hostHasStatus("mx.a-bogus.r.test", HostStatus.ADDRESS_LOOKUP_FAILED)
        .hasProblem(ProblemCode.DNSSEC_BOGUS);
  }

  @Test
  void failedAddressLookupDefersAndFailsToo() {
    // Our choice for a SERVFAIL: FAILED, as for failed MX and TLSA lookups; INDETERMINATE stays
    // for checks our own deadline cut short.
    assertThat(check("a-servfail.r.test"))
        .isJudged(DaneVerdict.FAILED, MtaAction.DEFER)
        .hostHasStatus("mx.a-servfail.r.test", HostStatus.ADDRESS_LOOKUP_FAILED)
        .hasProblem(ProblemCode.ADDRESS_LOOKUP_FAILED);
  }

  @Test
  void bogusAddressIsNeverNoDaneEvenWithoutTlsaRecords() {
    // The TLSA records of a host whose addresses are bogus are unknown, so is its DANE status.
    assertThat(check("a-bogus-notlsa.r.test")).isJudged(DaneVerdict.FAILED, MtaAction.DEFER);
  }

  @Test
  void bogusPrimaryIsSkippedForTheBackup() {
    // RFC 7672 2.1.2: "delivery may proceed via any remaining MX hosts".
    assertThat(check("a-bogus-backup.r.test"))
        .isJudged(DaneVerdict.PARTIALLY_VERIFIED, MtaAction.AUTHENTICATED_TLS)
        .hostHasStatus("mx1.a-bogus-backup.r.test", HostStatus.ADDRESS_LOOKUP_FAILED)
        .hostEndpointsHaveLevel("mx2.a-bogus-backup.r.test", TlsLevel.VERIFIED);
  }
}
