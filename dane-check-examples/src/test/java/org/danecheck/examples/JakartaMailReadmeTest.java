/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.danecheck.core.DaneChecker;
import org.danecheck.core.DaneTrustManager;
import org.danecheck.core.DaneVerification;
import org.danecheck.core.DomainPolicy;
import org.danecheck.core.MxHostPolicy;
import org.danecheck.testkit.DaneLab;
import org.danecheck.testkit.LabMessage;
import org.danecheck.testkit.junit5.DaneLabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's Jakarta Mail snippet ("Sending mail under DANE"), run against the lab: its lines are
 * the ones below (the test asserts the README still has them), with the lab's port and resolver. A
 * message to a DANE-verified domain arrives over TLS; to a domain whose TLSA record does not match,
 * the loop ends without a transaction.
 */
class JakartaMailReadmeTest {
  @RegisterExtension
  static final DaneLabExtension LAB =
      new DaneLabExtension(
          DaneLab.builder()
              .acceptMail(true)
              .domain("readme.test", d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1)))
              .domain(
                  "readme-wrong.test",
                  d -> d.mx(10, "mx", h -> h.tlsa("3 1 1 " + "00".repeat(32)))));

  /** The snippet's lines that carry its meaning, as the README spells them. */
  private static final List<String> README_LINES =
      List.of(
          "DaneChecker checker = DaneChecker.builder().dnsCache(10_000).build();",
          "case TRY_HOSTS -> {",
          "for (MxHostPolicy host : policy.hostsToTry()) {",
          "for (InetAddress address : host.addresses()) {",
          "DaneTrustManager tls = host.trustManager();",
          "props.put(\"mail.smtp.host\", address.getHostAddress());",
          "props.put(\"mail.smtp.starttls.enable\", \"true\");",
          "props.put(\"mail.smtp.starttls.required\", String.valueOf(host.level().tlsRequired()));",
          "props.put(\"mail.smtp.ssl.socketFactory\", tls.socketFactory());",
          "props.put(\"mail.smtp.ssl.checkserveridentity\", \"false\");",
          "try (Transport transport = Session.getInstance(props).getTransport(\"smtp\")) {",
          "transport.connect();",
          "transport.sendMessage(message, message.getAllRecipients());",
          "log.info(tls.lastVerification().map(DaneVerification::summary).orElse(\"cleartext\"));");

  private final List<String> log = new ArrayList<>();

  @Test
  void theReadmeHasTheSnippet() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    for (String line : README_LINES) {
      assertThat(readme).contains(line);
    }
  }

  @Test
  void theSnippetDeliversUnderDaneAndNeverToAServerThatFails() throws Exception {
    assertThat(deliver("user@readme.test")).isTrue();
    LabMessage m = LAB.lab().mail().messages().get(0);
    assertThat(m.tls()).isTrue();
    assertThat(m.serverName()).isEqualTo("mx.readme.test");
    assertThat(log).anyMatch(l -> l.startsWith("Verified TLS: mx.readme.test["));

    assertThat(deliver("user@readme-wrong.test")).isFalse();
    InetAddress wrong = LAB.lab().host("mx.readme-wrong.test").addresses().get(0);
    assertThat(LAB.lab().mail().mailCommands(wrong)).isZero();
    assertThat(log).anyMatch(l -> l.contains("TLSA_NO_MATCH") || l.contains("Could not convert"));
  }

  /** The README's loop; true when delivered. */
  private boolean deliver(String to) throws MessagingException {
    MimeMessage message =
        new MimeMessage(
            Session.getInstance(new Properties()),
            new ByteArrayInputStream(
                ("From: me@example.net\r\nTo: " + to + "\r\nSubject: hi\r\n\r\nHello.\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
    DaneLab lab = LAB.lab();
    try (DaneChecker checker =
        DaneChecker.builder()
            .environment(lab)
            .deadline(Duration.ofSeconds(15))
            .dnsCache(10_000)
            .build()) {
      DomainPolicy policy = checker.policy(to.substring(to.indexOf('@') + 1));
      switch (policy.action()) {
        case NO_MAIL, DEFER -> {
          return false;
        }
        case TRY_HOSTS -> {
          for (MxHostPolicy host : policy.hostsToTry()) {
            for (InetAddress address : host.addresses()) {
              DaneTrustManager tls = host.trustManager();
              Properties props = new Properties();
              props.put("mail.smtp.host", address.getHostAddress());
              props.put("mail.smtp.port", Integer.toString(lab.smtpPort()));
              props.put("mail.smtp.localhost", "mail.example.net");
              props.put("mail.smtp.connectiontimeout", "30000");
              props.put("mail.smtp.timeout", "30000");
              props.put("mail.smtp.starttls.enable", "true");
              props.put("mail.smtp.starttls.required", String.valueOf(host.level().tlsRequired()));
              props.put("mail.smtp.ssl.socketFactory", tls.socketFactory());
              props.put("mail.smtp.ssl.checkserveridentity", "false");
              try (Transport transport = Session.getInstance(props).getTransport("smtp")) {
                transport.connect();
                transport.sendMessage(message, message.getAllRecipients());
                log.add(tls.lastVerification().map(DaneVerification::summary).orElse("cleartext"));
                return true;
              } catch (MessagingException e) {
                log.add(
                    host.name()
                        + "["
                        + address.getHostAddress()
                        + "]: "
                        + e.getMessage()
                        + " "
                        + tls.lastVerification().map(DaneVerification::summary).orElse(""));
              }
            }
          }
          return false;
        }
      }
    }
    return false;
  }
}
