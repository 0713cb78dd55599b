/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.Certificate;
import org.danecheck.CertificateAlgorithm;
import org.danecheck.PkixStatus;
import org.danecheck.ProblemCode;
import org.danecheck.SmtpOutcome;
import org.danecheck.core.internal.Deadline;
import org.danecheck.core.internal.pkix.PkixTrust;
import org.danecheck.testkit.KeyAlgorithm;
import org.danecheck.testkit.LabMailServer;
import org.danecheck.testkit.MailPersona;
import org.danecheck.testkit.MailPersona.Behaviour;
import org.danecheck.testkit.ServerChain;
import org.danecheck.testkit.TestCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The prober against lab personas over real loopback sockets. */
class SmtpProberTest {
  private static final Duration SHORT = Duration.ofMillis(500);

  static TestCertificate ca;
  static TestCertificate ecLeaf;
  static TestCertificate rsaLeaf;
  static ServerChain ecChain;
  static ServerChain rsaChain;
  static byte[] nonDerCa;
  static LabMailServer server;
  static SmtpProber trustingProber;

  @BeforeAll
  static void startLab() throws Exception {
    ca = TestCertificate.builder().subject("Lab CA").certificateAuthority(1).build();
    ecLeaf =
        TestCertificate.builder()
            .subject("mx.example.test")
            .dnsNames("mx.example.test")
            .signedBy(ca)
            .build();
    rsaLeaf =
        TestCertificate.builder()
            .subject("mx.example.test")
            .dnsNames("mx.example.test")
            .keyAlgorithm(KeyAlgorithm.RSA)
            .signedBy(ca)
            .build();
    ecChain = ServerChain.of(ecLeaf, ca);
    rsaChain = ServerChain.of(rsaLeaf, ca);
    nonDerCa = berCriticalFlag(ca.certificateDer());

    server = LabMailServer.builder().build();
    persona(1, MailPersona.normal(ecChain));
    persona(2, MailPersona.of(Behaviour.NO_STARTTLS));
    persona(3, MailPersona.of(Behaviour.STARTTLS_454));
    persona(4, MailPersona.of(Behaviour.TLS_ALERT, ecChain));
    persona(5, MailPersona.of(Behaviour.TLS10_ONLY, rsaChain));
    persona(6, MailPersona.of(Behaviour.SLOW_GREETING).withGreetingDelay(Duration.ofSeconds(3)));
    persona(7, MailPersona.of(Behaviour.GREETING_554));
    persona(8, MailPersona.of(Behaviour.DROP_AFTER_GREETING));
    persona(9, MailPersona.of(Behaviour.GARBAGE));
    persona(10, MailPersona.of(Behaviour.ENDLESS_CONTINUATION));
    persona(11, MailPersona.of(Behaviour.STALL_AFTER_STARTTLS));
    persona(12, MailPersona.normal(rsaChain, ecChain));
    persona(13, MailPersona.of(Behaviour.ANONYMOUS_ONLY));
    persona(
        14,
        MailPersona.normal(
            ServerChain.of(
                ecLeaf.keyPair().getPrivate(), List.of(ecLeaf.certificateDer(), nonDerCa))));
    persona(15, MailPersona.normal(ecChain).withLatency(Duration.ofMillis(30)));
    persona(16, MailPersona.of(Behaviour.TRICKLE).withGreetingDelay(Duration.ofMillis(50)));
    server.persona(InetAddress.getByName("::1"), MailPersona.normal(ecChain));
    server.start();
    trustingProber =
        new SmtpProber(config(Duration.ofSeconds(5)).withTrust(PkixTrust.of(List.of(ca.x509()))));
  }

  @AfterAll
  static void stopLab() {
    server.close();
  }

  static ProberConfig config(Duration timeout) {
    return new ProberConfig(
        "probe.example.test", timeout, timeout, timeout, PkixTrust.of(List.of()));
  }

