/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.danecheck.core.DomainNames;

/**
 * Fuzzes dane-scan's input reader ({@link DomainInput}: domain lines, Tranco CSV, comments) with
 * any text. Properties: every line is skipped or an entry, never an exception; a valid entry's key
 * is a normalized name (normalizing it again changes nothing), an invalid one has a reason and a
 * bounded key; line numbers rise; each input is quick. {@code mvn verify} replays
 * src/test/resources/org/danecheck/examples/scan/DomainInputFuzzTestInputs/read/.
 */
class DomainInputFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void read(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    DomainInput in = new DomainInput(new BufferedReader(new StringReader(text)));
    long last = 0;
    while (in.hasNext()) {
      DomainInput.Entry e = in.next();
      assertThat(e.lineNumber()).isGreaterThan(last);
      last = e.lineNumber();
      if (e.valid()) {
        assertThat(e.reason()).isEmpty();
        assertThat(DomainNames.normalize(e.key())).isEqualTo(e.key());
      } else {
        assertThat(e.reason()).isNotEmpty();
        assertThat(e.key().length()).isLessThanOrEqualTo(DomainInput.MAX_LINE);
      }
    }
  }
}
