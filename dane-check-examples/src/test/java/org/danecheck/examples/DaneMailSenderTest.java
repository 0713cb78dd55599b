/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.danecheck.MtaAction;
import org.danecheck.TlsLevel;
import org.danecheck.core.DaneChecker;
import org.danecheck.testkit.DaneLab;
import org.danecheck.testkit.LabFault;
import org.danecheck.testkit.LabMessage;
import org.danecheck.testkit.MailPersona.Behaviour;
import org.danecheck.testkit.TestCertificate;
import org.danecheck.testkit.junit5.DaneLabExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The Jakarta Mail sender against lab servers that take mail: it delivers where a DANE MTA would
 * (and the message arrives, inside TLS with the TLSA base domain in SNI where DANE applies), defers
 * where the checker says DEFER (and the server never sees {@code MAIL FROM}), and bounces what
 * cannot be delivered. For every domain, the sender's outcome is compared with the full check's
 * {@link MtaAction}.
 */
class DaneMailSenderTest {
  private static final String ZERO_DIGEST = "00".repeat(32);
  private static final UnaryOperator<TestCertificate.Builder> EXPIRED =
      b ->
          b.validity(
              Instant.now().minus(Duration.ofDays(20)), Instant.now().minus(Duration.ofDays(10)));

  @RegisterExtension
  static final DaneLabExtension LAB =
      new DaneLabExtension(
          DaneLab.builder()
              .acceptMail(true)
              .domain("ee.send.test", d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1)))
              .domain("ta.send.test", d -> d.mx(10, "mx", h -> h.tlsa(2, 0, 1)))
              .domain("wrong.send.test", d -> d.mx(10, "mx", h -> h.tlsa("3 1 1 " + ZERO_DIGEST)))
              .domain(
                  "misnamed.send.test",
                  d ->
                      d.mx(
                          10,
                          "mx",
                          h ->
                              h.tlsa(2, 0, 1)
                                  .leaf(b -> b.subject("other.test").dnsNames("other.test"))))
              // RFC 7671 5.2: a DANE-TA chain is validated with its dates
              .domain("expired.send.test", d -> d.mx(10, "mx", h -> h.tlsa(2, 0, 1).leaf(EXPIRED)))
              .domain(
                  "nostarttls.send.test",
                  d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1).persona(Behaviour.NO_STARTTLS)))
              .domain(
                  "unusable.send.test", d -> d.mx(10, "mx", h -> h.tlsa("1 1 1 " + ZERO_DIGEST)))
              .domain("plain.send.test", d -> d.mx(10, "mx", h -> h.persona(Behaviour.NO_STARTTLS)))
              .domain("opportunistic.send.test", d -> d.mx(10, "mx"))
              .domain(
                  "backup.send.test",
                  d ->
                      d.mx(10, "mx1", h -> h.tlsa("3 1 1 " + ZERO_DIGEST))
                          .mx(20, "mx2", h -> h.tlsa(3, 1, 1)))
              .domain(
                  "servfail.send.test",
                  d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1).fault("TLSA", LabFault.SERVFAIL)))
              .domain("nullmx.send.test", d -> d.nullMx()));

  private static DaneChecker checker;

  @TempDir Path dir;

  @BeforeAll
  static void startChecker() {
    checker =
        DaneChecker.builder()
            .environment(LAB.lab())
            .queryTimeout(Duration.ofSeconds(2))
            .commandTimeout(Duration.ofSeconds(5))
            .deadline(Duration.ofSeconds(15))
            .dnsCache(1000)
            .build();
  }

  @AfterAll
  static void stopChecker() {
    checker.close();
  }

  private static DaneMailSender sender() {
    return DaneMailSender.builder(checker)
        .port(LAB.lab().smtpPort())
        .ehloName("sender.test")
        .timeout(Duration.ofSeconds(5))
        .build();
  }

  private static byte[] message(String to) {
    return ("From: Sender <sender@example.test>\r\n"
            + "To: "
            + to
            + "\r\n"
            + "Subject: DANE test for "
            + to
            + "\r\n"
            + "Message-ID: <"
            + to.hashCode()
            + "@example.test>\r\n"
            + "\r\n"
            + "Hello over DANE.\r\n"
            + ".a line that starts with a dot\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static InetAddress server(String host) {
    return LAB.lab().host(host).addresses().get(0);
  }

  private static List<LabMessage> messagesTo(String recipient) {
    return LAB.lab().mail().messages().stream()
        .filter(m -> m.recipients().contains(recipient))
        .toList();
  }

  @Test
  void deliversOverAuthenticatedTlsWithTheBaseDomainInSni() {
    String to = "user@ee.send.test";
    DaneMailSender.Result r = sender().send(message(to), "sender@example.test", to);
    assertThat(r.outcome())
        .as(String.join("\n", r.log()))
        .isEqualTo(DaneMailSender.Outcome.DELIVERED);
    assertThat(r.verification())
        .hasValueSatisfying(
            v -> {
              assertThat(v.level()).isEqualTo(TlsLevel.VERIFIED);
              assertThat(v.matchedDepth()).hasValue(0);
            });
    assertThat(r.log()).anyMatch(l -> l.startsWith("delivered: Verified TLS: mx.ee.send.test["));
    LabMessage m = messagesTo(to).get(0);
    assertThat(m.address()).isEqualTo(server("mx.ee.send.test"));
    assertThat(m.tls()).isTrue();
    assertThat(m.serverName()).isEqualTo("mx.ee.send.test");
    assertThat(m.mailFrom()).isEqualTo("sender@example.test");
    assertThat(m.content())
        .contains("Subject: DANE test for " + to)
        .contains("\r\n.a line that starts with a dot\r\n");
  }

  /** The JSSE providers the sender's handshakes are made with. */
  enum Jsse {
    JDK,
    BOUNCY_CASTLE
  }

  static Stream<Arguments> domainsAndProviders() {
    return Stream.of(Jsse.values())
        .flatMap(j -> LAB.lab().domains().stream().map(d -> Arguments.of(d, j)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("domainsAndProviders")
  void deliversExactlyWhereTheCheckSaysADaneMtaDelivers(String domain, Jsse jsse) {
    // Every domain of the lab, through the JDK's JSSE and Bouncy Castle's.
    MtaAction expected = checker.check(domain).mtaAction();
    String to = "agree-" + jsse.name().toLowerCase(java.util.Locale.ROOT) + "@" + domain;
    DaneMailSender.Builder builder =
        DaneMailSender.builder(checker)
            .port(LAB.lab().smtpPort())
            .ehloName("sender.test")
            .timeout(Duration.ofSeconds(5));
    if (jsse == Jsse.BOUNCY_CASTLE) {
      builder.jsseProvider(new BouncyCastleJsseProvider());
    }
    DaneMailSender.Result r = builder.build().send(message(to), "sender@example.test", to);
    String log = String.join("\n", r.log());
    List<LabMessage> received = messagesTo(to);
    switch (expected) {
      case DEFER -> {
        assertThat(r.outcome()).as(log).isEqualTo(DaneMailSender.Outcome.DEFERRED);
        assertThat(received).as("no message where a DANE MTA defers").isEmpty();
      }
      case NO_MAIL -> {
        // RFC 7505: returned to the sender, no server contacted.
        assertThat(r.outcome()).as(log).isEqualTo(DaneMailSender.Outcome.BOUNCED);
        assertThat(received).isEmpty();
      }
      case AUTHENTICATED_TLS, UNAUTHENTICATED_TLS, OPPORTUNISTIC -> {
        assertThat(r.outcome()).as(log).isEqualTo(DaneMailSender.Outcome.DELIVERED);
        assertThat(received).hasSize(1);
        // TLS was used wherever the check would use it; only a server without STARTTLS and
        // without TLSA records gets the mail in cleartext (RFC 7672 2.2).
        assertThat(received.get(0).tls()).isEqualTo(!domain.equals("plain.send.test"));
        if (expected == MtaAction.AUTHENTICATED_TLS) {
          assertThat(r.verification().orElseThrow().matchedRecord()).isPresent();
        }
      }
    }
  }

  @Test
  void neverSendsMailFromToAHostThatFailsAuthentication() {
    // RFC 7672 3.2: "Messages MUST NOT be delivered via the SMTP server if authentication fails".
    for (String host : List.of("mx.wrong.send.test", "mx.misnamed.send.test")) {
      String domain = host.substring(3);
      InetAddress address = server(host);
      int sessions = LAB.lab().mail().sessionCount(address);
      DaneMailSender.Result r =
          sender().send(message("x@" + domain), "sender@example.test", "x@" + domain);
      assertThat(r.outcome()).isEqualTo(DaneMailSender.Outcome.DEFERRED);
      assertThat(LAB.lab().mail().sessionCount(address)).isGreaterThan(sessions);
      assertThat(LAB.lab().mail().mailCommands(address)).isZero();
      assertThat(r.log()).anyMatch(l -> l.startsWith("rejected (") && l.contains(host));
    }
    // No STARTTLS where TLSA records require TLS: no transaction either (RFC 7672 2.2).
    sender().send(message("x@nostarttls.send.test"), "s@example.test", "x@nostarttls.send.test");
    assertThat(LAB.lab().mail().mailCommands(server("mx.nostarttls.send.test"))).isZero();
  }

  @Test
  void anEmptySenderIsTheNullReversePath() {
    String to = "bounce@ee.send.test";
    assertThat(sender().send(message(to), "", to).outcome())
        .isEqualTo(DaneMailSender.Outcome.DELIVERED);
    assertThat(messagesTo(to)).singleElement().satisfies(m -> assertThat(m.mailFrom()).isEmpty());
  }

  @Test
  void triesTheNextMxWhenTheFirstFailsAuthentication() {
    String to = "next@backup.send.test";
    DaneMailSender.Result r = sender().send(message(to), "sender@example.test", to);
    assertThat(r.outcome()).isEqualTo(DaneMailSender.Outcome.DELIVERED);
    assertThat(messagesTo(to))
        .extracting(LabMessage::address)
        .containsExactly(server("mx2.backup.send.test"));
    assertThat(LAB.lab().mail().mailCommands(server("mx1.backup.send.test"))).isZero();
    assertThat(r.log().get(1)).contains("mx1.backup.send.test").contains("rejected");
  }

  @Test
  void skippedHostsAreNeverContacted() {
    // RFC 7672 2.1.2: a host whose TLSA lookup fails is unreachable: defer, no connection.
    InetAddress address = server("mx.servfail.send.test");
    int sessions = LAB.lab().mail().sessionCount(address);
    DaneMailSender.Result r =
        sender().send(message("a@servfail.send.test"), "s@example.test", "a@servfail.send.test");
    assertThat(r.outcome()).isEqualTo(DaneMailSender.Outcome.DEFERRED);
    assertThat(LAB.lab().mail().sessionCount(address)).isEqualTo(sessions);
    assertThat(r.reason()).contains("mx.servfail.send.test");
  }

  @Test
  void bouncesANullMxAndARefusedRecipient() {
    DaneMailSender.Result nullMx =
        sender().send(message("a@nullmx.send.test"), "s@example.test", "a@nullmx.send.test");
    assertThat(nullMx.outcome()).isEqualTo(DaneMailSender.Outcome.BOUNCED);
    assertThat(nullMx.reason()).contains("null MX");
    DaneMailSender.Result unknown =
        sender().send(message("nobody@ee.send.test"), "s@example.test", "nobody@ee.send.test");
    assertThat(unknown.outcome()).isEqualTo(DaneMailSender.Outcome.BOUNCED);
    assertThat(unknown.reason()).contains("550");
    assertThat(messagesTo("nobody@ee.send.test")).isEmpty();
  }

  @Test
  void deliversThroughBouncyCastlesJsseToo() {
    String to = "bc@ta.send.test";
    DaneMailSender.Result r =
        DaneMailSender.builder(checker)
            .port(LAB.lab().smtpPort())
            .ehloName("sender.test")
            .jsseProvider(new BouncyCastleJsseProvider())
            .build()
            .send(message(to), "sender@example.test", to);
    assertThat(r.outcome())
        .as(String.join("\n", r.log()))
        .isEqualTo(DaneMailSender.Outcome.DELIVERED);
    assertThat(r.verification().orElseThrow().matchedDepth()).hasValue(1);
    assertThat(messagesTo(to)).singleElement().satisfies(m -> assertThat(m.tls()).isTrue());
  }

  // ---- bin/dane-check send ----

  private record Run(int exit, String out, String err) {}

  private Run send(String to) throws Exception {
    return send(to, Files.write(dir.resolve("message.eml"), message(to)));
  }

  private Run send(String to, Path eml, String... extra) throws Exception {
    DaneLab lab = LAB.lab();
    Path anchor = Files.writeString(dir.resolve("anchor.ds"), lab.trustAnchor());
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "send",
                "--to",
                to,
                "--from",
                "sender@example.test",
                "--file",
                eml.toString(),
                "--resolver",
                "127.0.0.1:" + lab.dnsAddress().getPort(),
                "--trust-anchor",
                anchor.toString(),
                "--port",
                Integer.toString(lab.smtpPort()),
                // Counted from the test JVM's start: generous, so that a loaded machine still
                // leaves the delivery its time.
                "--timeout",
                "600",
                "--ehlo",
                "sender.test"));
    args.addAll(List.of(extra));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = DaneCheckCommand.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void sendCommandExitsZeroOnlyWhenDelivered() throws Exception {
    Run delivered = send("cli@ee.send.test");
    assertThat(delivered.exit()).as(delivered.out() + delivered.err()).isZero();
    assertThat(delivered.out()).contains("delivered: cli@ee.send.test").contains("Verified TLS");
    assertThat(messagesTo("cli@ee.send.test")).hasSize(1);
    Run deferred = send("cli@wrong.send.test");
    assertThat(deferred.exit()).isEqualTo(SendCommand.EXIT_DEFERRED);
    assertThat(deferred.out()).contains("deferred: cli@wrong.send.test").contains("TLSA_NO_MATCH");
    Run bounced = send("cli@nullmx.send.test");
    assertThat(bounced.exit()).isEqualTo(SendCommand.EXIT_BOUNCED);
    assertThat(bounced.out()).contains("bounced: cli@nullmx.send.test");
    Run missing = send("cli@ee.send.test", dir.resolve("absent.eml"));
    assertThat(missing.exit()).isEqualTo(DaneCheckCommand.EXIT_BAD_INPUT);
    assertThat(missing.err()).contains("cannot read");
  }

  @Test
  void sendTakesTheOptionsOfCheck() {
    // Issue 15: send takes check's --resolver, --trust-anchor, --ca-file, --port and --timeout,
    // with the same parameters, so that a check and a delivery can be run alike.
    CommandLine root = DaneCheckCommand.commandLine();
    CommandSpec check = root.getSubcommands().get("check").getCommandSpec();
    CommandSpec send = root.getSubcommands().get("send").getCommandSpec();
    for (String name :
        List.of(
            "--resolver",
            "--trust-anchor",
            "--ca-file",
            "--port",
            "--timeout",
            "--ad-trust",
            "--ehlo",
            "-4",
            "-6")) {
      OptionSpec c = check.findOption(name);
      OptionSpec s = send.findOption(name);
      assertThat(c).as("check " + name).isNotNull();
      assertThat(s).as("send " + name).isNotNull();
      assertThat(s.type()).as(name).isEqualTo(c.type());
      assertThat(s.arity()).as(name).isEqualTo(c.arity());
      assertThat(s.paramLabel()).as(name).isEqualTo(c.paramLabel());
      assertThat(s.isMultiValue()).as(name).isEqualTo(c.isMultiValue());
    }
  }

  @Test
  void sendCommandsCaFileSetsTheLoggedLevelOfAnOpportunisticHost() throws Exception {
    // --ca-file is the PKIX trust for the log's level (Postfix's Trusted/Untrusted), as in check;
    // it never decides whether an opportunistic host gets the mail (RFC 7672 2.2).
    Path ca = LAB.lab().rootCa().writeCertificatePem(dir.resolve("ca.pem"));
    Run trusted =
        send(
            "ca@opportunistic.send.test",
            Files.write(dir.resolve("ca.eml"), message("ca@opportunistic.send.test")),
            "--ca-file",
            ca.toString());
    assertThat(trusted.exit()).as(trusted.out() + trusted.err()).isZero();
    assertThat(trusted.out()).contains("delivered: Trusted TLS").doesNotContain("Untrusted");
    Run untrusted = send("noca@opportunistic.send.test");
    assertThat(untrusted.exit()).as(untrusted.out() + untrusted.err()).isZero();
    assertThat(untrusted.out()).contains("delivered: Untrusted TLS");
    assertThat(messagesTo("ca@opportunistic.send.test")).hasSize(1);
    assertThat(messagesTo("noca@opportunistic.send.test")).hasSize(1);
  }
}
