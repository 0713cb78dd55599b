/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.smtp;

import java.util.List;

/**
 * One SMTP reply (RFC 5321 4.2).
 *
 * @param code the three-digit reply code
 * @param lines the text of each line after the code and separator, in order
 */
public record SmtpReply(int code, List<String> lines) {
  /** Copies the lines. */
  public SmtpReply {
    lines = List.copyOf(lines);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("a reply has at least one line");
    }
  }

  /** The reply as the server sent it: each line with its code, joined with {@code \n}. */
  public String text() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      if (i > 0) {
        text.append('\n');
      }
      text.append(code).append(i == lines.size() - 1 ? ' ' : '-').append(lines.get(i));
    }
    return text.toString();
  }

  /** The first line with its code. */
  public String firstLine() {
    return code + " " + lines.get(0);
  }
}
