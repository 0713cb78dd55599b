/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interrupting a scan (issue 12 point 8): only completed domains are written, the summary is made
 * of exactly those lines, the scan says "interrupted: N done, rerun with --resume" and exits 130,
 * and --resume completes the rest to the totals of an uninterrupted scan. In process (through the
 * shutdown path the signal handler calls) and in a child JVM sent a real SIGINT.
 */
class ScanInterruptTest {
  static final int DOMAINS = 48;
  static final long SEED = 11;
  @TempDir static Path dir;
  static ScanSummary uninterrupted;

  static List<String> labArgs(String name, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--lab",
                String.valueOf(DOMAINS),
                "--lab-world",
                "CLASSIC",
                "--seed",
                String.valueOf(SEED),
                "--latency",
                "40",
                "--lab-dir",
                dir.resolve("lab-" + name).toString(),
                "--output",
                dir.resolve(name + ".jsonl").toString(),
                "--summary",
                dir.resolve(name + ".md").toString(),
                "--concurrency",
                "4",
                "--timeout",
                "20"));
    args.addAll(List.of(more));
    return args;
  }

  record Run(int exit, String err) {}

  static Run run(DaneScanCommand command, List<String> args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    command.err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    var cl = DaneScanCommand.commandLine(command);
    StringWriter usage = new StringWriter();
    cl.setErr(new PrintWriter(usage));
    int exit = cl.execute(args.toArray(String[]::new));
    return new Run(exit, bytes.toString(StandardCharsets.UTF_8) + usage);
  }

  static ScanSummary summary(String name) throws Exception {
    return ScanSummary.fromJson(Files.readString(dir.resolve(name + ".json")));
  }

  @BeforeAll
  static void scanWithoutInterruption() throws Exception {
    assertThat(run(new DaneScanCommand(), labArgs("full")).exit()).isZero();
    uninterrupted = summary("full");
    assertThat(uninterrupted.counter("entries")).isEqualTo(DOMAINS);
  }

  /** Every line a complete result; the summary exactly the facts of those lines. */
  static List<String> assertConsistent(String name) throws Exception {
    List<String> lines = Files.readAllLines(dir.resolve(name + ".jsonl"));
    ScanSummary fromLines = new ScanSummary();
    for (String line : lines) {
      assertThat(line).doesNotContain("Client is closing", "\"invalid\":true");
      ScanFacts facts = ScanFacts.ofJson(line);
      assertThat(facts.complete()).as("cut short: %s", line).isTrue();
      fromLines.add(facts);
    }
    assertThat(summary(name)).isEqualTo(fromLines);
    assertThat(summary(name).counter("entries")).isEqualTo(lines.size());
    return lines;
  }

  static void awaitLines(Path file, int n, Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (Files.exists(file) && Files.readAllLines(file).size() >= n) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError(file + " did not reach " + n + " lines");
  }

  @Test
  void interruptedScanKeepsCompletedDomainsOnlyAndResumeFinishesIt() throws Exception {
    DaneScanCommand command = new DaneScanCommand();
    AtomicInteger exit = new AtomicInteger(-1);
    String[] err = new String[1];
    Thread scan =
        new Thread(
            () -> {
              Run r = run(command, labArgs("cut"));
              err[0] = r.err();
              exit.set(r.exit());
            });
    scan.start();
    awaitLines(dir.resolve("cut.jsonl"), 6, Duration.ofSeconds(60));
    command.interrupt(); // what SIGINT and SIGTERM call
    scan.join(60_000);
    assertThat(scan.isAlive()).isFalse();
    assertThat(exit.get()).isEqualTo(130);
    List<String> lines = assertConsistent("cut");
    assertThat(lines.size()).isBetween(6, DOMAINS - 1);
    List<String> messages = err[0].lines().toList();
    assertThat(messages.get(messages.size() - 1))
        .isEqualTo("dane-scan: interrupted: " + lines.size() + " done, rerun with --resume");

    Run resumed = run(new DaneScanCommand(), labArgs("cut", "--resume"));
    assertThat(resumed.exit()).isZero();
    assertThat(resumed.err()).contains("resuming after " + lines.size() + " results");
    assertThat(Files.readAllLines(dir.resolve("cut.jsonl"))).hasSize(DOMAINS);
    assertThat(summary("cut")).isEqualTo(uninterrupted);
  }

  @Test
  void anInterruptBeforeTheFirstDomainWritesAnEmptyConsistentResult() throws Exception {
    DaneScanCommand command = new DaneScanCommand();
    command.interrupt();
    Run r = run(command, labArgs("early"));
    assertThat(r.exit()).isEqualTo(130);
    assertThat(assertConsistent("early")).isEmpty();
    assertThat(r.err()).contains("dane-scan: interrupted: 0 done, rerun with --resume");
  }

  @Test
  void anUnreadableInputFailsBeforeAnyOutputFileIsTouched() throws Exception {
    Path out = dir.resolve("untouched.jsonl");
    Path summary = dir.resolve("untouched.md");
    Files.writeString(summary, "old summary");
    for (String input : new String[] {dir.resolve("missing.txt").toString(), dir.toString()}) {
      Run r =
          run(
              new DaneScanCommand(),
              List.of(
                  "--input", input, "--output", out.toString(), "--summary", summary.toString()));
      assertThat(r.exit()).isEqualTo(3);
      assertThat(r.err()).contains("cannot read --input " + input);
      assertThat(out).doesNotExist();
      assertThat(summary).hasContent("old summary");
    }
  }

  @Test
  void aSummaryThatCannotBeWrittenExitsNonZero() throws Exception {
    List<String> args = labArgs("nosummary");
    int at = args.indexOf("--summary");
    args.set(at + 1, dir.resolve("no-such-dir").resolve("s.md").toString());
    Run r = run(new DaneScanCommand(), args);
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("cannot write the summary");
    assertThat(Files.readAllLines(dir.resolve("nosummary.jsonl"))).hasSize(DOMAINS);
  }

  @Test
  void sigintToAScanningProcessExits130WithConsistentFiles() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "-Xmx256m",
                DaneScanCommand.class.getName()));
    command.addAll(labArgs("sigint"));
    command.set(command.indexOf("--latency") + 1, "100");
    // One domain at a time, so that results do not come in a burst (domains sharing a server
    // complete together) that ends the scan before the signal arrives on a loaded machine.
    command.set(command.indexOf("--concurrency") + 1, "1");
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("sigint.log").toFile())
            .start();
    try {
      awaitLines(dir.resolve("sigint.jsonl"), 4, Duration.ofSeconds(90));
      Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
      assertThat(kill.waitFor()).isZero();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exited after SIGINT").isTrue();
      String log = Files.readString(dir.resolve("sigint.log"));
      assertThat(p.exitValue()).as(log).isEqualTo(130);
      List<String> lines = assertConsistent("sigint");
      assertThat(lines.size()).isBetween(4, DOMAINS - 1);
      List<String> messages = log.lines().toList();
      assertThat(messages.get(messages.size() - 1))
          .isEqualTo("dane-scan: interrupted: " + lines.size() + " done, rerun with --resume");
    } finally {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
