package org.danecheck.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
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
}
