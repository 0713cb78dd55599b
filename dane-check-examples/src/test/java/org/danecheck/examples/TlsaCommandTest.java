/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.danecheck.testkit.TestCertificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TlsaCommandTest {
  private static final Instant NOW = Instant.parse("2031-06-01T12:00:00Z");

  @TempDir Path dir;
  private StringWriter out;
  private StringWriter err;
  private TestCertificate root;
  private TestCertificate leaf;
  private Path chainFile;

  @BeforeEach
  void setUp() {
    root =
        TestCertificate.builder()
            .subject("Root")
            .certificateAuthority(-1)
            .validity(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)))
            .build();
    leaf =
        TestCertificate.builder()
            .dnsNames("mx.example.org")
            .validity(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)))
            .signedBy(root)
            .build();
    chainFile = TestCertificate.writeChainPem(dir.resolve("chain.pem"), leaf, root);
  }

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    CommandLine cl = DaneCheckCommand.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  private String generate(String... extra) {
    String[] args = new String[3 + extra.length];
    args[0] = "tlsa";
    args[1] = "generate";
    args[2] = "--cert=" + chainFile;
    System.arraycopy(extra, 0, args, 3, extra.length);
    assertThat(run(args)).as(err.toString()).isZero();
    return out.toString().strip();
  }

  @Test
  void generateThenMatchAuthenticates() {
    String line = generate("--host", "mx.example.org");
    assertThat(line).startsWith("_25._tcp.mx.example.org. IN TLSA 3 1 1 ");
    int code =
        run(
            "tlsa",
            "match",
            "--cert",
            chainFile.toString(),
            "--tlsa",
            line,
            "--host",
            "mx.example.org");
    assertThat(code).as(out + " " + err).isZero();
    assertThat(out.toString()).startsWith("AUTHENTICATED");
  }

  @Test
  void daneTaFromChainUsesTopmostCa() throws Exception {
    String rdata = generate("--usage", "2", "--selector", "0");
    assertThat(rdata).startsWith("2 0 1 ");
    Path zone =
        Files.writeString(
            dir.resolve("zone"),
            "$ORIGIN example.org.\n"
                + "@ IN A 192.0.2.1\n"
                + "_25._tcp.mx IN TLSA "
                + rdata
                + " ; the root\n");
    int code =
        run(
            "tlsa",
            "match",
            "--cert",
            chainFile.toString(),
            "--tlsa-file",
            zone.toString(),
            "--host",
            "mx.example.org",
            "--now",
            NOW.toString(),
            "--json");
    assertThat(code).as(out + " " + err).isZero();
    assertThat(out.toString())
        .contains("\"outcome\":\"AUTHENTICATED\"")
        .contains("\"matchedDepth\":1")
        .contains("\"matchedName\":\"mx.example.org\"");
    // The same record, but the name is wrong.
    assertThat(
            run(
                "tlsa",
                "match",
                "--cert",
                chainFile.toString(),
                "--tlsa-file",
                zone.toString(),
                "--host",
                "other.example",
                "--now",
                NOW.toString()))
        .isEqualTo(2);
    assertThat(out.toString()).startsWith("NAME_MISMATCH");
  }

  @Test
  void changedCertificateDoesNotMatch() {
    String line = generate();
    TestCertificate other = TestCertificate.builder().dnsNames("mx.example.org").build();
    Path otherFile = other.writeCertificatePem(dir.resolve("other.pem"));
    int code =
        run(
            "tlsa",
            "match",
            "--cert",
            otherFile.toString(),
            "--tlsa",
            line,
            "--host",
            "mx.example.org",
            "--json");
    assertThat(code).isEqualTo(2);
    assertThat(out.toString())
        .contains("\"outcome\":\"NO_MATCH\"")
        .contains("\"authenticated\":false");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void badInputExitsThreeWithOneLine() throws Exception {
    String line = generate();
    Path notCert = Files.writeString(dir.resolve("x.pem"), "hello");
    assertThat(run("tlsa", "match", "--cert", notCert.toString(), "--tlsa", line, "--host", "h"))
        .isEqualTo(3);
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(err.toString()).contains("x.pem").doesNotContain("Exception");

    assertThat(
            run(
                "tlsa",
                "match",
                "--cert",
                dir.resolve("missing").toString(),
                "--tlsa",
                line,
                "--host",
                "h"))
        .isEqualTo(3);
    assertThat(err.toString()).contains("no such file");

    assertThat(
            run(
                "tlsa",
                "match",
                "--cert",
                chainFile.toString(),
                "--tlsa",
                "3 1 1 xyz",
                "--host",
                "h"))
        .isEqualTo(3);
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(err.toString()).contains("hex");

    assertThat(run("tlsa", "match", "--cert", chainFile.toString(), "--host", "h")).isEqualTo(3);
    assertThat(run("tlsa", "generate", "--cert", chainFile.toString(), "--usage", "7"))
        .isEqualTo(3);
    assertThat(err.toString()).contains("--usage");
    assertThat(
            run(
                "tlsa",
                "match",
                "--cert",
                chainFile.toString(),
                "--tlsa",
                line,
                "--host",
                "h",
                "--profile",
                "web"))
        .isEqualTo(3);
    Path leafOnly = leaf.writeCertificatePem(dir.resolve("leaf.pem"));
    assertThat(run("tlsa", "generate", "--cert", leafOnly.toString(), "--usage", "2")).isEqualTo(3);
    assertThat(err.toString()).contains("no CA certificate");
  }
}
