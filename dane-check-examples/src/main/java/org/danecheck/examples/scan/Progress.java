package org.danecheck.examples.scan;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.danecheck.examples.scan.ScanFacts.SessionClass;

/**
 * Progress on stderr: on a terminal a bar redrawn every second with rate, ETA (when the total is
 * known) and running counts per level; otherwise a plain line every five seconds.
 */
final class Progress implements AutoCloseable {
  private final PrintStream err;
  private final boolean terminal;
  private final long total;
  private final LongSupplier done;
  private final ScanSummary summary;
  private final long start = System.nanoTime();
  private final Thread thread;

  Progress(PrintStream err, boolean terminal, long total, LongSupplier done, ScanSummary summary) {
    this.err = err;
    this.terminal = terminal;
    this.total = total;
    this.done = done;
    this.summary = summary;
    this.thread = new Thread(this::loop, "dane-scan-progress");
    thread.setDaemon(true);
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

  String line() {
    long n = done.getAsLong();
    double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
    double rate = n / seconds;
    StringBuilder b = new StringBuilder();
    if (total > 0) {
      int width = 24;
      int filled = (int) Math.min(width, width * n / total);
      if (terminal) {
        b.append('[').append("#".repeat(filled)).append(" ".repeat(width - filled)).append("] ");
      }
      b.append(n).append('/').append(total);
    } else {
      b.append(n);
    }
    b.append(String.format(Locale.ROOT, " domains, %.1f/s", rate));
    if (total > 0 && rate > 0 && n < total) {
      Duration eta = Duration.ofSeconds((long) ((total - n) / rate));
      b.append(
          String.format(
              Locale.ROOT,
              ", ETA %d:%02d:%02d",
              eta.toHours(),
              eta.toMinutesPart(),
              eta.toSecondsPart()));
    }
    b.append(" | sessions");
    for (SessionClass c : SessionClass.values()) {
      b.append(' ')
          .append(SummaryReport.label(c).split(" ")[0])
          .append(' ')
          .append(summary.counter("sessions.class." + c.name()));
    }
    return b.toString();
  }

  private synchronized void print(boolean last) {
    if (terminal) {
      err.print("\r" + line() + (last ? "\n" : ""));
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
