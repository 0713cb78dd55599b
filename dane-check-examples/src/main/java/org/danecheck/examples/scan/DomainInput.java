/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.danecheck.core.DomainNames;

/**
 * Reads a scan's input as a stream, one entry per line: a domain name, or CSV {@code rank,domain}
 * (Tranco/Alexa style). Blank lines, {@code #} comments and a CSV header are skipped. Nothing is
 * kept in memory but the current line; lines longer than {@value #MAX_LINE} characters are invalid
 * entries.
 */
final class DomainInput implements Iterator<DomainInput.Entry> {
  static final int MAX_LINE = 1024;

  /**
   * One input entry.
   *
   * @param key the normalized domain name, or for an invalid entry the trimmed raw text: what
   *     deduplication, sharding and resume go by
   * @param valid whether the name is a valid domain name
   * @param reason why it is invalid, or the empty string
   * @param lineNumber the line it came from, 1-based
   */
  record Entry(String key, boolean valid, String reason, long lineNumber) {}

  private final BufferedReader reader;
  private long lineNumber;
  private Entry next;

  DomainInput(BufferedReader reader) {
    this.reader = reader;
  }

  @Override
  public boolean hasNext() {
    while (next == null) {
      String line;
      try {
        line = reader.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the input: " + e.getMessage(), e);
      }
      if (line == null) {
        return false;
      }
      lineNumber++;
      next = parse(line, lineNumber);
    }
    return true;
  }

  @Override
  public Entry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Entry e = next;
    next = null;
    return e;
  }

  /** The entry of one line, or null when the line is to be skipped. */
  static Entry parse(String line, long lineNumber) {
    String text = line.strip();
    if (text.isEmpty() || text.startsWith("#")) {
      return null;
    }
    if (text.length() > MAX_LINE) {
      return new Entry(
          text.substring(0, 64) + "...", false, "line longer than " + MAX_LINE, lineNumber);
    }
    String name = text;
    int comma = text.indexOf(',');
    if (comma >= 0) {
      String first = text.substring(0, comma).strip();
      String rest = text.substring(comma + 1);
      int comma2 = rest.indexOf(',');
      String second = (comma2 >= 0 ? rest.substring(0, comma2) : rest).strip();
      if (isDigits(first)) {
        name = second;
      } else if (second.equalsIgnoreCase("domain") || first.equalsIgnoreCase("domain")) {
        return null; // a CSV header such as "rank,domain"
      } else {
        name = first;
      }
    }
    name = unquote(name);
    try {
      return new Entry(DomainNames.normalize(name), true, "", lineNumber);
    } catch (IllegalArgumentException e) {
      return new Entry(name, false, e.getMessage(), lineNumber);
    }
  }

  private static boolean isDigits(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1).strip()
        : s;
  }
}
