/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The callers waiting for one piece of shared work (an endpoint probe, a DNS lookup). Each caller
 * waits until its own deadline is cancelled (or, given a timer, passes) and then gets a "left"
 * value; when the last caller leaves before the work is done, the work's deadline is cancelled,
 * which stops the work. A stopped work takes no new caller.
 *
 * @param <V> what the work produces
 */
public final class Waiters<V> {
  private final Deadline work;
  private final CompletableFuture<V> result;
  private int count; // guarded by this

  /**
   * Callers of the work that ends {@code result} and stops when {@code work} is cancelled.
   *
   * @param work the work's own deadline, cancelled when no caller waits any more
   * @param result completed by the work
   */
  public Waiters(Deadline work, CompletableFuture<V> result) {
    this.work = work;
    this.result = result;
  }

  /**
   * Shared work, made inside the map's {@code compute} and begun outside it: beginning may end the
   * work at once (no time or slot left), and its end removes it from the map, which a map does not
   * allow from inside {@code compute} on the same key.
   *
   * @param <V> what the work produces
   */
  public interface Work<V> {
    /** Starts the work; called once, after it is in the map. */
    void begin();

    /** Completed by the work. */
    CompletableFuture<V> result();
  }

  /**
   * The work in flight for {@code key} if it can serve the caller, else new work from {@code
   * create}, begun and joined. New work that ended before the caller could join it answers with its
   * own result, so a caller never waits in a loop for work that cannot start.
   */
  public static <K, W extends Work<V>, V> CompletableFuture<V> joinOrStart(
      ConcurrentMap<K, W> inFlight,
      K key,
      Predicate<W> canServe,
      Function<K, W> create,
      Function<W, CompletableFuture<V>> join) {
    while (true) {
      List<W> made = new ArrayList<>(1);
      W work =
          inFlight.compute(
              key,
              (k, w) -> {
                if (w != null && canServe.test(w)) {
                  return w;
                }
                W fresh = create.apply(k);
                made.add(fresh);
                return fresh;
              });
      boolean fresh = !made.isEmpty();
      if (fresh) {
        work.begin();
      }
      CompletableFuture<V> joined = join.apply(work);
      if (joined != null) {
        return joined;
      }
      inFlight.remove(key, work); // stopped between compute and join
      if (fresh) {
        return work.result();
      }
    }
  }

  /**
   * A future for one caller: the work's result, or {@code left} applied to why the caller left
   * first; null when the work was stopped already.
   *
   * @param timer if not null, the caller also leaves when its deadline passes
   */
  public CompletableFuture<V> join(
      Deadline caller, Function<String, V> left, ScheduledExecutorService timer) {
    synchronized (this) {
      if (work.cancelled()) {
        return null;
      }
      count++;
    }
    CompletableFuture<V> mine = new CompletableFuture<>();
    long millis = Math.max(1, caller.remaining().toMillis());
    ScheduledFuture<?> timeout =
        timer == null
            ? null
            : schedule(
                timer,
                () -> leave(mine, left, "deadline exceeded after " + millis + " ms"),
                millis);
    Runnable unhook = caller.onCancel(() -> leave(mine, left, "its check ended first"));
    result.whenComplete(
        (value, error) -> {
          unhook.run();
          if (timeout != null) {
            timeout.cancel(false);
          }
          if (error != null) {
            mine.completeExceptionally(error);
          } else {
            mine.complete(value);
          }
        });
    return mine;
  }

  /** Whether the work was stopped (no caller waited any more, or it was stopped from outside). */
  public boolean stopped() {
    return work.cancelled();
  }

  private static ScheduledFuture<?> schedule(
      ScheduledExecutorService timer, Runnable task, long millis) {
    try {
      return timer.schedule(task, millis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      task.run(); // closing
      return null;
    }
  }

  private void leave(CompletableFuture<V> mine, Function<String, V> left, String why) {
    if (!mine.complete(left.apply(why))) {
      return; // the result came first
    }
    synchronized (this) {
      // Under the lock, so no caller joins work that is being stopped.
      if (--count == 0 && !result.isDone()) {
        work.cancel();
      }
    }
  }
}
