/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 1,000 checks of the soak ({@link Soak}: every persona, every DNS fault) in one JVM, in 5 batches:
 * nothing may grow. Counts, not times: threads and open file descriptors after each batch stay
 * within a small tolerance of the first batch's, and after {@code close()} come back to the
 * baseline taken before the checker was built; the heap after GC does not grow from the first batch
 * to the last beyond a tolerance.
 */
class SoakTest {
  static final int CHECKS = 1_000;
  static final int BATCHES = 5;

  /**
   * Threads and fds that may come and go around a sample (pool workers ending, a socket closing).
   */
  static final int THREAD_TOLERANCE = Soak.TOLERANCE;

  static final int FD_TOLERANCE = Soak.TOLERANCE;

  /** Heap growth allowed from the first batch to the last. */
  static final long HEAP_TOLERANCE = 24L << 20;

  @Test
  void thousandChecksLeaveNoThreadsSocketsOrHeapBehind() throws Exception {
    List<Soak.Sample> seen = new ArrayList<>();
    Soak.Result r;
    try (LabProcess lab = LabProcess.start()) {
      r = Soak.run(lab.settings(), CHECKS, BATCHES, 64, seen::add);
      // After close, pool threads may take a moment to end: wait for them (bounded), then count.
      Soak.Sample closed = Soak.settle(r.baseline(), () -> Soak.sample("closed", CHECKS, 0));
      seen.add(closed);
      String figures = String.join("\n", seen.stream().map(Soak.Sample::toString).toList());
      System.out.println("soak figures:\n" + figures + "\nverdicts " + r.verdicts());
      assertThat(r.verdicts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(CHECKS);
      Soak.Sample first = r.batches().get(0);
      // Fixed pools start their threads as load reaches them, which on a busy machine can take
      // two batches: threads are compared with the most of the first two (a leak of one thread
      // per check would be hundreds per batch).
      int warm = Math.max(first.threads(), r.batches().get(1).threads());
      for (Soak.Sample s : r.batches()) {
        assertThat(s.threads())
            .as("threads, %s\n%s", s.label(), figures)
            .isLessThanOrEqualTo(warm + THREAD_TOLERANCE);
        assertThat(s.fds())
            .as("fds, %s\n%s", s.label(), figures)
            .isLessThanOrEqualTo(first.fds() + FD_TOLERANCE);
      }
      Soak.Sample last = r.batches().get(r.batches().size() - 1);
      assertThat(last.heapAfterGc())
          .as("heap after GC\n%s", figures)
          .isLessThanOrEqualTo(first.heapAfterGc() + HEAP_TOLERANCE);
      assertThat(closed.threads())
          .as("threads after close\n%s\n%s", figures, closed)
          .isLessThanOrEqualTo(r.baseline().threads() + THREAD_TOLERANCE);
      assertThat(closed.fds())
          .as("fds after close\n%s\n%s", figures, closed)
          .isLessThanOrEqualTo(r.baseline().fds() + FD_TOLERANCE);
    }
  }
}
