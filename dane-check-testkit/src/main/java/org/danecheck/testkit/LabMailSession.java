/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.danecheck.testkit.MailPersona.Behaviour;

/** One SMTP session of a lab server, on a pool thread. */
final class LabMailSession implements Runnable {
  private static final int MAX_COMMAND_LINE = 4096;
  private static final int MAX_ENDLESS_LINES = 100_000;

  /** The most bytes of one message's DATA (the size EHLO announces). */
  static final int MAX_MESSAGE_BYTES = 10_240_000;

  /** Where a session's mail goes: whether it takes mail, and what it records. */
  interface Mailbox {
    /** Whether the server takes mail at all. */
    boolean accepts();

    /** A MAIL command arrived (accepted or not). */
    void mailCommand();

    /** A message was accepted. */
    void deliver(LabMessage message);
  }

  private final Socket socket;
  private final InetAddress address;
  private final int sessionNumber;
  private final MailPersona persona;
  private final MailDispatcher dispatcher;
  private final JcaTlsCrypto crypto;
  private final Duration serverLatency;
  private final Duration sessionTimeout;
  private final Consumer<String> serverNameSink;
  private final Mailbox mailbox;
  private final Runnable onClose;
  private final long endNanos;
  private volatile String sessionServerName = "";
  private String mailFrom;
  private final List<String> recipients = new ArrayList<>();

  LabMailSession(
      Socket socket,
      InetAddress address,
      int sessionNumber,
      MailPersona persona,
      MailDispatcher dispatcher,
      JcaTlsCrypto crypto,
      Duration serverLatency,
      Duration sessionTimeout,
      Consumer<String> serverNameSink,
      Mailbox mailbox,
      Runnable onClose) {
    this.socket = socket;
    this.address = address;
    this.sessionNumber = sessionNumber;
    this.persona = persona;
    this.dispatcher = dispatcher;
    this.crypto = crypto;
    this.serverLatency = serverLatency;
    this.sessionTimeout = sessionTimeout;
    this.serverNameSink =
        name -> {
          sessionServerName = name;
          serverNameSink.accept(name);
        };
    this.mailbox = mailbox;
    this.onClose = onClose;
    this.endNanos = System.nanoTime() + sessionTimeout.toNanos();
  }

  @Override
  public void run() {
    try {
      socket.setSoTimeout((int) Math.max(1, sessionTimeout.toMillis()));
      serve(socket.getInputStream(), socket.getOutputStream());
    } catch (IOException | RuntimeException e) {
      // The client went away, timed out or spoke nonsense: the session just ends.
    } finally {
      try {
        socket.close();
      } catch (IOException e) {
        // closed anyway
      }
      onClose.run();
    }
  }

