/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

/**
 * Text from outside (certificate names, server replies, DNS data, input lines, files being merged)
 * made safe to print for people: on a terminal, in a monitoring system's status line, in a log or a
 * Markdown table. Every human-readable output of the tools passes the text it did not write through
 * {@link #of}; JSON output does not (its writer escapes, and JSON must carry the exact value).
 */
public final class SafeText {
  private SafeText() {}

  /**
   * The text on one line with nothing that can act on a terminal or a reader: runs of CR, LF and
   * TAB become one space (a multi-line server reply reads as one line); every other C0 control
   * character (ESC, VT, FF, NUL...), DEL and C1 control (NEL U+0085, CSI U+009B...) , the line and
   * paragraph separators U+2028/U+2029 and the bidirectional formatting characters (embeddings and
   * overrides U+202A-U+202E, isolates U+2066-U+2069, marks U+200E, U+200F and U+061C, which can
   * make text read in another order than it is stored, CVE-2021-42574) become a visible escape,
   * {@code \x1B} or {@code \u2028}. Null is printed as {@code null}.
   */
  public static String of(Object value) {
    String text = String.valueOf(value);
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean space = c == '\r' || c == '\n' || c == '\t';
      if (!space && !unsafe(c)) {
        if (out != null) {
          out.append(c);
        }
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (space) {
        if (out.length() == 0 || out.charAt(out.length() - 1) != ' ') {
          out.append(' ');
        }
      } else if (c < 0x100) {
        out.append(String.format("\\x%02X", (int) c));
      } else {
        out.append(String.format("\\u%04X", (int) c));
      }
    }
    return out == null ? text : out.toString();
  }

  /** Whether a character is one {@link #of} replaces by an escape. */
  static boolean unsafe(char c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || c == 0x2028
        || c == 0x2029
        || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069)
        || c == 0x200e
        || c == 0x200f
        || c == 0x061c;
  }
}
