/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.differential;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.danecheck.TlsaRecord;

/**
 * Runs {@code TlsaMatcher} on cases in a child JVM, each case bounded in time: a case that does not
 * finish within the bound is recorded as such, the child is killed and a new one takes the
 * remaining cases. In-process timeouts (JUnit's assertTimeoutPreemptively) cannot stop a search
 * that ignores interrupts; it would go on burning a core for the rest of the build.
 */
final class IsolatedMatcher {
  /** Time a child has to start and announce a case (JVM start, class loading, warm-up). */
  private static final Duration START = Duration.ofSeconds(60);

  private static final String EOF = "\u0000EOF";

  private static final int WALL_FACTOR = 6;

  private static final String NOT_FINISHED = "our matcher did not finish within ";

  private IsolatedMatcher() {}

  /**
   * Verdicts by case id; {@code millis} receives the CPU time each case took (the bound when it did
   * not finish; wall time when the child stalled).
   */
  static Map<String, OurVerdict> run(
      List<DaneCase> cases, Duration bound, Map<String, Long> millis) {
    Map<String, OurVerdict> out = new LinkedHashMap<>();
    int next = 0;
    while (next < cases.size()) {
      next = runChild(cases.subList(next, cases.size()), bound, out, millis) + next;
    }
    return out;
  }

  /** Returns how many of {@code cases} got a verdict (including a timeout). */
  private static int runChild(
      List<DaneCase> cases, Duration bound, Map<String, OurVerdict> out, Map<String, Long> millis) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p;
    try {
      p =
          new ProcessBuilder(
                  java.toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  IsolatedMatcher.class.getName(),
                  Long.toString(bound.toMillis()))
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
    } catch (IOException e) {
      throw new AssertionError("cannot start a child JVM", e);
    }
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // the child was killed
              } finally {
                lines.add(EOF);
              }
            },
            "isolated-matcher-reader");
    reader.setDaemon(true);
    reader.start();
    Thread feeder =
        new Thread(
            () -> {
              try (Writer w =
                  new BufferedWriter(
                      new OutputStreamWriter(p.getOutputStream(), StandardCharsets.US_ASCII))) {
                for (DaneCase c : cases) {
                  OpenSslDane.write(w, c);
                }
              } catch (IOException e) {
                // the child was killed
              }
            },
            "isolated-matcher-feeder");
    feeder.setDaemon(true);
    feeder.start();
    int done = 0;
    try {
      for (DaneCase c : cases) {
        String start = lines.poll(START.toMillis(), TimeUnit.MILLISECONDS);
        if (start == null || !start.equals("START\t" + c.id())) {
          throw new AssertionError("child JVM did not start case " + c.id() + ": " + start);
        }
        long started = System.nanoTime();
        String result = lines.poll(bound.toMillis() * WALL_FACTOR, TimeUnit.MILLISECONDS);
        long wall = (System.nanoTime() - started) / 1_000_000;
        if (result == null) {
          millis.put(c.id(), wall);
          out.put(
              c.id(),
              OurVerdict.failed(
                  NOT_FINISHED + bound.toMillis() * WALL_FACTOR + " ms (wall clock)"));
          return done + 1;
        }
        String[] f = result.split("\t", -1);
        if (f.length != 8 || !f[0].equals("RESULT") || !f[1].equals(c.id())) {
          throw new AssertionError("child JVM gave " + result + " for " + c.id());
        }
        millis.put(c.id(), Long.parseLong(f[7]));
        OurVerdict v = OurVerdict.parse(f);
        out.put(c.id(), v);
        done++;
        if (v.failure() != null && v.failure().startsWith(NOT_FINISHED)) {
          return done; // the child exits after an unfinished case
        }
      }
      return done;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } finally {
      p.destroyForcibly();
      try {
        p.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * The child: reads cases on stdin, prints START and RESULT lines; {@code args[0]} is the bound in
   * milliseconds of CPU time of the matching thread.
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    long boundNanos = Long.parseLong(args[0]) * 1_000_000;
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    // Warm up (class loading, JIT) on an ordinary chain, so that the bound measures the search.
    GeneratedCases.Built b = GeneratedCases.Plan.standard(1).build();
    OurVerdict.match(
        new DaneCase(
            "warm-up",
            "",
            List.of(GeneratedCases.rec(2, 0, 1, b.root())),
            b.sentWithRoot(),
            GeneratedCases.NAMES,
            GeneratedCases.NOW));
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
    HexFormat hex = HexFormat.of();
    String line;
    String id = null;
    Instant when = null;
    List<String> names = new ArrayList<>();
    List<TlsaRecord> records = new ArrayList<>();
    List<byte[]> chain = new ArrayList<>();
    while ((line = in.readLine()) != null) {
      if (line.startsWith("BEGIN ")) {
        id = line.substring(6);
        names.clear();
        records.clear();
        chain.clear();
      } else if (line.startsWith("TIME ")) {
        when = Instant.ofEpochSecond(Long.parseLong(line.substring(5)));
      } else if (line.startsWith("HOST ")) {
        names.add(line.substring(5));
      } else if (line.startsWith("TLSA ")) {
        String[] f = line.substring(5).split(" ");
        records.add(
            TlsaRecord.of(
                Integer.parseInt(f[0]),
                Integer.parseInt(f[1]),
                Integer.parseInt(f[2]),
                f[3].equals("-") ? new byte[0] : hex.parseHex(f[3])));
      } else if (line.startsWith("CERT ")) {
        chain.add(hex.parseHex(line.substring(5)));
      } else if (line.equals("END")) {
        DaneCase c = new DaneCase(id, "", records, chain, names, when);
        out.println("START\t" + id);
        AtomicReference<OurVerdict> verdict = new AtomicReference<>();
        AtomicLong cpu = new AtomicLong();
        Thread worker =
            new Thread(
                () -> {
                  verdict.set(OurVerdict.match(c));
                  cpu.set(mx.getCurrentThreadCpuTime());
                },
                "match");
        worker.setDaemon(true);
        worker.start();
        while (worker.isAlive()) {
          worker.join(20);
          if (worker.isAlive() && mx.getThreadCpuTime(worker.getId()) > boundNanos) {
            out.println(
                OurVerdict.failed(NOT_FINISHED + args[0] + " ms of CPU time").line(id)
                    + "\t"
                    + args[0]);
            System.exit(0); // the only way to stop a search that ignores interrupts
          }
        }
        out.println(verdict.get().line(id) + "\t" + cpu.get() / 1_000_000);
      }
    }
  }
}
