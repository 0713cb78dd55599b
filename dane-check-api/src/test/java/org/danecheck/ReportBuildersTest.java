/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, records that can grow: the report types are built with builders (a new field is a new
 * builder method, so callers keep compiling and linking), required values are checked by name,
 * lists are copied, copies come from {@code toBuilder()}, and DNS names follow one rule: no
 * trailing dot, whatever form the caller had.
 */
class ReportBuildersTest {
  private static LookupStatus mxLookup() {
    return LookupStatus.builder()
        .name("example.org.")
        .type(DnsRecordType.MX)
        .outcome(LookupOutcome.DATA)
        .dnssec(DnssecStatus.SECURE)
        .reason("")
        .build();
  }

  private static MxHostReport.Builder host() {
    return MxHostReport.builder()
        .preference(10)
        .name("MX.example.org.")
        .cnameChain(List.of("a.hoster.example.", "b.hoster.example"))
        .tlsaBaseDomain("mx.example.org.")
        .tlsaBaseDomainReason("the MX host name")
        .status(HostStatus.DANE_VERIFIED);
  }

  @Test
  void namesLoseTheirTrailingDot() {
    MxHostReport host = host().build();
    assertThat(host.name()).isEqualTo("MX.example.org");
    assertThat(host.cnameChain()).containsExactly("a.hoster.example", "b.hoster.example");
    assertThat(host.tlsaBaseDomain()).isEqualTo("mx.example.org");
    assertThat(mxLookup().name()).isEqualTo("example.org");
    assertThat(domain().domain("example.org.").build().domain()).isEqualTo("example.org");
  }

  @Test
  void requiredValuesAreNamedWhenMissing() {
    assertThatThrownBy(() -> MxHostReport.builder().name("mx.example.org").build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("tlsaBaseDomain");
    assertThatThrownBy(() -> LookupStatus.builder().name("x.example").build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("type");
  }

  @Test
  void listsAreCopiesAndAbsentValuesAreEmpty() {
    List<Problem> problems = new ArrayList<>();
    problems.add(Problem.of(ProblemCode.TLSA_NO_MATCH, "mx.example.org", "no match"));
    MxHostReport host = host().problems(problems).build();
    problems.clear();
    assertThat(host.problems()).hasSize(1);
    assertThatThrownBy(() -> host.problems().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    DomainReport report = domain().build();
    assertThat(report.mxLookup()).isEmpty();
    assertThat(report.earliestSignatureExpiry()).isEmpty();
    assertThat(report.incompleteSteps()).isEmpty();
  }

  @Test
  void toBuilderCopiesEveryValue() {
    DomainReport report = domain().mxLookup(mxLookup()).mxHosts(List.of(host().build())).build();
    assertThat(report.toBuilder().build()).isEqualTo(report).hasSameHashCodeAs(report);
    DomainReport changed = report.toBuilder().verdict(DaneVerdict.FAILED).build();
    assertThat(changed).isNotEqualTo(report);
    assertThat(changed.mxHosts()).isEqualTo(report.mxHosts());
    assertThat(changed.toString()).contains("verdict=FAILED");
  }

  @Test
  void aProblemsSubjectIsTyped() {
    Problem domain = Problem.ofDomain(ProblemCode.MX_INSECURE, "unsigned MX");
    Problem host = Problem.of(ProblemCode.TLSA_NO_MATCH, "mx.example.org.", "no match");
    Problem endpoint =
        Problem.of(ProblemCode.SMTP_TIMEOUT, "mx.example.org.[2001:db8::1]:25", "timeout");
    assertThat(domain.subject()).isEqualTo(Problem.DOMAIN).isEmpty();
    assertThat(domain.scope()).isEqualTo(ProblemScope.DOMAIN);
    assertThat(host.scope()).isEqualTo(ProblemScope.HOST);
    assertThat(host.subject()).isEqualTo("mx.example.org");
    assertThat(endpoint.scope()).isEqualTo(ProblemScope.ENDPOINT);
    assertThat(endpoint.subject()).isEqualTo("mx.example.org[2001:db8::1]:25");
    assertThat(endpoint.host()).isEqualTo("mx.example.org");
    assertThat(domain.host()).isEmpty();
  }

  @Test
  void incompleteStepsAreTypedAndDescribed() {
    IncompleteStep step =
        new IncompleteStep(
            IncompleteStep.Kind.TLSA_LOOKUP, "mx.example.org.", "TLSA lookup for mx.example.org");
    DomainReport report = domain().incomplete(List.of(step)).build();
    assertThat(report.complete()).isFalse();
    assertThat(report.incomplete()).containsExactly(step);
    assertThat(step.subject()).isEqualTo("mx.example.org");
    assertThat(report.incompleteSteps()).containsExactly("TLSA lookup for mx.example.org");
  }

  @Test
  void ownerNamesFollowTheRuleAndZoneLinesAreAbsolute() {
    assertThat(TlsaRecord.ownerName("mx.example.org.", 25)).isEqualTo("_25._tcp.mx.example.org");
    assertThat(TlsaRecord.ownerName("mx.example.org", 25)).isEqualTo("_25._tcp.mx.example.org");
    assertThat(TlsaRecord.parse("3 1 1 " + "00".repeat(32)).toZoneLine("mx.example.org", 25))
        .startsWith("_25._tcp.mx.example.org. IN TLSA 3 1 1 ");
  }

  private static DomainReport.Builder domain() {
    return DomainReport.builder()
        .domain("example.org")
        .checkedAt(Instant.parse("2026-01-01T00:00:00Z"))
        .elapsed(Duration.ofMillis(5))
        .validationMode(ValidationMode.IN_PROCESS)
        .mxSource(MxSource.MX_RECORDS)
        .verdict(DaneVerdict.VERIFIED)
        .mtaAction(MtaAction.AUTHENTICATED_TLS);
  }
}
