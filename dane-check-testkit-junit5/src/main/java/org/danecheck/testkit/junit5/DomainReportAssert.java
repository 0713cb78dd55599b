/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.testkit.junit5;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;
import org.danecheck.DaneVerdict;
import org.danecheck.DomainReport;
import org.danecheck.EndpointReport;
import org.danecheck.HostStatus;
import org.danecheck.MtaAction;
import org.danecheck.MxHostReport;
import org.danecheck.Problem;
import org.danecheck.ProblemCode;
import org.danecheck.Severity;
import org.danecheck.TlsLevel;

/**
 * AssertJ assertions on a {@link DomainReport}, whose failure messages show the report's problems.
 * Start with {@link DaneAssertions#assertThat(DomainReport)}.
 */
public final class DomainReportAssert extends AbstractAssert<DomainReportAssert, DomainReport> {
  DomainReportAssert(DomainReport actual) {
    super(actual, DomainReportAssert.class);
  }

  /** Every MX host is DANE-verified on every endpoint, and the MX RRset is secure. */
  public DomainReportAssert isDaneVerified() {
    return isJudged(DaneVerdict.VERIFIED, MtaAction.AUTHENTICATED_TLS);
  }

  /**
   * The assertion of a scenario test: the verdict and what a DANE-enforcing MTA would do are these,
   * and the check's problems include each of these codes. Every difference is reported at once,
   * with the whole report.
   */
  public DomainReportAssert isJudged(
      DaneVerdict verdict, MtaAction action, ProblemCode... problems) {
    isNotNull();
    List<String> wrong = new ArrayList<>();
    if (actual.verdict() != verdict) {
      wrong.add("verdict " + verdict + " but was " + actual.verdict());
    }
    if (actual.mtaAction() != action) {
      wrong.add("MTA action " + action + " but was " + actual.mtaAction());
    }
    for (ProblemCode code : problems) {
      if (actual.allProblems().stream().noneMatch(p -> p.code() == code)) {
        wrong.add("a problem " + code);
      }
    }
    if (!wrong.isEmpty()) {
      failWithMessage("expected %s%s", String.join("; ", wrong), context());
    }
    return this;
  }

  /** The verdict is this one. */
  public DomainReportAssert hasVerdict(DaneVerdict verdict) {
    isNotNull();
    if (actual.verdict() != verdict) {
      failWithMessage("expected verdict %s but was %s%s", verdict, actual.verdict(), context());
    }
    return this;
  }

  /** A DANE-enforcing MTA would do this. */
  public DomainReportAssert hasMtaAction(MtaAction action) {
    isNotNull();
    if (actual.mtaAction() != action) {
      failWithMessage("expected MTA action %s but was %s%s", action, actual.mtaAction(), context());
    }
    return this;
  }

  /** Some problem of the check has this code. */
  public DomainReportAssert hasProblem(ProblemCode code) {
    isNotNull();
    if (actual.allProblems().stream().noneMatch(p -> p.code() == code)) {
      failWithMessage("expected a problem %s%s", code, context());
    }
    return this;
  }

  /** No problem of the check has this code. */
  public DomainReportAssert doesNotHaveProblem(ProblemCode code) {
    isNotNull();
    if (actual.allProblems().stream().anyMatch(p -> p.code() == code)) {
      failWithMessage("expected no problem %s%s", code, context());
    }
    return this;
  }

  /** No problem of the check is an error. */
  public DomainReportAssert hasNoErrors() {
    isNotNull();
    if (actual.allProblems().stream().anyMatch(p -> p.severity() == Severity.ERROR)) {
      failWithMessage("expected no errors%s", context());
    }
    return this;
  }

  /** The MX host with this name (trailing dot optional) has this status. */
  public DomainReportAssert hostHasStatus(String host, HostStatus status) {
    MxHostReport report = host(host);
    if (report.status() != status) {
      failWithMessage(
          "expected host %s to be %s but was %s%s", host, status, report.status(), context());
    }
    return this;
  }

  /** Every endpoint of the MX host with this name has this level. */
  public DomainReportAssert hostEndpointsHaveLevel(String host, TlsLevel level) {
    MxHostReport report = host(host);
    if (report.endpoints().isEmpty()) {
      failWithMessage("host %s has no endpoints%s", host, context());
    }
    for (EndpointReport endpoint : report.endpoints()) {
      if (endpoint.level() != level) {
        failWithMessage(
            "expected %s at %s to be %s but was %s%s",
            host, endpoint.endpoint(), level, endpoint.level(), context());
      }
    }
    return this;
  }

  /** The check finished before its deadline. */
  public DomainReportAssert isComplete() {
    isNotNull();
    if (!actual.complete()) {
      failWithMessage(
          "expected a complete check but these steps did not finish: %s", actual.incompleteSteps());
    }
    return this;
  }

  private MxHostReport host(String name) {
    isNotNull();
    // The API writes names without the trailing dot; accept either form here.
    String wanted = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    Optional<MxHostReport> host =
        actual.mxHosts().stream().filter(h -> h.name().equalsIgnoreCase(wanted)).findFirst();
    if (host.isEmpty()) {
      failWithMessage(
          "no MX host %s; hosts: %s%s",
          name, actual.mxHosts().stream().map(MxHostReport::name).toList(), context());
    }
    return host.orElseThrow();
  }

  private String context() {
    List<Problem> problems = actual.allProblems();
    StringBuilder text = new StringBuilder("\n  domain ").append(actual.domain());
    text.append(": verdict ")
        .append(actual.verdict())
        .append(", action ")
        .append(actual.mtaAction());
    for (MxHostReport host : actual.mxHosts()) {
      text.append("\n  host ").append(host.name()).append(": ").append(host.status());
      for (EndpointReport e : host.endpoints()) {
        text.append("\n    ")
            .append(e.endpoint())
            .append(' ')
            .append(e.smtpOutcome())
            .append(' ')
            .append(e.level());
      }
    }
    for (Problem p : problems) {
      text.append("\n  ")
          .append(p.code())
          .append(' ')
          .append(p.subject())
          .append(": ")
          .append(p.message());
    }
    return text.toString();
  }
}
