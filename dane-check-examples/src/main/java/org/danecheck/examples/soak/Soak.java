/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.soak;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.danecheck.DaneVerdict;
import org.danecheck.DomainReport;
import org.danecheck.core.DaneChecker;
import org.danecheck.testkit.DaneLab;
import org.danecheck.testkit.LabFault;
import org.danecheck.testkit.MailPersona;

/**
 * The soak: many checks in one JVM against a lab with every hostile mail server persona ({@link
 * MailPersona.Behaviour}) and every DNS fault ({@link LabFault}), in batches, sampling after each
 * batch the live threads, the open file descriptors ({@code /proc/self/fd}), the heap in use after
 * a full GC and the batch's checks a second. What it is for: a checker that leaks a thread, a
 * socket or memory per check shows it as growth from batch to batch, and after {@link
 * DaneChecker#close()} as a difference from the baseline taken before the checker was built.
 *
 * <p>The lab runs in a child JVM ({@link LabProcess}), so that the threads, sockets and heap
 * counted are the checker's alone, not the lab servers' (whose sessions with stalling personas
 * outlive the checks by design).
 *
 * <p>Run: {@code bin/dane-bench soak [CHECKS [BATCHES [CONCURRENCY]]]} (docs/benchmarks.md); the
 * test {@code SoakTest} runs 1,000 checks of it in {@code mvn verify} and asserts no growth.
 */
public final class Soak {
  private Soak() {}

