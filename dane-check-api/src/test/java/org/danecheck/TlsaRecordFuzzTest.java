/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@link TlsaRecord#parse} (presentation text, the RFC 3597 generic form and whole zone-file
 * lines) with text from fuzz bytes. Properties: it returns a record or throws {@link
 * IllegalArgumentException}, nothing else; a record it returns prints back to text and zone lines
 * that parse to the same record; each input is quick (10 s at most, set in the parent pom). {@code
 * mvn verify} replays src/test/resources/org/danecheck/TlsaRecordFuzzTestInputs/parse/; {@code
 * -Pfuzz} fuzzes.
 */
class TlsaRecordFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void parse(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    TlsaRecord record;
    try {
      record = TlsaRecord.parse(text);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).startsWith("TLSA ");
      return;
    }
    assertThat(TlsaRecord.parse(record.toString())).isEqualTo(record);
    assertThat(TlsaRecord.parse(record.toZoneLine("mx.example.org", 25))).isEqualTo(record);
    assertThat(record.associationData()).hasSizeLessThanOrEqualTo(TlsaRecord.MAX_DATA_LENGTH);
  }
}
