/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.danecheck.examples.ResolverOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The job takes dane-scan's resolver and connection options (the shared mixins), refuses what
 * dane-scan refuses before Spark starts, and ships every option to its executors' checkers.
 */
class DaneScanJobOptionsTest {
  @TempDir Path dir;

  private record Outcome(int exit, String err) {}

  private static Outcome execute(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new DaneScanJob());
    cl.setErr(new PrintWriter(err));
    return new Outcome(cl.execute(args), err.toString());
  }

  @Test
  void refusesWhatDaneScanRefusesBeforeSparkStarts() {
    String out = dir.resolve("out").toString();
    Outcome adTrustLab = execute("--output", out, "--lab", "10", "--ad-trust");
    assertThat(adTrustLab.exit()).isEqualTo(2);
    assertThat(adTrustLab.err()).contains("--ad-trust and --lab exclude each other");

    Outcome both = execute("--output", out, "--input", "x.txt", "-4", "-6");
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err()).contains("-4 and -6 exclude each other");

    Outcome port = execute("--output", out, "--input", "x.txt", "--port", "0");
    assertThat(port.exit()).isEqualTo(2);
    assertThat(port.err()).contains("-p/--port must be a port from 1 to 65535");

    Outcome none = execute("--output", out);
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).contains("--input or --lab is required");
    // Nothing was started, so nothing was written.
    assertThat(Files.exists(dir.resolve("out"))).isFalse();
  }

  @Test
  void shipsEveryOptionToTheExecutors() throws Exception {
    Path anchor = Files.writeString(dir.resolve("anchor.txt"), ". IN DS 1 13 2 00\n");
    Path ca = Files.writeString(dir.resolve("ca.pem"), "PEM\n");
    DaneScanJob job = new DaneScanJob();
    new CommandLine(job)
        .parseArgs(
            "--output",
            "o",
            "--input",
            "in.txt",
            "--resolver",
            "127.0.0.1:5353",
            "--trust-anchor",
            anchor.toString(),
            "--ca-file",
            ca.toString(),
            "--port",
            "2525",
            "-4",
            "--ehlo",
            "scanner.example",
            "--timeout",
            "30",
            "--per-server",
            "3",
            "--probe-threads",
            "16",
            "--no-anonymous");
    CheckerConfig config = job.config();
    assertThat(config)
        .isEqualTo(
            new CheckerConfig(
                java.util.List.of("127.0.0.1:5353"),
                ". IN DS 1 13 2 00\n",
                false,
                "PEM\n",
                2525,
                true,
                false,
                "scanner.example",
                30,
                3,
                16,
                false,
                ResolverOptions.fastEcdsa()));
    // The tools' ECDSA verifier on the executors too (it was missing before the mixins).
    assertThat(config.fastEcdsa()).isTrue();
  }
}
