/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.danecheck.testkit.MailPersona.Behaviour;
import org.junit.jupiter.api.Test;

class LabMailServerTest {
  private static String greeting(InetAddress address, int port) throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 2000);
      socket.setSoTimeout(2000);
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      String line = in.readLine();
      OutputStream out = socket.getOutputStream();
      out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      in.readLine();
      return line;
    }
  }

  @Test
  void servesHundredsOfPersonasOnOnePortWithOneAcceptorThread() throws Exception {
    int threadsBefore = Thread.activeCount();
    try (LabMailServer server = LabMailServer.builder().maxSessions(8).build()) {
      for (int i = 1; i <= 300; i++) {
        server.persona(
            InetAddress.getByName("127.0.79." + (i % 250 + 1)),
            MailPersona.of(Behaviour.NO_STARTTLS).withHostName("mx" + i + ".lab.test"));
      }
      server.start();
      // Fewer threads than personas: one acceptor and a bounded pool.
      assertThat(Thread.activeCount() - threadsBefore).isLessThanOrEqualTo(1);

      assertThat(greeting(InetAddress.getByName("127.0.79.8"), server.port()))
          .isEqualTo("220 mx257.lab.test ESMTP lab");

      // Personas can be added after start, on the same port.
      server.persona(
          InetAddress.getByName("127.0.80.1"),
          MailPersona.of(Behaviour.GREETING_554).withHostName("late.lab.test"));
      assertThat(greeting(InetAddress.getByName("127.0.80.1"), server.port()))
          .startsWith("554 5.3.2 late.lab.test");
      assertThat(server.sessionCount(InetAddress.getByName("127.0.80.1"))).isEqualTo(1);
    }
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (Thread.activeCount() > threadsBefore && System.nanoTime() - end < 0) {
      Thread.sleep(20);
    }
    assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore);
  }

  @Test
  void stuckClientsDoNotOutliveTheSessionTimeout() throws Exception {
    try (LabMailServer server =
        LabMailServer.builder().sessionTimeout(Duration.ofMillis(300)).build()) {
      InetAddress address = InetAddress.getByName("127.0.80.2");
      server.persona(address, MailPersona.of(Behaviour.NO_STARTTLS));
      server.start();
      try (Socket silent = new Socket(address, server.port())) {
        silent.setSoTimeout(3000);
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(silent.getInputStream(), StandardCharsets.US_ASCII));
        assertThat(in.readLine()).startsWith("220 ");
        // Say nothing: the server hangs up after its session timeout.
        assertThat(in.readLine()).isNull();
      }
    }
  }

  @Test
  void listensOnLoopbackOnly() {
    try (LabMailServer server = LabMailServer.builder().build()) {
      assertThatThrownBy(
              () ->
                  server.persona(
                      InetAddress.getByAddress(new byte[] {10, 0, 0, 1}),
                      MailPersona.of(Behaviour.NO_STARTTLS)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void personasCheckTheirChains() {
    TestCertificate ec = TestCertificate.builder().build();
    ServerChain chain = ServerChain.of(ec);

    assertThat(chain.keyAlgorithm()).isEqualTo(KeyAlgorithm.ECDSA);
    assertThat(chain.chainDer()).hasSize(1);
    assertThat(chain.chainDer().get(0)).isEqualTo(ec.certificateDer());
    assertThatThrownBy(() -> MailPersona.of(Behaviour.NORMAL))
        .hasMessageContaining("needs a certificate chain");
    assertThatThrownBy(() -> MailPersona.of(Behaviour.DUAL_CERT, chain))
        .hasMessageContaining("DUAL_CERT");
    assertThatThrownBy(
            () ->
                new MailPersona(
                    Behaviour.NORMAL, List.of(chain, chain), Duration.ZERO, Duration.ZERO, "x"))
        .hasMessageContaining("one chain per key type");
  }

  /** Sends the lines, one command at a time; the last line of the greeting and of each reply. */
  private static List<String> dialogue(InetAddress address, int port, String... commands)
      throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 2000);
      socket.setSoTimeout(2000);
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      OutputStream out = socket.getOutputStream();
      java.util.ArrayList<String> replies = new java.util.ArrayList<>();
      replies.add(lastLine(in));
      for (String command : commands) {
        out.write((command + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        if (command.startsWith("DATA") || !replies.get(replies.size() - 1).startsWith("354")) {
          replies.add(lastLine(in));
        } else if (command.equals(".")) {
          replies.add(in.readLine());
        }
      }
      return replies;
    }
  }

  @Test
  void acceptsAndRecordsMailOnlyWhenAsked() throws Exception {
    InetAddress address = InetAddress.getByName("127.0.81.1");
    try (LabMailServer server = LabMailServer.builder().acceptMail(true).build()) {
      server.persona(address, MailPersona.of(Behaviour.NO_STARTTLS));
      server.start();
      List<String> replies =
          dialogue(
              address,
              server.port(),
              "EHLO client.test",
              "MAIL FROM:<sender@example.test> BODY=8BITMIME",
              "RCPT TO:<nobody@lab.test>",
              "RCPT TO:<user@lab.test>",
              "DATA",
              "Subject: hi",
              "",
              "..a stuffed dot",
              ".",
              "QUIT");
      assertThat(replies.get(2)).startsWith("250 2.1.0");
      assertThat(replies.get(3)).startsWith("550 5.1.1");
      assertThat(replies.get(4)).startsWith("250 2.1.5");
      assertThat(replies.get(5)).startsWith("354");
      assertThat(replies).anyMatch(r -> r.startsWith("250 2.0.0 OK queued"));
      assertThat(server.mailCommands(address)).isEqualTo(1);
      LabMessage message = server.messages(address).get(0);
      assertThat(message.mailFrom()).isEqualTo("sender@example.test");
      assertThat(message.recipients()).containsExactly("user@lab.test");
      assertThat(message.tls()).isFalse();
      assertThat(message.serverName()).isEmpty();
      assertThat(message.content()).isEqualTo("Subject: hi\r\n\r\n.a stuffed dot\r\n");
      assertThat(server.messages()).containsExactly(message);
    }
    try (LabMailServer server = LabMailServer.builder().build()) {
      server.persona(address, MailPersona.of(Behaviour.NO_STARTTLS));
      server.start();
      List<String> replies =
          dialogue(address, server.port(), "EHLO client.test", "MAIL FROM:<a@b.test>", "QUIT");
      assertThat(replies.get(2)).startsWith("502");
      assertThat(server.mailCommands(address)).isEqualTo(1);
      assertThat(server.messages()).isEmpty();
    }
  }

  @Test
  void aDispatcherScriptsRepliesAndLeavesTheRestToThePersona() throws Exception {
    InetAddress address = InetAddress.getByName("127.0.81.2");
    List<MailCommand> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    MailDispatcher script =
        command -> {
          seen.add(command);
          if (command.isGreeting()) {
            return MailReply.of("220-scripted.test", "220 ESMTP scripted");
          }
          if (command.session() == 2 && command.verb().equals("STARTTLS")) {
            return MailReply.of("454 4.7.0 not on the second connection");
          }
          if (command.verb().equals("VRFY")) {
            return MailReply.close("421 4.3.0 closing");
          }
          return command.persona().dispatch(command);
        };
    try (LabMailServer server = LabMailServer.builder().build()) {
      server.persona(address, MailPersona.of(Behaviour.NO_STARTTLS));
      assertThatThrownBy(() -> server.dispatcher(InetAddress.getByName("127.0.81.3"), script))
          .isInstanceOf(IllegalStateException.class);
      server.dispatcher(address, script).start();
      List<String> first = dialogue(address, server.port(), "EHLO c.test", "STARTTLS", "VRFY x");
      // The persona answers EHLO and, having no STARTTLS, 502; VRFY closes the connection.
      assertThat(first)
          .containsExactly(
              "220 ESMTP scripted",
              "250 8BITMIME",
              "502 5.5.1 STARTTLS not available",
              "421 4.3.0 closing");
      List<String> second = dialogue(address, server.port(), "STARTTLS", "QUIT");
      assertThat(second)
          .containsExactly(
              "220 ESMTP scripted", "454 4.7.0 not on the second connection", "221 2.0.0 Bye");
      assertThat(seen)
          .extracting(c -> c.session() + " " + c.verb() + " " + c.inTls())
          .containsExactly(
              "1  false",
              "1 EHLO false",
              "1 STARTTLS false",
              "1 VRFY false",
              "2  false",
              "2 STARTTLS false",
              "2 QUIT false");
    }
  }

  private static String lastLine(BufferedReader in) throws java.io.IOException {
    String line = in.readLine();
    while (line != null && line.length() > 3 && line.charAt(3) == '-') {
      line = in.readLine();
    }
    return line;
  }
}
