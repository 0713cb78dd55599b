/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsFileTest {
  @TempDir Path dir;

  @Test
  void resumeCutsAPartialLastLineAndReadsTheRest() throws Exception {
    Path file = dir.resolve("results.jsonl");
    Files.writeString(
        file, "{\"domain\":\"a.example\"}\n{\"domain\":\"b.example\"}\n{\"domain\":\"c.ex");
    List<String> lines = new ArrayList<>();
    long cut = ResultsFile.readForResume(file, lines::add);
    assertThat(cut).isEqualTo("{\"domain\":\"c.ex".length());
    assertThat(lines).hasSize(2);
    assertThat(Files.readString(file)).endsWith("b.example\"}\n");
  }

  @Test
  void aFileWithoutAnyCompleteLineBecomesEmpty() throws Exception {
    Path file = dir.resolve("results.jsonl");
    Files.writeString(file, "{\"domain\":");
    assertThat(ResultsFile.readForResume(file, l -> {})).isEqualTo(10);
    assertThat(Files.size(file)).isZero();
    assertThat(ResultsFile.readForResume(dir.resolve("missing"), l -> {})).isZero();
  }
}
