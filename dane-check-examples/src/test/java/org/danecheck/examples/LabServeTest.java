/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code dane-check lab serve}: serves until interrupted, and check_dane can use what it prints.
 */
class LabServeTest {
  @TempDir Path dir;

  @Test
  void servesTheLabUntilInterrupted() throws Exception {
    Path portFile = dir.resolve("lab.properties");
    Path anchor = dir.resolve("anchor.ds");
    StringWriter printed = new StringWriter();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread server =
        new Thread(
            () -> {
              CommandLine cl = DaneCheckCommand.commandLine();
              cl.setOut(new PrintWriter(printed, true));
              exit.set(
                  cl.execute(
                      "lab",
                      "serve",
                      "--port-file",
                      portFile.toString(),
                      "--trust-anchor-out",
                      anchor.toString()));
            },
            "lab-serve-test");
    server.start();
    try {
      for (int i = 0; i < 600 && !Files.exists(portFile); i++) {
        Thread.sleep(50);
      }
      Properties lab = new Properties();
      try (Reader in = Files.newBufferedReader(portFile)) {
        lab.load(in);
      }
      assertThat(lab.getProperty("trust-anchor")).isEqualTo(anchor.toAbsolutePath().toString());
      assertThat(Files.readString(anchor)).containsPattern("\\sDS\\s");
      assertThat(lab.getProperty("domains")).contains("verified.demo.test", "expiring.demo.test");

      StringWriter out = new StringWriter();
      int code =
          CheckDaneCommand.run(
              new String[] {
                "-H", "verified.demo.test",
                "--resolver", lab.getProperty("resolver"),
                "--trust-anchor", lab.getProperty("trust-anchor"),
                "-p", lab.getProperty("smtp-port"),
                "-t", "20"
              },
              new PrintWriter(out),
              Instant.now(),
              Clock.systemUTC(),
              c -> {});

      assertThat(code).as(out.toString()).isZero();
      assertThat(printed.toString()).startsWith("resolver=127.0.0.1:");
    } finally {
      server.interrupt();
      server.join(10_000);
    }
    assertThat(server.isAlive()).isFalse();
    assertThat(exit.get()).isZero();
    assertThat(portFile).doesNotExist();
  }
}
