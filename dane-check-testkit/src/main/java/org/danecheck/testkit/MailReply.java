/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.testkit;

import java.util.List;

/** What a lab mail server does in answer to a {@link MailCommand}. Immutable. */
public final class MailReply {
  enum Kind {
    REPLY,
    START_TLS,
    CLOSE,
    STALL,
    MAIL_TRANSACTION
  }

  private static final MailReply MAIL_TRANSACTION = new MailReply(Kind.MAIL_TRANSACTION, List.of());

  final Kind kind;
  private final List<String> lines;

  private MailReply(Kind kind, List<String> lines) {
    this.kind = kind;
    this.lines = List.copyOf(lines);
    for (String line : this.lines) {
      if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("a reply line must not contain CR or LF: " + line);
      }
    }
  }

  /**
   * Sends these lines (e.g. {@code "250-mx greets you", "250 STARTTLS"}; the server adds CRLF) and
   * reads the next command.
   */
  public static MailReply of(String... lines) {
    if (lines.length == 0) {
      throw new IllegalArgumentException("a reply has at least one line");
    }
    return new MailReply(Kind.REPLY, List.of(lines));
  }

  /**
   * Sends this line (e.g. {@code "220 2.0.0 Ready to start TLS"}), then the TLS handshake of the
   * persona; the session goes on inside TLS. Only outside TLS: inside, it ends the session.
   */
  public static MailReply startTls(String line) {
    return new MailReply(Kind.START_TLS, List.of(line));
  }

  /** Sends these lines, if any, and closes the connection. */
  public static MailReply close(String... lines) {
    return new MailReply(Kind.CLOSE, List.of(lines));
  }

  /**
   * Sends these lines, if any, then says nothing more until the client hangs up or the session's
   * time is up.
   */
  public static MailReply stall(String... lines) {
    return new MailReply(Kind.STALL, List.of(lines));
  }

  /**
   * The server's own mail transaction answers: {@code MAIL}, {@code RCPT}, {@code DATA} and {@code
   * RSET} as {@link LabMailServer.Builder#acceptMail(boolean)} describes; any other command gets
   * {@code 500}.
   */
  public static MailReply mailTransaction() {
    return MAIL_TRANSACTION;
  }

  /** The lines sent, without CRLF. */
  public List<String> lines() {
    return lines;
  }

  @Override
  public String toString() {
    return kind + " " + lines;
  }
}
