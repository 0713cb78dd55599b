/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.explode_outer;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.danecheck.DomainReport;
import org.danecheck.core.DaneChecker;
import org.danecheck.core.DomainPolicy;
import org.danecheck.core.DomainReportJson;
import org.danecheck.core.ProbeRecord;
import org.danecheck.core.ProbeTarget;

/**
 * The job's three stages, each a function of Datasets (issue 16):
 *
 * <ol>
 *   <li>{@link #policies}: DNS per domain, the policy lookup ({@link DaneChecker#policy}), and the
 *       probes a check of the domain makes ({@link DaneChecker#probeTargets});
 *   <li>{@link #probes}: the distinct probe targets, repartitioned by server address so that each
 *       server is probed by one task only, under the checker's per-server connection limit and the
 *       task's share of the global rate;
 *   <li>{@link #evaluate}: the probe records joined back to their domains, and each domain checked
 *       from them ({@link DaneChecker#checkAsync(String, Map)}: the check's own decision path).
 * </ol>
 *
 * <p>Every task uses its executor's one checker ({@link ExecutorCheckers}). Work within a task runs
 * {@code inFlight} at a time (a rolling window), as dane-scan's concurrency does.
 */
final class ScanStages {
  private ScanStages() {}

  /** Stage 1's rows: an input entry and the probes its check makes. */
  static final StructType POLICY =
      new StructType()
          .add("domain", DataTypes.StringType, false)
          .add("valid", DataTypes.BooleanType, false)
          .add("reason", DataTypes.StringType, false)
          .add("targets", DataTypes.createArrayType(DataTypes.StringType, false), false);

  /** Stage 2's rows: a probe target (its key) and what the probe saw. */
  static final StructType PROBE =
      new StructType()
          .add("target", DataTypes.StringType, false)
          .add("record", DataTypes.BinaryType, false);

  /**
   * Entries (one per line of text or CSV, or a Parquet column's value), as dane-scan reads them.
   */
  static final StructType ENTRY =
      new StructType()
          .add("domain", DataTypes.StringType, false)
          .add("valid", DataTypes.BooleanType, false)
          .add("reason", DataTypes.StringType, false);

  /** Stage 1: the policy lookup of every valid entry, and its probe targets. */
  static Dataset<Row> policies(Dataset<Row> entries, CheckerConfig config, int inFlight) {
    return entries.mapPartitions(
        (MapPartitionsFunction<Row, Row>)
            rows -> {
              DaneChecker checker = ExecutorCheckers.get(config);
              return inBatches(
                  rows,
                  inFlight,
                  row -> {
                    String domain = row.getString(0);
                    if (!row.getBoolean(1)) {
                      return CompletableFuture.completedFuture(
                          RowFactory.create(domain, false, row.getString(2), new String[0]));
                    }
                    return checker
                        .policyAsync(domain)
                        .thenApply(
                            policy -> RowFactory.create(domain, true, "", keys(checker, policy)));
                  });
            },
        Encoders.row(POLICY));
  }

  private static String[] keys(DaneChecker checker, DomainPolicy policy) {
    return checker.probeTargets(policy).stream().map(ProbeTarget::key).toArray(String[]::new);
  }

  /**
   * Stage 2: each distinct target probed once, all of a server's by one task.
   *
   * @param ratePerTask probes a second at most per task (the global rate over the partitions), 0
   *     for no limit
   */
  static Dataset<Row> probes(
      Dataset<Row> policies,
      CheckerConfig config,
      int partitions,
      double ratePerTask,
      int inFlight) {
    Dataset<Row> targets =
        policies
            .select(explode(col("targets")).as("target"))
            .distinct()
            .withColumn("address", split(col("target"), "\\|").getItem(0))
            .repartition(partitions, col("address"))
            .sortWithinPartitions("address", "target")
            .select("target");
    return targets.mapPartitions(
        (MapPartitionsFunction<Row, Row>)
            rows -> {
              DaneChecker checker = ExecutorCheckers.get(config);
              TokenBucket rate =
                  ratePerTask > 0
                      ? new TokenBucket(ratePerTask, Math.max(1, ratePerTask), System::nanoTime)
                      : null;
              return inBatches(
                  rows,
                  inFlight,
                  row -> {
                    String key = row.getString(0);
                    if (rate != null) {
                      try {
                        rate.take();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted", e);
                      }
                    }
                    return checker
                        .probeAsync(ProbeTarget.parse(key))
                        .thenApply(r -> RowFactory.create(key, r.toBytes()));
                  });
            },
        Encoders.row(PROBE));
  }

