/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.danecheck.DaneVerdict;
import org.danecheck.DnssecStatus;
import org.danecheck.DomainReport;
import org.danecheck.LookupOutcome;
import org.danecheck.LookupStatus;
import org.danecheck.Problem;
import org.danecheck.ProblemCode;
import org.danecheck.testkit.DaneLab;
import org.danecheck.testkit.junit5.DaneLabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A DNS lookup shared by two checks of one checker is not served to the later check as a failure
 * when the earlier check's deadline ends it (the review's D2: the later check was FAILED with no
 * incomplete step, 2.5 s into its 4 s). The zone's DS and DNSKEY answers take {@value #LATENCY_MS}
 * ms each, so validating the MX RRset takes about {@value #VALIDATION_MS} ms, past the first
 * check's deadline of {@value #DEADLINE_MS} ms.
 */
class SharedDnsLookupLabTest {
  private static final long LATENCY_MS = 3000;
  private static final long VALIDATION_MS = 2 * LATENCY_MS;
  private static final long DEADLINE_MS = 4500;

  @RegisterExtension
  static final DaneLabExtension LAB =
      new DaneLabExtension(
          DaneLab.builder()
              .zone("slow.test", z -> z.latency("slow.test.", Duration.ofMillis(LATENCY_MS)))
              .domain("mail.slow.test", d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1))));

  private static DaneChecker checker() {
    // Tries of 5 s: only a deadline, never the query timeout, cuts a 3 s answer.
    return DaneChecker.builder()
        .environment(LAB.lab())
        .queryTimeout(Duration.ofSeconds(5))
        .deadline(Duration.ofMillis(DEADLINE_MS))
        .build();
  }

  /**
   * The second check joins before the DNSKEY query is sent: the lookup runs to the second check's
   * deadline, which gets the validated MX RRset from the one MX query both share.
   */
  @Test
  void aLookupJoinedByALaterCheckRunsToThatChecksDeadline() throws Exception {
    try (DaneChecker checker = checker()) {
      int before = LAB.lab().dns().queryCount("mail.slow.test.", "MX");
      CompletableFuture<DomainReport> first = checker.checkAsync("mail.slow.test");
      Thread.sleep(2200); // the DS answer comes at 3 s, then the DNSKEY query goes out
      CompletableFuture<DomainReport> second = checker.checkAsync("mail.slow.test");

      DomainReport cut = first.join();
      assertThat(cut.verdict()).isEqualTo(DaneVerdict.INDETERMINATE);
      assertThat(cut.incompleteSteps())
          .anyMatch(step -> step.startsWith("MX lookup of mail.slow.test"));

      DomainReport later = second.join();
      assertThat(later.verdict()).isNotEqualTo(DaneVerdict.FAILED);
      assertThat(later.mxLookup().map(LookupStatus::outcome)).contains(LookupOutcome.DATA);
      assertThat(later.mxLookup().map(LookupStatus::dnssec)).contains(DnssecStatus.SECURE);
      assertThat(later.incompleteSteps()).noneMatch(step -> step.startsWith("MX lookup"));
      assertThat(LAB.lab().dns().queryCount("mail.slow.test.", "MX") - before).isEqualTo(1);
    }
  }

  /**
   * The second check joins after the DNSKEY query went out with a timeout the first check's
   * deadline shortened: that query's timeout is a cut, not a failure. The second check asks once
   * more and, its own deadline passing before the answer, is INDETERMINATE with the MX step listed:
   * never FAILED.
   */
  @Test
  void aLookupCutByAnEarlierChecksDeadlineIsNotALaterChecksFailure() throws Exception {
    try (DaneChecker checker = checker()) {
      CompletableFuture<DomainReport> first = checker.checkAsync("mail.slow.test");
      Thread.sleep(3800); // the DNSKEY query went out at 3 s, with 1.5 s left of the lookup
      CompletableFuture<DomainReport> second = checker.checkAsync("mail.slow.test");

      assertThat(first.join().verdict()).isEqualTo(DaneVerdict.INDETERMINATE);
      DomainReport later = second.join();
      assertThat(later.verdict()).isEqualTo(DaneVerdict.INDETERMINATE);
      assertThat(later.incompleteSteps())
          .anyMatch(step -> step.startsWith("MX lookup of mail.slow.test"));
      assertThat(later.problems())
          .extracting(Problem::code)
          .doesNotContain(ProblemCode.MX_LOOKUP_FAILED)
          .contains(ProblemCode.DEADLINE_EXCEEDED);
    }
  }
}
