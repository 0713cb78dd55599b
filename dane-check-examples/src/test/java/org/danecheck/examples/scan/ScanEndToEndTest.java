/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.danecheck.DomainReport;
import org.danecheck.core.DomainReportJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Scans a 30-domain synthetic lab with the real command, then proves resume, shard merging and the
 * JSON round trip of the summary facts on its output.
 */
class ScanEndToEndTest {
  static final int DOMAINS = 30;
  static final long SEED = 7;
  @TempDir static Path dir;
  static Path results;
  static ScanSummary full;
  static SyntheticLab plan = SyntheticLab.generate(DOMAINS, SEED);

  static int run(String... args) {
    CommandLine cl = DaneScanCommand.commandLine();
    cl.setErr(new PrintWriter(new StringWriter()));
    return cl.execute(args);
  }

  static String[] labArgs(Path out, String summary, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--lab",
                String.valueOf(DOMAINS),
                "--lab-world",
                "CLASSIC",
                "--seed",
                String.valueOf(SEED),
                "--lab-dir",
                dir.resolve("lab").toString(),
                "--output",
                out.toString(),
                "--summary",
                dir.resolve(summary).toString(),
                "--concurrency",
                "8",
                "--timeout",
                "20"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @BeforeAll
  static void scanTheLab() throws Exception {
    results = dir.resolve("results.jsonl");
    assertThat(run(labArgs(results, "summary.md"))).isZero();
    full = ScanSummary.fromJson(Files.readString(dir.resolve("summary.json")));
  }

  @Test
  void writesOneLinePerDomainAndEverySummaryFile() throws Exception {
    List<String> lines = Files.readAllLines(results);
    assertThat(lines).hasSize(DOMAINS);
    assertThat(lines).allMatch(l -> l.startsWith("{\"schemaVersion\":1,\"domain\":\"domain-"));
    long mail =
        plan.domains().stream().filter(d -> d.kind() == SyntheticLab.DomainKind.MAIL).count();
    long noMail = DOMAINS - mail;
    assertThat(full.counter("entries")).isEqualTo(DOMAINS);
    assertThat(full.counter("domains.withMx")).isEqualTo(mail);
    assertThat(full.counter("verdict.NO_MAIL")).isEqualTo(noMail);
    assertThat(full.counter("domains.incomplete")).isZero();
    // Every mail domain's first server kind shows up as its session class.
    long tlsDomains =
        plan.domains().stream()
            .filter(d -> d.kind() == SyntheticLab.DomainKind.MAIL)
            .filter(d -> d.mx().size() == 1)
            .filter(
                d ->
                    switch (plan.servers().get(d.mx().get(0)).kind()) {
                      case NO_TLS, BAD_TLS -> false;
                      default -> true;
                    })
            .count();
    long tlsBest =
        full.counters("domains.bestSession.").entrySet().stream()
            .filter(e -> ScanFacts.SessionClass.valueOf(e.getKey()).tls())
            .mapToLong(e -> e.getValue())
            .sum();
    assertThat(tlsBest).isGreaterThanOrEqualTo(tlsDomains);
    String md = Files.readString(dir.resolve("summary.md"));
    assertThat(md)
        .contains("Domains with an MX", "Sessions with TLS", "Handshake failures", "IPv6 sessions")
        .contains("Distinct mail servers", "Servers with bad TLS", "Top 20 MX hosts", "DNSSEC");
    String html = Files.readString(dir.resolve("summary.html"));
    assertThat(html)
        .contains("<svg", "Sessions by level", "Domains per server")
        .doesNotContain("http://cdn");
  }

  @Test
  void resumeAfterACrashFinishesWithTheSameSummary() throws Exception {
    Path partial = dir.resolve("partial.jsonl");
    List<String> lines = Files.readAllLines(results);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      text.append(lines.get(i)).append('\n');
    }
    text.append(lines.get(12), 0, 40); // a line cut short by the crash
    Files.writeString(partial, text);
    assertThat(run(labArgs(partial, "resumed.md"))).isEqualTo(3); // refuses to overwrite
    assertThat(run(labArgs(partial, "resumed.md", "--resume"))).isZero();
    List<String> after = Files.readAllLines(partial);
    assertThat(after).hasSize(DOMAINS);
    assertThat(after.subList(0, 12)).isEqualTo(lines.subList(0, 12));
    assertThat(ScanSummary.fromJson(Files.readString(dir.resolve("resumed.json")))).isEqualTo(full);
  }

