/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.danecheck.core.internal.AsyncPermits.Permit;
import org.junit.jupiter.api.Test;

/** Waiting for a permit holds no thread; releases hand permits on in order; cancels give up. */
class AsyncPermitsTest {
  private static Deadline later() {
    return Deadline.after(Duration.ofMinutes(1));
  }

  @Test
  void permitsAreHandedToWaitersInOrderOnRelease() {
    AsyncPermits<String> permits = new AsyncPermits<>(2);
    Permit a = permits.acquire("s", later()).join();
    Permit b = permits.acquire("s", later()).join();
    CompletableFuture<Permit> c = permits.acquire("s", later());
    CompletableFuture<Permit> d = permits.acquire("s", later());
    // Another key is not affected by this one's queue.
    assertThat(permits.acquire("other", later())).isCompleted();

    assertThat(c).isNotDone();
    assertThat(permits.waiting("s")).isEqualTo(2);
    a.release();
    a.release(); // idempotent: frees one permit only
    assertThat(c).isCompleted();
    assertThat(c.join().granted()).isTrue();
    assertThat(d).isNotDone();
    b.release();
    assertThat(d.join().granted()).isTrue();
    assertThat(permits.waiting("s")).isZero();
  }

  @Test
  void aCancelledWaiterGivesUpAtOnceAndIsSkipped() {
    AsyncPermits<String> permits = new AsyncPermits<>(1);
    Permit held = permits.acquire("s", later()).join();
    Deadline cancelled = later();
    CompletableFuture<Permit> gone = permits.acquire("s", cancelled);
    CompletableFuture<Permit> next = permits.acquire("s", later());

    cancelled.cancel();

    assertThat(gone.join().granted()).isFalse();
    assertThat(permits.waiting("s")).isEqualTo(1);
    held.release();
    assertThat(next.join().granted()).isTrue();
  }

  @Test
  void anExpiredWaiterIsSkippedAtHandOver() throws InterruptedException {
    AsyncPermits<String> permits = new AsyncPermits<>(1);
    Permit held = permits.acquire("s", later()).join();
    CompletableFuture<Permit> expired = permits.acquire("s", Deadline.after(Duration.ofMillis(1)));
    CompletableFuture<Permit> next = permits.acquire("s", later());
    Thread.sleep(5);

    held.release();

    assertThat(expired.join().granted()).isFalse();
    assertThat(next.join().granted()).isTrue();
  }
}
