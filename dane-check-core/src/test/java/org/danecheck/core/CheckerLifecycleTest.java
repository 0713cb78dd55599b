/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.danecheck.core.LabCheckers.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.danecheck.DaneVerdict;
import org.danecheck.DomainReport;
import org.danecheck.IncompleteStep;
import org.danecheck.ProblemCode;
import org.danecheck.testkit.DaneLab;
import org.danecheck.testkit.LabFault;
import org.danecheck.testkit.MailPersona.Behaviour;
import org.danecheck.testkit.junit5.DaneLabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 12 point 2: {@code close()} completes every check in flight with what is known and closes
 * its sockets; a cancelled future stops its check's probes and DNS waits; a closed checker refuses
 * new checks. Assertions are on states and counts (open sessions at the lab, queries the lab DNS
 * received); times only as generous bounds, so a hang fails instead of stalling the build.
 */
class CheckerLifecycleTest {
  @RegisterExtension
  static final DaneLabExtension LAB =
      new DaneLabExtension(
          DaneLab.builder()
              .sessionTimeout(Duration.ofSeconds(60))
              .domain(
                  "silent.test",
                  d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1).persona(Behaviour.SILENT)))
              .domain(
                  "silent2.test",
                  d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1).persona(Behaviour.SILENT)))
              .domain("ok.test", d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1)))
              .domain("dropped.test", d -> d.fault("@", "MX", LabFault.DROP)));

  private static DaneChecker.Builder checker() {
    return DaneChecker.builder()
        .environment(LAB.lab())
        .deadline(Duration.ofSeconds(60))
        .commandTimeout(Duration.ofSeconds(60));
  }

  private static InetAddress server(String host) {
    return LAB.lab().host(host).addresses().get(0);
  }

  @Test
  void closeCompletesChecksInFlightClosesTheirSocketsAndIsIdempotent() {
    InetAddress silent = server("mx.silent.test");
    InetAddress silent2 = server("mx.silent2.test");
    DaneChecker checker = checker().build();
    List<CompletableFuture<DomainReport>> reports =
        List.of(checker.checkAsync("silent.test"), checker.checkAsync("silent2.test"));
    // Both probes connected and wait for a greeting that never comes.
    await(() -> openAt(silent) == 1 && openAt(silent2) == 1, "both probes connected");

    assertTimeoutPreemptively(Duration.ofSeconds(5), checker::close);

    for (CompletableFuture<DomainReport> future : reports) {
      DomainReport report = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> future.join());
      assertThat(report.verdict()).isEqualTo(DaneVerdict.INDETERMINATE);
      assertThat(report.incompleteSteps()).anyMatch(s -> s.contains("endpoint probes of"));
      assertThat(report.problems())
          .anyMatch(
              p ->
                  p.code() == ProblemCode.DEADLINE_EXCEEDED
                      && p.message().contains("checker was closed"));
    }
    await(() -> openAt(silent) == 0 && openAt(silent2) == 0, "the probe sockets closed");
    assertTimeoutPreemptively(Duration.ofSeconds(1), checker::close); // idempotent
    assertThatThrownBy(() -> checker.checkAsync("ok.test"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> checker.check("ok.test")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> checker.checkHost("mx.ok.test"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void cancellingAReportStopsItsProbeAndLeavesOtherChecksAlone() {
    InetAddress silent = server("mx.silent.test");
    try (DaneChecker checker = checker().build()) {
      CompletableFuture<DomainReport> report = checker.checkAsync("silent.test");
      await(() -> openAt(silent) == 1, "the probe connected");

      report.cancel(true);

      await(() -> openAt(silent) == 0, "the cancelled check's socket closed");
      assertThat(checker.check("ok.test").verdict()).isEqualTo(DaneVerdict.VERIFIED);
    }
  }

  @Test
  void cancellingAReportStopsItsDnsRetries() throws InterruptedException {
    // One try per second, three tries: without a stop, the lab sees three MX queries.
    try (DaneChecker checker =
        checker().queryTimeout(Duration.ofSeconds(1)).deadline(Duration.ofSeconds(30)).build()) {
      int before = LAB.lab().dns().queryCount("dropped.test.", "MX");
      CompletableFuture<DomainReport> report = checker.checkAsync("dropped.test");
      await(() -> LAB.lab().dns().queryCount("dropped.test.", "MX") > before, "the MX query sent");

      report.cancel(true);

      Thread.sleep(3500); // past every retry the lookup would have made
      assertThat(LAB.lab().dns().queryCount("dropped.test.", "MX") - before).isEqualTo(1);
    }
  }

  @Test
  void closeDuringADnsWaitCompletesTheCheck() {
    DaneChecker checker = checker().queryTimeout(Duration.ofSeconds(5)).build();
    CompletableFuture<DomainReport> report = checker.checkAsync("dropped.test");
    assertTimeoutPreemptively(Duration.ofSeconds(5), checker::close);
    DomainReport r = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> report.join());
    assertThat(r.verdict()).isEqualTo(DaneVerdict.INDETERMINATE);
    assertThat(r.incompleteSteps()).anyMatch(s -> s.contains("MX lookup of dropped.test"));
    assertThat(r.incomplete())
        .anyMatch(
            s -> s.kind() == IncompleteStep.Kind.MX_LOOKUP && s.subject().equals("dropped.test"));
  }

  static int openAt(InetAddress address) {
    return LAB.lab().mail().openSessions(address);
  }
}
