/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.danecheck.CheckListener;
import org.danecheck.DaneVerdict;
import org.danecheck.DomainReport;
import org.danecheck.MtaAction;
import org.danecheck.ProblemCode;
import org.danecheck.TlsaProfile;
import org.danecheck.core.internal.dns.DnsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Review D6: a report that cannot be assembled (a bug) must not leave its check hanging, whether
 * the check's work ends, its deadline cuts it, or the checker is closed under it. The report is a
 * minimal INDETERMINATE one that says the check was aborted, with no Java class name.
 */
class ReportAssemblyFailureTest {
  private static final Duration BOUND = Duration.ofSeconds(10);

  /** A resolver on loopback that never answers: a check waits for DNS until cut. */
  private DatagramSocket silent;

  private final AtomicInteger assemblies = new AtomicInteger();

  @BeforeEach
  void open() throws Exception {
    silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  @AfterEach
  void closeSocket() {
    silent.close();
  }

  private CheckEngine engine(InetSocketAddress resolver, Duration deadline) {
    CheckOptions options =
        new CheckOptions(
            DnsConfig.builder()
                .resolvers(List.of(resolver))
                .queryTimeout(Duration.ofMillis(200))
                .build(),
            25,
            deadline,
            Duration.ofSeconds(2),
            Duration.ofSeconds(2),
            true,
            true,
            "dane-check.invalid",
            TlsaProfile.SMTP,
            Optional.empty(),
            Optional.empty(),
            false,
            false,
            Clock.systemUTC(),
            Duration.ZERO,
            0,
            4,
            2,
            Optional.empty(),
            CheckListener.NONE);
    return new CheckEngine(
        options,
        (run, finished, error) -> {
          assemblies.incrementAndGet();
          throw new IllegalStateException("assembly bug");
        });
  }

  private static void assertAborted(DomainReport report) {
    assertThat(report.verdict()).isEqualTo(DaneVerdict.INDETERMINATE);
    assertThat(report.mtaAction()).isEqualTo(MtaAction.DEFER);
    assertThat(report.incompleteSteps()).singleElement().asString().contains("internal error");
    assertThat(report.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code()).isEqualTo(ProblemCode.DEADLINE_EXCEEDED);
              assertThat(p.message()).doesNotContain("Exception", "java.");
            });
  }

  @Test
  void workThatEndsGetsTheMinimalReport() {
    // Nothing listens on port 1: the MX lookup fails at once, the work ends, assembly throws.
    try (CheckEngine engine =
        engine(new InetSocketAddress(InetAddress.getLoopbackAddress(), 1), Duration.ofSeconds(5))) {
      DomainReport report =
          assertTimeoutPreemptively(BOUND, () -> engine.checkDomain("example.org").join());
      assertAborted(report);
      assertThat(assemblies).hasPositiveValue();
    }
  }

  @Test
  void aCheckCutByItsDeadlineGetsTheMinimalReport() {
    try (CheckEngine engine =
        engine((InetSocketAddress) silent.getLocalSocketAddress(), Duration.ofMillis(300))) {
      DomainReport report =
          assertTimeoutPreemptively(BOUND, () -> engine.checkDomain("example.org").join());
      assertAborted(report);
    }
  }

  @Test
  void closeCompletesACheckWhoseReportCannotBeAssembled() {
    CheckEngine engine =
        engine((InetSocketAddress) silent.getLocalSocketAddress(), Duration.ofSeconds(60));
    CompletableFuture<DomainReport> pending = engine.checkDomain("example.org");
    assertTimeoutPreemptively(Duration.ofSeconds(2), engine::close);
    DomainReport report = assertTimeoutPreemptively(BOUND, () -> pending.join());
    assertAborted(report);
    assertTimeoutPreemptively(Duration.ofSeconds(2), engine::close); // idempotent
  }
}
