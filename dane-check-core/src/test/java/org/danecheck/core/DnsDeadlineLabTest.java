package org.danecheck.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.danecheck.DaneVerdict;
import org.danecheck.DomainReport;
import org.danecheck.testkit.DaneLab;
import org.danecheck.testkit.DaneLabExtension;
import org.danecheck.testkit.LabFault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 12 point 6: the deadline bounds DNS. A check and all its DNS work (the validator's DS and
 * DNSKEY sub-queries included) end by the deadline plus a small margin, on the checker's own
 * threads, with no JVM setting. Measured by what the lab DNS server receives after the deadline and
 * by thread counts, not by timing the work.
 */
class DnsDeadlineLabTest {
  private static final Duration DEADLINE = Duration.ofSeconds(3);

  /** What may still arrive after the deadline: a query sent just before it, seen late. */
  private static final Duration MARGIN = Duration.ofMillis(1500);

  @RegisterExtension
  static final DaneLabExtension LAB =
      new DaneLabExtension(
          DaneLab.builder()
              // Four zone cuts whose DS and DNSKEY answers take 2.5 s each: validating an answer
              // below them takes 20 s of chained sub-queries.
              .zone("deep.test", z -> z.latency("deep.test.", Duration.ofMillis(2500)))
              .zone("a.deep.test", z -> z.latency("a.deep.test.", Duration.ofMillis(2500)))
              .zone("b.a.deep.test", z -> z.latency("b.a.deep.test.", Duration.ofMillis(2500)))
              .domain("mail.b.a.deep.test", d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1)))
              // A zone whose DNSKEY query is never answered.
              .zone("mute.test", z -> z.fault("mute.test.", "DNSKEY", LabFault.DROP))
              .domain("mail.mute.test", d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1)))
              // A zone of names that do not exist: each check proves an NXDOMAIN.
              .zone("nowhere.test", z -> {})
              .latency(Duration.ofMillis(100)));

  private static DaneChecker.Builder checker() {
    DaneLab lab = LAB.lab();
    return DaneChecker.builder()
        .resolver(lab.dnsAddress())
        .trustAnchors(lab.trustAnchor())
        .smtpPort(lab.smtpPort())
        .deadline(DEADLINE);
  }

  @Test
  void slowZoneCutsCannotStretchACheckOrItsDnsWorkPastTheDeadline() throws Exception {
    assertDnsEndsByTheDeadline("mail.b.a.deep.test");
  }

  @Test
  void unansweredDnskeyQueriesCannotStretchACheckOrItsDnsWorkPastTheDeadline() throws Exception {
    assertDnsEndsByTheDeadline("mail.mute.test");
  }

  private static void assertDnsEndsByTheDeadline(String domain) throws InterruptedException {
    try (DaneChecker checker = checker().build()) {
      long start = System.nanoTime();
      DomainReport report =
          assertTimeoutPreemptively(DEADLINE.plus(MARGIN), () -> checker.check(domain));
      assertThat(report.verdict()).isEqualTo(DaneVerdict.INDETERMINATE);
      assertThat(report.incompleteSteps()).isNotEmpty();

      sleepUntil(start + DEADLINE.plus(MARGIN).toNanos());
      int atMargin = LAB.lab().dns().totalQueries();
      Thread.sleep(6000); // a lookup left running would send its next sub-query by now
      assertThat(LAB.lab().dns().totalQueries())
          .as("queries after the deadline + %s", MARGIN)
          .isEqualTo(atMargin);
    }
  }

  @Test
  void checksAgainstSlowDnsRunOnTheCheckersOwnThreads() throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (DaneChecker checker = checker().deadline(Duration.ofSeconds(20)).build()) {
      runChecks(checker, 40); // warm up: the pools' threads exist, the validator knows the keys
      int liveBefore = threads.getThreadCount();
      long startedBefore = threads.getTotalStartedThreadCount();
      threads.resetPeakThreadCount();

      runChecks(checker, 60);

      long started = threads.getTotalStartedThreadCount() - startedBefore;
      int peak = threads.getPeakThreadCount();
      System.out.printf(
          "60 checks: %d threads started, peak %d live (%d before)%n", started, peak, liveBefore);
      assertThat(threads.getThreadCount()).isLessThanOrEqualTo(liveBefore + 2);
      assertThat(peak).isLessThanOrEqualTo(liveBefore + 20);
    }
  }

  private static int nextName;

  /** Checks distinct names, 20 at a time: no SMTP, each a signed NXDOMAIN (a negative proof). */
  private static void runChecks(DaneChecker checker, int n) {
    List<CompletableFuture<DomainReport>> batch = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      batch.add(checker.checkAsync("x" + nextName++ + ".nowhere.test"));
      if (batch.size() == 20 || i == n - 1) {
        batch.forEach(f -> assertThat(f.join().verdict()).isEqualTo(DaneVerdict.NO_MAIL));
        batch.clear();
      }
    }
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long left = nanos - System.nanoTime();
    if (left > 0) {
      Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
    }
  }
}
