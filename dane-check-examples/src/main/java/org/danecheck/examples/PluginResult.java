/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What check_dane prints and exits with: one status line {@code DANE <STATE> - <summary> |
 * <perfdata>}, then, with {@code -v}, detail lines (the guidelines' "long output").
 *
 * @param state the service state
 * @param summary what matters most, one line without {@code |}
 * @param perfData the performance data of the status line
 * @param details the detail lines printed with {@code -v}
 */
record PluginResult(
    PluginState state, String summary, List<PerfDatum> perfData, List<String> details) {
  /** The service name at the start of the status line. */
  static final String SERVICE = "DANE";

  PluginResult {
    Objects.requireNonNull(state, "state");
    summary = oneLine(summary);
    perfData = List.copyOf(perfData);
    // Detail lines keep their indentation.
    details = details.stream().map(d -> oneLine("x" + d).substring(1)).toList();
  }

  /** A result without performance data or details (bad arguments, timeouts). */
  static PluginResult of(PluginState state, String summary) {
    return new PluginResult(state, summary, List.of(), List.of());
  }

  /** The plugin output; {@code verbose} adds the detail lines after the status line. */
  String render(boolean verbose) {
    StringBuilder out = new StringBuilder(SERVICE).append(' ').append(state).append(" - ");
    out.append(summary);
    if (!perfData.isEmpty()) {
      out.append(" | ")
          .append(perfData.stream().map(PerfDatum::toString).collect(Collectors.joining(" ")));
    }
    out.append('\n');
    if (verbose) {
      details.forEach(line -> out.append(line).append('\n'));
    }
    return out.toString();
  }

  /**
   * Text for the plugin output: {@link SafeText#of} (one line, no control, separator or bidi
   * characters), and no {@code |}, which starts performance data.
   */
  static String oneLine(String text) {
    return SafeText.of(text).replace('|', '/').strip();
  }
}
