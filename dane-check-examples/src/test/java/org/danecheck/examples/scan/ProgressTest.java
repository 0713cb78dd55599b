/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Issue 14: progress fits the terminal, says something at once, and reads without the source. */
class ProgressTest {
  @Test
  void theLineFitsEightyColumnsAndLabelsReadAsWords() {
    AtomicLong done = new AtomicLong(12_345);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Progress p =
        new Progress(
            new PrintStream(bytes, true, StandardCharsets.UTF_8),
            true,
            1_000_000,
            done::get,
            new ScanSummary())) {
      for (int width : new int[] {40, 79, 120}) {
        assertThat(p.line(width)).hasSizeLessThanOrEqualTo(width);
      }
      assertThat(p.line(79)).startsWith("[").contains("12345/1000000 domains").contains("left");
      assertThat(p.line(200)).contains("sessions: verified 0 trusted 0 untrusted 0 anonymous 0");
      // Printed once at construction, before the first second passed.
      assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("\r[");
    }
  }

  @Test
  void withoutATerminalEachLineIsPlain() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Progress p =
        new Progress(
            new PrintStream(bytes, true, StandardCharsets.UTF_8),
            false,
            -1,
            () -> 7,
            new ScanSummary())) {
      assertThat(p.line()).startsWith("7 domains");
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .startsWith("dane-scan: 7 domains")
        .doesNotContain("\r");
  }
}
