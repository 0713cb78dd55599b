/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A minimal SMTP client for tests of the trust manager in a real JSSE handshake: greeting, EHLO,
 * STARTTLS, the handshake through the given factory (as Jakarta Mail does it: {@code
 * createSocket(plain, host, port, true)}), EHLO again over TLS. Every read has a timeout.
 */
final class StartTls {
  /** The server did not offer STARTTLS or refused it: no TLS session was made. */
  static final class NoTls extends IOException {
    NoTls(String message) {
      super(message);
    }
  }

  private StartTls() {}

  /**
   * Opens a TLS session after STARTTLS; the caller closes the socket.
   *
   * @throws NoTls when the server does not offer or refuses STARTTLS
   * @throws javax.net.ssl.SSLHandshakeException when the handshake fails, e.g. the trust manager
   *     rejects the chain
   */
  static SSLSocket open(InetAddress address, int port, SSLSocketFactory factory)
      throws IOException {
    Socket plain = new Socket();
    try {
      plain.connect(new InetSocketAddress(address, port), 5000);
      plain.setSoTimeout(5000);
      InputStream in = plain.getInputStream();
      OutputStream out = plain.getOutputStream();
      expect(reply(in), "220");
      send(out, "EHLO client.test");
      String ehlo = reply(in);
      expect(ehlo, "250");
      if (!ehlo.contains("STARTTLS")) {
        throw new NoTls("STARTTLS not offered: " + ehlo.strip());
      }
      send(out, "STARTTLS");
      String ready = reply(in);
      if (!ready.startsWith("220")) {
        throw new NoTls("STARTTLS refused: " + ready.strip());
      }
      SSLSocket ssl = (SSLSocket) factory.createSocket(plain, address.getHostAddress(), port, true);
      ssl.startHandshake();
      send(ssl.getOutputStream(), "EHLO client.test");
      expect(reply(ssl.getInputStream()), "250");
      return ssl;
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  /** QUIT, then close. */
  static void quit(SSLSocket ssl) throws IOException {
    try (ssl) {
      send(ssl.getOutputStream(), "QUIT");
      reply(ssl.getInputStream());
    }
  }

  private static void send(OutputStream out, String command) throws IOException {
    out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static void expect(String reply, String code) throws IOException {
    if (!reply.startsWith(code)) {
      throw new IOException("expected " + code + ", got " + reply.strip());
    }
  }

  /** A whole reply: lines until one whose fourth character is a space. */
  private static String reply(InputStream in) throws IOException {
    StringBuilder all = new StringBuilder();
    for (int lines = 0; lines < 100; lines++) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) != '\n') {
        if (b < 0) {
          throw new IOException("connection closed after: " + all + line);
        }
        if (line.size() > 2000) {
          throw new IOException("reply line too long");
        }
        line.write(b);
      }
      String text = line.toString(StandardCharsets.ISO_8859_1).strip();
      all.append(text).append('\n');
      if (text.length() < 4 || text.charAt(3) == ' ') {
        return all.toString();
      }
    }
    throw new IOException("reply too long");
  }
}
