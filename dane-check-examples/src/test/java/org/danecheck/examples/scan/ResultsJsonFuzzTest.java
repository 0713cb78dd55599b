/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes what dane-scan reads back: the JSON reader ({@link ScanJson}, Jackson), a result line for
 * {@code --resume} ({@link ScanFacts#ofJson}) and a shard's summary for {@code merge} ({@link
 * ScanSummary#fromJson}), from any text (a truncated, edited or hostile file). Property: a value or
 * {@link IllegalArgumentException} with a message (the tools print it and exit 3), never another
 * exception; a summary that reads prints back to JSON that reads to an equal summary; each input is
 * quick. {@code mvn verify} replays
 * src/test/resources/org/danecheck/examples/scan/ResultsJsonFuzzTestInputs/read/.
 */
class ResultsJsonFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void read(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    try {
      ScanJson.parseObject(text);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotNull();
    }
    try {
      ScanFacts facts = ScanFacts.ofJson(text);
      new ScanSummary().add(facts);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotNull();
    }
    try {
      ScanSummary summary = ScanSummary.fromJson(text);
      assertThat(ScanSummary.fromJson(summary.toJson())).isEqualTo(summary);
      new SummaryReport(summary, 3).markdown();
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotNull();
    }
  }
}
