/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.danecheck.examples.scan.DaneScanCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 14: bad input to every tool gets a message in the user's terms: it names the program and
 * what is wrong (the option given), one line, and no Java class name, exception name or {@code
 * Duration} text ({@code PT-1S}). Each row: the tool, the arguments, the exit code, a fragment the
 * message must contain.
 */
class BadInputMessagesTest {
  /** What leaked before: qualified class names, exception names, Duration.toString, "class X". */
  static final String JAVA =
      "(?:java|javax|sun|jdk|picocli|org\\.danecheck|org\\.xbill)\\.[A-Za-z]"
          + "|\\b[A-Z][A-Za-z]*(?:Exception|Error)\\b|\\bPT-?[0-9]|\\bclass [a-z]+\\.";

  @TempDir static Path dir;
  static Path garbage;
  static int deadPort;

  @BeforeAll
  static void files() throws Exception {
    garbage = Files.writeString(dir.resolve("garbage.txt"), "not a certificate, not a record\n");
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      deadPort = s.getLocalPort(); // closed at once: nothing listens there
    }
  }

  record Case(String tool, List<String> args, int exit, String fragment) {}

  static Case c(String tool, int exit, String fragment, String... args) {
    return new Case(tool, List.of(args), exit, fragment);
  }

  static List<Case> cases() {
    String missing = dir.resolve("missing.pem").toString();
    String directory = dir.toString();
    String dead = "127.0.0.1:" + deadPort;
    List<Case> cases = new ArrayList<>();
    // check_dane: UNKNOWN (3) for bad input, one status line.
    cases.add(c("check_dane", 3, "no such file", "-H", "example.org", "--trust-anchor", missing));
    cases.add(c("check_dane", 3, "directory", "-H", "example.org", "--trust-anchor", directory));
    cases.add(
        c(
            "check_dane",
            3,
            "trust anchor",
            "-H",
            "example.org",
            "--trust-anchor",
            garbage.toString()));
    cases.add(c("check_dane", 3, "no such file", "-H", "example.org", "--ca-file", missing));
    cases.add(c("check_dane", 3, "-t/--timeout must be 1 to 3600", "-H", "example.org", "-t", "0"));
    cases.add(
        c("check_dane", 3, "-t/--timeout must be 1 to 3600", "-H", "example.org", "-t", "-1"));
    cases.add(c("check_dane", 3, "'soon'", "-H", "example.org", "-t", "soon"));
    cases.add(c("check_dane", 3, "-p/--port must be", "-H", "example.org", "-p", "0"));
    cases.add(c("check_dane", 3, "-p/--port must be", "-H", "example.org", "-p", "70000"));
    cases.add(c("check_dane", 3, "-w/--warning", "-H", "example.org", "-w", "-3"));
    cases.add(c("check_dane", 3, "must not exceed", "-H", "example.org", "-c", "20", "-w", "10"));
    cases.add(c("check_dane", 3, "not allowed in a host name", "-H", "bad host!"));
    cases.add(c("check_dane", 3, "IP address", "-H", "192.0.2.1"));
    cases.add(c("check_dane", 3, "resolver", "-H", "example.org", "--resolver", "no such host!"));
    cases.add(c("check_dane", 3, "exclude each other", "-H", "example.org", "-4", "-6"));
    cases.add(c("check_dane", 3, "--hostname", "-w", "3"));
    cases.add(
        c("check_dane", 2, "resolver " + dead, "-H", "example.org", "--resolver", dead, "-t", "5"));
    // dane-check: exit 3 and one line on stderr for bad input.
    cases.add(
        c("dane-check", 3, "no such file", "check", "example.org", "--trust-anchor", missing));
    cases.add(c("dane-check", 3, "directory", "check", "example.org", "--trust-anchor", directory));
    cases.add(
        c(
            "dane-check",
            3,
            "--timeout must be 1 to 3600",
            "check",
            "example.org",
            "--timeout",
            "0"));
    cases.add(
        c("dane-check", 3, "--timeout must be 1 to 3600", "check", "example.org", "-t", "-1"));
    cases.add(c("dane-check", 3, "--port must be", "check", "example.org", "-p", "0"));
    cases.add(c("dane-check", 3, "not allowed in a host name", "check", "bad host!"));
    cases.add(c("dane-check", 3, "no such file", "check", "example.org", "--ca-file", missing));
    cases.add(c("dane-check", 3, "no such file", "tlsa", "generate", "--cert", missing));
    cases.add(c("dane-check", 3, "directory", "tlsa", "generate", "--cert", directory));
    cases.add(c("dane-check", 3, "garbage.txt", "tlsa", "generate", "--cert", garbage.toString()));
    cases.add(
        c(
            "dane-check",
            3,
            "--host 'bad host!' is not a host name",
            "tlsa",
            "generate",
            "--cert",
            garbage.toString(),
            "--host",
            "bad host!"));
    cases.add(
        c(
            "dane-check",
            3,
            "--host must be a host name",
            "tlsa",
            "generate",
            "--cert",
            garbage.toString(),
            "--host",
            ""));
    cases.add(
        c(
            "dane-check",
            3,
            "--port must be a port from 1 to 65535, not 0",
            "tlsa",
            "generate",
            "--cert",
            garbage.toString(),
            "--port",
            "0"));
    cases.add(
        c(
            "dane-check",
            3,
            "--usage must be 0 to 3",
            "tlsa",
            "generate",
            "--cert",
            garbage.toString(),
            "--usage",
            "9"));
    cases.add(
        c(
            "dane-check",
            3,
            "'yesterday' is not a time",
            "tlsa",
            "match",
            "--cert",
            garbage.toString(),
            "--tlsa",
            "3 1 1 00",
            "--host",
            "mx.example",
            "--now",
            "yesterday"));
    cases.add(
        c(
            "dane-check",
            3,
            "--tlsa",
            "tlsa",
            "match",
            "--cert",
            garbage.toString(),
            "--tlsa",
            "3 1",
            "--host",
            "mx.example"));
    cases.add(c("dane-check", 3, "--listen nonsense", "exporter", "--listen", "nonsense"));
    cases.add(
        c(
            "dane-check",
            3,
            "the port must be 0 to 65535",
            "exporter",
            "--listen",
            "127.0.0.1:99999"));
    cases.add(
        c("dane-check", 3, "--max-probes must be 1 to 1024", "exporter", "--max-probes", "0"));
    cases.add(c("dane-check", 3, "Unknown option", "check", "example.org", "--no-such-option"));
    // dane-scan: the program's own name, the option given, before anything is opened.
    cases.add(c("dane-scan", 3, "--shard must be I/N", "--shard", "3/2", "--lab", "10"));
    cases.add(c("dane-scan", 3, "--concurrency must be 1 to", "--concurrency", "0", "--lab", "10"));
    cases.add(
        c("dane-scan", 3, "--dns-lookups must be 1 to 4096", "--dns-lookups", "0", "--lab", "10"));
    cases.add(c("dane-scan", 3, "--lab must be 1 to", "--lab", "0"));
    cases.add(
        c("dane-scan", 3, "--ad-trust and --lab exclude each other", "--lab", "10", "--ad-trust"));
    cases.add(c("dane-scan", 3, "-4 and -6 exclude each other", "--lab", "10", "-4", "-6"));
    cases.add(c("dane-scan", 3, "-p/--port must be a port", "--lab", "10", "-p", "0"));
    cases.add(c("dane-scan", 3, "--timeout must be 1 to 3600", "--timeout", "-1", "--lab", "10"));
    cases.add(
        c("dane-scan", 3, "--latency goes with --lab", "--latency", "50", "--input", missing));
    cases.add(
        c("dane-scan", 3, "--resume and --overwrite", "--resume", "--overwrite", "--lab", "10"));
    cases.add(c("dane-scan", 3, "give --input FILE", "--concurrency", "5"));
    cases.add(c("dane-scan", 3, "cannot read --input", "--input", missing));
    cases.add(c("dane-scan", 3, "directory", "--input", directory));
    cases.add(c("dane-scan", 3, "no such file", "merge", missing));
    return cases;
  }

  @Test
  void everyBadInputIsOneLineInTheUsersTerms() throws Exception {
    List<String> failures = new ArrayList<>();
    for (Case c : cases()) {
      String[] args = c.args().toArray(String[]::new);
      int exit;
      String text;
      switch (c.tool()) {
        case "check_dane" -> {
          StringWriter out = new StringWriter();
          exit =
              CheckDaneCommand.run(
                  args, new PrintWriter(out), Instant.now(), Clock.systemUTC(), x -> {});
          text = out.toString();
          if (!text.startsWith("DANE ") || text.lines().count() != 1) {
            failures.add(c + ": not one status line: " + text);
          }
        }
        case "dane-check" -> {
          StringWriter out = new StringWriter();
          StringWriter err = new StringWriter();
          CommandLine cl = DaneCheckCommand.commandLine();
          cl.setOut(new PrintWriter(out));
          cl.setErr(new PrintWriter(err));
          exit = cl.execute(args);
          text = err.toString();
          if (!text.startsWith("dane-check: ") || text.lines().count() != 1) {
            failures.add(c + ": not one line on stderr starting dane-check: " + text + out);
          }
        }
        default -> {
          StringWriter err = new StringWriter();
          ByteArrayOutputStream progress = new ByteArrayOutputStream();
          CommandLine cl =
              DaneScanCommand.commandLine(new PrintStream(progress, true, StandardCharsets.UTF_8));
          cl.setOut(new PrintWriter(new StringWriter()));
          cl.setErr(new PrintWriter(err));
          exit = cl.execute(args);
          text = err.toString() + progress.toString(StandardCharsets.UTF_8);
          if (!text.startsWith("dane-scan: ") || text.lines().count() != 1) {
            failures.add(c + ": not one line starting dane-scan: " + text);
          }
        }
      }
      if (exit != c.exit()) {
        failures.add(c + ": exit " + exit + ": " + text);
      }
      if (!text.contains(c.fragment())) {
        failures.add(c + ": does not say '" + c.fragment() + "': " + text);
      }
      if (java.util.regex.Pattern.compile(JAVA).matcher(text).find()) {
        failures.add(c + ": Java internals: " + text);
      }
    }
    assertThat(failures).isEmpty();
  }
}
