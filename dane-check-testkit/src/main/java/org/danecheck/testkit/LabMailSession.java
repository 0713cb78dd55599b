package org.danecheck.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.danecheck.testkit.MailPersona.Behaviour;

/** One SMTP session of a lab server, on a pool thread. */
final class LabMailSession implements Runnable {
  private static final int MAX_COMMAND_LINE = 4096;
  private static final int MAX_ENDLESS_LINES = 100_000;

  private final Socket socket;
  private final MailPersona persona;
  private final JcaTlsCrypto crypto;
  private final Duration serverLatency;
  private final Duration sessionTimeout;
  private final Consumer<String> serverNameSink;
  private final Runnable onClose;
  private final long endNanos;

  LabMailSession(
      Socket socket,
      MailPersona persona,
      JcaTlsCrypto crypto,
      Duration serverLatency,
      Duration sessionTimeout,
      Consumer<String> serverNameSink,
      Runnable onClose) {
    this.socket = socket;
    this.persona = persona;
    this.crypto = crypto;
    this.serverLatency = serverLatency;
    this.sessionTimeout = sessionTimeout;
    this.serverNameSink = serverNameSink;
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
    Behaviour behaviour = persona.behaviour();
    if (behaviour == Behaviour.SLOW_GREETING) {
      pause(in, persona.greetingDelay());
    }
    switch (behaviour) {
      case GREETING_554 -> {
        reply(out, "554 5.3.2 " + persona.hostName() + " lab persona refuses service");
        // RFC 5321 3.1: after a 554 greeting the server waits for QUIT.
        commandLoop(in, out, false);
        return;
      }
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
      case GARBAGE -> {
        reply(out, "220-" + "x".repeat(8000));
        reply(out, "\u0000\u00ff garbage");
        return;
      }
      default -> reply(out, "220 " + persona.hostName() + " ESMTP lab");
    }
    if (behaviour == Behaviour.DROP_AFTER_GREETING) {
      readLine(in);
      return;
    }
    commandLoop(in, out, false);
  }

  private void commandLoop(InputStream in, OutputStream out, boolean tls) throws IOException {
    Behaviour behaviour = persona.behaviour();
    while (System.nanoTime() - endNanos < 0) {
      String line = readLine(in);
      if (line == null) {
        return;
      }
      String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
      switch (verb) {
        case "EHLO" -> {
          if (behaviour == Behaviour.ENDLESS_CONTINUATION) {
            for (int i = 0; i < MAX_ENDLESS_LINES && System.nanoTime() - endNanos < 0; i++) {
              out.write(("250-ENDLESS" + i + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            return;
          }
          boolean offer = !tls && behaviour != Behaviour.NO_STARTTLS;
          reply(
              out,
              "250-" + persona.hostName() + " greets you",
              "250-PIPELINING",
              "250-SIZE 10240000",
              offer ? "250-STARTTLS" : "250-ENHANCEDSTATUSCODES",
              "250 8BITMIME");
        }
        case "HELO", "NOOP", "RSET" -> reply(out, "250 2.0.0 OK");
        case "QUIT" -> {
          reply(out, "221 2.0.0 Bye");
          return;
        }
        case "STARTTLS" -> {
          if (tls || behaviour == Behaviour.NO_STARTTLS) {
            reply(out, "502 5.5.1 STARTTLS not available");
          } else if (behaviour == Behaviour.STARTTLS_454) {
            reply(out, "454 4.7.0 TLS not available due to temporary reason");
          } else {
            reply(out, "220 2.0.0 Ready to start TLS");
            if (behaviour == Behaviour.STALL_AFTER_STARTTLS) {
              pause(in, Duration.ofNanos(Math.max(0, endNanos - System.nanoTime())));
              return;
            }
            TlsServerProtocol protocol = new TlsServerProtocol(in, out);
            protocol.accept(new LabTlsServer(crypto, persona, serverNameSink));
            try {
              commandLoop(protocol.getInputStream(), protocol.getOutputStream(), true);
            } finally {
              protocol.close();
            }
            return;
          }
        }
        case "MAIL", "RCPT", "DATA" -> reply(out, "502 5.5.1 the lab accepts no mail");
        default -> reply(out, "500 5.5.2 command not recognized");
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
