/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {
  @Test
  void replacesControlSeparatorAndBidiCharactersWithVisibleEscapes() {
    assertThat(SafeText.of("a\u001b[31mred")).isEqualTo("a\\x1B[31mred");
    assertThat(SafeText.of("v\u000bt\u000cf\u0000n\u007f")).isEqualTo("v\\x0Bt\\x0Cf\\x00n\\x7F");
    // C1 controls: NEL and CSI (a one-byte ESC [ on some terminals).
    assertThat(SafeText.of("a\u0085b\u009bc")).isEqualTo("a\\x85b\\x9Bc");
    assertThat(SafeText.of("a\u2028b\u2029c")).isEqualTo("a\\u2028b\\u2029c");
    // Bidi embeddings, overrides, isolates and marks (CVE-2021-42574, "Trojan Source").
    assertThat(
            SafeText.of("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"))
        .isEqualTo(
            "\\u202A\\u202B\\u202C\\u202D\\u202E\\u2066\\u2067\\u2068\\u2069\\u200E\\u200F\\u061C");
  }

  @Test
  void lineBreaksAndTabsBecomeOneSpace() {
    assertThat(SafeText.of("250-a\r\n250 b\tc\n\nd")).isEqualTo("250-a 250 b c d");
  }

  @Test
  void leavesOrdinaryTextAloneAndTheSameInstance() {
    String text = "mx.example.org → CN=Müller, O=例え | ok";
    assertThat(SafeText.of(text)).isSameAs(text);
    assertThat(SafeText.of(null)).isEqualTo("null");
  }

  @Test
  void theCheckDanePluginOutputUsesItAndDropsPipes() {
    PluginResult r =
        PluginResult.of(PluginState.CRITICAL, "mx\u001b]0;owned\u0007 | x\u2028y\u0085z");
    assertThat(r.render(false))
        .isEqualTo("DANE CRITICAL - mx\\x1B]0;owned\\x07 / x\\u2028y\\x85z\n");
  }
}
