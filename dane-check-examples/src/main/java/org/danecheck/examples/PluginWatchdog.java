/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * The plugin's own timeout ({@code -t}) and its single output: whoever prints first, the check or
 * the watchdog, is what the monitoring system sees. When the time is up before the check printed,
 * the watchdog prints {@code DANE UNKNOWN - ...} and calls the exit action (in the real plugin,
 * {@link Runtime#halt(int)}), so nothing can hold the plugin past its limit.
 */
final class PluginWatchdog implements AutoCloseable {
  private final PrintWriter out;
  private final int timeoutSeconds;
  private final IntConsumer exit;
  private Thread thread;
  private int printedCode = -1;
  private volatile String stage = "starting";

  /**
   * A watchdog that is not yet armed.
   *
   * @param out where the plugin output goes
   * @param timeoutSeconds the {@code -t} value, for the message
   * @param exit called with 3 after the watchdog printed its UNKNOWN line
   */
  PluginWatchdog(PrintWriter out, int timeoutSeconds, IntConsumer exit) {
    this.out = Objects.requireNonNull(out, "out");
    this.timeoutSeconds = timeoutSeconds;
    this.exit = Objects.requireNonNull(exit, "exit");
  }

  /** Fires after {@code delay} unless the check has printed by then. */
  synchronized void arm(Duration delay) {
    if (thread != null) {
      throw new IllegalStateException("the watchdog is armed already");
    }
    long fireAt = System.nanoTime() + Math.max(0, delay.toNanos());
    thread =
        new Thread(
            () -> {
              try {
                long left;
                while ((left = fireAt - System.nanoTime()) > 0) {
                  Thread.sleep(Math.max(1, left / 1_000_000));
                }
              } catch (InterruptedException e) {
                return; // disarmed
              }
              fire();
            },
            "check_dane-watchdog");
    thread.setDaemon(true);
    thread.start();
  }

  /** What the plugin is doing, for the timeout message: "checking example.org". */
  void stage(String stage) {
    this.stage = Objects.requireNonNull(stage, "stage");
  }

  /**
   * Prints the plugin output unless something was printed already.
   *
   * @return the exit code belonging to what was printed: {@code exitCode}, or the watchdog's 3
   */
  synchronized int print(String output, int exitCode) {
    printFirst(output, exitCode);
    return printedCode;
  }

  private synchronized boolean printFirst(String output, int exitCode) {
    if (printedCode >= 0) {
      return false;
    }
    out.print(output);
    out.flush();
    printedCode = exitCode;
    return true;
  }

  private void fire() {
    String line =
        PluginResult.of(
                PluginState.UNKNOWN,
                "check_dane timed out after " + timeoutSeconds + " s (-t) while " + stage)
            .render(false);
    int code = PluginState.UNKNOWN.exitCode();
    if (printFirst(line, code)) {
      exit.accept(code);
    }
  }

  /** Disarms the watchdog. */
  @Override
  public synchronized void close() {
    if (thread != null) {
      thread.interrupt();
    }
  }
}
