/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.danecheck.MxSource;
import org.danecheck.PolicyAction;
import org.danecheck.ProblemCode;
import org.danecheck.SecurityLevel;
import org.danecheck.testkit.DaneLab;
import org.danecheck.testkit.LabFault;
import org.danecheck.testkit.junit5.DaneLabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link DaneChecker#policy(String)} in the lab: what an MTA learns from DNS alone before it
 * connects (RFC 7672 2.1.2, 2.2, 3.2.2, 8.1, 8.2), that it never connects, and that it is cached by
 * TTL in the checker's DNS cache. Its agreement with the full check over every scenario is asserted
 * by the scenario tests ({@link PolicyAgreement}).
 */
class DomainPolicyTest {
  private static final String ZERO_DIGEST = "00".repeat(32);

  @RegisterExtension
  static final DaneLabExtension LAB =
      new DaneLabExtension(
          DaneLab.builder()
              .domain("ok.p.test", d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1)))
              .domain("ta.p.test", d -> d.mx(10, "mx", h -> h.alias("real.p.test.").tlsa(2, 0, 1)))
              .domain("unusable.p.test", d -> d.mx(10, "mx", h -> h.tlsa("1 1 1 " + ZERO_DIGEST)))
              .domain("plain.p.test", d -> d.mx(10, "mx"))
              .domain(
                  "backup.p.test",
                  d ->
                      d.mx(10, "mx1", h -> h.tlsa(3, 1, 1).fault("TLSA", LabFault.SERVFAIL))
                          .mx(20, "mx2", h -> h.tlsa(3, 1, 1)))
              .domain(
                  "defer.p.test",
                  d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1).fault("TLSA", LabFault.BOGUS_SIGNATURE)))
              .domain(
                  "mx-bogus.p.test", d -> d.mx(10, "mx").fault("@", "MX", LabFault.BOGUS_SIGNATURE))
              .domain("dropped.p.test", d -> d.fault("@", "MX", LabFault.DROP))
              .domain(
                  "slowtlsa.p.test",
                  d ->
                      d.mx(10, "mx1", h -> h.tlsa(3, 1, 1).fault("TLSA", LabFault.DROP))
                          .mx(20, "mx2", h -> h.tlsa(3, 1, 1)))
              .domain("nullmx.p.test", d -> d.nullMx()));

  private static DaneChecker.Builder checker() {
    return DaneChecker.builder().environment(LAB.lab()).queryTimeout(Duration.ofSeconds(2));
  }

  private static InetAddress address(String host) {
    return LAB.lab().host(host).addresses().get(0);
  }

  @Test
  void daneHostNeedsAuthenticatedTlsWithItsRecordsSniAndNames() {
    try (DaneChecker checker = checker().build()) {
      DomainPolicy policy = checker.policy("OK.p.test.");
      assertThat(policy.domain()).isEqualTo("ok.p.test");
      assertThat(policy.action()).isEqualTo(PolicyAction.TRY_HOSTS);
      assertThat(policy.mxSource()).isEqualTo(MxSource.MX_RECORDS);
      assertThat(policy.mxSecure()).isTrue();
      MxHostPolicy host = policy.hosts().get(0);
      assertThat(host.name()).isEqualTo("mx.ok.p.test");
      assertThat(host.level()).isEqualTo(SecurityLevel.AUTHENTICATED_TLS);
      assertThat(host.addresses()).containsExactly(address("mx.ok.p.test"));
      assertThat(host.usableTlsaRecords())
          .isEqualTo(LAB.lab().host("mx.ok.p.test").tlsaRecords())
          .isEqualTo(host.tlsaRecords());
      // RFC 7672 8.1: SNI is the TLSA base domain; 3.2.2: base domain and next-hop domain.
      assertThat(host.tlsaBaseDomain()).isEqualTo("mx.ok.p.test");
      assertThat(host.sni()).isEqualTo("mx.ok.p.test");
      // In the policy's order, the base domain first (as Postfix's dane_init lists them).
      assertThat(host.referenceIdentifiers()).containsExactly("mx.ok.p.test", "ok.p.test");
      // RFC 7672 8.2: no anonymous suites where authentication is required.
      assertThat(host.anonymousSuitesAllowed()).isFalse();
      assertThat(policy.hostsToTry()).containsExactly(host);
      assertThat(policy.reason()).contains("try mx.ok.p.test (");
    }
  }

  @Test
  void secureCnameMakesTheExpandedNameTheBaseDomainAndSni() {
    // RFC 7672 2.2.2 (secure CNAME): the expanded name is tried first; 8.1: and is the SNI.
    try (DaneChecker checker = checker().build()) {
      MxHostPolicy host = checker.policy("ta.p.test").hosts().get(0);
      assertThat(host.level()).isEqualTo(SecurityLevel.AUTHENTICATED_TLS);
      assertThat(host.tlsaBaseDomain()).isEqualTo("real.p.test");
      assertThat(host.sni()).isEqualTo("real.p.test");
      assertThat(host.referenceIdentifiers()).containsExactly("real.p.test", "ta.p.test");
    }
  }

  @Test
  void allUnusableRecordsRequireTlsWithoutAuthentication() {
    // RFC 7672 2.2, 3.1.3: only PKIX-EE(1) records: TLS mandatory, not authenticated.
    try (DaneChecker checker = checker().build()) {
      DomainPolicy policy = checker.policy("unusable.p.test");
      MxHostPolicy host = policy.hosts().get(0);
      assertThat(host.level()).isEqualTo(SecurityLevel.UNAUTHENTICATED_TLS);
      assertThat(host.level().tlsRequired()).isTrue();
      assertThat(host.tlsaRecords()).hasSize(1);
      assertThat(host.usableTlsaRecords()).isEmpty();
      assertThat(host.problems()).extracting(p -> p.code()).contains(ProblemCode.TLSA_ALL_UNUSABLE);
      assertThat(host.reason()).contains("unusable");
      assertThat(host.anonymousSuitesAllowed()).isTrue();
    }
  }

  @Test
  void hostWithoutTlsaIsOpportunisticWithItsOwnNameAsSni() {
    try (DaneChecker checker = checker().build()) {
      MxHostPolicy host = checker.policy("plain.p.test").hosts().get(0);
      assertThat(host.level()).isEqualTo(SecurityLevel.OPPORTUNISTIC);
      assertThat(host.tlsaRecords()).isEmpty();
      assertThat(host.sni()).isEqualTo("mx.plain.p.test");
      assertThat(host.problems()).extracting(p -> p.code()).contains(ProblemCode.TLSA_NOT_FOUND);
    }
  }

  @Test
  void failedTlsaLookupSkipsTheHostForTheNext() {
    // RFC 7672 2.1.2: a server whose TLSA lookup fails is unreachable; the next MX is tried.
    try (DaneChecker checker = checker().build()) {
      DomainPolicy policy = checker.policy("backup.p.test");
      assertThat(policy.action()).isEqualTo(PolicyAction.TRY_HOSTS);
      assertThat(policy.hosts())
          .extracting(MxHostPolicy::level)
          .containsExactly(SecurityLevel.SKIP_TLSA_LOOKUP_FAILED, SecurityLevel.AUTHENTICATED_TLS);
      assertThat(policy.hosts().get(0).addresses()).isNotEmpty();
      assertThat(policy.hostsToTry())
          .extracting(MxHostPolicy::name)
          .containsExactly("mx2.backup.p.test");
      // A failed lookup is never cached: the policy expires at once.
      assertThat(policy.expiresAt()).isEqualTo(policy.fetchedAt());
    }
  }

  @Test
  void everyHostSkippedDefersWithTheHostsReasons() {
    // RFC 7672 2.1.2: "If no servers are reachable, delivery is delayed."
    try (DaneChecker checker = checker().build()) {
      DomainPolicy policy = checker.policy("defer.p.test");
      assertThat(policy.action()).isEqualTo(PolicyAction.DEFER);
      assertThat(policy.hostsToTry()).isEmpty();
      assertThat(policy.allProblems()).extracting(p -> p.code()).contains(ProblemCode.DNSSEC_BOGUS);
      assertThat(policy.reason()).contains("mx.defer.p.test.").contains("DNSSEC validation");
    }
  }

  @Test
  void bogusMxDefers() {
    try (DaneChecker checker = checker().build()) {
      DomainPolicy policy = checker.policy("mx-bogus.p.test");
      assertThat(policy.action()).isEqualTo(PolicyAction.DEFER);
      assertThat(policy.mxSource()).isEqualTo(MxSource.LOOKUP_FAILED);
      assertThat(policy.hosts()).isEmpty();
      assertThat(policy.problems()).extracting(p -> p.code()).contains(ProblemCode.DNSSEC_BOGUS);
    }
  }

  @Test
  void nullMxAndMissingDomainsTakeNoMail() {
    try (DaneChecker checker = checker().build()) {
      DomainPolicy nullMx = checker.policy("nullmx.p.test");
      assertThat(nullMx.action()).isEqualTo(PolicyAction.NO_MAIL);
      assertThat(nullMx.reason()).contains("null MX");
      DomainPolicy missing = checker.policy("missing.p.test");
      assertThat(missing.action()).isEqualTo(PolicyAction.NO_MAIL);
      assertThat(missing.mxSource()).isEqualTo(MxSource.NO_SUCH_DOMAIN);
      assertThat(missing.reason()).contains("does not exist");
    }
  }

  @Test
  void policyLookupNeverConnects() {
    InetAddress server = address("mx.ok.p.test");
    int before = LAB.lab().mail().sessionCount(server);
    try (DaneChecker checker = checker().build()) {
      checker.policy("ok.p.test");
    }
    assertThat(LAB.lab().mail().sessionCount(server)).isEqualTo(before);
  }

  @Test
  void repeatedLookupsAreAnsweredFromTheDnsCacheUntilTheirTtl() {
    try (DaneChecker checker = checker().dnsCache(1000).build()) {
      DomainPolicy first = checker.policy("ok.p.test");
      int queries = LAB.lab().dns().totalQueries();
      DomainPolicy second = checker.policy("ok.p.test");
      assertThat(LAB.lab().dns().totalQueries()).isEqualTo(queries);
      assertThat(second.hosts().get(0).usableTlsaRecords())
          .isEqualTo(first.hosts().get(0).usableTlsaRecords());
      // The lab's records have TTL 300: the policy may be kept at most that long, and a policy from
      // cached answers expires when the first would, not 300 s after it was asked again.
      assertThat(Duration.between(first.fetchedAt(), first.expiresAt()))
          .isPositive()
          .isLessThanOrEqualTo(Duration.ofSeconds(300));
      assertThat(second.expiresAt()).isBeforeOrEqualTo(first.expiresAt().plusSeconds(1));
      assertThat(second.expired(second.expiresAt())).isTrue();
      assertThat(second.expired(second.fetchedAt())).isFalse();
    }
  }

  @Test
  void closeCompletesLookupsInFlightAsDeferralsAndRefusesNewOnes() {
    DaneChecker checker = checker().queryTimeout(Duration.ofSeconds(30)).build();
    CompletableFuture<DomainPolicy> inFlight = checker.policyAsync("dropped.p.test");
    LabCheckers.await(
        () -> LAB.lab().dns().queryCount("dropped.p.test.", "MX") > 0, "the MX query is sent");
    checker.close();
    DomainPolicy policy = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> inFlight.join());
    assertThat(policy.action()).isEqualTo(PolicyAction.DEFER);
    assertThat(policy.problems()).extracting(p -> p.code()).contains(ProblemCode.DEADLINE_EXCEEDED);
    assertThat(policy.reason()).contains("closed");
    assertThatThrownBy(() -> checker.policy("ok.p.test")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void deadlineBoundsTheLookupAndDefers() {
    try (DaneChecker checker =
        checker().queryTimeout(Duration.ofSeconds(30)).deadline(Duration.ofMillis(700)).build()) {
      DomainPolicy policy =
          assertTimeoutPreemptively(Duration.ofSeconds(5), () -> checker.policy("dropped.p.test"));
      assertThat(policy.action()).isEqualTo(PolicyAction.DEFER);
      assertThat(policy.expiresAt()).isEqualTo(policy.fetchedAt());
    }
  }

  @Test
  void tlsaLookupCutByTheDeadlineDecidesNothing() {
    // A TLSA answer the deadline cut is not a failed lookup (RFC 7672 2.1.2 would skip mx1 for
    // mx2): it says nothing about the domain, so the lookup defers as a whole, kept for no time.
    try (DaneChecker checker =
        checker().queryTimeout(Duration.ofSeconds(30)).deadline(Duration.ofMillis(1500)).build()) {
      DomainPolicy policy =
          assertTimeoutPreemptively(Duration.ofSeconds(6), () -> checker.policy("slowtlsa.p.test"));
      assertThat(policy.action()).isEqualTo(PolicyAction.DEFER);
      assertThat(policy.hosts()).isEmpty();
      assertThat(policy.problems())
          .extracting(p -> p.code())
          .contains(ProblemCode.DEADLINE_EXCEEDED);
      assertThat(policy.expiresAt()).isEqualTo(policy.fetchedAt());
    }
  }
}
