/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
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
import org.danecheck.ProblemCode;
import org.danecheck.testkit.DaneLab;
import org.danecheck.testkit.LabFault;
import org.danecheck.testkit.junit5.DaneLabExtension;
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

  private static final int ZONES = 50;

  @RegisterExtension static final DaneLabExtension LAB = new DaneLabExtension(lab());

  private static DaneLab.Builder lab() {
    DaneLab.Builder lab =
        DaneLab.builder()
            // Answers take 100 ms, and the DS and DNSKEY answers of three zone cuts 2.6 s: a
            // name below them takes over 15 s of chained sub-queries to validate.
            .latency(Duration.ofMillis(100))
            .zone("deep.test", z -> z.latency("deep.test.", Duration.ofMillis(2500)))
            .zone("a.deep.test", z -> z.latency("a.deep.test.", Duration.ofMillis(2500)))
            .zone("b.a.deep.test", z -> z.latency("b.a.deep.test.", Duration.ofMillis(2500)))
            .domain("mail.b.a.deep.test", d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1)))
            // A zone whose DNSKEY query is never answered.
            .zone("mute.test", z -> z.fault("mute.test.", "DNSKEY", LabFault.DROP))
            .domain("mail.mute.test", d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1)))
            .domain("dropped.test", d -> d.fault("@", "MX", LabFault.DROP));
    // Zones whose MX host does not exist: a new zone's keys, then two denials, per check.
    for (int i = 0; i < ZONES; i++) {
      String zone = "z" + i + ".test";
      lab.domain(zone, d -> d.record("@ 300 IN MX 10 gone." + zone + "."));
    }
    return lab;
  }

  private static DaneChecker.Builder checker() {
    return DaneChecker.builder()
        .environment(LAB.lab())
        .queryTimeout(Duration.ofSeconds(2)) // a lookup left running retries within 2 s
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
      Thread.sleep(4000); // a lookup left running would have sent its next (sub-)query by now
      System.out.printf(
          "%s: %d queries after the deadline + %s%n",
          domain, LAB.lab().dns().totalQueries() - atMargin, MARGIN);
      assertThat(LAB.lab().dns().totalQueries())
          .as("queries after the deadline + %s", MARGIN)
          .isEqualTo(atMargin);
    }
  }

  /**
   * A later check joins a lookup in flight (extending it to its own deadline, within the lookup's
   * budget of 12 s here) and shares its real failure: three unanswered tries of 2 s are a failed MX
   * lookup for both, not a cut (see SharedDnsLookupLabTest for cuts).
   */
  @Test
  void aLaterCheckSharesALookupsRealFailure() throws Exception {
    // The MX query is never answered: a lookup retries every 2 s, 3 tries, within its deadline.
    try (DaneChecker checker = checker().deadline(Duration.ofSeconds(10)).build()) {
      int before = LAB.lab().dns().queryCount("dropped.test.", "MX");
      CompletableFuture<DomainReport> first = checker.checkAsync("dropped.test");
      Thread.sleep(3000);
      CompletableFuture<DomainReport> second = checker.checkAsync("dropped.test");

      for (DomainReport report : List.of(first.join(), second.join())) {
        assertFailedMxLookup(report, "dropped.test. MX");
      }
      assertThat(LAB.lab().dns().queryCount("dropped.test.", "MX") - before).isEqualTo(3);
    }
  }

  /**
   * The lookup cap ({@link DaneChecker.Builder#maxConcurrentLookups}): with one slot, held by an MX
   * lookup that gets no answer until its check's deadline, a second check's lookups wait for the
   * slot and it ends unfinished; with two slots it finishes. A wait for a slot is a cut, never a
   * failure (DnsClient).
   */
  @Test
  void lookupsBeyondTheCapWaitForASlot() throws Exception {
    for (int slots : List.of(1, 2)) {
      try (DaneChecker checker = checker().maxConcurrentLookups(slots).build()) {
        CompletableFuture<DomainReport> holder = checker.checkAsync("dropped.test");
        Thread.sleep(300); // the holder's MX query is sent: its lookup has a slot
        // The other check needs ~7 answers of 100 ms each (keys, MX, denials): more than the
        // 300 ms between the holder's deadline (its slot freed) and its own.
        DomainReport other = checker.check("z0.test");
        if (slots == 1) {
          assertThat(other.verdict()).as("one slot").isEqualTo(DaneVerdict.INDETERMINATE);
          assertThat(other.incompleteSteps()).as("one slot").isNotEmpty();
        } else {
          assertThat(other.incompleteSteps()).as("two slots").isEmpty();
        }
        assertThat(other.problems())
            .as("waiting for a slot is not a failure")
            .noneMatch(p -> p.code() == ProblemCode.MX_LOOKUP_FAILED);
        holder.join();
      }
    }
  }

  /**
   * An unanswered DNSKEY query under a query timeout well inside the deadline is a real failure (an
   * MTA defers), never a cut: the review's probe, kept.
   */
  @Test
  void anUnansweredKeyQueryIsAFailureNotACut() {
    try (DaneChecker checker =
        checker().queryTimeout(Duration.ofMillis(500)).deadline(Duration.ofSeconds(8)).build()) {
      assertFailedMxLookup(checker.check("mail.mute.test"), "mute.test. DNSKEY");
    }
  }

  /** A real failure: FAILED, complete, the query that got no answer named without class names. */
  private static void assertFailedMxLookup(DomainReport report, String query) {
    assertThat(report.verdict()).isEqualTo(DaneVerdict.FAILED);
    assertThat(report.incompleteSteps()).isEmpty();
    assertThat(report.problems())
        .filteredOn(p -> p.code() == ProblemCode.MX_LOOKUP_FAILED)
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.message())
                    .contains(query, "did not answer in time")
                    .doesNotContainPattern("[A-Z][a-z]+(Exception|Error)\\b"));
  }

  /**
   * Threads: each of {@value #ZONES} checks validates a new zone (a DS and a DNSKEY answer from the
   * network, the MX RRset) and two denials (the MX host's A and AAAA, NXDOMAIN) under keys then
   * cached. Every step after a network answer runs on the checker's threads. What dnsjava 3.6.4
   * runs without an executor after a cached key (one step per denial here) goes to the JDK's
   * default async pool, which on a machine whose common pool has one thread (2 cores) is a new,
   * short-lived thread per step: at most one per denial, and live threads stay flat.
   */
  @Test
  void checksAgainstSlowDnsRunOnTheCheckersOwnThreads() throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (DaneChecker checker = checker().deadline(Duration.ofSeconds(20)).build()) {
      runChecks(checker, 0, 10); // warm up: the pools' threads exist, the root's keys are known
      int liveBefore = threads.getThreadCount();
      long startedBefore = threads.getTotalStartedThreadCount();
      threads.resetPeakThreadCount();

      runChecks(checker, 10, ZONES);

      long started = threads.getTotalStartedThreadCount() - startedBefore;
      int checks = ZONES - 10;
      System.out.printf(
          "%d checks of new zones: %d threads started, peak %d live (%d before), %d after%n",
          checks, started, threads.getPeakThreadCount(), liveBefore, threads.getThreadCount());
      assertThat(started).isLessThanOrEqualTo(2L * checks);
      assertThat(threads.getThreadCount()).isLessThanOrEqualTo(liveBefore + 2);
      assertThat(threads.getPeakThreadCount()).isLessThanOrEqualTo(liveBefore + 24);
    }
  }

  /** Checks zones {@code from} to {@code to - 1}, 20 at a time: no SMTP, each MX host missing. */
  private static void runChecks(DaneChecker checker, int from, int to) {
    List<CompletableFuture<DomainReport>> batch = new ArrayList<>();
    for (int i = from; i < to; i++) {
      batch.add(checker.checkAsync("z" + i + ".test"));
      if (batch.size() == 20 || i == to - 1) {
        batch.forEach(f -> assertThat(f.join().incompleteSteps()).isEmpty());
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
