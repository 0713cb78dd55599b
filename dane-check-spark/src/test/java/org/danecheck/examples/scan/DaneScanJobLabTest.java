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
    config = CheckerConfig.forLab(lab.lab(), 20, 2, 64, true);
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
    CommandLine cl = DaneScanCommand.commandLine();
    cl.setErr(new PrintWriter(new StringWriter()));
    List<String> args = new java.util.ArrayList<>(labOptions());
    args.addAll(
        List.of(
            "--output",
            scanOut.toString(),
            "--summary",
            scanSummary.toString(),
            "--timeout",
            "20"));
    int exit = cl.execute(args.toArray(String[]::new));
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
    assertResumesExactly(out, kept);
  }

  /**
   * A job process killed with SIGKILL in stage 3 (no shutdown hook, no cancellation: what a lost
   * executor host or an OOM kill does), then re-run in this JVM on the same output.
   */
  @Test
  @Order(6)
  void aRunKilledWithSigkillLosesOnlyItsUnfinishedTasks() throws Exception {
    // A task can finish between seeing its temporary file and the kill landing (seen in CI under
    // load), leaving none behind; that run did not test what this test is for, so it is run again.
    Path out = null;
    List<Path> cutOff = List.of();
    for (int attempt = 1; attempt <= 3 && cutOff.isEmpty(); attempt++) {
      out = dir.resolve("sigkill-" + attempt);
      killInStageThree(out, dir.resolve("sigkill-job-" + attempt + ".log"));
      cutOff = unfinished(out.resolve("results"));
    }
    Path results = out.resolve("results");
    // What the kill left: finished tasks' files, and the temporary files of the tasks it cut off.
    Map<String, String> kept = jobLines(out);
    assertThat(kept.size()).isGreaterThan(0).isLessThan(DOMAINS);
    assertThat(cutOff).as("the tasks the kill cut off left their temporary files").isNotEmpty();
    // Their complete lines (a buffered write may have flushed some, or none): not results.
    java.util.Set<String> cutOffDomains = new java.util.TreeSet<>();
    for (Path f : cutOff) {
      // (decoded leniently: the kill may have cut a character too)
      for (String line : new String(Files.readAllBytes(f), StandardCharsets.UTF_8).split("\n")) {
        try {
          cutOffDomains.add(ScanFacts.ofJson(line).domain());
        } catch (RuntimeException truncated) {
          // the last line, cut mid-way by the kill
        }
      }
    }
    List<String> scratch = List.of();
    Path local = dir.resolve("sigkill-spark-local");
    try (Stream<Path> left = Files.isDirectory(local) ? Files.list(local) : Stream.empty()) {
      scratch =
          left.map(p -> p.getFileName().toString().replaceAll("-[0-9a-f-]{36}$", "-*")).toList();
    }
    System.err.println(
        "DaneScanJobLabTest: SIGKILL left "
            + finishedTasks(results)
            + " finished task files ("
            + kept.size()
            + " domains), "
            + cutOff.size()
            + " temporary files ("
            + cutOffDomains.size()
            + " complete lines) and Spark scratch dirs "
            + scratch);
    assertThat(cutOffDomains).doesNotContainAnyElementsOf(kept.keySet());
    // The kill may cut a task off before its buffered lines reach the file (seen: 0 complete
    // lines), so a temporary file holding complete lines is added too: five of the missing
    // domains' lines from the uninterrupted run, which must not count as done.
    Map<String, String> whole = jobLines(dir.resolve("job"));
    List<String> flushed =
        whole.keySet().stream().filter(d -> !kept.containsKey(d)).limit(5).toList();
    Files.write(
        results.resolve("_tmp-part-flushed-00000-0.jsonl"),
        flushed.stream().map(whole::get).toList(),
        StandardCharsets.UTF_8);
    cutOffDomains.addAll(flushed);
    assertThat(assertResumesExactly(out, kept)).containsAll(cutOffDomains);
    // The killed run's temporary files were not read (the counts above) and are gone.
    assertThat(unfinished(results)).isEmpty();
    try (Stream<Path> all = Files.walk(results)) {
      assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("_tmp-"));
    }
  }

  /**
   * Starts the job as its own process on {@code out} and kills it with SIGKILL once three stage-3
   * tasks have finished while another is running.
   */
  static void killInStageThree(Path out, Path log) throws Exception {
    Path results = out.resolve("results");
    ProcessBuilder builder =
        new ProcessBuilder(jobProcess(out, 100))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1"); // loopback only
    Process job = builder.start();
    try {
      job.getOutputStream().close();
      long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (System.nanoTime() < end
          && job.isAlive()
          && (finishedTasks(results) < 3 || unfinished(results).isEmpty())) {
        Thread.sleep(1);
      }
      // Killed at once, checked after: every step in between widens the window for a task to end.
      job.destroyForcibly();
      assertThat(job.waitFor(1, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
      assertThat(job.exitValue())
          .as(() -> "the job ended before it was killed: " + tail(log))
          .isEqualTo(137); // 128 + SIGKILL
      assertThat(finishedTasks(results)).as(() -> tail(log)).isGreaterThanOrEqualTo(3);
    } finally {
      job.destroyForcibly();
    }
  }

  /**
   * Re-runs the job on the output of a killed run whose finished files held {@code kept}: the
   * re-run skips exactly those domains, its own files hold exactly the others, and the output then
   * equals the uninterrupted run's, timings aside. Returns the domains the re-run checked.
   */
  static java.util.Set<String> assertResumesExactly(Path out, Map<String, String> kept)
      throws IOException {
    Path results = out.resolve("results");
    List<Path> before = partFiles(results);
    DaneScanJob.Run rerun = run(job(out, 4, 4));
    assertThat(rerun.skipped()).isEqualTo(kept.size());
    assertThat(rerun.checked()).isEqualTo(DOMAINS - kept.size());
    Map<String, String> resumed = untimed(jobLines(out));
    Map<String, String> whole = untimed(jobLines(dir.resolve("job")));
    // The re-run's own files: exactly the domains missing from the finished files.
    java.util.Set<String> rechecked = new java.util.TreeSet<>();
    for (Path f : partFiles(results)) {
      if (!before.contains(f)) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          rechecked.add(ScanFacts.ofJson(line).domain());
        }
      }
    }
    java.util.Set<String> missing = new java.util.TreeSet<>(whole.keySet());
    missing.removeAll(kept.keySet());
    assertThat(rechecked).isEqualTo(missing);
    assertThat(resumed.keySet()).isEqualTo(whole.keySet());
    for (String domain : whole.keySet()) {
      assertThat(resumed.get(domain))
          .as(() -> difference(resumed.get(domain), whole.get(domain)))
          .isEqualTo(whole.get(domain));
    }
    return rechecked;
  }

  /**
   * The job as its own JVM (as bin/dane-scan-spark runs it) against the lab, in local[2], with
   * {@code partitions} stage-3 tasks and its Spark scratch dirs under the test's dir.
   */
  static List<String> jobProcess(Path output, int partitions) throws IOException {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The one list of the JVM options Spark needs (pom.xml spark.jvm.options).
    try (java.io.InputStream in =
        DaneScanJobLabTest.class.getResourceAsStream("/dane-check-spark-jvm.options")) {
      assertThat(in).as("dane-check-spark-jvm.options").isNotNull();
      command.addAll(
          List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split("\\s+")));
    }
    command.addAll(
        List.of(
            "-Xmx768m",
            "-Dspark.ui.enabled=false",
            "-Dspark.driver.host=127.0.0.1",
            "-Dspark.driver.bindAddress=127.0.0.1",
            "-Dspark.local.dir=" + dir.resolve("sigkill-spark-local"),
            "-cp",
            System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
            DaneScanJob.class.getName(),
            "--master",
            "local[2]",
            "--partitions",
            String.valueOf(partitions),
            "--probe-partitions",
            "4",
            "--timeout",
            String.valueOf(config.timeoutSeconds()),
            "--output",
            output.toString()));
    command.addAll(labOptions());
    return command;
  }

  /** dane-scan's and the job's options that point them at the lab and its input. */
  static List<String> labOptions() {
    Path labDir = dir.resolve("lab");
    return List.of(
        "--resolver",
        config.resolvers().get(0),
        "--port",
        String.valueOf(config.port()),
        "--trust-anchor",
        labDir.resolve("trust-anchor.txt").toString(),
        "--ca-file",
        labDir.resolve("lab-ca.pem").toString(),
        "--input",
        lab.domainsFile().toString());
  }

  static List<Path> partFiles(Path results) throws IOException {
    return files(results, "part-.*\\.jsonl");
  }

  /** Stage-3 tasks' temporary files: written while a task runs, renamed when it finishes. */
  static List<Path> unfinished(Path results) throws IOException {
    return files(results, "_tmp-.*\\.jsonl");
  }

  static List<Path> files(Path results, String regex) throws IOException {
    if (!Files.isDirectory(results)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(results)) {
      return files.filter(p -> p.getFileName().toString().matches(regex)).sorted().toList();
    } catch (java.nio.file.NoSuchFileException e) {
      return List.of(); // a file renamed while listed
    }
  }

  static String tail(Path log) {
    try {
      String text = Files.readString(log);
      return text.substring(Math.max(0, text.length() - 4000));
    } catch (IOException e) {
      return e.toString();
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
    return partFiles(results).size();
  }

  @Test
  @Order(7)
  void badTargetKeysAreRefused() {
    assertThatThrownBy(() -> org.danecheck.core.ProbeTarget.parse("x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
