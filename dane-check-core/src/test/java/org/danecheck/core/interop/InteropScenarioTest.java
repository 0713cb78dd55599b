/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.danecheck.DomainReport;
import org.danecheck.EndpointReport;
import org.danecheck.HostStatus;
import org.danecheck.LookupStatus;
import org.danecheck.MxHostReport;
import org.danecheck.Problem;
import org.danecheck.SmtpOutcome;
import org.danecheck.TlsLevel;
import org.danecheck.ValidationMode;
import org.danecheck.core.DomainReportJson;
import org.danecheck.core.interop.InteropWorld.Mx;
import org.danecheck.core.interop.InteropWorld.Scenario;
import org.danecheck.core.interop.WorldChecks.Mode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our checker against real servers (interop/README.md): for every scenario of the interop world, in
 * both DNSSEC modes, the verdict, MTA action, MX DNSSEC status, problem codes, host statuses and
 * endpoint levels that the world's description expects.
 */
@Tag("interop")
@ExtendWith(WorldChecks.Resolver.class)
class InteropScenarioTest {
  /** The host statuses under which secure TLSA records govern the host's sessions. */
  private static final Set<HostStatus> DANE_IN_FORCE =
      EnumSet.of(
          HostStatus.DANE_VERIFIED,
          HostStatus.DANE_PARTIAL,
          HostStatus.DANE_FAILED,
          HostStatus.TLSA_UNUSABLE);

  static Stream<Arguments> scenariosAndModes() {
    List<Arguments> rows = new ArrayList<>();
    for (Scenario s : InteropWorld.get().scenarios()) {
      for (Mode mode : Mode.values()) {
        rows.add(Arguments.of(s, mode));
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0} ({1})")
  @MethodSource("scenariosAndModes")
  void checkerReachesTheExpectedVerdict(Scenario scenario, Mode mode, WorldChecks checks) {
    DomainReport report = checks.report(mode, scenario);
    String context = scenario.domain() + " (" + mode + "): " + DomainReportJson.toJson(report);

    assertThat(report.incompleteSteps()).as(context).isEmpty();
    assertThat(report.validationMode())
        .isEqualTo(mode == Mode.AD_TRUST ? ValidationMode.AD_TRUST : ValidationMode.IN_PROCESS);
    assertThat(report.verdict()).as(context).isEqualTo(scenario.verdict());
    assertThat(report.mtaAction()).as(context).isEqualTo(scenario.mtaAction());
    assertThat(report.mxLookup().map(LookupStatus::dnssec))
        .as(context)
        .hasValue(scenario.mxDnssec());
    assertThat(report.allProblems().stream().map(Problem::code))
        .as(context)
        .containsAll(scenario.problems());

    assertThat(report.mxHosts().stream().map(h -> h.preference() + " " + bare(h.name())))
        .as(context)
        .containsExactlyElementsOf(
            scenario.mxHosts().stream().map(m -> m.preference() + " " + m.name()).toList());
    for (Mx mx : scenario.mxHosts()) {
      checkHost(mx, host(report, mx), context);
    }
  }

  private static void checkHost(Mx mx, MxHostReport host, String context) {
    assertThat(host.status()).as(mx + ": " + context).isEqualTo(mx.expectedStatus());
    if (mx.endpoint().isEmpty()) {
      // The address lookup fails (bogus): no address, so no session and no TLSA lookup (RFC
      // 7672 2.2.2 asks for the addresses first); the MTA skips the host (2.1.2).
      assertThat(host.addresses()).as(mx + ": " + context).isEmpty();
      assertThat(host.endpoints()).as(mx + ": " + context).isEmpty();
      return;
    }
    InteropWorld.Endpoint server = mx.server();
    assertThat(host.addresses()).as(mx + ": " + context).containsExactly(server.address());
    if (!server.host().equals(mx.name())) {
      // The address is the CNAME target's.
      assertThat(host.cnameChain().stream().map(InteropScenarioTest::bare))
          .as(context)
          .endsWith(server.host());
    }
    if (DANE_IN_FORCE.contains(mx.expectedStatus())) {
      // RFC 7672 2.2: a secure TLSA RRset applies, found at the base domain of 2.2.2 (for an
      // insecure CNAME: the original MX host name).
      assertThat(host.tlsaLookup().filter(LookupStatus::isSecure))
          .as("a secure TLSA RRset for %s: %s", mx, context)
          .isPresent();
    }
    if (host.tlsaLookup().filter(LookupStatus::isSecure).isPresent()) {
      assertThat(bare(host.tlsaBaseDomain())).as(context).isEqualTo(mx.tlsaBase());
      assertThat(host.tlsaRecords()).as(context).containsExactlyInAnyOrderElementsOf(mx.tlsa());
    }
    assertThat(host.endpoints()).as(context).hasSize(1);
    EndpointReport endpoint = host.endpoints().get(0);
    String where = mx + " " + endpoint.endpoint() + ": " + context;
    assertThat(endpoint.address()).isEqualTo(server.address());
    if (!server.starttls()) {
      assertThat(endpoint.smtpOutcome()).as(where).isEqualTo(SmtpOutcome.STARTTLS_NOT_OFFERED);
      assertThat(endpoint.level()).as(where).isEqualTo(TlsLevel.NONE);
      return;
    }
    assertThat(endpoint.smtpOutcome()).as(where).isEqualTo(SmtpOutcome.TLS_ESTABLISHED);
    // The chain we received is the one the world's Postfix sends (leaf, its CA[, root]).
    assertThat(endpoint.certificates().stream().map(c -> c.der()).toList())
        .as(where)
        .containsExactlyElementsOf(InteropWorld.certificates(server.chain()));
    // The level: VERIFIED when DANE authenticates the host, else the PKIX level with the world's
    // root CA as our trust (RFC 7672 3: no TLSA match, no DANE): TRUSTED, or UNTRUSTED where
    // `openssl verify -purpose sslserver` rejects the chain (name constraint, EKU, critical
    // extension; interop/smoke checks that).
    assertThat(endpoint.level()).as(where).isEqualTo(server.level());
  }

  static MxHostReport host(DomainReport report, Mx mx) {
    Optional<MxHostReport> host =
        report.mxHosts().stream().filter(h -> bare(h.name()).equals(mx.name())).findFirst();
    assertThat(host).as("%s in the report on %s", mx, report.domain()).isPresent();
    return host.get();
  }

  static String bare(String name) {
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }
}
