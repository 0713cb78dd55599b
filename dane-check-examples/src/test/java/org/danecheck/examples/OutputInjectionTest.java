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
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.danecheck.TlsaMatchingType;
import org.danecheck.TlsaSelector;
import org.danecheck.TlsaUsage;
import org.danecheck.core.TlsaGenerator;
import org.danecheck.testkit.DaneLab;
import org.danecheck.testkit.ServerChain;
import org.danecheck.testkit.TestCertificate;
import org.danecheck.testkit.junit5.DaneLabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Terminal and log injection (issue 12 point 9), end to end: a lab MX whose certificate's CN and
 * SAN carry ESC sequences, VT, NEL, U+2028/U+2029, bidi overrides, a line break and {@code |}. The
 * leaf does not name the MX host, so the DANE-TA(2) match fails and every tool quotes the
 * certificate's names. No human-readable output may carry any of those characters; the JSON output
 * must carry them exactly (escaped by the JSON writer).
 */
class OutputInjectionTest {
  /** CN: UTF8String, so every character can be in it. */
  static final String EVIL_CN =
      "evil\u001b[2J\u001b]0;pwned\u0007\u000b\u0085\u2028\u2029\u202eRLO\u2066\u2069\u009b31m|x\ny";

  /** SAN dNSName: IA5String, ASCII only, so the C0 controls and DEL. */
  static final String EVIL_SAN = "mx\u001b[31m.\u000b\u007f.example";

  @RegisterExtension
  static final DaneLabExtension LAB =
      new DaneLabExtension(
          DaneLab.builder()
              .domain("inject.test", d -> {})
              .domain(
                  "evil.inject.test",
                  d ->
                      d.mx(
                          10,
                          "mx",
                          h -> h.leaf(b -> b.subject(EVIL_CN).dnsNames(EVIL_SAN)).tlsa(2, 0, 1))));

  @TempDir Path dir;

  /** Characters that must never reach a human-readable output (CR/LF are checked per line). */
  static final Pattern UNSAFE =
      Pattern.compile(
          "[\\x00-\\x09\\x0b-\\x1f\\x7f-\\x9f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]");

  static void assertSafe(String output) {
    Matcher m = UNSAFE.matcher(output);
    assertThat(m.find())
        .as("unsafe U+%04X in: %s", m.find(0) ? (int) output.charAt(m.start()) : 0, output)
        .isFalse();
  }

  private record Run(int exit, String out, String err) {}

