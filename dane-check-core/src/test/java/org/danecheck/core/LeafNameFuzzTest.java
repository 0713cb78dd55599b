/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Fuzzes {@link TlsaMatcher#leafCarriesName}: the first byte is the length of the reference names
 * (UTF-8, one per line), the rest the leaf's DER. Property: true or false, never an exception
 * ("false for bytes that are not a readable certificate"), quickly. {@code mvn verify} replays
 * src/test/resources/org/danecheck/core/LeafNameFuzzTestInputs/leafCarriesName/.
 */
class LeafNameFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void leafCarriesName(byte[] input) {
    int n = input.length == 0 ? 0 : Math.min(input[0] & 0xff, input.length - 1);
    String names = new String(input, 1 > input.length ? 0 : 1, n, StandardCharsets.UTF_8);
    byte[] der = input.length == 0 ? input : Arrays.copyOfRange(input, 1 + n, input.length);
    TlsaMatcher.leafCarriesName(der, new LinkedHashSet<>(List.of(names.split("\n"))));
  }
}
