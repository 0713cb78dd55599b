/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.danecheck.TlsaRecord;

/**
 * Fuzzes what {@code dane-check tlsa} reads from its arguments' files: a --cert file (PEM blocks or
 * one DER certificate, through {@code TlsaGenerator.readCertificates} and {@code Pem}) when the
 * first byte is even, else --tlsa-file zone lines. Property: certificates or records, or {@link
 * BadInputException} (exit 3 with one line), never another exception; each input is quick. {@code
 * mvn verify} replays src/test/resources/org/danecheck/examples/TlsaInputFuzzTestInputs/read/.
 */
class TlsaInputFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void read(byte[] input) {
    byte[] content = input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
    try {
      if (input.length == 0 || (input[0] & 1) == 0) {
        List<byte[]> chain = TlsaCommand.parseChain(content, "cert.pem");
        assertThat(chain).isNotEmpty();
      } else {
        String text = new String(content, StandardCharsets.UTF_8);
        List<TlsaRecord> records = TlsaCommand.Match.parseZone(text.lines().toList(), "zone");
        assertThat(records).isNotEmpty();
      }
    } catch (BadInputException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
