/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.danecheck.TlsaMatchResult;

/**
 * Fuzzes {@link TlsaMatcher#match} with chains and TLSA records from fuzz bytes ({@link
 * TlsaFuzzInput}). Properties: a result, never an exception (its documented exceptions are for null
 * arguments only), one evaluation per record, and each input is quick (10 s at most, set in the
 * parent pom). {@code mvn verify} replays
 * src/test/resources/org/danecheck/core/TlsaMatcherFuzzTestInputs/match/.
 */
class TlsaMatcherFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void match(byte[] input) {
    TlsaFuzzInput c = TlsaFuzzInput.decode(input);
    TlsaMatchResult result =
        TlsaMatcher.match(c.records(), c.chain(), c.names(), c.now(), c.profile());
    assertThat(result.outcome()).isNotNull();
    assertThat(result.evaluations()).hasSize(c.records().size());
    if (result.authenticated()) {
      assertThat(c.chain()).isNotEmpty();
      assertThat(c.records()).isNotEmpty();
    }
  }
}
