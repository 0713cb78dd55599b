/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.testkit;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A message a lab mail server accepted ({@link LabMailServer.Builder#acceptMail(boolean)}): the
 * envelope, how the session was secured, and the message as received (dot-unstuffed, CRLF line
 * ends, without the final {@code .} line).
 *
 * @param address the lab address that took it
 * @param tls whether the transaction ran inside TLS (after STARTTLS)
 * @param serverName the SNI name the client sent in that session's handshake, {@code ""} for none
 *     or without TLS
 * @param mailFrom the {@code MAIL FROM} reverse path, without the angle brackets
 * @param recipients the accepted {@code RCPT TO} forward paths, without the angle brackets
 * @param content the message's bytes, ISO-8859-1 decoded (each byte one char)
 */
public record LabMessage(
    InetAddress address,
    boolean tls,
    String serverName,
    String mailFrom,
    List<String> recipients,
    String content) {
  /** Copies the list and checks for nulls. */
  public LabMessage {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(serverName, "serverName");
    Objects.requireNonNull(mailFrom, "mailFrom");
    recipients = List.copyOf(recipients);
    Objects.requireNonNull(content, "content");
  }

  /** The message's bytes as received. */
  public byte[] bytes() {
    return content.getBytes(StandardCharsets.ISO_8859_1);
  }
}
