/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.danecheck.DomainReport;
import org.danecheck.EndpointReport;
import org.danecheck.HostStatus;
import org.danecheck.MtaAction;
import org.danecheck.MxHostReport;
import org.danecheck.PolicyAction;
import org.danecheck.Problem;
import org.danecheck.SecurityLevel;
import org.danecheck.testkit.DaneLab;
import org.junit.jupiter.api.DynamicTest;

/**
 * The property that the DNS-only policy lookup and the full check are one policy: for a domain,
 * {@link DaneChecker#policy(String)} and {@link DaneChecker#check(String)} list the same MX hosts
 * in the same order, and for each host a security level that the check's host status is an outcome
 * of, the same TLSA base domain and records, the same addresses, the same host findings, and the
 * SNI every probe sent. The scenario tests run every domain they check through {@link #check}, and
 * every domain of their labs through {@link #forEveryDomain}.
 */
final class PolicyAgreement {
  private PolicyAgreement() {}

  /** Checks the domain, looks up its policy, asserts that they agree, and returns the report. */
  static DomainReport check(DaneChecker checker, String domain) {
    DomainReport report = checker.check(domain);
    assertAgree(checker.policy(domain), report);
    return report;
  }

  /**
   * The property for every mail domain of a lab, one dynamic test each: including the domains no
   * other test of the class checks.
   */
  static Stream<DynamicTest> forEveryDomain(DaneChecker checker, DaneLab lab) {
    return lab.domains().stream()
        .map(domain -> DynamicTest.dynamicTest(domain, () -> check(checker, domain)));
  }

  /** The host statuses a check may reach for a host of this level. */
  static Set<HostStatus> outcomesOf(SecurityLevel level) {
    return switch (level) {
      // RFC 7672 3.2: authenticated, partly, or not at all (then the host is skipped)
      case AUTHENTICATED_TLS ->
          EnumSet.of(HostStatus.DANE_VERIFIED, HostStatus.DANE_PARTIAL, HostStatus.DANE_FAILED);
      // RFC 7672 2.2: TLS without authentication, or no TLS (skipped)
      case UNAUTHENTICATED_TLS -> EnumSet.of(HostStatus.TLSA_UNUSABLE, HostStatus.DANE_FAILED);
      case OPPORTUNISTIC -> EnumSet.of(HostStatus.NO_DANE);
      case SKIP_TLSA_LOOKUP_FAILED -> EnumSet.of(HostStatus.TLSA_LOOKUP_FAILED);
      case SKIP_ADDRESS_LOOKUP_FAILED -> EnumSet.of(HostStatus.ADDRESS_LOOKUP_FAILED);
      case SKIP_NO_ADDRESSES -> EnumSet.of(HostStatus.NO_ADDRESSES);
    };
  }

  static void assertAgree(DomainPolicy policy, DomainReport report) {
    String what = "policy and check of " + report.domain();
    assertThat(policy.domain()).as(what).isEqualTo(report.domain());
    assertThat(policy.mxSource()).as(what + ": MX source").isEqualTo(report.mxSource());
    assertThat(policy.mxLookup().map(l -> l.outcome() + " " + l.dnssec()))
        .as(what + ": MX lookup")
        .isEqualTo(report.mxLookup().map(l -> l.outcome() + " " + l.dnssec()));
    assertThat(policy.hosts())
        .as(what + ": hosts in order")
        .extracting(h -> h.preference() + " " + h.name())
        .containsExactlyElementsOf(
            report.mxHosts().stream().map(h -> h.preference() + " " + h.name()).toList());
    boolean complete = report.incompleteSteps().isEmpty();
    for (int i = 0; i < policy.hosts().size(); i++) {
      MxHostPolicy host = policy.hosts().get(i);
      MxHostReport checked = report.mxHosts().get(i);
      String about = what + ", host " + host.name();
      if (complete || checked.status() != HostStatus.INCOMPLETE) {
        assertThat(outcomesOf(host.level()))
            .as(about + ": level " + host.level() + ", check status " + checked.status())
            .contains(checked.status());
      }
      assertThat(host.tlsaBaseDomain())
          .as(about + ": TLSA base domain")
          .isEqualTo(checked.tlsaBaseDomain());
      assertThat(host.tlsaRecords()).as(about + ": TLSA records").isEqualTo(checked.tlsaRecords());
      assertThat(host.addresses().stream().map(InetAddress::getHostAddress).toList())
          .as(about + ": addresses")
          .isEqualTo(checked.addresses());
      assertThat(host.problems())
          .as(about + ": host findings")
          .containsExactlyInAnyOrderElementsOf(withoutProbeLimits(checked.problems()));
      for (EndpointReport endpoint : checked.endpoints()) {
        assertThat(endpoint.sni())
            .as(about + ": SNI of " + endpoint.address())
            .isEqualTo(host.sni());
      }
    }
    // The action: what DNS alone decides, the check decides alike.
    if (policy.action() == PolicyAction.NO_MAIL) {
      assertThat(report.mtaAction()).as(what + ": action").isEqualTo(MtaAction.NO_MAIL);
    } else if (policy.action() == PolicyAction.DEFER) {
      assertThat(report.mtaAction()).as(what + ": action").isEqualTo(MtaAction.DEFER);
    } else {
      assertThat(report.mtaAction()).as(what + ": action").isNotEqualTo(MtaAction.NO_MAIL);
    }
    if (report.mtaAction() != MtaAction.DEFER && report.mtaAction() != MtaAction.NO_MAIL) {
      assertThat(policy.action()).as(what + ": action").isEqualTo(PolicyAction.TRY_HOSTS);
    }
    assertThat(report.problems()).as(what + ": domain findings").containsAll(policy.problems());
  }

  /** The check's own limit on probes per server is no DNS finding. */
  private static List<Problem> withoutProbeLimits(List<Problem> problems) {
    return problems.stream().filter(p -> !p.message().startsWith("Not probed: ")).toList();
  }
}
