/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A point in time by which work must end, on the monotonic clock, that can also be ended early
 * ({@link #cancel()}). Every I/O step takes the smaller of its own timeout and what is left of the
 * deadline, so a whole check never outlives its deadline; steps that block (a socket, a wait for a
 * slot or a DNS answer) register a hook that ends them at once when the deadline is cancelled. Only
 * a deadline made {@link #extendable} moves, and only later, within the limit it was made with.
 */
public final class Deadline {
  private volatile long deadlineNanos; // moves only later, up to limitNanos (extendTo)
  private final long limitNanos;
  private volatile boolean cancelled;
  private List<Runnable> hooks; // guarded by this; null once cancelled

  private Deadline(long deadlineNanos, long limitNanos) {
    this.deadlineNanos = deadlineNanos;
    this.limitNanos = limitNanos;
    this.hooks = new ArrayList<>(2);
  }

  /** A deadline this long from now. */
  public static Deadline after(Duration duration) {
    long at = System.nanoTime() + nanos(duration);
    return new Deadline(at, at);
  }

  /**
   * A deadline {@code initial} from now that {@link #extendTo} may move later, but never past
   * {@code limit} from now: the deadline of work shared by several callers (a DNS lookup), which
   * runs until its latest caller's deadline, within its own budget.
   *
   * @throws IllegalArgumentException when {@code initial} is longer than {@code limit}
   */
  public static Deadline extendable(Duration initial, Duration limit) {
    if (initial.compareTo(limit) > 0) {
      throw new IllegalArgumentException("initial " + initial + " is beyond the limit " + limit);
    }
    long now = System.nanoTime();
    return new Deadline(now + nanos(initial), now + nanos(limit));
  }

  private static long nanos(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("deadline duration is negative: " + duration);
    }
    return duration.compareTo(Duration.ofDays(365)) > 0 ? Long.MAX_VALUE / 4 : duration.toNanos();
  }

  /**
   * Moves this deadline to {@code other}'s when that is later, but not past this deadline's limit
   * (a deadline made by {@link #after} has none to give).
   *
   * @return false when this deadline has already passed or was cancelled: it cannot be moved
   */
  public synchronized boolean extendTo(Deadline other) {
    if (expired()) {
      return false;
    }
    long target = other.deadlineNanos - limitNanos < 0 ? other.deadlineNanos : limitNanos;
    if (target - deadlineNanos > 0) {
      deadlineNanos = target;
    }
    return true;
  }

  /** Whether this deadline ends before its limit, i.e. at a caller's deadline, not its own. */
  public boolean beforeLimit() {
    return deadlineNanos - limitNanos < 0;
  }

  /** What is left until the limit, never negative; zero once cancelled. */
  public Duration remainingToLimit() {
    return cancelled
        ? Duration.ZERO
        : Duration.ofNanos(Math.max(0, limitNanos - System.nanoTime()));
  }

  /** What is left, never negative; zero once cancelled. */
  public Duration remaining() {
    return cancelled
        ? Duration.ZERO
        : Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
  }

  /** Whether the deadline has passed or was cancelled. */
  public boolean expired() {
    return cancelled || deadlineNanos - System.nanoTime() <= 0;
  }

  /** Whether the deadline was ended early by {@link #cancel()}. */
  public boolean cancelled() {
    return cancelled;
  }

  /**
   * Ends the deadline now and runs the hooks registered with {@link #onCancel}, once, on this
   * thread. Idempotent.
   */
  public void cancel() {
    List<Runnable> toRun;
    synchronized (this) {
      if (hooks == null) {
        return;
      }
      cancelled = true;
      toRun = hooks;
      hooks = null;
    }
    for (Runnable hook : toRun) {
      hook.run();
    }
  }

  /**
   * Runs {@code hook} when the deadline is cancelled (at once, on this thread, if it already is).
   *
   * @return removes the hook; call it when the step ends first, so long-lived deadlines keep no
   *     hooks of finished steps
   */
  public Runnable onCancel(Runnable hook) {
    Objects.requireNonNull(hook, "hook");
    synchronized (this) {
      if (hooks != null) {
        hooks.add(hook);
        return () -> remove(hook);
      }
    }
    hook.run();
    return () -> {};
  }

  private synchronized void remove(Runnable hook) {
    if (hooks != null) {
      hooks.remove(hook);
    }
  }

  /** The smaller of a step's own timeout and what is left; never negative. */
  public Duration cap(Duration stepTimeout) {
    Duration left = remaining();
    return stepTimeout.compareTo(left) < 0 ? stepTimeout : left;
  }

  /**
   * The smaller of a step's own timeout and what is left, in whole milliseconds of at least 1 (for
   * socket timeouts, where 0 means "forever").
   */
  public int capMillis(Duration stepTimeout) {
    long millis = cap(stepTimeout).toMillis();
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, millis));
  }

  /** The earlier of this deadline and another; a cancelled one counts as the earliest. */
  public Deadline min(Deadline other) {
    if (cancelled || other.cancelled) {
      return cancelled ? this : other;
    }
    return deadlineNanos - other.deadlineNanos <= 0 ? this : other;
  }

  @Override
  public String toString() {
    return "Deadline[remaining=" + remaining() + (cancelled ? ", cancelled" : "") + "]";
  }
}
