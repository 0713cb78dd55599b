/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicInteger;
import org.danecheck.testkit.MailPersona.Behaviour;
import org.junit.jupiter.api.Test;

/**
 * Labs of more servers than sockets: the wildcard listener, the address range, lazy certificates.
 */
class LabScaleTest {
  /** The first line the server sends, or null when it closes the connection without a word. */
  private static String firstLine(InetAddress address, int port) throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 2000);
      socket.setSoTimeout(3000);
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      return in.readLine();
    }
  }

  private static InetAddress ip(String text) throws Exception {
    return InetAddress.getByName(text);
  }

  @Test
  void aWildcardServerAnswersEachAddressWithItsPersona() throws Exception {
    try (LabMailServer server = LabMailServer.builder().wildcard(true).build()) {
      server.persona(ip("127.0.81.1"), MailPersona.of(Behaviour.NO_STARTTLS).withHostName("a"));
      server.persona(ip("::1"), MailPersona.of(Behaviour.NO_STARTTLS).withHostName("six"));
      server.start();
      server.persona(ip("127.0.81.2"), MailPersona.of(Behaviour.GREETING_554).withHostName("b"));

      assertThat(firstLine(ip("127.0.81.1"), server.port())).isEqualTo("220 a ESMTP lab");
      assertThat(firstLine(ip("127.0.81.2"), server.port())).startsWith("554 5.3.2 b ");
      assertThat(firstLine(ip("::1"), server.port())).isEqualTo("220 six ESMTP lab");
      // An address without a persona: accepted by the wildcard socket, closed unread.
      assertThat(firstLine(ip("127.0.81.3"), server.port())).isNull();
      assertThat(server.sessionCount(ip("127.0.81.1"))).isEqualTo(1);
      assertThat(server.refusedConnections()).isZero();
    }
  }

  @Test
  void aWildcardServerClosesConnectionsToNonLoopbackAddresses() throws Exception {
    // This machine's own non-loopback address: the connection never leaves the host.
    InetAddress own =
        Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
            .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
            .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
            .findFirst()
            .orElse(null);
    assumeThat(own).as("a non-loopback IPv4 address on this machine").isNotNull();
    try (LabMailServer server = LabMailServer.builder().wildcard(true).build()) {
      server.persona(ip("127.0.81.4"), MailPersona.of(Behaviour.NO_STARTTLS));
      server.start();
      assertThat(firstLine(own, server.port())).isNull();
      assertThat(server.refusedConnections()).isEqualTo(1);
      assertThat(server.openSessions()).isZero();
    }
  }

  @Test
  void aLabOfMoreHostsThanItBindsAcceptsOnTheWildcardAddress() throws Exception {
    DaneLab.Builder builder = DaneLab.builder().lazyCertificates(true);
    int hosts = DaneLab.BOUND_ADDRESSES_MAX + 1;
    for (int i = 1; i <= hosts; i++) {
      builder.host("mx" + i + ".hosts.test", h -> h.persona(Behaviour.NO_STARTTLS));
    }
    try (DaneLab lab = builder.start()) {
      InetAddress first = lab.host("mx1.hosts.test").addresses().get(0);
      InetAddress last = lab.host("mx" + hosts + ".hosts.test").addresses().get(0);
      assertThat(first).isEqualTo(ip("127.1.0.1"));
      assertThat(firstLine(first, lab.smtpPort())).isEqualTo("220 mx1.hosts.test ESMTP lab");
      assertThat(firstLine(last, lab.smtpPort()))
          .isEqualTo("220 mx" + hosts + ".hosts.test ESMTP lab");
      // No socket per address: one beyond the lab's hosts is accepted (and closed), not refused.
      assertThat(firstLine(ip("127.1.200.1"), lab.smtpPort())).isNull();
    }
  }

  @Test
  void aSmallLabBindsEachAddress() throws Exception {
    try (DaneLab lab =
        DaneLab.builder().host("mx.small.test", h -> h.persona(Behaviour.NO_STARTTLS)).start()) {
      assertThatThrownBy(() -> firstLine(ip("127.1.200.2"), lab.smtpPort()))
          .isInstanceOf(ConnectException.class);
    }
  }

  @Test
  void hostAddressesGoOnIn127_64AfterThe127_1Range() throws Exception {
    assertThat(DaneLab.Builder.loopback(1)).isEqualTo(ip("127.1.0.1"));
    assertThat(DaneLab.Builder.loopback(65_535)).isEqualTo(ip("127.1.255.255"));
    assertThat(DaneLab.Builder.loopback(65_536)).isEqualTo(ip("127.64.0.0"));
    assertThat(DaneLab.Builder.loopback(65_536 + 258)).isEqualTo(ip("127.64.1.2"));
    assertThat(DaneLab.Builder.loopback(65_536 + (1 << 22) - 1)).isEqualTo(ip("127.127.255.255"));
    assertThatThrownBy(() -> DaneLab.Builder.loopback(65_536 + (1 << 22)))
        .hasMessageContaining("run out of addresses");
  }

  @Test
  void lazyCertificatesAreMadeOnceOnFirstUse() throws Exception {
    AtomicInteger made = new AtomicInteger();
    try (DaneLab lab =
        DaneLab.builder()
            .lazyCertificates(true)
            .host("mx.lazy.test", h -> h.leaf(b -> count(made, b)))
            .host("mx.never.test", h -> h.leaf(b -> count(made, b)))
            .host("mx.tlsa.test", h -> h.leaf(b -> count(made, b)).tlsa(3, 1, 1))
            .start()) {
      // Only the host whose TLSA record is computed from its certificate has one yet.
      assertThat(made).hasValue(1);
      InetAddress address = lab.host("mx.lazy.test").addresses().get(0);
      assertThat(made).hasValue(2);
      ServerChain chain = lab.host("mx.lazy.test").chains().get(0);
      assertThat(firstLine(address, lab.smtpPort())).isEqualTo("220 mx.lazy.test ESMTP lab");
      assertThat(firstLine(address, lab.smtpPort())).isEqualTo("220 mx.lazy.test ESMTP lab");
      assertThat(made).hasValue(2);
      assertThat(lab.mail().personaAt(address).chains()).containsExactly(chain);
    }
  }

  private static TestCertificate.Builder count(AtomicInteger made, TestCertificate.Builder b) {
    made.incrementAndGet();
    return b;
  }
}
