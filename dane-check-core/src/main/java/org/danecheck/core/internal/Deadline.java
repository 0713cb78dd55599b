package org.danecheck.core.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * A point in time by which work must end, on the monotonic clock. Every I/O step takes the smaller
 * of its own timeout and what is left of the deadline, so a whole check never outlives its
 * deadline.
 */
public final class Deadline {
  private final long deadlineNanos;

  private Deadline(long deadlineNanos) {
    this.deadlineNanos = deadlineNanos;
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

  /** What is left, never negative. */
  public Duration remaining() {
    return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
  }

  /** Whether the deadline has passed. */
  public boolean expired() {
    return deadlineNanos - System.nanoTime() <= 0;
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

  /** The earlier of this deadline and another. */
  public Deadline min(Deadline other) {
    return deadlineNanos - other.deadlineNanos <= 0 ? this : other;
  }

  @Override
  public String toString() {
    return "Deadline[remaining=" + remaining() + "]";
  }
}