  private static Run dane(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = DaneCheckCommand.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private List<String> labArgs(String... first) throws Exception {
    DaneLab lab = LAB.lab();
    Path anchor = Files.writeString(dir.resolve("anchor.ds"), lab.trustAnchor());
    List<String> args = new ArrayList<>(List.of(first));
    args.addAll(
        List.of(
            "--resolver",
            "127.0.0.1:" + lab.dnsAddress().getPort(),
            "--trust-anchor",
            anchor.toString()));
    return args;
  }

  @Test
  void theLeafReallyCarriesTheHostileNames() {
    byte[] leaf = LAB.lab().host("mx.evil.inject.test").chains().get(0).chainDer().get(0);
    assertThat(new String(leaf, java.nio.charset.StandardCharsets.ISO_8859_1))
        .contains("\u001b[2J", "\u001b[31m", "\u007f");
  }

  @Test
  void checkTextReportIsSafeAndJsonIsExact() throws Exception {
    List<String> args = labArgs("check", "evil.inject.test");
    // --timeout counts from the test JVM's start: generous (see CheckAndDemoCommandTest).
    args.addAll(List.of("--port", Integer.toString(LAB.lab().smtpPort()), "--timeout", "600"));
    Run text = dane(args.toArray(String[]::new));
    assertThat(text.exit()).isEqualTo(2);
    // X500Name's RFC 4514 form escapes ';'; SafeText the rest.
    assertThat(text.out())
        .contains("[0] CN=evil\\x1B[2J\\x1B]0\\;pwned\\x07", "\\u202ERLO", "|x y");
    assertSafe(text.out());
    assertSafe(text.err());
    // Our line breaks only: no line of the report starts with the name's "y".
    assertThat(text.out().lines()).noneMatch(l -> l.startsWith("y"));

    args.add("--json");
    Run json = dane(args.toArray(String[]::new));
    assertThat(json.exit()).isEqualTo(2);
    // The JSON writer escapes C0 controls; the value decodes to the certificate's exact name.
    assertThat(json.out()).contains("\\u001b[2J").doesNotContain("\u001b");
    String decoded = unescapeJson(json.out());
    assertThat(decoded).contains("\"dnsNames\":[\"" + EVIL_SAN + "\"]");
    // RFC 4514 escapes the ';' (X500Name's form); every other character is the CN's own.
    assertThat(decoded).contains("\"subject\":\"CN=" + EVIL_CN.replace(";", "\\;") + "\"");
  }

  @Test
  void checkDaneStatusAndLongOutputAreSafe() throws Exception {
    List<String> args = labArgs("-H", "evil.inject.test");
    args.addAll(
        List.of(
            "-p",
            Integer.toString(LAB.lab().smtpPort()),
            "-t",
            "20",
            "-v",
            "-w",
            "200",
            "-c",
            "1"));
    StringWriter text = new StringWriter();
    int code =
        CheckDaneCommand.run(
            args.toArray(String[]::new),
            new PrintWriter(text),
            Instant.now(),
            Clock.systemUTC(),
            c -> {});
    String output = text.toString();
    assertThat(code).isEqualTo(2);
    assertThat(output).startsWith("DANE CRITICAL - ");
    assertThat(output.lines().findFirst().orElseThrow())
        .doesNotContain("|x")
        .containsOnlyOnce("|"); // the one before the performance data
    // -v: the endpoint's line names the leaf, escaped.
    assertThat(output)
        .contains("leaf CN=evil\\x1B[2J\\x1B]0\\;pwned\\x07\\x0B")
        .contains("\\x85\\u2028\\u2029\\u202ERLO\\u2066\\u2069\\x9B31m/x y");
    assertSafe(output);
    PluginOutputFormat.assertValid(output);
  }

  @Test
  void tlsaMatchTextIsSafe() throws Exception {
    ServerChain chain = LAB.lab().host("mx.evil.inject.test").chains().get(0);
    List<byte[]> der = chain.chainDer();
    Path pem = dir.resolve("chain.pem");
    StringBuilder text = new StringBuilder();
    for (byte[] c : der) {
      text.append(org.danecheck.core.internal.tlsa.Pem.encode("CERTIFICATE", c));
    }
    Files.writeString(pem, text);
    String ta =
        TlsaGenerator.forCertificate(
                der.get(der.size() - 1),
                TlsaUsage.DANE_TA,
                TlsaSelector.CERT,
                TlsaMatchingType.SHA2_256)
            .toString();
    Run run =
        dane(
            "tlsa",
            "match",
            "--cert",
            pem.toString(),
            "--tlsa",
            ta,
            "--host",
            "mx.evil.inject.test",
            "--now",
            Instant.now().toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).contains("mx\\x1B[31m.\\x0B\\x7F.example");
    assertSafe(run.out());
    // An argument with control characters is quoted safely in the error line too.
    Run bad =
        dane("tlsa", "match", "--cert", pem.toString(), "--tlsa", "3 1 1 \u001b[2J", "--host", "x");
    assertThat(bad.exit()).isEqualTo(3);
    assertThat(bad.err()).contains("\\x1B[2J");
    assertSafe(bad.err());
  }

  @Test
  void daneScanProgressAndSummariesAreSafe() throws Exception {
    Path input = Files.writeString(dir.resolve("in.txt"), "evil.inject.test\nbad\u001b[2J.name\n");
    List<String> args =
        labArgs(
            "--input",
            input.toString(),
            "--output",
            dir.resolve("r.jsonl").toString(),
            "--summary",
            dir.resolve("s.md").toString(),
            "--port",
            Integer.toString(LAB.lab().smtpPort()),
            "--timeout",
            "15");
    StringWriter err = new StringWriter();
    CommandLine cl = org.danecheck.examples.scan.DaneScanCommand.commandLine();
    cl.setErr(new PrintWriter(err));
    assertThat(cl.execute(args.toArray(String[]::new))).isZero();
    assertSafe(err.toString());
    assertSafe(Files.readString(dir.resolve("s.md")));
    assertSafe(Files.readString(dir.resolve("s.html")));
    // The results keep the exact names (JSON), the invalid input line included.
    String results = Files.readString(dir.resolve("r.jsonl"));
    assertThat(unescapeJson(results)).contains("bad\u001b[2J.name", EVIL_SAN);
  }

  @Test
  void testCertificateKeepsTheNames() {
    TestCertificate c = TestCertificate.builder().subject(EVIL_CN).dnsNames(EVIL_SAN).build();
    assertThat(c.subjectDn()).contains("\u001b[2J", "\u2028", "\u202e");
  }

  /** Undoes JSON string escapes (\\uXXXX, \\n, \\", \\\\) well enough to compare names. */
  static String unescapeJson(String json) {
    Matcher m = Pattern.compile("\\\\(u([0-9a-fA-F]{4})|n|r|t|\"|\\\\|/)").matcher(json);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String r =
          switch (m.group(1).charAt(0)) {
            case 'u' -> String.valueOf((char) Integer.parseInt(m.group(2), 16));
            case 'n' -> "\n";
            case 'r' -> "\r";
            case 't' -> "\t";
            default -> m.group(1);
          };
      m.appendReplacement(out, Matcher.quoteReplacement(r));
    }
    return m.appendTail(out).toString();
  }
}
