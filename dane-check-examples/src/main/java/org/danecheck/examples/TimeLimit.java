/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Option;

/**
 * The {@code -t/--timeout} option of the commands whose limit bounds the whole run ({@code check},
 * {@code send}), as a picocli mixin: the limit counts from the run's start, which is the process's
 * start when run as a program (so the JVM's start-up is inside it) and the command's start inside a
 * longer-lived JVM. Each command gives its default.
 */
final class TimeLimit {
  /** Time kept back from the limit for closing the checker, printing and exiting. */
  static final Duration RESERVE = Duration.ofMillis(200);

  /** Time kept back from the check's deadline for building the checker (the deadline is after). */
  static final Duration BUILD_ALLOWANCE = Duration.ofMillis(300);

  @Option(
      names = {"-t", "--timeout"},
      paramLabel = "SECONDS",
      description = {
        "Time limit of the whole run (default ${DEFAULT-VALUE}), counted from the process's start:"
            + " the command ends within it, whatever the servers do."
      })
  int seconds;

  /** When the run started; see the class comment. */
  Instant startedAt = DaneCheckCommand.runStarted();

  TimeLimit(int defaultSeconds) {
    this.seconds = defaultSeconds;
  }

  /**
   * The limit.
   *
   * @throws BadInputException when it is not 1 to 3600 seconds (a usage error)
   */
  Duration limit() {
    if (seconds < 1 || seconds > 3600) {
      throw new BadInputException("--timeout must be 1 to 3600 seconds, not " + seconds);
    }
    return Duration.ofSeconds(seconds);
  }

  /** When the command must be done: the limit from the start, less {@link #RESERVE}. */
  Instant end() {
    return startedAt.plus(limit()).minus(RESERVE);
  }

  /** The check's deadline from now: {@link #deadline(Duration, Instant, Instant)}. */
  Duration checkDeadline() {
    return deadline(limit(), startedAt, Instant.now());
  }

  /**
   * The check's deadline: what is left of the time limit after the start-up, less {@link #RESERVE}
   * and {@link #BUILD_ALLOWANCE}, and at least a tenth of the limit, so that a slow start still
   * leaves a check (the command then cuts it at {@link #end()}).
   */
  static Duration deadline(Duration limit, Instant startedAt, Instant now) {
    Duration left =
        limit.minus(Duration.between(startedAt, now)).minus(RESERVE).minus(BUILD_ALLOWANCE);
    Duration floor = limit.dividedBy(10);
    return left.compareTo(floor) < 0 ? floor : left;
  }
}