  /** Stage 3's input: each entry with the records of its probes. */
  static Dataset<Row> joined(Dataset<Row> policies, Dataset<Row> probes) {
    return policies
        .select(col("domain"), col("valid"), col("reason"), explode_outer(col("targets")).as("t"))
        .join(probes, col("t").equalTo(probes.col("target")), "left")
        .groupBy("domain", "valid", "reason")
        .agg(collect_list(struct(col("target"), col("record"))).as("probes"));
  }

  /**
   * Stage 3: every entry checked from its probe records, and each task's result lines written to
   * {@code resultsDir/part-<run>-<partition>.jsonl} when the task ends (written under a temporary
   * name, then renamed): a job killed mid-way keeps every finished task's lines, and loses only its
   * unfinished tasks, which a re-run redoes.
   */
  static void evaluate(
      Dataset<Row> joined, CheckerConfig config, String resultsDir, String run, int inFlight) {
    joined.foreachPartition(
        rows -> {
          DaneChecker checker = ExecutorCheckers.get(config);
          Iterator<String> lines =
              inBatches(
                  rows,
                  inFlight,
                  row -> {
                    String domain = row.getString(0);
                    if (!row.getBoolean(1)) {
                      return CompletableFuture.completedFuture(
                          ScanEngine.invalidLine(domain, row.getString(2)));
                    }
                    Map<ProbeTarget, ProbeRecord> records = new HashMap<>();
                    for (Row probe : row.<Row>getList(3)) {
                      if (!probe.isNullAt(0) && !probe.isNullAt(1)) {
                        records.put(
                            ProbeTarget.parse(probe.getString(0)),
                            ProbeRecord.fromBytes((byte[]) probe.get(1)));
                      }
                    }
                    return checker
                        .checkAsync(domain, records)
                        .handle(
                            (DomainReport report, Throwable error) ->
                                error != null
                                    ? ScanEngine.invalidLine(domain, "check failed: " + error)
                                    : DomainReportJson.toJson(report));
                  });
          writeTaskFile(resultsDir, run, lines);
        });
  }

  private static void writeTaskFile(String resultsDir, String run, Iterator<String> lines)
      throws IOException {
    int partition = TaskContext.getPartitionId();
    String name = String.format("part-%s-%05d", run, partition);
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(resultsDir);
    FileSystem fs = dir.getFileSystem(new Configuration());
    org.apache.hadoop.fs.Path tmp =
        new org.apache.hadoop.fs.Path(
            dir, "_tmp-" + name + "-" + TaskContext.get().taskAttemptId() + ".jsonl");
    org.apache.hadoop.fs.Path done = new org.apache.hadoop.fs.Path(dir, name + ".jsonl");
    long count = 0;
    try (OutputStream out = fs.create(tmp, true)) {
      while (lines.hasNext()) {
        out.write(lines.next().getBytes(StandardCharsets.UTF_8));
        out.write('\n');
        count++;
      }
    }
    if (count == 0) {
      fs.delete(tmp, false);
      return;
    }
    // A retried attempt of the same partition writes the same lines: the last one stays.
    fs.delete(done, false);
    if (!fs.rename(tmp, done)) {
      throw new IOException("cannot rename " + tmp + " to " + done);
    }
  }

  /**
   * Applies {@code work} to every row, at most {@code inFlight} at a time, and gives the results in
   * the rows' order: a rolling window (a row is started as soon as the oldest result is taken), so
   * only a slow oldest item holds the window up. Lazy: nothing starts before the first hasNext.
   */
  static <T> Iterator<T> inBatches(
      Iterator<Row> rows, int inFlight, Function<Row, CompletableFuture<T>> work) {
    return new Iterator<>() {
      private final java.util.ArrayDeque<CompletableFuture<T>> window =
          new java.util.ArrayDeque<>();

      @Override
      public boolean hasNext() {
        while (window.size() < inFlight && rows.hasNext()) {
          window.add(work.apply(rows.next()));
        }
        return !window.isEmpty();
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        try {
          return window.poll().join();
        } catch (java.util.concurrent.CompletionException e) {
          throw e.getCause() instanceof RuntimeException r
              ? r
              : new UncheckedIOException(new IOException(e.getCause()));
        }
      }
    };
  }
}
