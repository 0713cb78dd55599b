/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.danecheck.examples.scan.ScanFacts.SessionClass;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * dane-scan's summary ({@link ScanSummary}: every counter, the per-server and per-host counts, the
 * failing domains kept) computed as Spark SQL aggregations over the result lines.
 *
 * <p>Each line is counted by the scanner's own code, a one-domain {@link ScanSummary} (so what a
 * figure means is defined once, in ScanSummary.add), and its figures become rows {@code (kind, key,
 * position, n)}: counters, server and host count arrays, and the line itself when the domain fails.
 * Across domains the figures are summed by a group-by, which is exactly what {@link
 * ScanSummary#merge} does for shards, and the failing domains kept are the first {@value
 * ScanSummary#MAX_FAILING_KEPT} by name. The sums are written in ScanSummary's JSON and read back
 * with {@link ScanSummary#fromJson}, so the Markdown and HTML come from dane-scan's {@link
 * SummaryReport}. Not applied: ScanSummary's {@value ScanSummary#MAX_SERVERS}-entry bound per map.
 */
final class SparkSummary {
  private SparkSummary() {}

  /** One figure of one domain: a counter (position 0) or one cell of a count array. */
  static final StructType FIGURE =
      new StructType()
          .add("kind", DataTypes.StringType, false)
          .add("key", DataTypes.StringType, false)
          .add("counts", DataTypes.createArrayType(DataTypes.LongType, false), false);

  private static final StructType FAILING =
      new StructType()
          .add("domain", DataTypes.StringType, false)
          .add("line", DataTypes.StringType, false);

  static Dataset<Row> figures(Dataset<String> lines) {
    return lines.flatMap(
        (FlatMapFunction<String, Row>)
            line -> {
              ScanSummary one = new ScanSummary();
              one.add(ScanFacts.ofJson(line), line);
              List<Row> rows = new ArrayList<>();
              one.counters("")
                  .forEach((k, v) -> rows.add(RowFactory.create("c", k, new Long[] {v})));
              one.servers().forEach((k, v) -> rows.add(RowFactory.create("s", k, boxed(v))));
              one.hosts().forEach((k, v) -> rows.add(RowFactory.create("h", k, boxed(v))));
              return rows.iterator();
            },
        Encoders.row(FIGURE));
  }

  private static Long[] boxed(int[] counts) {
    Long[] out = new Long[counts.length];
    for (int i = 0; i < counts.length; i++) {
      out[i] = (long) counts[i];
    }
    return out;
  }

  /** The summary of these result lines (no coverage: the caller adds what the run covered). */
  static ScanSummary of(Dataset<String> lines) {
    Dataset<Row> sums =
        figures(lines)
            .select(col("kind"), col("key"), posexplode(col("counts")).as(new String[] {"i", "n"}))
            .groupBy("kind", "key", "i")
            .agg(sum("n").as("n"));
    Map<String, Long> counters = new TreeMap<>();
    Map<String, long[]> servers = new TreeMap<>();
    Map<String, long[]> hosts = new TreeMap<>();
    for (Row r : sums.collectAsList()) {
      String kind = r.getString(0);
      String key = r.getString(1);
      int i = r.getInt(2);
      long n = r.getLong(3);
      switch (kind) {
        case "c" -> counters.put(key, n);
        case "s" -> servers.computeIfAbsent(key, k -> new long[ScanSummary.SERVER_COUNTS])[i] = n;
        default -> hosts.computeIfAbsent(key, k -> new long[ScanSummary.HOST_COUNTS])[i] = n;
      }
    }
    List<Row> failing =
        lines
            .flatMap(
                (FlatMapFunction<String, Row>)
                    line -> {
                      ScanSummary one = new ScanSummary();
                      one.add(ScanFacts.ofJson(line), line);
                      return one.failing().entrySet().stream()
                          .map(e -> RowFactory.create(e.getKey(), e.getValue()))
                          .iterator();
                    },
                Encoders.row(FAILING))
            .orderBy("domain")
            .limit(ScanSummary.MAX_FAILING_KEPT)
            .collectAsList();
    ObjectNode w = ScanJson.object();
    w.put("format", ScanSummary.FORMAT);
    ArrayNode classes = w.putArray("sessionClasses");
    for (SessionClass c : SessionClass.values()) {
      classes.add(c.name());
    }
    ObjectNode counterNode = w.putObject("counters");
    counters.forEach(counterNode::put);
    array(w.putObject("servers"), servers);
    array(w.putObject("hosts"), hosts);
    ObjectNode failingNode = w.putObject("failing");
    failing.forEach(r -> failingNode.put(r.getString(0), r.getString(1)));
    return ScanSummary.fromJson(ScanJson.write(w));
  }

  private static void array(ObjectNode into, Map<String, long[]> counts) {
    counts.forEach(
        (k, v) -> {
          ArrayNode a = into.putArray(k);
          for (long n : v) {
            a.add(n);
          }
        });
  }
}
