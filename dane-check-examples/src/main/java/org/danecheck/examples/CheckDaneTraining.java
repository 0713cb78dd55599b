/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.danecheck.testkit.DaneLab;

/**
 * A build step, not a tool: runs check_dane against the lab for a few representative domains so
 * that {@code -XX:ArchiveClassesAtExit} (run by {@code mvn package}) records the classes a real run
 * loads into {@code target/check_dane.jsa}, the class-data archive {@code bin/check_dane} maps at
 * start-up. Never fails the build: without loopback networking it trains on less.
 */
final class CheckDaneTraining {
  private CheckDaneTraining() {}

  /** The domains run: OK, CRITICAL, WARNING and a domain without DANE. */
  static final List<String> DOMAINS =
      List.of(
          "verified.demo.test",
          "wrong-digest.demo.test",
          "expiring.demo.test",
          "no-tlsa.demo.test");

  public static void main(String[] args) {
    PrintWriter sink = new PrintWriter(Writer.nullWriter());
    run(sink, new String[] {"--version"});
    run(sink, new String[] {"--help"});
    run(sink, new String[] {"--no-such-option"});
    try (DaneLab lab = LabCommand.lab().start()) {
      Path anchor = Files.createTempFile("check-dane-training", ".ds");
      try {
        Files.writeString(anchor, lab.trustAnchor(), StandardCharsets.US_ASCII);
        for (String domain : DOMAINS) {
          run(
              sink,
              new String[] {
                "-H",
                domain,
                "--resolver",
                lab.dnsAddress().getAddress().getHostAddress() + ":" + lab.dnsAddress().getPort(),
                "--trust-anchor",
                anchor.toString(),
                "-p",
                Integer.toString(lab.smtpPort()),
                "-t",
                "120",
                "-v"
              });
        }
      } finally {
        Files.deleteIfExists(anchor);
      }
    } catch (IOException | RuntimeException e) {
      System.err.println("check_dane training run incomplete (archive still usable): " + e);
    }
    System.exit(0);
  }

  private static void run(PrintWriter sink, String[] args) {
    CheckDaneCommand.run(args, sink, CheckDaneCommand.processStart(), Clock.systemUTC(), c -> {});
  }
}
