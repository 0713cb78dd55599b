/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads SMTP replies (RFC 5321 4.2) from hostile servers, within bounds.
 *
 * <ul>
 *   <li>A line may be at most {@value #MAX_LINE_BYTES} bytes including CRLF. RFC 5321 4.5.3.1.5
 *       allows 512; real servers exceed that a little, so the reader is liberal but bounded.
 *   <li>A reply may have at most {@value #MAX_LINES} lines.
 *   <li>Lines end with LF; a CR before it is dropped (bare LF is tolerated, as MTAs do).
 * </ul>
 *
 * It buffers what it reads; {@link #discardBuffered()} drops bytes the server sent beyond a reply
 * (before a TLS handshake, so that no plaintext sent before the handshake is read as if it came
 * after it: the STARTTLS response injection of CVE-2011-0411, seen from the client's side).
 */
final class SmtpReplyReader {
  /** The longest reply line accepted, CRLF included. */
  static final int MAX_LINE_BYTES = 4096;

  /** The most lines in one reply. */
  static final int MAX_LINES = 100;

  private final InputStream in;
  private final byte[] buffer = new byte[8192];
  private int position;
  private int limit;

  SmtpReplyReader(InputStream in) {
    this.in = in;
  }

  /** Reads one whole reply. */
  SmtpReply read() throws IOException {
    List<String> lines = new ArrayList<>();
    int code = -1;
    while (true) {
      String line = readLine();
      if (lines.size() == MAX_LINES) {
        throw new SmtpProtocolException("reply has more than " + MAX_LINES + " lines");
      }
      // RFC 5321 4.2: Reply-line = *( Reply-code "-" [ textstring ] CRLF )
      //                             Reply-code [ SP textstring ] CRLF
      if (line.length() < 3
          || !isDigit(line.charAt(0))
          || !isDigit(line.charAt(1))
          || !isDigit(line.charAt(2))
          || (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-')) {
        throw new SmtpProtocolException("malformed reply line: " + printable(line));
      }
      int lineCode = Integer.parseInt(line.substring(0, 3));
      if (code >= 0 && lineCode != code) {
        // RFC 5321 4.2.1: every line of a multiline reply has the same code.
        throw new SmtpProtocolException(
            "reply code changed from " + code + " to " + lineCode + " within one reply");
      }
      code = lineCode;
      lines.add(line.length() > 4 ? line.substring(4) : "");
      if (line.length() == 3 || line.charAt(3) == ' ') {
        return new SmtpReply(code, lines);
      }
    }
  }

  /** Drops bytes already read past the last reply; returns how many. */
  int discardBuffered() {
    int dropped = limit - position;
    position = limit;
    return dropped;
  }

  private String readLine() throws IOException {
    byte[] line = new byte[256];
    int length = 0;
    while (true) {
      if (position == limit) {
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
          throw new SmtpProtocolException(
              length == 0
                  ? "server closed the connection"
                  : "server closed the connection within a reply line");
        }
        position = 0;
        limit = n;
      }
      byte b = buffer[position++];
      if (b == '\n') {
        if (length > 0 && line[length - 1] == '\r') {
          length--;
        }
        return new String(line, 0, length, StandardCharsets.UTF_8);
      }
      // The LF still to come counts towards the bound, so a line of MAX_LINE_BYTES ends here.
      if (length + 2 > MAX_LINE_BYTES) {
        throw new SmtpProtocolException(
            "reply line longer than " + MAX_LINE_BYTES + " bytes (RFC 5321 4.5.3.1.5)");
      }
      if (length == line.length) {
        line = java.util.Arrays.copyOf(line, line.length * 2);
      }
      line[length++] = b;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** At most 80 characters, control characters as {@code ?}, for messages. */
  static String printable(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < 80; i++) {
      char c = text.charAt(i);
      out.append(c < ' ' || c == 127 ? '?' : c);
    }
    if (text.length() > 80) {
      out.append("...");
    }
    return out.toString();
  }
}
