/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PluginWatchdogTest {
  private final StringWriter out = new StringWriter();

  @Test
  void printsUnknownAndExitsWhenTheCheckIsLate() throws Exception {
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    try (PluginWatchdog watchdog = new PluginWatchdog(new PrintWriter(out), 7, exit::complete)) {
      watchdog.stage("checking example.org");
      watchdog.arm(Duration.ofMillis(20));

      assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(3);
      assertThat(out.toString())
          .isEqualTo(
              "DANE UNKNOWN - check_dane timed out after 7 s (-t) while checking example.org\n");
      // The late check's output is dropped; its exit code becomes the watchdog's.
      assertThat(watchdog.print("DANE OK - late\n", 0)).isEqualTo(3);
      assertThat(out.toString()).doesNotContain("late");
    }
  }

  @Test
  void staysQuietWhenTheCheckPrintedFirst() throws Exception {
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    try (PluginWatchdog watchdog = new PluginWatchdog(new PrintWriter(out), 7, exit::complete)) {
      watchdog.arm(Duration.ofMillis(50));
      assertThat(watchdog.print("DANE OK - fine\n", 0)).isZero();
      Thread.sleep(150);
    }
    assertThat(exit).isNotDone();
    assertThat(out.toString()).isEqualTo("DANE OK - fine\n");
  }

  @Test
  void closingDisarms() throws Exception {
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    PluginWatchdog watchdog = new PluginWatchdog(new PrintWriter(out), 7, exit::complete);
    watchdog.arm(Duration.ofMillis(100));
    watchdog.close();
    Thread.sleep(250);
    assertThat(exit).isNotDone();
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void reserveAndMarginScaleWithTheLimit() {
    assertThat(CheckDaneCommand.reserve(Duration.ofSeconds(10))).isEqualTo(Duration.ofMillis(1500));
    assertThat(CheckDaneCommand.reserve(Duration.ofSeconds(2))).isEqualTo(Duration.ofMillis(500));
    assertThat(CheckDaneCommand.watchdogMargin(Duration.ofSeconds(10)))
        .isEqualTo(Duration.ofMillis(250));
    assertThat(CheckDaneCommand.watchdogMargin(Duration.ofSeconds(1)))
        .isEqualTo(Duration.ofMillis(100));
  }
}
