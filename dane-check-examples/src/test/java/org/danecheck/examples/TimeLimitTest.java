/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.danecheck.examples.scan.DaneScanCommand;
import org.danecheck.testkit.DaneLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 12 point 7: a process given a time limit prints its report and exits within it, JVM start
 * included, whatever the servers do: against the lab's silent, trickling and never-reading servers,
 * which hold their connections for two minutes. Each run is a real JVM (a subprocess), timed from
 * its spawn. The bound allows {@link #SPAWN_ALLOWANCE} over the limit for a busy build machine; the
 * figures on an idle machine are in docs/benchmarks.md (within the limit + 1 s).
 */
class TimeLimitTest {
  private static final int LIMIT_SECONDS = 5;

  /**
   * Over the limit's 1 s for exiting: spawning the process on a busy build machine. Without the
   * fix, the JVM's start-up and the checker's close came on top of the limit (6.5 to 8 s here).
   */
  private static final Duration SPAWN_ALLOWANCE = Duration.ofMillis(500);

  private static DaneLab lab;
  @TempDir static Path dir;
  private static Path anchor;

  @BeforeAll
  static void startLab() throws IOException {
    lab = LabCommand.lab().start();
    anchor = dir.resolve("lab.ds");
    Files.writeString(anchor, lab.trustAnchor(), StandardCharsets.US_ASCII);
  }

  @AfterAll
  static void stopLab() {
    if (lab != null) {
      lab.close();
    }
  }

  private static List<String> labArgs() {
    return List.of(
        "--resolver",
        lab.dnsAddress().getAddress().getHostAddress() + ":" + lab.dnsAddress().getPort(),
        "--trust-anchor",
        anchor.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"silent.demo.test", "trickle.demo.test", "never-reads.demo.test"})
  void daneCheckPrintsItsReportWithinTheTimeout(String domain) throws Exception {
    List<String> args = new ArrayList<>(List.of("check", domain));
    args.addAll(labArgs());
    args.addAll(
        List.of("--port", Integer.toString(lab.smtpPort()), "--timeout", "" + LIMIT_SECONDS));
    Run run = run(DaneCheckCommand.class.getName(), args);

    // INDETERMINATE: the probe ran into the limit (or, on a slow start, the DNS steps did).
    assertThat(run.exitCode).isEqualTo(3);
    assertThat(run.stdout).contains(domain + ": INDETERMINATE");
    assertThat(run.took).isLessThan(Duration.ofSeconds(LIMIT_SECONDS + 1).plus(SPAWN_ALLOWANCE));
  }

  @ParameterizedTest
  @ValueSource(strings = {"silent.demo.test", "trickle.demo.test", "never-reads.demo.test"})
  void checkDaneAnswersWithinItsTimeLimit(String domain) throws Exception {
    List<String> args = new ArrayList<>(List.of("-H", domain));
    args.addAll(labArgs());
    args.addAll(List.of("-p", Integer.toString(lab.smtpPort()), "-t", "" + LIMIT_SECONDS));
    Run run = run(CheckDaneCommand.class.getName(), args);

    assertThat(run.exitCode).isEqualTo(3);
    assertThat(run.stdout).startsWith("DANE UNKNOWN").hasLineCount(1);
    assertThat(run.took).isLessThan(Duration.ofSeconds(LIMIT_SECONDS + 1).plus(SPAWN_ALLOWANCE));
  }

  @ParameterizedTest
  @ValueSource(strings = {"silent.demo.test", "trickle.demo.test", "never-reads.demo.test"})
  void daneScanEndsEachDomainWithinItsTimeout(String domain) throws Exception {
    Path input = dir.resolve(domain + ".txt");
    Files.writeString(input, domain + "\n");
    Path output = dir.resolve(domain + ".jsonl");
    List<String> args =
        new ArrayList<>(
            List.of(
                "--input",
                input.toString(),
                "--output",
                output.toString(),
                "--summary",
                dir.resolve(domain + ".md").toString(),
                "--port",
                Integer.toString(lab.smtpPort()),
                "--timeout",
                "" + LIMIT_SECONDS));
    args.addAll(labArgs());
    Run run = run(DaneScanCommand.class.getName(), args);

    assertThat(run.exitCode).isZero();
    String result = Files.readString(output);
    assertThat(result).contains(domain).contains("INDETERMINATE");
    // --timeout is each domain's deadline: the check ends by it, whatever the server does.
    Matcher elapsed = Pattern.compile("\"elapsedMillis\":([0-9]+)").matcher(result);
    assertThat(elapsed.find()).isTrue();
    assertThat(Long.parseLong(elapsed.group(1))).isLessThan(LIMIT_SECONDS * 1000L + 500);
    // The process (start-up and the summary files come on top of the domain's limit): no hang.
    assertThat(run.took).isLessThan(Duration.ofSeconds(LIMIT_SECONDS + 15));
  }

  private record Run(int exitCode, String stdout, Duration took) {}

  private static Run run(String mainClass, List<String> args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
    command.addAll(args);
    long start = System.nanoTime();
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    boolean ended = process.waitFor(30, TimeUnit.SECONDS);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    if (!ended) {
      process.destroyForcibly().waitFor();
    }
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(ended).as("the process ended").isTrue();
    return new Run(process.exitValue(), stdout, took);
  }
}
