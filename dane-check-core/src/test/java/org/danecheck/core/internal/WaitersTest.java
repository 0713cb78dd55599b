/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Shared work stops when its last caller leaves, not before; a stopped work takes no caller. */
class WaitersTest {
  private static Deadline later() {
    return Deadline.after(Duration.ofMinutes(1));
  }

  @Test
  void theWorkStopsWhenItsLastCallerLeaves() {
    Deadline work = later();
    CompletableFuture<String> result = new CompletableFuture<>();
    Waiters<String> waiters = new Waiters<>(work, result);
    Deadline first = later();
    Deadline second = later();
    CompletableFuture<String> a = waiters.join(first, why -> "left: " + why, null);
    CompletableFuture<String> b = waiters.join(second, why -> "left: " + why, null);

    first.cancel();
    assertThat(a.join()).isEqualTo("left: its check ended first");
    assertThat(work.cancelled()).isFalse(); // the second caller still waits
    second.cancel();
    assertThat(b.join()).startsWith("left:");
    assertThat(work.cancelled()).isTrue();
    assertThat(waiters.join(later(), why -> why, null)).isNull();
  }

  @Test
  void callersGetTheResultWhenItComesFirst() {
    Deadline work = later();
    CompletableFuture<String> result = new CompletableFuture<>();
    Waiters<String> waiters = new Waiters<>(work, result);
    Deadline caller = later();
    CompletableFuture<String> mine = waiters.join(caller, why -> "left", null);

    result.complete("done");
    caller.cancel(); // too late to matter

    assertThat(mine.join()).isEqualTo("done");
    assertThat(work.cancelled()).isFalse();
  }

  /**
   * Work that ends as it begins (no time or slot left) removes itself from the map: that must not
   * happen inside the map's compute (ConcurrentHashMap throws "Recursive update", and the ended
   * work stayed in the map), and a caller that cannot join it gets its result instead of starting
   * it again in a loop (a timer thread spun at full CPU for 30 minutes in MailDnsLabTest).
   */
  @Test
  void workThatEndsAsItBeginsAnswersAtOnceAndLeavesTheMap() {
    ConcurrentMap<String, Ending> inFlight = new ConcurrentHashMap<>();
    AtomicInteger made = new AtomicInteger();
    CompletableFuture<String> answer =
        Waiters.joinOrStart(
            inFlight,
            "k",
            w -> !w.result.isDone(),
            k -> {
              made.incrementAndGet();
              Ending w = new Ending();
              w.result.whenComplete((v, e) -> inFlight.remove(k, w));
              return w;
            },
            w -> null); // too late to join, as a lookup whose deadline cannot be extended
    assertThat(answer.join()).isEqualTo("ended at once");
    assertThat(made).hasValue(1);
    assertThat(inFlight).isEmpty();
  }

  private static final class Ending implements Waiters.Work<String> {
    final CompletableFuture<String> result = new CompletableFuture<>();

    @Override
    public void begin() {
      result.complete("ended at once");
    }

    @Override
    public CompletableFuture<String> result() {
      return result;
    }
  }
}
