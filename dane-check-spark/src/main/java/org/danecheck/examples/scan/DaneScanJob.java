/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.danecheck.examples.ConnectionOptions;
import org.danecheck.examples.ResolverOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * dane-scan as a Spark job (issue 16): reads domains (text, CSV {@code rank,domain}, or Parquet
 * with a {@code domain} column), checks them in three stages so that every mail server is probed
 * once across the cluster ({@link ScanStages}), and writes under {@code --output}:
 *
 * <ul>
 *   <li>{@code results/*.jsonl}: the result lines, the same JSON dane-scan writes, one file per
 *       finished stage-3 task;
 *   <li>{@code reports.parquet}: the same results as Parquet, with the schema derived from
 *       docs/report.schema.json ({@link SparkReportSchema});
 *   <li>{@code summary.md}, {@code summary.json}, {@code summary.html}: dane-scan's summary,
 *       computed with Spark SQL ({@link SparkSummary}), rendered by dane-scan's report code.
 * </ul>
 *
 * <p>Re-running with the same output resumes: entries already in {@code results/} are skipped (a
 * left anti-join), so a killed run loses only its unfinished tasks, whose temporary files the
 * re-run deletes.
 */
@Command(
    name = "dane-scan-spark",
    mixinStandardHelpOptions = true,
    description = "dane-scan as a Spark job: one probe per mail server across the cluster.")
public final class DaneScanJob implements Callable<Integer> {
  @Option(
      names = "--input",
      paramLabel = "PATH",
      description = "Domains: text or CSV (rank,domain) lines, or Parquet (*.parquet).")
  String input;

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output dir.")
  String output;

  @Option(
      names = "--lab",
      paramLabel = "N",
      description =
          "Local mode only: start a synthetic lab of N domains in the driver and scan it.")
  Integer labDomains;

  @Option(names = "--seed", description = "With --lab: the plan's seed (default 1).")
  long seed = 1;

  @Option(
      names = "--master",
      description = "Spark master when not set by spark-submit (default local[2]).")
  String master;

  @Option(
      names = "--partitions",
      description = "Partitions of the DNS and evaluation stages (default 4).")
  int partitions = 4;

  @Option(
      names = "--probe-partitions",
      description = "Partitions of the probe stage, by server address (default 4).")
  int probePartitions = 4;

  @Option(
      names = "--concurrency",
      description = "Domains or probes in flight per task (default 64).")
  int inFlight = 64;

  @Option(names = "--per-server", description = "Connections at once to one server (default 2).")
  int perServer = 2;

  @Option(names = "--probe-threads", description = "Probe threads per executor (default 64).")
  int probeThreads = 64;

  @Option(
      names = "--rate",
      description = "Probes a second at most, over the whole job; 0: no limit (default 0).")
  double rate = 0;

  @Spec CommandSpec spec;

  /** {@code --resolver}, {@code --trust-anchor}: the same options as dane-scan's. */
  @Mixin ResolverOptions dns = new ResolverOptions();

  /**
   * {@code --port}, {@code --ca-file}, {@code -4}, {@code -6}, {@code --ehlo}, {@code --ad-trust}.
   */
  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Option(
      names = {"-t", "--timeout"},
      description = "Deadline of one check, s (default 60).")
  int timeoutSeconds = 60;

  @Option(names = "--no-anonymous", negatable = true, description = "Offer aNULL (default on).")
  boolean offerAnonymous = true;

  @Option(names = "--top", description = "Servers listed in the summary (default 20).")
  int top = 20;

  public static void main(String[] args) {
    System.exit(new CommandLine(new DaneScanJob()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    // Usage errors before Spark starts: the same refusals as dane-scan's.
    CheckerConfig given = null;
    if (labDomains != null) {
      if (connection.adTrust()) {
        throw usage(
            "--ad-trust and --lab exclude each other: the lab's DNS server is authoritative and"
                + " sets no AD bit; the scan validates against the lab's trust anchor");
      }
    } else {
      if (input == null) {
        throw usage("--input or --lab is required");
      }
      try {
        given = config();
      } catch (IllegalArgumentException e) {
        throw usage(e.getMessage());
      }
    }
    SparkSession.Builder builder = SparkSession.builder().appName("dane-scan-spark");
    if (master != null) {
      builder.master(master);
    } else if (!new org.apache.spark.SparkConf().contains("spark.master")) {
      builder.master("local[2]");
    }
    if (!new org.apache.spark.SparkConf().contains("spark.sql.shuffle.partitions")) {
      // Spark's 200 suits big joins; the job's shuffles are as wide as its stages.
      builder.config(
          "spark.sql.shuffle.partitions", String.valueOf(Math.max(partitions, probePartitions)));
    }
    SparkSession spark = builder.getOrCreate();
    try {
      if (labDomains != null) {
        Path dir = Files.createTempDirectory("dane-scan-spark-lab");
        try (LabRunner lab =
            LabRunner.start(
                labDomains, seed, SyntheticLab.World.REPRESENTATIVE, Duration.ZERO, dir)) {
          System.err.println("dane-scan-spark: " + lab.describe());
          CheckerConfig config =
              CheckerConfig.forLab(
                  lab.lab(), timeoutSeconds, perServer, probeThreads, offerAnonymous);
          Run run = run(spark, config, lab.domainsFile().toString(), System.err);
          System.err.println(run);
        } finally {
          ExecutorCheckers.closeAll(); // before the lab stops
        }
      } else {
        Run run = run(spark, given, input, System.err);
        System.err.println(run);
      }
      return 0;
    } finally {
      spark.stop();
    }
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  CheckerConfig config() throws IOException {
    return CheckerConfig.of(
        dns, connection, timeoutSeconds, perServer, probeThreads, offerAnonymous);
  }

  /**
   * What a run did and how long each stage took.
   *
   * @param entries entries read (after duplicates)
   * @param skipped entries already in the output (resume)
   * @param checked entries checked by this run
   * @param targets distinct probe targets
   * @param dnsMillis stage 1
   * @param probeMillis stage 2
   * @param evaluateMillis stage 3 (and writing the result lines)
   * @param outputMillis Parquet and the summary
   */
  record Run(
      long entries,
      long skipped,
      long checked,
      long targets,
      long dnsMillis,
      long probeMillis,
      long evaluateMillis,
      long outputMillis) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "dane-scan-spark: %d entries, %d already done, %d checked; %d probe targets; stages: DNS"
              + " %d ms, probes %d ms, evaluation %d ms; Parquet and summary %d ms",
          entries,
          skipped,
          checked,
          targets,
          dnsMillis,
          probeMillis,
          evaluateMillis,
          outputMillis);
    }
  }

  /** The job on this session: reads, skips what is done, runs the stages, writes the outputs. */
  Run run(SparkSession spark, CheckerConfig config, String inputPath, PrintStream err)
      throws IOException {
    Instant started = Instant.now();
    String resultsDir = output + "/results";
    deleteUnfinished(spark, resultsDir);
    Dataset<Row> entries = entries(spark, inputPath).dropDuplicates("domain").cache();
    long total = entries.count();
    Dataset<String> done = resultLines(spark, resultsDir);
    Dataset<Row> todo =
        entries
            .join(
                done.map(
                        (MapFunction<String, String>) l -> ScanFacts.ofJson(l).domain(),
                        Encoders.STRING())
                    .toDF("done"),
                col("domain").equalTo(col("done")),
                "left_anti")
            .repartition(partitions);
    long t0 = System.nanoTime();
    Dataset<Row> policies =
        ScanStages.policies(todo, config, inFlight).persist(StorageLevel.MEMORY_AND_DISK());
    long checked = policies.count();
    long t1 = System.nanoTime();
    double ratePerTask = rate > 0 ? rate / probePartitions : 0;
    Dataset<Row> probes =
        ScanStages.probes(policies, config, probePartitions, ratePerTask, inFlight)
            .persist(StorageLevel.MEMORY_AND_DISK());
    long targets = probes.count();
    long t2 = System.nanoTime();
    String runId =
        started.toString().replaceAll("[^0-9]", "")
            + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    ScanStages.evaluate(
        ScanStages.joined(policies, probes).repartition(partitions),
        config,
        resultsDir,
        runId,
        inFlight);
    long t3 = System.nanoTime();
    probes.unpersist();
    policies.unpersist();
    entries.unpersist();
    Dataset<String> lines = resultLines(spark, resultsDir);
    spark
        .read()
        .schema(SparkReportSchema.resultLine())
        .option("mode", "FAILFAST")
        .json(lines)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(output + "/reports.parquet");
    ScanSummary summary = SparkSummary.of(lines);
    summary.cover(
        new Coverage(
            inputPath.equals("-") ? "-" : Path.of(inputPath).getFileName().toString(),
            localSha(inputPath),
            1,
            1,
            started.truncatedTo(ChronoUnit.SECONDS).toString(),
            Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
            "spark: --partitions "
                + partitions
                + " --probe-partitions "
                + probePartitions
                + " --per-server "
                + perServer
                + (rate > 0 ? " --rate " + rate : "")));
    writeSummary(spark, summary);
    long t4 = System.nanoTime();
    return new Run(
        total,
        total - checked,
        checked,
        targets,
        (t1 - t0) / 1_000_000,
        (t2 - t1) / 1_000_000,
        (t3 - t2) / 1_000_000,
        (t4 - t3) / 1_000_000);
  }

  private static String localSha(String path) {
    try {
      Path p = Path.of(path);
      return Files.isRegularFile(p) ? Coverage.sha256(p) : "";
    } catch (RuntimeException e) {
      return "";
    }
  }

  private void writeSummary(SparkSession spark, ScanSummary summary) throws IOException {
    SummaryReport report = new SummaryReport(summary, top);
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(output);
    org.apache.hadoop.fs.FileSystem fs =
        dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
    write(fs, new org.apache.hadoop.fs.Path(dir, "summary.md"), report.markdown());
    write(fs, new org.apache.hadoop.fs.Path(dir, "summary.json"), summary.toJson());
    write(fs, new org.apache.hadoop.fs.Path(dir, "summary.html"), report.html());
  }

  private static void write(
      org.apache.hadoop.fs.FileSystem fs, org.apache.hadoop.fs.Path p, String text)
      throws IOException {
    try (var out = fs.create(p, true)) {
      out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  /**
   * Deletes the temporary files of a killed run's unfinished stage-3 tasks ({@code _tmp-*.jsonl}):
   * never read as results (Spark skips names starting with {@code _}, and the glob is {@code
   * part-*}), but left behind by a kill, since no shutdown hook runs. One job per output at a time.
   */
  static void deleteUnfinished(SparkSession spark, String resultsDir) throws IOException {
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(resultsDir);
    org.apache.hadoop.fs.FileSystem fs =
        dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
    org.apache.hadoop.fs.FileStatus[] stale =
        fs.globStatus(new org.apache.hadoop.fs.Path(dir, "_tmp-*.jsonl"));
    if (stale != null) {
      for (org.apache.hadoop.fs.FileStatus f : stale) {
        fs.delete(f.getPath(), false);
      }
    }
  }

  /** The result lines written so far (finished tasks' files only; none before the first run). */
  static Dataset<String> resultLines(SparkSession spark, String resultsDir) throws IOException {
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(resultsDir);
    org.apache.hadoop.fs.FileSystem fs =
        dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (!fs.exists(dir)
        || fs.globStatus(new org.apache.hadoop.fs.Path(dir, "part-*.jsonl")).length == 0) {
      return spark.emptyDataset(Encoders.STRING());
    }
    return spark
        .read()
        .textFile(resultsDir + "/part-*.jsonl")
        .filter((org.apache.spark.api.java.function.FilterFunction<String>) l -> !l.isBlank());
  }

  /** The entries of the input, read as dane-scan reads them ({@link DomainInput#parse}). */
  static Dataset<Row> entries(SparkSession spark, String inputPath) {
    Dataset<String> raw;
    if (inputPath.endsWith(".parquet")) {
      Dataset<Row> table = spark.read().parquet(inputPath);
      String column = List.of(table.columns()).contains("domain") ? "domain" : table.columns()[0];
      raw = table.select(col(column).cast("string")).as(Encoders.STRING());
    } else {
      raw = spark.read().textFile(inputPath);
    }
    return raw.flatMap(
        (FlatMapFunction<String, Row>)
            line -> {
              if (line == null) {
                return java.util.Collections.emptyIterator();
              }
              DomainInput.Entry e = DomainInput.parse(line, 0);
              return e == null
                  ? java.util.Collections.emptyIterator()
                  : List.of(RowFactory.create(e.key(), e.valid(), e.reason())).iterator();
            },
        Encoders.row(ScanStages.ENTRY));
  }
}