  @Test
  void summariesOfShardsMergeExactlyIntoTheWhole() throws Exception {
    Path a = dir.resolve("a.jsonl");
    Path b = dir.resolve("b.jsonl");
    assertThat(run(labArgs(a, "a.md", "--shard", "1/2"))).isZero();
    assertThat(run(labArgs(b, "b.md", "--shard", "2/2"))).isZero();
    assertThat(Files.readAllLines(a).size() + Files.readAllLines(b).size()).isEqualTo(DOMAINS);
    ScanSummary merged = ScanSummary.fromJson(Files.readString(dir.resolve("a.json")));
    merged.merge(ScanSummary.fromJson(Files.readString(dir.resolve("b.json"))));
    assertThat(merged).isEqualTo(full);
    // The merge subcommand does the same.
    CommandLine cl = DaneScanCommand.commandLine();
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out));
    assertThat(
            cl.execute("merge", dir.resolve("a.json").toString(), dir.resolve("b.json").toString()))
        .isZero();
    assertThat(ScanSummary.fromJson(out.toString().strip())).isEqualTo(full);
    assertThat(ScanSummary.fromJson(out.toString().strip()).coverage())
        .extracting(Coverage::shard, Coverage::shards, Coverage::input)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, 2, "lab:" + DOMAINS + ":" + SEED),
            org.assertj.core.groups.Tuple.tuple(2, 2, "lab:" + DOMAINS + ":" + SEED));

    // The same shard twice, or a shard with the whole: refused, nothing printed.
    for (String[] twice :
        new String[][] {{"a.json", "a.json"}, {"a.json", "b.json", "summary.json"}}) {
      StringWriter err = new StringWriter();
      StringWriter none = new StringWriter();
      CommandLine again = DaneScanCommand.commandLine();
      again.setOut(new PrintWriter(none));
      again.setErr(new PrintWriter(err));
      List<String> args = new ArrayList<>(List.of("merge"));
      for (String f : twice) {
        args.add(dir.resolve(f).toString());
      }
      assertThat(again.execute(args.toArray(String[]::new))).isEqualTo(3);
      assertThat(err.toString())
          .startsWith("dane-scan: refusing to merge")
          .contains("counted twice");
      assertThat(none.toString()).isEmpty();
    }
  }

  @Test
  void aSecondRunSaysHowToResumeOrOverwrite() throws Exception {
    StringWriter err = new StringWriter();
    CommandLine cl = DaneScanCommand.commandLine();
    cl.setErr(new PrintWriter(err));
    assertThat(cl.execute(labArgs(results, "again.md"))).isEqualTo(3);
    assertThat(err.toString())
        .contains(results + " holds an earlier scan")
        .contains("--resume")
        .contains("--overwrite");
    assertThat(Files.readAllLines(results)).hasSize(DOMAINS);
    Path over = dir.resolve("over.jsonl");
    Files.copy(results, over);
    assertThat(run(labArgs(over, "over.md", "--overwrite"))).isZero();
    assertThat(Files.readAllLines(over)).hasSize(DOMAINS);
    assertThat(ScanSummary.fromJson(Files.readString(dir.resolve("over.json")))).isEqualTo(full);
  }

  @Test
  void factsReadBackFromJsonLinesAreTheFactsOfTheReports() throws Exception {
    ScanSummary fromLines = new ScanSummary();
    for (String line : Files.readAllLines(results)) {
      fromLines.add(ScanFacts.ofJson(line));
    }
    assertThat(fromLines).isEqualTo(full);
  }

  @Test
  void duplicatesAndInvalidNamesInTheInputWithAFakeChecker() throws Exception {
    StringWriter out = new StringWriter();
    ScanSummary summary = new ScanSummary();
    List<String> checked = new ArrayList<>();
    ScanEngine engine =
        new ScanEngine(
            new ScanEngine.Options(2, null, 0, 1),
            d -> {
              checked.add(d);
              return CompletableFuture.failedFuture(new IllegalStateException("no network"));
            },
            out,
            summary,
            new LongHashSet(16));
    engine.run(
        new DomainInput(
            new BufferedReader(
                new StringReader("a.example\nA.example.\nbad..name\nbad..name\n1,b.example\n"))));
    assertThat(checked).containsExactly("a.example", "b.example");
    assertThat(engine.skipped()).isEqualTo(2);
    String[] lines = out.toString().split("\n");
    assertThat(lines).hasSize(3);
    assertThat(out.toString()).contains("\"domain\":\"bad..name\",\"invalid\":true");
    assertThat(summary.counter("entries")).isEqualTo(3);
    assertThat(summary.counter("invalid")).isEqualTo(3); // the failed checks are recorded too
    assertThat(DomainReportJson.SCHEMA_VERSION).isEqualTo(1);
  }

  static DomainReport unused() {
    return null;
  }
}
