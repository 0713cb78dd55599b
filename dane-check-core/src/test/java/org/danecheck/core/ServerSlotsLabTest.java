/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.danecheck.core.LabCheckers.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.danecheck.DaneVerdict;
import org.danecheck.DomainReport;
import org.danecheck.Problem;
import org.danecheck.ProblemCode;
import org.danecheck.SmtpOutcome;
import org.danecheck.testkit.DaneLab;
import org.danecheck.testkit.LabDomain;
import org.danecheck.testkit.MailPersona.Behaviour;
import org.danecheck.testkit.junit5.DaneLabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 12 point 3: probes wait for a per-server slot without holding a probe thread, so one domain
 * with 16 MX names on one trickling server cannot delay an unrelated check; and one check makes at
 * most {@value org.danecheck.core.internal.check.CheckEngine#MAX_PROBES_PER_SERVER} probes to one
 * server address, reporting the rest as LIMIT_REACHED.
 */
class ServerSlotsLabTest {
  private static final String TRICKLE = "127.2.0.1";
  private static final String SHARED = "127.2.0.2";

  @RegisterExtension
  static final DaneLabExtension LAB =
      new DaneLabExtension(
          DaneLab.builder()
              .sessionTimeout(Duration.ofSeconds(30))
              .domain("many.test", sixteenNamesAt(TRICKLE, Behaviour.TRICKLE))
              .domain("hosted.test", sixteenNamesAt(SHARED, Behaviour.NORMAL))
              .domain("unrelated.test", d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1))));

  private static Consumer<LabDomain> sixteenNamesAt(String address, Behaviour behaviour) {
    return d -> {
      for (int i = 1; i <= 16; i++) {
        d.mx(10, "mx" + i, h -> h.address(address).persona(behaviour));
      }
    };
  }

  private static DaneChecker.Builder checker() {
    return DaneChecker.builder()
        .environment(LAB.lab())
        .maxConcurrentProbes(4)
        .maxConnectionsPerServer(2)
        .commandTimeout(Duration.ofSeconds(20))
        .deadline(Duration.ofSeconds(25));
  }

  @Test
  void aTricklingServerWithManyNamesDoesNotDelayAnUnrelatedCheck() throws Exception {
    InetAddress trickle = InetAddress.getByName(TRICKLE);
    try (DaneChecker checker = checker().build()) {
      CompletableFuture<DomainReport> many = checker.checkAsync("many.test");
      // Its two slots are taken and its other probes wait for them (as many as there are threads).
      await(
          () -> LAB.lab().mail().openSessions(trickle) == 2, "the trickling server's slots taken");
      Thread.sleep(200); // let the waiting probes queue up

      DomainReport unrelated =
          assertTimeoutPreemptively(Duration.ofSeconds(15), () -> checker.check("unrelated.test"));

      assertThat(unrelated.verdict()).isEqualTo(DaneVerdict.VERIFIED);
      // Ordering, not timing: the unrelated check finished while the trickler still held both
      // slots, so it never waited for them.
      assertThat(LAB.lab().mail().openSessions(trickle)).isEqualTo(2);
      assertThat(LAB.lab().mail().sessionCount(trickle)).isEqualTo(2);
      assertThat(many).isNotDone();
    }
  }

  @Test
  void oneCheckProbesOneServerAtMostEightTimesAndSaysSo() throws Exception {
    InetAddress shared = InetAddress.getByName(SHARED);
    int before = LAB.lab().mail().sessionCount(shared);
    try (DaneChecker checker = checker().build()) {
      DomainReport report = checker.check("hosted.test");

      assertThat(LAB.lab().mail().sessionCount(shared) - before).isEqualTo(8);
      long probed =
          report.mxHosts().stream()
              .flatMap(h -> h.endpoints().stream())
              .filter(e -> e.smtpOutcome() == SmtpOutcome.TLS_ESTABLISHED)
              .count();
      assertThat(probed).isEqualTo(8);
      assertThat(report.mxHosts().stream().filter(h -> h.endpoints().isEmpty()).count())
          .isEqualTo(8);
      assertThat(report.mxHosts().stream().flatMap(h -> h.problems().stream()))
          .filteredOn(p -> p.code() == ProblemCode.LIMIT_REACHED)
          .hasSize(8)
          .extracting(Problem::message)
          .allMatch(m -> m.contains("at most 8 probes to one server address"));
      // Not probed is not proven: the verdict cannot be better than indeterminate.
      assertThat(report.verdict()).isEqualTo(DaneVerdict.INDETERMINATE);
      assertThat(report.incompleteSteps()).anyMatch(s -> s.contains("not probed"));
      assertThat(report.problems()).noneMatch(p -> p.code() == ProblemCode.DEADLINE_EXCEEDED);
    }
  }
}
