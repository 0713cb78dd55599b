/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * A results file edited or cut (for {@code --resume}) or a summary from elsewhere (for {@code
 * merge}) that is JSON of the wrong shape is a message, not a ClassCastException or
 * NullPointerException with a stack trace (found by ResultsJsonFuzzTest; its inputs are replayed).
 */
class ScanFactsJsonTest {
  @Test
  void resultLinesOfTheWrongShapeAreIllegalArguments() {
    assertThatThrownBy(() -> ScanFacts.ofJson("{\"domain\":5}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"domain\" is not a string");
    assertThatThrownBy(() -> ScanFacts.ofJson("{\"domain\":\"a.example\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"verdict\" is missing");
    assertThatThrownBy(
            () ->
                ScanFacts.ofJson(
                    "{\"domain\":\"a.example\",\"mxHosts\":[{\"addressLookups\":[{\"outcome\":\"X\"}]}]}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown value 'X'");
  }

  @Test
  void summariesOfTheWrongShapeAreIllegalArguments() {
    String head =
        "{\"format\":\""
            + ScanSummary.FORMAT
            + "\",\"sessionClasses\":"
            + java.util.Arrays.stream(ScanFacts.SessionClass.values())
                .map(c -> "\"" + c + "\"")
                .toList()
                .toString()
                .replace(" ", "");
    assertThatThrownBy(
            () ->
                ScanSummary.fromJson(
                    head + ",\"counters\":{\"entries\":1.5},\"servers\":{},\"hosts\":{}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a whole number");
    assertThatThrownBy(
            () ->
                ScanSummary.fromJson(
                    head + ",\"counters\":{\"entries\":-1},\"servers\":{},\"hosts\":{}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("out of range");
  }
}
