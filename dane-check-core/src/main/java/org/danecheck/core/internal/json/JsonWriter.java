/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.json;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A minimal streaming JSON writer: enough for the report, with correct string escaping, and no
 * dependency. Misuse (a value where a name is due) is a programmer error and throws.
 */
public final class JsonWriter {
  private final StringBuilder out;
  private final Deque<Boolean> firstInScope = new ArrayDeque<>();
  private boolean afterName;

  /** A writer appending to a new buffer. */
  public JsonWriter() {
    this(new StringBuilder(1024));
  }

  /** A writer appending to the given buffer. */
  public JsonWriter(StringBuilder out) {
    this.out = out;
  }

  /** Starts an object. */
  public JsonWriter beginObject() {
    beforeValue();
    out.append('{');
    firstInScope.push(true);
    return this;
  }

  /** Ends the current object. */
  public JsonWriter endObject() {
    firstInScope.pop();
    out.append('}');
    return this;
  }

  /** Starts an array. */
  public JsonWriter beginArray() {
    beforeValue();
    out.append('[');
    firstInScope.push(true);
    return this;
  }

  /** Ends the current array. */
  public JsonWriter endArray() {
    firstInScope.pop();
    out.append(']');
    return this;
  }

  /** Writes a member name; a value must follow. */
  public JsonWriter name(String name) {
    if (afterName) {
      throw new IllegalStateException("a value is due after name, not name '" + name + "'");
    }
    separate();
    string(name);
    out.append(':');
    afterName = true;
    return this;
  }

  /** Writes a string value. */
  public JsonWriter value(String value) {
    beforeValue();
    string(value);
    return this;
  }

  /** Writes a number value. */
  public JsonWriter value(long value) {
    beforeValue();
    out.append(value);
    return this;
  }

  /** Writes a boolean value. */
  public JsonWriter value(boolean value) {
    beforeValue();
    out.append(value);
    return this;
  }

  /** Writes null. */
  public JsonWriter nullValue() {
    beforeValue();
    out.append("null");
    return this;
  }

  /** A name and a string value. */
  public JsonWriter field(String name, String value) {
    return name(name).value(value);
  }

  /** A name and a number value. */
  public JsonWriter field(String name, long value) {
    return name(name).value(value);
  }

  /** A name and a boolean value. */
  public JsonWriter field(String name, boolean value) {
    return name(name).value(value);
  }

  /** The JSON written so far. */
  @Override
  public String toString() {
    return out.toString();
  }

  private void beforeValue() {
    if (afterName) {
      afterName = false;
      return;
    }
    separate();
  }

  private void separate() {
    if (!firstInScope.isEmpty()) {
      if (!firstInScope.peek()) {
        out.append(',');
      }
      firstInScope.pop();
      firstInScope.push(false);
    }
  }

  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          // Control characters and lone surrogates from hostile servers must stay valid JSON.
          if (c < 0x20 || Character.isSurrogate(c) && !validSurrogateAt(s, i)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static boolean validSurrogateAt(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
