package org.danecheck.core.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A point in time by which work must end, on the monotonic clock, that can also be ended early
 * ({@link #cancel()}). Every I/O step takes the smaller of its own timeout and what is left of the
 * deadline, so a whole check never outlives its deadline; steps that block (a socket, a wait for a
 * slot or a DNS answer) register a hook that ends them at once when the deadline is cancelled.
 */
public final class Deadline {
  private final long deadlineNanos;
  private volatile boolean cancelled;
  private List<Runnable> hooks; // guarded by this; null once cancelled

  private Deadline(long deadlineNanos) {
    this.deadlineNanos = deadlineNanos;
    this.hooks = new ArrayList<>(2);
  }

  /** A deadline this long from now. */
  public static Deadline after(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("deadline duration is negative: " + duration);
    }
    long now = System.nanoTime();
    long nanos =
        duration.compareTo(Duration.ofDays(365)) > 0 ? Long.MAX_VALUE / 4 : duration.toNanos();
    return new Deadline(now + nanos);
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
