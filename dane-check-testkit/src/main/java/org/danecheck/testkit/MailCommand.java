/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.testkit;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;

/**
 * One thing a {@link MailDispatcher} answers: the start of a session (the server's greeting) or a
 * command line from the client. Immutable.
 */
public final class MailCommand {
  private final InetAddress address;
  private final int session;
  private final String line;
  private final boolean inTls;
  private final MailPersona persona;

  MailCommand(InetAddress address, int session, String line, boolean inTls, MailPersona persona) {
    this.address = Objects.requireNonNull(address, "address");
    this.session = session;
    this.line = Objects.requireNonNull(line, "line");
    this.inTls = inTls;
    this.persona = Objects.requireNonNull(persona, "persona");
  }

  /** The local address the client connected to. */
  public InetAddress address() {
    return address;
  }

  /** Which session at this address this is: 1 for the first connection, 2 for the second... */
  public int session() {
    return session;
  }

  /** Whether the server is about to greet (no command yet); then {@link #line()} is empty. */
  public boolean isGreeting() {
    return line.isEmpty();
  }

  /** The command line as received, without CRLF; {@code ""} for the greeting. */
  public String line() {
    return line;
  }

  /**
   * The command's verb in upper case ({@code EHLO}, {@code STARTTLS}...); {@code ""} for the
   * greeting.
   */
  public String verb() {
    return line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
  }

  /** Whether the command came inside TLS (after STARTTLS). */
  public boolean inTls() {
    return inTls;
  }

  /** The persona serving this address: {@code persona().dispatch(this)} answers as it would. */
  public MailPersona persona() {
    return persona;
  }

  @Override
  public String toString() {
    return "session "
        + session
        + " at "
        + address.getHostAddress()
        + (inTls ? " (TLS)" : "")
        + ": "
        + (isGreeting() ? "(greeting)" : line);
  }
}
