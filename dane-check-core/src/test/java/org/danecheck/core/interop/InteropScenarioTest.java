package org.danecheck.core.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    assertThat(host.addresses()).as(mx + ": " + context).containsExactly(mx.address());
    if (!mx.host().equals(mx.name())) {
      // RFC 7672 2.2.2: the TLSA base domain is the CNAME-expanded name when that is secure.
      assertThat(host.cnameChain().stream().map(InteropScenarioTest::bare))
          .as(context)
          .endsWith(mx.host());
    }
    if (host.tlsaLookup().filter(LookupStatus::isSecure).isPresent()) {
      assertThat(bare(host.tlsaBaseDomain())).as(context).isEqualTo(mx.host());
      assertThat(host.tlsaRecords()).as(context).containsExactlyInAnyOrderElementsOf(mx.tlsa());
    }
    assertThat(host.endpoints()).as(context).hasSize(1);
    EndpointReport endpoint = host.endpoints().get(0);
    String where = mx + " " + endpoint.endpoint() + ": " + context;
    assertThat(endpoint.address()).isEqualTo(mx.address());
    if (!mx.starttls()) {
      assertThat(endpoint.smtpOutcome()).as(where).isEqualTo(SmtpOutcome.STARTTLS_NOT_OFFERED);
      assertThat(endpoint.level()).as(where).isEqualTo(TlsLevel.NONE);
      return;
    }
    assertThat(endpoint.smtpOutcome()).as(where).isEqualTo(SmtpOutcome.TLS_ESTABLISHED);
    // The chain we received is the one the world's Postfix sends (leaf, issuing CA).
    assertThat(endpoint.certificates().stream().map(c -> c.der()).toList())
        .as(where)
        .containsExactlyElementsOf(InteropWorld.certificates(mx.chain()));
    // The level: DANE when the host is DANE-verified, else the PKIX level, which is TRUSTED
    // because our PKIX trust is the world's root CA (RFC 7672 3: no TLSA match, no DANE).
    TlsLevel level =
        mx.expectedStatus() == HostStatus.DANE_VERIFIED ? TlsLevel.VERIFIED : TlsLevel.TRUSTED;
    assertThat(endpoint.level()).as(where).isEqualTo(level);
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
