/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * The Spark job in local mode (local[2]) against a synthetic lab of a few thousand domains on
 * shared servers (issue 16). References: dane-scan's own results and summary on the same lab and
 * input (the CLI, run in this JVM after the job), and the lab's own count of the SMTP sessions and
 * SNI names each server received.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DaneScanJobLabTest {
  static final int DOMAINS = 2000;

  @TempDir static Path dir;
  static LabRunner lab;
  static SparkSession spark;
  static CheckerConfig config;
  static DaneScanJob.Run first;
  static Map<InetAddress, Integer> sessionsAfterJob = new HashMap<>();
  static Map<InetAddress, List<String>> namesAfterJob = new HashMap<>();

  @BeforeAll
  static void start() throws IOException {
    // The classic world: quick to start; the comparisons do not depend on the world's shape.
    lab =
        LabRunner.start(DOMAINS, 1, SyntheticLab.World.CLASSIC, Duration.ZERO, dir.resolve("lab"));
    config =
        new CheckerConfig(
            List.of(
                lab.lab().dnsAddress().getAddress().getHostAddress()
                    + ":"
                    + lab.lab().dnsAddress().getPort()),
            lab.lab().trustAnchor(),
            lab.lab().rootCa().certificatePem(),
            lab.lab().smtpPort(),
            20,
            2,
            64,
            true,
            "");
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("DaneScanJobLabTest")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate();
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
    ExecutorCheckers.closeAll();
    if (lab != null) {
      lab.close();
    }
  }

  static DaneScanJob job(Path output, int partitions, int probePartitions) {
    DaneScanJob job = new DaneScanJob();
    job.output = output.toString();
    job.partitions = partitions;
    job.probePartitions = probePartitions;
    return job;
  }

  static DaneScanJob.Run run(DaneScanJob job) throws IOException {
    return job.run(
        spark,
        config,
        lab.domainsFile().toString(),
        new PrintStream(PrintStream.nullOutputStream()));
  }

  /** The result lines of a job's output, by domain; fails on a domain written twice. */
  static Map<String, String> jobLines(Path output) throws IOException {
    Map<String, String> lines = new TreeMap<>();
    try (Stream<Path> files = Files.list(output.resolve("results"))) {
      for (Path f :
          files.filter(p -> p.getFileName().toString().matches("part-.*\\.jsonl")).toList()) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          String domain = ScanFacts.ofJson(line).domain();
          assertThat(lines.put(domain, line)).as("written twice: " + domain).isNull();
        }
      }
    }
    return lines;
  }

  static Map<String, String> untimed(Map<String, String> lines) {
    Map<String, String> out = new TreeMap<>();
    lines.forEach(
        (d, l) ->
            out.put(
                d,
                l.replaceAll("\"checkedAt\":\"[^\"]*\"", "\"checkedAt\":\"\"")
                    .replaceAll("\"elapsedMillis\":[0-9]+", "\"elapsedMillis\":0")));
    return out;
  }

  @Test
  @Order(1)
  void theJobProbesEachServerEndpointExactlyOnce() throws IOException {
    first = run(job(dir.resolve("job"), 4, 4));
    // Before anything else talks to the lab: what each server saw.
    Map<String, String> lines = jobLines(dir.resolve("job"));
    assertThat(lines).hasSize(DOMAINS);
    assertThat(first.checked()).isEqualTo(DOMAINS);
    // The distinct endpoints of all reports, by server address: (SNI, algorithm) pairs.
    Map<String, Map<String, Integer>> expected = new TreeMap<>();
    for (String line : lines.values()) {
      JsonNode o = ScanJson.parseObject(line);
      for (JsonNode h : ScanJson.array(o.get("mxHosts"))) {
        for (JsonNode e : ScanJson.array(h.get("endpoints"))) {
          if (!"NOT_PROBED".equals(ScanJson.string(e, "smtpOutcome"))) {
            expected
                .computeIfAbsent(ScanJson.string(e, "address"), a -> new TreeMap<>())
                .put(
                    ScanJson.string(e, "sni") + "/" + ScanJson.string(e, "certificateAlgorithm"),
                    1);
          }
        }
      }
    }
    assertThat(expected).isNotEmpty();
    long servers = 0;
    for (Map.Entry<String, Map<String, Integer>> server : expected.entrySet()) {
      InetAddress address = InetAddress.getByName(server.getKey());
      int sessions = lab.lab().mail().sessionCount(address);
      List<String> names = lab.lab().mail().serverNames(address);
      sessionsAfterJob.put(address, sessions);
      namesAfterJob.put(address, names);
      // One session per distinct (SNI, algorithm) the reports show at this address: no server
      // was probed twice for the same endpoint, by the same task or by two.
      assertThat(sessions).as(server.getKey()).isEqualTo(server.getValue().size());
      assertThat(names).as(server.getKey()).doesNotHaveDuplicates();
      servers++;
    }
    // Shared servers: far fewer than the domains.
    assertThat(servers).isLessThan(DOMAINS);
    assertThat(first.targets()).isEqualTo(expected.values().stream().mapToInt(Map::size).sum());
  }

  @Test
  @Order(2)
  void resultsAndSummaryEqualDaneScans() throws IOException {
    Path scanOut = dir.resolve("scan.jsonl");
    Path scanSummary = dir.resolve("scan-summary.md");
    Path labDir = dir.resolve("lab");
    CommandLine cl = DaneScanCommand.commandLine();
    cl.setErr(new PrintWriter(new StringWriter()));
    int exit =
        cl.execute(
            "--resolver",
            config.resolvers().get(0),
            "--port",
            String.valueOf(config.port()),
            "--trust-anchor",
            labDir.resolve("trust-anchor.txt").toString(),
            "--ca-file",
            labDir.resolve("lab-ca.pem").toString(),
            "--input",
            lab.domainsFile().toString(),
            "--output",
            scanOut.toString(),
            "--summary",
            scanSummary.toString(),
            "--timeout",
            "20");
    assertThat(exit).isZero();
    Map<String, String> scan = new TreeMap<>();
    for (String line : Files.readAllLines(scanOut, StandardCharsets.UTF_8)) {
      scan.put(ScanFacts.ofJson(line).domain(), line);
    }
    Map<String, String> job = jobLines(dir.resolve("job"));
    assertThat(job.keySet()).isEqualTo(scan.keySet());
    // The report JSON, field for field, timings aside.
    Map<String, String> a = untimed(job);
    Map<String, String> b = untimed(scan);
    for (String domain : a.keySet()) {
      assertThat(a.get(domain))
          .as(() -> difference(a.get(domain), b.get(domain)))
          .isEqualTo(b.get(domain));
    }
    // The summary: Spark SQL's equals dane-scan's (ScanSummary.equals: every figure, coverage
    // aside), and equals the scanner's own count of the job's lines.
    ScanSummary fromJob =
        ScanSummary.fromJson(Files.readString(dir.resolve("job").resolve("summary.json")));
    ScanSummary fromScan =
        ScanSummary.fromJson(
            Files.readString(Path.of(scanSummary.toString().replace(".md", ".json"))));
    ScanSummary counted = new ScanSummary();
    job.values().forEach(l -> counted.add(ScanFacts.ofJson(l), l));
    assertThat(fromJob.toJson().length()).isGreaterThan(100);
    assertSameFigures(fromJob, counted);
    assertThat(fromJob).isEqualTo(counted);
    // dane-scan's kept failing reports are its own lines: equal but for their timings.
    assertSameFigures(fromJob, fromScan);
    // Rendered by the same report code: the Markdown's figures are dane-scan's.
    String md = Files.readString(dir.resolve("job").resolve("summary.md"));
    assertThat(md).contains(String.valueOf(DOMAINS));
    assertThat(Files.readString(dir.resolve("job").resolve("summary.html"))).contains("<html");
  }

  @Test
  @Order(3)
  void parquetHoldsEveryReportInTheSchemasShape() {
    List<Row> rows =
        spark
            .read()
            .parquet(dir.resolve("job").resolve("reports.parquet").toString())
            .groupBy("verdict")
            .count()
            .collectAsList();
    long total = rows.stream().mapToLong(r -> r.getLong(1)).sum();
    assertThat(total).isEqualTo(DOMAINS);
    assertThat(
            spark.read().parquet(dir.resolve("job").resolve("reports.parquet").toString()).schema())
        .isEqualTo(SparkReportSchema.resultLine());
  }

  @Test
  @Order(4)
  void aRerunSkipsWhatIsDone() throws IOException {
    DaneScanJob.Run again = run(job(dir.resolve("job"), 4, 4));
    assertThat(again.skipped()).isEqualTo(DOMAINS);
    assertThat(again.checked()).isZero();
    assertThat(again.targets()).isZero();
    assertThat(jobLines(dir.resolve("job"))).hasSize(DOMAINS);
  }

  @Test
  @Order(5)
  void aKilledRunLosesOnlyItsUnfinishedTasks() throws Exception {
    Path out = dir.resolve("killed");
    Path results = out.resolve("results");
    AtomicReference<Throwable> failure = new AtomicReference<>();
    // Many small evaluation tasks, so that the job is killed with some done and some not.
    Thread job =
        new Thread(
            () -> {
              try {
                run(job(out, 100, 4));
              } catch (Throwable t) {
                failure.set(t);
              }
            });
    job.start();
    long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < end && job.isAlive() && finishedTasks(results) < 3) {
      Thread.sleep(5);
    }
    spark.sparkContext().cancelAllJobs();
    job.join(Duration.ofMinutes(1).toMillis());
    assertThat(job.isAlive()).isFalse();
    assertThat(failure.get()).as("the killed run failed").isNotNull();
    Map<String, String> kept = jobLines(out);
    assertThat(kept.size()).isGreaterThan(0).isLessThan(DOMAINS);
    // The re-run checks exactly what is missing.
    DaneScanJob.Run rerun = run(job(out, 4, 4));
    assertThat(rerun.skipped()).isEqualTo(kept.size());
    assertThat(rerun.checked()).isEqualTo(DOMAINS - kept.size());
    Map<String, String> resumed = untimed(jobLines(out));
    Map<String, String> whole = untimed(jobLines(dir.resolve("job")));
    assertThat(resumed.keySet()).isEqualTo(whole.keySet());
    for (String domain : whole.keySet()) {
      assertThat(resumed.get(domain))
          .as(() -> difference(resumed.get(domain), whole.get(domain)))
          .isEqualTo(whole.get(domain));
    }
  }

  static void assertSameFigures(ScanSummary actual, ScanSummary expected) {
    assertThat(actual.counters("")).isEqualTo(expected.counters(""));
    assertThat(counts(actual.servers())).isEqualTo(counts(expected.servers()));
    assertThat(counts(actual.hosts())).isEqualTo(counts(expected.hosts()));
    assertThat(actual.failing()).hasSize(expected.failing().size());
    assertThat(untimed(actual.failing())).isEqualTo(untimed(expected.failing()));
  }

  static Map<String, List<Integer>> counts(Map<String, int[]> map) {
    Map<String, List<Integer>> out = new TreeMap<>();
    map.forEach((k, v) -> out.put(k, java.util.Arrays.stream(v).boxed().toList()));
    return out;
  }

  /** Where two lines first differ, with some context, for a readable failure. */
  static String difference(String x, String y) {
    int i = 0;
    while (i < Math.min(x.length(), y.length()) && x.charAt(i) == y.charAt(i)) {
      i++;
    }
    int from = Math.max(0, i - 200);
    return "job: ..."
        + x.substring(from, Math.min(x.length(), i + 300))
        + "\n scan: ..."
        + y.substring(from, Math.min(y.length(), i + 300));
  }

  static long finishedTasks(Path results) throws IOException {
    if (!Files.isDirectory(results)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(results)) {
      return files.filter(p -> p.getFileName().toString().matches("part-.*\\.jsonl")).count();
    }
  }

  @Test
  @Order(6)
  void badTargetKeysAreRefused() {
    assertThatThrownBy(() -> org.danecheck.core.ProbeTarget.parse("x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