  static InetAddress address(int n) {
    try {
      return InetAddress.getByName("127.0.77." + n);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  static void persona(int n, MailPersona persona) {
    server.persona(address(n), persona);
  }

  static ProbeRequest request(int n) {
    return new ProbeRequest(
        "mx.example.test",
        address(n),
        server.port(),
        "mx.example.test",
        CertificateAlgorithm.ANY,
        false);
  }

  static ProbeResult probe(SmtpProber prober, ProbeRequest request) {
    return prober.probe(request, Deadline.after(Duration.ofSeconds(10)));
  }

  static ProbeResult probeShort(ProbeRequest request) {
    return probe(new SmtpProber(config(SHORT)), request);
  }

  /** The certificate with its first DER BOOLEAN TRUE ({@code 01 01 FF}) re-encoded as BER. */
  static byte[] berCriticalFlag(byte[] der) {
    byte[] copy = der.clone();
    for (int i = 0; i + 2 < copy.length; i++) {
      if (copy[i] == 0x01 && copy[i + 1] == 0x01 && copy[i + 2] == (byte) 0xFF) {
        copy[i + 2] = 0x01;
        return copy;
      }
    }
    throw new AssertionError("no BOOLEAN TRUE in the certificate");
  }

  @Test
  void normalServerGivesTlsWithTheChainByteExactAndTrustedByTheLabCa() {
    ProbeResult result = probe(trustingProber, request(1));

    assertThat(result.outcome()).isEqualTo(SmtpOutcome.TLS_ESTABLISHED);
    assertThat(result.problems()).isEmpty();
    assertThat(result.greeting()).startsWith("220 mx.lab.test");
    assertThat(result.starttlsOffered()).isTrue();
    assertThat(result.ehloExtensions()).contains("STARTTLS", "PIPELINING");
    // RFC 3207 4.2: EHLO again inside TLS; the lab no longer offers STARTTLS there.
    assertThat(result.tlsEhloExtensions()).contains("PIPELINING").doesNotContain("STARTTLS");
    assertThat(result.starttlsReply()).startsWith("220 ");
    assertThat(result.tlsVersion()).contains("TLSv1.3");
    assertThat(result.cipherSuite().orElseThrow()).startsWith("TLS_AES_");
    assertThat(result.keyExchangeGroup()).isPresent();
    assertThat(result.chain()).hasSize(2);
    assertThat(result.chain().get(0)).isEqualTo(ecLeaf.certificateDer());
    assertThat(result.chain().get(1)).isEqualTo(ca.certificateDer());
    assertThat(result.certificates().get(0).dnsNames()).containsExactly("mx.example.test");
    assertThat(result.certificates().get(0).keyAlgorithm()).isEqualTo("EC P-256");
    assertThat(result.certificates().get(0).sha256())
        .isEqualTo(CertificateSummaries.sha256Hex(ecLeaf.certificateDer()));
    assertThat(result.pkix()).isEqualTo(PkixStatus.TRUSTED);
    assertThat(result.certificatePresented()).isTrue();
    assertThat(result.timings().handshake()).isPresent();
  }

  @Test
  void sniIsSentAsAskedAndOmittedWhenEmpty() {
    // RFC 7672 8.1: the caller passes the TLSA base domain (or the MX name) as SNI.
    probe(trustingProber, request(1).withSni("tlsa-base.example.test"));
    assertThat(server.serverNames(address(1))).contains("tlsa-base.example.test");

    int before = server.serverNames(address(15)).size();
    probe(trustingProber, request(15).withSni(""));
    assertThat(server.serverNames(address(15)).subList(before, before + 1)).containsExactly("");
  }

  @Test
  void chainIsCapturedAsSentNotReEncoded() throws Exception {
    // A re-encoding of the non-DER certificate would differ: this is what the test guards.
    assertThat(Certificate.getInstance(nonDerCa).getEncoded(ASN1Encoding.DER))
        .isNotEqualTo(nonDerCa);

    ProbeResult result = probe(trustingProber, request(14));

    assertThat(result.outcome()).isEqualTo(SmtpOutcome.TLS_ESTABLISHED);
    assertThat(result.chain().get(1)).isEqualTo(nonDerCa);
    assertThat(result.certificates().get(1).sha256())
        .isEqualTo(CertificateSummaries.sha256Hex(nonDerCa));
  }

  @Test
  void untrustedWhenTheTrustStoreLacksTheCa() {
    ProbeResult result = probe(new SmtpProber(config(Duration.ofSeconds(5))), request(1));

    assertThat(result.outcome()).isEqualTo(SmtpOutcome.TLS_ESTABLISHED);
    assertThat(result.pkix()).isEqualTo(PkixStatus.UNTRUSTED);
    assertThat(result.pkixReason()).isNotEmpty();
  }

  @Test
  void ipv6LoopbackWorks() throws Exception {
    ProbeRequest request =
        new ProbeRequest(
            "mx.example.test",
            InetAddress.getByName("::1"),
            server.port(),
            "mx.example.test",
            CertificateAlgorithm.ANY,
            false);

    ProbeResult result = probe(trustingProber, request);

    assertThat(result.outcome()).isEqualTo(SmtpOutcome.TLS_ESTABLISHED);
    assertThat(result.endpoint()).isEqualTo("mx.example.test[0:0:0:0:0:0:0:1]:" + server.port());
  }

  @Test
  void dualCertServerGivesEachAlgorithmItsChain() {
    ProbeResult rsa = probe(trustingProber, request(12).withAlgorithm(CertificateAlgorithm.RSA));
    ProbeResult ecdsa =
        probe(trustingProber, request(12).withAlgorithm(CertificateAlgorithm.ECDSA));

    assertThat(rsa.outcome()).isEqualTo(SmtpOutcome.TLS_ESTABLISHED);
    assertThat(rsa.chain().get(0)).isEqualTo(rsaLeaf.certificateDer());
    assertThat(rsa.certificates().get(0).keyAlgorithm()).isEqualTo("RSA");
    assertThat(rsa.certificates().get(0).keySize()).isEqualTo(2048);
    assertThat(ecdsa.outcome()).isEqualTo(SmtpOutcome.TLS_ESTABLISHED);
    assertThat(ecdsa.chain().get(0)).isEqualTo(ecLeaf.certificateDer());
  }

  @Test
  void ecdsaOnlyProbeOfAnRsaOnlyServerFailsTheHandshake() {
    ProbeResult result =
        probe(trustingProber, request(5).withAlgorithm(CertificateAlgorithm.ECDSA));

    assertThat(result.outcome()).isEqualTo(SmtpOutcome.TLS_HANDSHAKE_FAILED);
    assertThat(result.problems())
        .extracting(p -> p.code())
        .containsExactly(ProblemCode.TLS_HANDSHAKE_FAILED);
    assertSaidInTheUsersTerms(result);
  }

  /** Review D7: problems say what happened, not which Java exception said it. */
  static void assertSaidInTheUsersTerms(ProbeResult result) {
    assertThat(result.problems())
        .allSatisfy(
            p ->
                assertThat(p.message())
                    .doesNotContainPattern(
                        "\\b(java|javax|sun|org)\\.[a-z]|[A-Za-z]+(Exception|Error)\\b"));
  }

  @Test
  void tls10IsEstablishedAndReportedAsLegacy() {
    ProbeResult result = probe(trustingProber, request(5));

    assertThat(result.outcome()).isEqualTo(SmtpOutcome.TLS_ESTABLISHED);
    assertThat(result.tlsVersion()).contains("TLSv1.0");
    assertThat(result.cipherSuite().orElseThrow()).endsWith("_CBC_SHA");
    assertThat(result.chain().get(0)).isEqualTo(rsaLeaf.certificateDer());
    assertThat(result.problems())
        .extracting(p -> p.code())
        .containsExactly(ProblemCode.TLS_LEGACY_PROTOCOL);
    assertThat(result.problems().get(0).subject()).isEqualTo(request(5).endpoint());
  }

  @Test
  void noStarttls() {
    ProbeResult result = probeShort(request(2));

    assertThat(result.outcome()).isEqualTo(SmtpOutcome.STARTTLS_NOT_OFFERED);
    assertThat(result.starttlsOffered()).isFalse();
    assertThat(result.ehloExtensions()).contains("PIPELINING");
    assertThat(result.pkix()).isEqualTo(PkixStatus.NOT_CHECKED);
    assertThat(result.problems())
        .extracting(p -> p.code())
        .containsExactly(ProblemCode.STARTTLS_NOT_OFFERED);
  }

  @Test
  void starttls454IsRefusal() {
    ProbeResult result = probeShort(request(3));

    assertThat(result.outcome()).isEqualTo(SmtpOutcome.STARTTLS_REFUSED);
    assertThat(result.starttlsReply()).startsWith("454 4.7.0");
    assertThat(result.problems())
        .extracting(p -> p.code())
        .containsExactly(ProblemCode.STARTTLS_REFUSED);
  }

  @Test
  void alertAfterTheCertificateKeepsChainAndAlert() {
    ProbeResult result = probeShort(request(4));

    assertThat(result.outcome()).isEqualTo(SmtpOutcome.TLS_HANDSHAKE_FAILED);
    assertThat(result.alert().orElseThrow()).contains("handshake_failure");
    assertThat(result.detail())
        .contains("server sent alert handshake_failure")
        .contains("after the server sent its certificate");
    assertThat(result.chain()).hasSize(2);
    assertThat(result.chain().get(0)).isEqualTo(ecLeaf.certificateDer());
    assertThat(result.tlsVersion()).isEmpty();
    assertThat(result.pkix()).isEqualTo(PkixStatus.NOT_CHECKED);
    assertThat(result.problems())
        .extracting(p -> p.code())
        .containsExactly(ProblemCode.TLS_HANDSHAKE_FAILED);
  }

  @Test
  void greeting554IsRejection() {
    ProbeResult result = probeShort(request(7));

    // RFC 5321 3.1: 554 instead of 220 refuses the session.
    assertThat(result.outcome()).isEqualTo(SmtpOutcome.GREETING_REJECTED);
    assertThat(result.greeting()).startsWith("554 5.3.2");
    assertThat(result.problems())
        .extracting(p -> p.code())
        .containsExactly(ProblemCode.SMTP_GREETING_REJECTED);
  }

  @Test
  void dropAfterGreetingIsProtocolError() {
    ProbeResult result = probeShort(request(8));

    assertThat(result.outcome()).isEqualTo(SmtpOutcome.PROTOCOL_ERROR);
    assertThat(result.detail()).contains("closed the connection");
  }

  @Test
  void overlongLineIsProtocolError() {
    ProbeResult result = probeShort(request(9));

    // RFC 5321 4.5.3.1.5 allows 512; the prober allows 4096 and no more.
    assertThat(result.outcome()).isEqualTo(SmtpOutcome.PROTOCOL_ERROR);
    assertThat(result.detail()).contains("longer than 4096");
    assertThat(result.problems())
        .extracting(p -> p.code())
        .containsExactly(ProblemCode.SMTP_PROTOCOL_ERROR);
  }

  @Test
  void endlessContinuationIsProtocolError() {
    ProbeResult result = probeShort(request(10));

    assertThat(result.outcome()).isEqualTo(SmtpOutcome.PROTOCOL_ERROR);
    assertThat(result.detail()).contains("more than 100 lines");
  }

  @Test
  void slowGreetingTimesOutWithinTheCommandTimeout() {
    ProbeResult result = probeShort(request(6));

    assertThat(result.outcome()).isEqualTo(SmtpOutcome.TIMEOUT);
    assertThat(result.detail()).contains("greeting");
    assertThat(result.problems())
        .extracting(p -> p.code())
        .containsExactly(ProblemCode.SMTP_TIMEOUT);
    assertThat(result.timings().total()).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void tricklingServerCannotStretchAReplyPastTheCommandTimeout() {
    ProbeResult result = probeShort(request(16));

    assertThat(result.outcome()).isEqualTo(SmtpOutcome.TIMEOUT);
    assertThat(result.detail()).contains("greeting");
    assertThat(result.timings().total()).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void overallDeadlineCutsALongCommandTimeout() {
    SmtpProber patient = new SmtpProber(config(Duration.ofSeconds(30)));

    ProbeResult result = patient.probe(request(6), Deadline.after(SHORT));

    assertThat(result.outcome()).isEqualTo(SmtpOutcome.TIMEOUT);
    assertThat(result.detail()).contains("deadline");
    assertThat(result.timings().total()).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void stallAfterStarttlsTimesOutInTheHandshake() {
    ProbeResult result = probeShort(request(11));

    assertThat(result.outcome()).isEqualTo(SmtpOutcome.TIMEOUT);
    assertThat(result.detail()).contains("TLS handshake");
    assertThat(result.timings().starttls()).isPresent();
  }

  @Test
  void anonymousSuitesOnlyWhenOffered() {
    ProbeResult anonymous = probe(trustingProber, request(13).withOfferAnonymous(true));
    ProbeResult strict = probeShort(request(13));

    assertThat(anonymous.outcome()).isEqualTo(SmtpOutcome.TLS_ESTABLISHED);
    assertThat(anonymous.cipherSuite().orElseThrow()).contains("_anon_");
    assertThat(anonymous.chain()).isEmpty();
    assertThat(anonymous.certificatePresented()).isFalse();
    assertThat(anonymous.pkix()).isEqualTo(PkixStatus.NOT_CHECKED);
    // RFC 7672 8.2: without the opt-in no aNULL suite is offered, so this server cannot agree.
    assertThat(strict.outcome()).isEqualTo(SmtpOutcome.TLS_HANDSHAKE_FAILED);
  }

  @Test
  void latencyIsTolerated() {
    ProbeResult result = probe(trustingProber, request(15));

    assertThat(result.outcome()).isEqualTo(SmtpOutcome.TLS_ESTABLISHED);
    assertThat(result.timings().greeting().orElseThrow()).isPositive();
  }

  @Test
  void refusedConnectionIsConnectFailed() {
    ProbeResult result = probeShort(request(250));

    assertThat(result.outcome()).isEqualTo(SmtpOutcome.CONNECT_FAILED);
    assertThat(result.timings().connect()).isEmpty();
    assertThat(result.problems())
        .extracting(p -> p.code())
        .containsExactly(ProblemCode.CONNECT_FAILED);
    assertThat(result.problems().get(0).message()).contains("connection refused");
    assertSaidInTheUsersTerms(result);
  }
}
