/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.danecheck.examples.scan.ScanFacts.SessionClass;

/**
 * Progress on stderr: on a terminal a bar redrawn every second with rate, time left (when the total
 * is known) and running counts per level, within the terminal's width; otherwise a plain line every
 * five seconds. The first line is printed at once.
 */
final class Progress implements AutoCloseable {
  private final PrintStream err;
  private final boolean terminal;
  private final long total;
  private final LongSupplier done;
  private final ScanSummary summary;
  private final long start = System.nanoTime();
  private final Thread thread;
  private final int width = terminalWidth();

  Progress(PrintStream err, boolean terminal, long total, LongSupplier done, ScanSummary summary) {
    this.err = err;
    this.terminal = terminal;
    this.total = total;
    this.done = done;
    this.summary = summary;
    this.thread = new Thread(this::loop, "dane-scan-progress");
    thread.setDaemon(true);
    print(false); // at once: the user sees the scan started
    thread.start();
  }

  private void loop() {
    long period = terminal ? 1000 : 5000;
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.sleep(period);
        print(false);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The terminal's width: {@code COLUMNS} when the shell exports it, else 80. */
  static int terminalWidth() {
    try {
      int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80").strip());
      return columns >= 40 && columns <= 1000 ? columns : 80;
    } catch (NumberFormatException e) {
      return 80;
    }
  }

  /** Short names of the session classes for the progress line, in the summary's order. */
  static String shortLabel(SessionClass c) {
    return switch (c) {
      case VERIFIED -> "verified";
      case TRUSTED -> "trusted";
      case UNTRUSTED -> "untrusted";
      case ANONYMOUS -> "anonymous";
      case HANDSHAKE_FAILED -> "failed";
      case STARTTLS_REFUSED -> "refused";
      case NO_STARTTLS -> "cleartext";
      case UNREACHABLE -> "unreachable";
    };
  }

  String line() {
    return line(terminal ? width - 1 : Integer.MAX_VALUE);
  }

  /**
   * The progress line, at most {@code max} characters: the count, rate and ETA first, then as many
   * session counts as fit (the most telling first), so 80 columns never wrap.
   */
  String line(int max) {
    long n = done.getAsLong();
    double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
    double rate = n / seconds;
    StringBuilder b = new StringBuilder();
    if (total > 0) {
      if (terminal) {
        int bar = 20;
        int filled = (int) Math.min(bar, bar * n / total);
        b.append('[').append("#".repeat(filled)).append(".".repeat(bar - filled)).append("] ");
      }
      b.append(n).append('/').append(total).append(" domains");
    } else {
      b.append(n).append(" domains");
    }
    b.append(String.format(Locale.ROOT, ", %.0f/s", rate));
    if (total > 0 && rate > 0 && n < total) {
      Duration eta = Duration.ofSeconds((long) ((total - n) / rate));
      b.append(
          String.format(
              Locale.ROOT,
              ", %d:%02d:%02d left",
              eta.toHours(),
              eta.toMinutesPart(),
              eta.toSecondsPart()));
    }
    String sessions = " | sessions:";
    if (b.length() + sessions.length() < max) {
      b.append(sessions);
      for (SessionClass c : SessionClass.values()) {
        String part = " " + shortLabel(c) + " " + summary.counter("sessions.class." + c.name());
        if (b.length() + part.length() > max) {
          break;
        }
        b.append(part);
      }
    }
    return b.length() > max ? b.substring(0, max) : b.toString();
  }

  private synchronized void print(boolean last) {
    if (terminal) {
      // Padded to the width: a shorter line leaves nothing of the one before.
      String line = line();
      err.print(
          "\r" + line + " ".repeat(Math.max(0, width - 1 - line.length())) + (last ? "\n" : ""));
    } else {
      err.println("dane-scan: " + line());
    }
    err.flush();
  }

  /** Stops the redraws and prints the last line: nothing is printed after this returns. */
  @Override
  public void close() {
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    print(true);
  }
}
