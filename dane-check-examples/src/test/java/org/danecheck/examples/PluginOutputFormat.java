/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plugin output rules of the Monitoring Plugins guidelines, as assertions: one status line
 * first, {@code DANE <STATE> - <text>}, then optionally {@code |} and space-separated perfdata
 * items {@code 'label'=value[UOM][;warn[;crit[;min[;max]]]]}; detail lines after it.
 */
final class PluginOutputFormat {
  /** The status line: service, state, text without '|', optional perfdata. */
  static final Pattern STATUS_LINE =
      Pattern.compile("DANE (OK|WARNING|CRITICAL|UNKNOWN) - ([^|\\n]+?)(?: \\| (.+))?");

  /** One perfdata item; thresholds are range expressions ([@][start:][end], ~ for -inf). */
  static final Pattern PERF_ITEM =
      Pattern.compile(
          "'[^'=]+'=-?[0-9]+(\\.[0-9]+)?(s|ms|us|%|B|c)?"
              + "(;(@?(~|-?[0-9.]+)?:?(-?[0-9.]+)?)?){0,2}(;(-?[0-9.]+)?){0,2}");

  private PluginOutputFormat() {}

  /** Asserts the format and returns the status line's parts: state, text, perfdata (or null). */
  static Matcher assertValid(String output) {
    assertThat(output).endsWith("\n").doesNotContain("\r");
    String first = output.substring(0, output.indexOf('\n'));
    Matcher m = STATUS_LINE.matcher(first);
    assertThat(m.matches()).as("status line: %s", first).isTrue();
    if (m.group(3) != null) {
      for (String item : m.group(3).split(" ")) {
        assertThat(PERF_ITEM.matcher(item).matches()).as("perfdata item: %s", item).isTrue();
      }
    }
    return m;
  }
}
