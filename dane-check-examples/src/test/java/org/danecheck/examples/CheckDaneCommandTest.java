/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.danecheck.testkit.DaneLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check_dane end to end against the lab, in process: every exit code through real servers. */
class CheckDaneCommandTest {
  private static DaneLab lab;
  @TempDir static Path dir;
  private static Path anchor;

  private final List<Integer> watchdogExits = new CopyOnWriteArrayList<>();
  private String output;

  @BeforeAll
  static void startLab() throws IOException {
    lab = LabCommand.lab().start();
    anchor = Files.writeString(dir.resolve("anchor.ds"), lab.trustAnchor());
  }

  @AfterAll
  static void stopLab() {
    if (lab != null) {
      lab.close();
    }
  }

  /** The lab settings: the test hook is the plugin's own options. */
  private static List<String> labArgs(String domain, String... extra) {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "-H",
            domain,
            "--resolver",
            lab.dnsAddress().getAddress().getHostAddress() + ":" + lab.dnsAddress().getPort(),
            "--trust-anchor",
            anchor.toString(),
            "-p",
            Integer.toString(lab.smtpPort())));
    args.addAll(List.of(extra));
    return args;
  }

  private int run(List<String> args) {
    StringWriter text = new StringWriter();
    int code =
        CheckDaneCommand.run(
            args.toArray(String[]::new),
            new PrintWriter(text),
            Instant.now(),
            Clock.systemUTC(),
            watchdogExits::add);
    output = text.toString();
    return code;
  }

  private int run(String... args) {
    return run(List.of(args));
  }

  private Matcher statusLine() {
    return PluginOutputFormat.assertValid(output);
  }

  @Test
  void verifiedDomainIsOk() {
    assertThat(run(labArgs("verified.demo.test", "-t", "20"))).isZero();

    Matcher m = statusLine();
    assertThat(m.group(1)).isEqualTo("OK");
    assertThat(m.group(2)).startsWith("verified.demo.test: 1 MX, 1/1 endpoints DANE-verified");
    assertThat(m.group(3))
        .contains("'mx_hosts'=1;;;0", "'endpoints_verified'=1;;;0;1", "'endpoints_failed'=0;;;0;1")
        // a DANE-EE(3) match: the leaf's expiry is shown, with no thresholds, since DANE-EE
        // ignores certificate dates (RFC 7672 3.1.1) and no state depends on it
        .containsPattern("'cert_expiry_days'=[0-9.]+ ")
        .containsPattern("'rrsig_expiry_days'=[0-9.]+;3:;1:");
    assertThat(output).hasLineCount(1);
  }

  @Test
  void verboseAddsDetailLines() {
    assertThat(run(labArgs("dane-ta.demo.test", "-t", "20", "-v"))).isZero();

    statusLine();
    assertThat(output.lines().skip(1))
        .anyMatch(l -> l.startsWith("MX 10 mx.dane-ta.demo.test: DANE_VERIFIED, TLSA at"))
        .anyMatch(
            l ->
                l.startsWith("  mx.dane-ta.demo.test[127.")
                    && l.contains("VERIFIED, TLS_ESTABLISHED")
                    && l.contains("TLSA AUTHENTICATED by 2 0 1 at depth 1"));
  }

  @Test
  void singleMxHostCanBeChecked() {
    assertThat(run(labArgs("verified.demo.test", "--mx", "mx.verified.demo.test", "-t", "20")))
        .isZero();

    assertThat(statusLine().group(2)).startsWith("mx.verified.demo.test: 1 MX,");
  }

  @Test
  void certificateAboutToExpireUnderACertBoundRecordWarns() {
    assertThat(run(labArgs("expiring.demo.test", "-t", "20"))).isEqualTo(1);

    Matcher m = statusLine();
    assertThat(m.group(1)).isEqualTo("WARNING");
    assertThat(m.group(2))
        .startsWith("mx.expiring.demo.test: certificate expires in 9 d and only TLSA 3 0 1");
    assertThat(m.group(3)).containsPattern("'cert_expiry_days'=9\\.[0-9]+ ");
  }

  @Test
  void criticalWindowDoesNotApplyToADaneEeLeaf() {
    // RFC 7672 3.1.1: under 3 0 1 the leaf's dates are ignored, so -c does not make its expiry
    // CRITICAL (it used to); the rollover hint stays a WARNING. A DANE-TA(2) path's expiry within
    // -c is CRITICAL: CheckDaneStateTableTest, row 12.
    assertThat(run(labArgs("expiring.demo.test", "-t", "20", "-w", "30", "-c", "12"))).isEqualTo(1);

    assertThat(statusLine().group(2)).contains("only TLSA 3 0 1 matches it");
  }

  @Test
  void wrongDigestIsCritical() {
    assertThat(run(labArgs("wrong-digest.demo.test", "-t", "20"))).isEqualTo(2);

    Matcher m = statusLine();
    assertThat(m.group(1)).isEqualTo("CRITICAL");
    assertThat(m.group(2))
        .matches(
            "mx\\.wrong-digest\\.demo\\.test\\[127\\.[0-9.]+\\]:[0-9]+: no usable TLSA record"
                + " matches the presented chain");
    assertThat(m.group(3)).contains("'endpoints_verified'=0;;;0;1 'endpoints_failed'=1;;;0;1");
  }

  @Test
  void missingStartTlsAndTlsaServfailAreCritical() {
    assertThat(run(labArgs("no-starttls.demo.test", "-t", "20"))).isEqualTo(2);
    assertThat(statusLine().group(2)).contains("STARTTLS not offered");

    assertThat(run(labArgs("tlsa-servfail.demo.test", "-t", "20"))).isEqualTo(2);
    assertThat(statusLine().group(2)).startsWith("mx.tlsa-servfail.demo.test: TLSA lookup failed");
  }

  @Test
  void domainWithoutDaneIsOkUnlessRequired() {
    assertThat(run(labArgs("no-tlsa.demo.test", "-t", "20"))).isZero();
    assertThat(statusLine().group(2))
        .isEqualTo(
            "no-tlsa.demo.test: no DANE (mx.no-tlsa.demo.test: no TLSA records); a DANE MTA uses"
                + " opportunistic TLS");

    assertThat(run(labArgs("no-tlsa.demo.test", "-t", "20", "--require-dane"))).isEqualTo(2);
    assertThat(statusLine().group(1)).isEqualTo("CRITICAL");
  }

  @Test
  void nullMxIsOk() {
    assertThat(run(labArgs("null-mx.demo.test", "-t", "20"))).isZero();

    assertThat(statusLine().group(2))
        .isEqualTo("null-mx.demo.test accepts no mail (null MX, RFC 7505)");
  }

  @Test
  void serverThatNeverFinishesItsGreetingIsUnknownWithinTheTimeLimit() {
    long start = System.nanoTime();
    int code = run(labArgs("trickle.demo.test", "-t", "2"));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(code).isEqualTo(3);
    assertThat(statusLine().group(1)).isEqualTo("UNKNOWN");
    // Normally the check's deadline (below -t) ends it; on a starved machine the watchdog.
    assertThat(output).containsAnyOf("did not finish in time", "timed out after 2 s (-t)");
    // Generous: the bound that matters is the subprocess test's, from the JVM's start.
    assertThat(took).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void helpAndVersionExitUnknown() {
    // Monitoring Plugins interface: --help and --version exit 3.
    assertThat(run("--help")).isEqualTo(3);
    assertThat(output)
        .startsWith("Usage: check_dane")
        .contains("-H, --hostname=DOMAIN", "--rrsig-warn=DAYS", "Exit codes:");
    assertThat(run("-V")).isEqualTo(3);
    assertThat(output).startsWith("check_dane " + CheckDaneCommand.VERSION);
  }

  @Test
  void badArgumentsAreUnknownWithOneLine() {
    assertThat(run("-w", "14")).isEqualTo(3);
    assertThat(statusLine().group(2)).contains("Missing required option: '--hostname=DOMAIN'");

    assertThat(run("-H", "example.org", "-w", "7", "-c", "14")).isEqualTo(3);
    assertThat(statusLine().group(2)).contains("must not exceed -w");

    assertThat(run("-H", "example.org", "-4", "-6")).isEqualTo(3);
    assertThat(run("-H", "example.org", "-t", "0")).isEqualTo(3);
    assertThat(run("-H", "example.org", "-w", "lots")).isEqualTo(3);
    assertThat(output).hasLineCount(1);
  }

  @Test
  void unreadableTrustAnchorIsUnknown() {
    assertThat(
            run(
                "-H",
                "example.org",
                "--resolver",
                "127.0.0.1:9",
                "--trust-anchor",
                dir.resolve("missing.ds").toString()))
        .isEqualTo(3);
    assertThat(statusLine().group(1)).isEqualTo("UNKNOWN");
  }

  /**
   * The real plugin in its own JVM: the time limit counts from the JVM's start, the exit code is
   * the process's, and nothing but the status line is on stdout.
   */
  @Test
  void mainExitsWithTheStateWithinTheTimeLimit() throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.add(CheckDaneCommand.class.getName());
    command.addAll(labArgs("trickle.demo.test", "-t", "3"));
    long start = System.nanoTime();
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    boolean ended = process.waitFor(20, TimeUnit.SECONDS);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    if (!ended) {
      process.destroyForcibly().waitFor();
    }
    output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(ended).isTrue();
    assertThat(process.exitValue()).isEqualTo(3);
    assertThat(statusLine().group(1)).isEqualTo("UNKNOWN");
    assertThat(output).hasLineCount(1);
    // -t counts from the process start; allow for the time to spawn it under load.
    assertThat(took).isLessThan(Duration.ofSeconds(5));
  }
}
