/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The {@code --timeout} of {@code check} and {@code send} (one mixin, {@link TimeLimit}): how much
 * of the limit the check gets, and that each command keeps its own default.
 */
class TimeLimitOptionTest {
  private static final Instant T0 = Instant.parse("2026-12-02T00:00:00Z");

  @Test
  void theCheckGetsWhatTheStartUpLeftLessTheReserves() {
    Duration deadline =
        TimeLimit.deadline(Duration.ofSeconds(10), T0, T0.plus(Duration.ofMillis(700)));
    assertThat(deadline).isEqualTo(Duration.ofMillis(10_000 - 700 - 200 - 300));
  }

  @Test
  void aSlowStartStillLeavesATenthOfTheLimit() {
    Duration deadline = TimeLimit.deadline(Duration.ofSeconds(10), T0, T0.plusSeconds(12));
    assertThat(deadline).isEqualTo(Duration.ofSeconds(1));
  }

  /**
   * Inside a longer-lived JVM (a test, an application embedding the command line) the limit counts
   * from the command's start, not the JVM's: the JVM may have run for hours, and the floor would
   * otherwise leave every run a tenth of its limit.
   */
  @Test
  void insideALongLivedJvmTheLimitCountsFromTheCommand() {
    TimeLimit limit = new TimeLimit(30);
    assertThat(Duration.between(limit.startedAt, Instant.now())).isLessThan(Duration.ofSeconds(5));
    assertThat(limit.checkDeadline()).isGreaterThan(Duration.ofSeconds(25));
  }

  @Test
  void limitsOutsideOneToThreeThousandSixHundredSecondsAreUsageErrors() {
    TimeLimit limit = new TimeLimit(0);
    assertThatThrownBy(limit::limit)
        .isInstanceOf(BadInputException.class)
        .hasMessage("--timeout must be 1 to 3600 seconds, not 0");
    limit.seconds = 3601;
    assertThatThrownBy(limit::end).isInstanceOf(BadInputException.class);
  }

  @Test
  void eachCommandKeepsItsDefault() {
    assertThat(help("check")).contains("--timeout=SECONDS").contains("(default 60)");
    assertThat(help("send")).contains("--timeout=SECONDS").contains("(default 120)");
    CommandLine line = DaneCheckCommand.commandLine();
    line.parseArgs("check", "-t", "7", "example.org");
    CheckCommand check = line.getSubcommands().get("check").getCommand();
    assertThat(check.limit.seconds).isEqualTo(7);
  }

  private static String help(String command) {
    StringWriter out = new StringWriter();
    CommandLine line = DaneCheckCommand.commandLine();
    line.setOut(new PrintWriter(out));
    line.execute(command, "--help");
    return out.toString();
  }
}
