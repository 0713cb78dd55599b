/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dane-scan merge} reads summaries as a stream: a summary of 300,000 servers (10 MB of JSON)
 * merges in a 64 MB heap, where reading it as one tree (the text, then a node per count: ~100 MB)
 * ran out of memory (docs/benchmarks.md, "Scale": the million-domain survey's summary holds 467,350
 * servers in 79 MB).
 */
class MergeMemoryTest {
  static final int SERVERS = 300_000;

  @TempDir Path dir;

  @Test
  void aBigSummaryMergesInASmallHeap() throws Exception {
    Path big = dir.resolve("big.json");
    writeSummary(big, SERVERS);
    Path out = dir.resolve("merged.json");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xmx64m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    DaneScanCommand.class.getName(),
                    "merge",
                    big.toString()))
            .redirectOutput(out.toFile())
            .redirectError(dir.resolve("merge.log").toFile())
            .start();
    try {
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("merge finished").isTrue();
      assertThat(p.exitValue()).as(() -> log()).isZero();
    } finally {
      p.destroyForcibly();
    }
    try (Reader in = Files.newBufferedReader(out)) {
      ScanSummary merged = ScanSummary.read(in);
      assertThat(merged.servers()).hasSize(SERVERS);
      assertThat(merged.servers().get(address(SERVERS - 1))[ScanSummary.DOMAINS]).isEqualTo(1);
    }
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("merge.log"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** A summary as dane-scan writes it, with {@code servers} rows, written as a stream. */
  static void writeSummary(Path file, int servers) throws IOException {
    ScanSummary empty = new ScanSummary();
    empty.cover(
        new Coverage("big.txt", "", 1, 1, "2026-12-02T00:00:00Z", "2026-12-02T00:00:00Z", ""));
    String json = empty.toJson();
    String marker = "\"servers\":{";
    int at = json.indexOf(marker) + marker.length();
    assertThat(json.substring(at)).startsWith("}");
    StringBuilder zeros = new StringBuilder();
    for (int i = 1; i < ScanSummary.SERVER_COUNTS; i++) {
      zeros.append(",0");
    }
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(json, 0, at);
      for (int i = 0; i < servers; i++) {
        w.write((i == 0 ? "\"" : ",\"") + address(i) + "\":[1" + zeros + "]");
      }
      w.write(json, at, json.length() - at);
    }
  }

  static String address(int i) {
    return "10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255);
  }
}