  private void serve(InputStream in, OutputStream out) throws IOException {
    // Faults of the byte stream itself, which no reply can express; the rest is the dispatcher's.
    switch (persona.behaviour()) {
      case SLOW_GREETING -> pause(in, persona.greetingDelay());
      case TRICKLE -> {
        // One byte at a time, each well within any per-read timeout, never ending the reply.
        byte[] line = "220-trickle\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; System.nanoTime() - endNanos < 0; i++) {
          out.write(line[i % line.length]);
          out.flush();
          sleep(persona.greetingDelay().toNanos());
        }
        return;
      }
      case SILENT -> {
        // Reads only to notice a client that hangs up; the client has nothing to say first.
        untilClientCloses(in);
        return;
      }
      case NEVER_READS -> {
        reply(out, "220 " + persona.hostName() + " ESMTP lab (never reads)");
        while (System.nanoTime() - endNanos < 0 && !socket.isClosed()) {
          sleep(Math.min(50_000_000L, endNanos - System.nanoTime()));
        }
        return;
      }
      default -> {
        // answered below
      }
    }
    if (perform(dispatch("", false), in, out, false)) {
      commandLoop(in, out, false);
    }
  }

  private MailReply dispatch(String line, boolean tls) {
    MailCommand command = new MailCommand(address, sessionNumber, line, tls, persona);
    return Objects.requireNonNull(dispatcher.dispatch(command), "the dispatcher's reply");
  }

  private void commandLoop(InputStream in, OutputStream out, boolean tls) throws IOException {
    while (System.nanoTime() - endNanos < 0) {
      String line = readLine(in);
      if (line == null) {
        return;
      }
      if (line.isEmpty()) {
        reply(out, "500 5.5.2 command not recognized");
        continue;
      }
      String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
      if (verb.equals("EHLO") && persona.behaviour() == Behaviour.ENDLESS_CONTINUATION) {
        for (int i = 0; i < MAX_ENDLESS_LINES && System.nanoTime() - endNanos < 0; i++) {
          out.write(("250-ENDLESS" + i + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        return;
      }
      MailReply answer = dispatch(line, tls);
      if (answer.kind == MailReply.Kind.MAIL_TRANSACTION) {
        transaction(verb, line, in, out, tls);
      } else if (answer.kind == MailReply.Kind.START_TLS) {
        if (tls) {
          throw new IllegalStateException("STARTTLS inside TLS");
        }
        reply(out, answer.lines().toArray(String[]::new));
        TlsServerProtocol protocol = new TlsServerProtocol(in, out);
        protocol.accept(new LabTlsServer(crypto, persona, serverNameSink));
        // RFC 3207 4.2: after the handshake the server discards what it knew of the client.
        resetTransaction();
        try {
          commandLoop(protocol.getInputStream(), protocol.getOutputStream(), true);
        } finally {
          protocol.close();
        }
        return;
      } else if (!perform(answer, in, out, tls)) {
        return;
      }
    }
  }

  /** Sends a reply; whether the session goes on (false after CLOSE and STALL). */
  private boolean perform(MailReply answer, InputStream in, OutputStream out, boolean tls)
      throws IOException {
    if (!answer.lines().isEmpty()) {
      reply(out, answer.lines().toArray(String[]::new));
    }
    switch (answer.kind) {
      case REPLY -> {
        return true;
      }
      case STALL -> {
        pause(in, Duration.ofNanos(Math.max(0, endNanos - System.nanoTime())));
        return false;
      }
      case CLOSE -> {
        return false;
      }
      default ->
          // MAIL_TRANSACTION and START_TLS are answers to commands, not greetings.
          throw new IllegalStateException(answer.kind + " is no greeting");
    }
  }

  /** The server's own MAIL, RCPT, DATA and RSET ({@link MailReply#mailTransaction()}). */
  private void transaction(String verb, String line, InputStream in, OutputStream out, boolean tls)
      throws IOException {
    switch (verb) {
      case "RSET" -> {
        resetTransaction();
        reply(out, "250 2.0.0 OK");
      }
      case "MAIL" -> {
        mailbox.mailCommand();
        if (!mailbox.accepts()) {
          reply(out, "502 5.5.1 the lab accepts no mail");
        } else if (mailFrom != null) {
          reply(out, "503 5.5.1 nested MAIL command");
        } else {
          mailFrom = path(line, "FROM:");
          reply(out, "250 2.1.0 OK");
        }
      }
      case "RCPT" -> {
        if (!mailbox.accepts()) {
          reply(out, "502 5.5.1 the lab accepts no mail");
        } else if (mailFrom == null) {
          reply(out, "503 5.5.1 need MAIL first");
        } else {
          String recipient = path(line, "TO:");
          if (recipient.toLowerCase(Locale.ROOT).startsWith("nobody@")) {
            reply(out, "550 5.1.1 <" + recipient + ">: no such user here");
          } else {
            recipients.add(recipient);
            reply(out, "250 2.1.5 OK");
          }
        }
      }
      case "DATA" -> {
        if (!mailbox.accepts()) {
          reply(out, "502 5.5.1 the lab accepts no mail");
        } else if (recipients.isEmpty()) {
          reply(out, "503 5.5.1 need RCPT first");
        } else {
          reply(out, "354 End data with <CR><LF>.<CR><LF>");
          String content = readData(in);
          if (content == null) {
            reply(out, "552 5.3.4 message too big");
          } else {
            mailbox.deliver(
                new LabMessage(
                    socket.getLocalAddress(),
                    tls,
                    tls ? sessionServerName : "",
                    mailFrom,
                    recipients,
                    content));
            reply(out, "250 2.0.0 OK queued by the lab");
          }
          resetTransaction();
        }
      }
      default -> reply(out, "500 5.5.2 command not recognized");
    }
  }

  private void resetTransaction() {
    mailFrom = null;
    recipients.clear();
  }

  /** The path of {@code MAIL FROM:<path>} or {@code RCPT TO:<path>}, without brackets. */
  private static String path(String line, String keyword) {
    String rest = line.length() > 5 ? line.substring(5).strip() : "";
    if (rest.regionMatches(true, 0, keyword, 0, keyword.length())) {
      rest = rest.substring(keyword.length()).strip();
    }
    int open = rest.indexOf('<');
    int close = rest.indexOf('>', open + 1);
    return open >= 0 && close > open ? rest.substring(open + 1, close) : rest.split(" ", 2)[0];
  }

  /**
   * The message after DATA, up to the line with a single dot, dot-unstuffed (RFC 5321 4.5.2); null
   * when it is larger than {@link #MAX_MESSAGE_BYTES} (the rest is read and dropped).
   */
  private static String readData(InputStream in) throws IOException {
    StringBuilder content = new StringBuilder();
    boolean tooBig = false;
    while (true) {
      String line = readLine(in);
      if (line == null) {
        throw new IOException("the client closed the connection in DATA");
      }
      if (line.equals(".")) {
        return tooBig ? null : content.toString();
      }
      if (!tooBig) {
        content.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
        tooBig = content.length() > MAX_MESSAGE_BYTES;
      }
    }
  }

  private void reply(OutputStream out, String... lines) throws IOException {
    // A plain sleep: a read here could swallow a pipelined command.
    sleep(serverLatency.plus(persona.latency()).toNanos());
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      text.append(line).append("\r\n");
    }
    out.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /**
   * Waits, but notices a client that hangs up meanwhile (a read returns end of stream). Only used
   * where the client has no reason to send anything.
   */
  private void pause(InputStream in, Duration delay) throws IOException {
    long until = System.nanoTime() + delay.toNanos();
    int saved = socket.getSoTimeout();
    try {
      while (true) {
        long left = Math.min(until, endNanos) - System.nanoTime();
        if (left <= 0) {
          return;
        }
        if (in != socket.getInputStream()) {
          // Inside TLS a read would consume records; just sleep.
          sleep(left);
          return;
        }
        socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
        try {
          if (in.read() < 0) {
            throw new IOException("client closed the connection");
          }
        } catch (SocketTimeoutException e) {
          return;
        }
      }
    } finally {
      socket.setSoTimeout(saved);
    }
  }

  /** Reads and drops whatever comes until the client hangs up or the session's time is up. */
  private void untilClientCloses(InputStream in) throws IOException {
    byte[] sink = new byte[512];
    while (true) {
      long left = endNanos - System.nanoTime();
      if (left <= 0) {
        return;
      }
      socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
      try {
        if (in.read(sink) < 0) {
          return;
        }
      } catch (SocketTimeoutException e) {
        return;
      }
    }
  }

  private static void sleep(long nanos) throws IOException {
    if (nanos <= 0) {
      return;
    }
    try {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      if (line.size() >= MAX_COMMAND_LINE) {
        throw new IOException("command line too long");
      }
      line.write(b);
    }
  }
}