  /**
   * One measurement.
   *
   * @param label what was just done ("baseline", "batch 3", "closed")
   * @param checks checks completed so far
   * @param threads live threads
   * @param fds open file descriptors, or -1 where /proc/self/fd is missing
   * @param heapAfterGc heap bytes in use after {@code System.gc()}
   * @param checksPerSecond the batch's throughput (0 for baseline and closed)
   */
  public record Sample(
      String label, long checks, int threads, long fds, long heapAfterGc, double checksPerSecond) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "| %s | %d | %d | %d | %.1f | %s |",
          label,
          checks,
          threads,
          fds,
          heapAfterGc / 1048576.0,
          checksPerSecond == 0 ? "" : String.format(Locale.ROOT, "%.0f", checksPerSecond));
    }
  }

  /**
   * What a soak run measured.
   *
   * @param baseline before the checker was built (the lab running)
   * @param batches after each batch, the checker open
   * @param closed after the checker was closed
   * @param verdicts how many checks ended in each verdict
   */
  public record Result(
      Sample baseline, List<Sample> batches, Sample closed, Map<DaneVerdict, Long> verdicts) {}

  /** The domains of {@link #lab()}: one per persona, one per DNS fault at MX and at TLSA. */
  public static List<String> domains() {
    List<String> names = new ArrayList<>();
    names.add("verified.soak.test");
    for (MailPersona.Behaviour b : MailPersona.Behaviour.values()) {
      names.add(label(b) + ".persona.soak.test");
    }
    for (LabFault f : LabFault.values()) {
      names.add(label(f) + ".tlsa-fault.soak.test");
      names.add(label(f) + ".mx-fault.soak.test");
    }
    return names;
  }

  /** The soak lab: every persona behind DANE-EE TLSA records, every DNS fault on TLSA and MX. */
  public static DaneLab.Builder lab() {
    DaneLab.Builder lab =
        DaneLab.builder()
            .domain("soak.test", d -> {})
            .domain("persona.soak.test", d -> {})
            .domain("tlsa-fault.soak.test", d -> {})
            .domain("mx-fault.soak.test", d -> {})
            .domain("verified.soak.test", d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1)));
    for (MailPersona.Behaviour b : MailPersona.Behaviour.values()) {
      lab.domain(
          label(b) + ".persona.soak.test",
          d ->
              d.mx(
                  10,
                  "mx",
                  h ->
                      (b == MailPersona.Behaviour.DUAL_CERT ? h.dualAlgorithms() : h.persona(b))
                          .tlsa(3, 1, 1)));
    }
    for (LabFault f : LabFault.values()) {
      lab.domain(
          label(f) + ".tlsa-fault.soak.test",
          d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1).fault("TLSA", f)));
      lab.domain(
          label(f) + ".mx-fault.soak.test",
          d -> d.mx(10, "mx", h -> h.tlsa(2, 0, 1)).fault("@", "MX", f));
    }
    return lab;
  }

  private static String label(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Where a running lab answers.
   *
   * @param dns its DNS server
   * @param smtpPort the port of every mail server
   * @param trustAnchor its root trust anchor (DS presentation text)
   */
  public record LabSettings(InetSocketAddress dns, int smtpPort, String trustAnchor) {
    static LabSettings of(DaneLab lab) {
      return new LabSettings(lab.dnsAddress(), lab.smtpPort(), lab.trustAnchor());
    }
  }

  /** A checker for the lab with short timeouts, no caches: every check does all its work. */
  public static DaneChecker checker(LabSettings lab) {
    return DaneChecker.builder()
        .resolver(lab.dns())
        .trustAnchors(lab.trustAnchor())
        .smtpPort(lab.smtpPort())
        .queryTimeout(Duration.ofMillis(300))
        .connectTimeout(Duration.ofMillis(500))
        .commandTimeout(Duration.ofMillis(500))
        .deadline(Duration.ofSeconds(3))
        .maxConnectionsPerServer(8)
        .maxConcurrentProbes(64)
        .build();
  }

  /**
   * Runs {@code checks} checks over the lab's domains, round robin, {@code concurrency} at once, in
   * {@code batches} equal batches, sampling before (after a warm-up checker has checked every
   * domain once and been closed), after each batch and after closing.
   */
  public static Result run(
      LabSettings lab, int checks, int batches, int concurrency, Consumer<Sample> progress)
      throws InterruptedException {
    List<String> domains = domains();
    // Warm-up: a first checker checks every domain once and is closed, so that the baseline has
    // the classes loaded and their jar files open (descriptors that stay open by design).
    try (DaneChecker warmUp = checker(lab)) {
      CompletableFuture.allOf(
              domains.stream().map(warmUp::checkAsync).toArray(CompletableFuture[]::new))
          .join();
    }
    Sample baseline = sample("baseline", 0, 0);
    progress.accept(baseline);
    List<Sample> samples = new ArrayList<>();
    Map<DaneVerdict, Long> verdicts = new EnumMap<>(DaneVerdict.class);
    long done = 0;
    try (DaneChecker checker = checker(lab)) {
      for (int b = 0; b < batches; b++) {
        int n = (int) ((long) checks * (b + 1) / batches - (long) checks * b / batches);
        long t0 = System.nanoTime();
        Semaphore inFlight = new Semaphore(concurrency);
        List<CompletableFuture<DomainReport>> futures = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          inFlight.acquire();
          String domain = domains.get((int) ((done + i) % domains.size()));
          futures.add(checker.checkAsync(domain).whenComplete((r, e) -> inFlight.release()));
        }
        for (CompletableFuture<DomainReport> f : futures) {
          DomainReport r = f.join();
          verdicts.merge(r.verdict(), 1L, Long::sum);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        done += n;
        Sample s = sample("batch " + (b + 1), done, n / seconds);
        samples.add(s);
        progress.accept(s);
      }
    }
    Sample closed = sample("closed", done, 0);
    progress.accept(closed);
    return new Result(baseline, samples, closed, verdicts);
  }

  /** Threads or descriptors that may come and go around a sample (a worker ending, a socket). */
  public static final int TOLERANCE = 4;

  /**
   * Samples until threads and descriptors are within {@link #TOLERANCE} of the baseline, for at
   * most 5 s, and returns the last sample.
   */
  public static Sample settle(Sample baseline, java.util.function.Supplier<Sample> sample)
      throws InterruptedException {
    Sample s = sample.get();
    for (int i = 0; i < 50; i++) {
      if (s.threads() <= baseline.threads() + TOLERANCE && s.fds() <= baseline.fds() + TOLERANCE) {
        return s;
      }
      Thread.sleep(100);
      s = sample.get();
    }
    return s;
  }

  /** Live threads, open descriptors and heap after GC now. */
  public static Sample sample(String label, long checks, double rate) {
    for (int i = 0; i < 3; i++) {
      System.gc(); // a request: repeated so that weakly held and finalizable garbage goes too
    }
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    return new Sample(
        label, checks, ManagementFactory.getThreadMXBean().getThreadCount(), openFds(), heap, rate);
  }

  /** The number of open file descriptors of this process, or -1 without /proc. */
  public static long openFds() {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    } catch (IOException | UnsupportedOperationException e) {
      return -1;
    }
  }

  /**
   * {@code Soak [CHECKS [BATCHES [CONCURRENCY]]]}: defaults 10,000 checks in 10 batches, 64 at
   * once, against the lab in a child JVM; prints a Markdown table of the samples. {@code Soak
   * serve} is that child: it starts the lab, prints its settings and runs until its standard input
   * ends.
   */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("serve")) {
      LabProcess.serve();
      return;
    }
    int checks = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int batches = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 64;
    PrintStream out = System.out;
    out.printf(
        Locale.ROOT,
        "soak: %d checks in %d batches, %d at once, over %d lab domains (%d personas, %d DNS faults"
            + " at TLSA and at MX)%n",
        checks,
        batches,
        concurrency,
        domains().size(),
        MailPersona.Behaviour.values().length,
        LabFault.values().length);
    out.println("| sample | checks | threads | fds | heap after GC (MB) | checks/s |");
    out.println("|---|---:|---:|---:|---:|---:|");
    long t0 = System.nanoTime();
    Result r;
    try (LabProcess lab = LabProcess.start()) {
      r = run(lab.settings(), checks, batches, concurrency, s -> out.println(s));
      // close() waits for no thread: the pools' threads end just after. Count once they have.
      long closedAt = System.nanoTime();
      Sample settled = settle(r.baseline(), () -> sample("settled", r.closed().checks(), 0));
      out.printf(
          Locale.ROOT,
          "%s (%d ms after close)%n",
          settled,
          (System.nanoTime() - closedAt) / 1_000_000);
    }
    out.printf(
        Locale.ROOT,
        "soak: %.1f s, verdicts %s, threads started %d%n",
        (System.nanoTime() - t0) / 1e9,
        r.verdicts(),
        ManagementFactory.getThreadMXBean().getTotalStartedThreadCount());
  }
}
