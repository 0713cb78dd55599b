/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.security.Provider;
import java.security.Security;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.danecheck.DomainReport;
import org.danecheck.EndpointReport;
import org.danecheck.PkixStatus;
import org.danecheck.ProblemCode;
import org.danecheck.SecurityLevel;
import org.danecheck.TlsLevel;
import org.danecheck.testkit.junit5.DaneLabExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The trust manager in real JSSE handshakes (STARTTLS to the lab's servers, as Jakarta Mail makes
 * them), through the JDK's provider and through Bouncy Castle's, over the scenario matrix of {@link
 * DaneCheckerScenarioTest}: every usage, selector and matching type, and the failure cases (a key
 * that does not match, a DANE-TA name mismatch, expired DANE-TA chains, all records unusable, no
 * STARTTLS). Each handshake is compared with the full check of the same domain, whose prober is
 * Bouncy Castle's low-level TLS client: the trust manager accepts exactly the chains the check
 * authenticates, with the same record, depth and level.
 */
class DaneTrustManagerLabTest {
  @RegisterExtension
  static final DaneLabExtension LAB = new DaneLabExtension(DaneCheckerScenarioTest.scenarios());

  private static final Provider BC_JSSE = new BouncyCastleJsseProvider();
  private static final Map<String, DomainReport> CHECKS = new ConcurrentHashMap<>();
  private static DaneChecker checker;

  /** The two JSSE providers. */
  enum Jsse {
    JDK,
    BOUNCY_CASTLE;

    Provider provider() {
      return this == JDK ? Security.getProvider("SunJSSE") : BC_JSSE;
    }
  }

  @BeforeAll
  static void startChecker() {
    checker =
        DaneChecker.builder()
            .environment(LAB.lab())
            .pkixTrustStore(LAB.lab().trustStore())
            .queryTimeout(Duration.ofMillis(1500))
            .commandTimeout(Duration.ofSeconds(3))
            .deadline(Duration.ofSeconds(15))
            .build();
  }

  @AfterAll
  static void stopChecker() {
    checker.close();
  }

  private static DomainReport checked(String domain) {
    return CHECKS.computeIfAbsent(domain, checker::check);
  }

  static Stream<Arguments> accepted() {
    List<String> domains =
        List.of(
            // DANE-EE(3): every selector and matching type (RFC 6698 2.1; RFC 7672 3.1.1)
            "ee311.s.test",
            "ee301.s.test",
            "ee312.s.test",
            "ee310.s.test",
            "ee300.s.test",
            "ee302.s.test",
            // DANE-TA(2): a sent intermediate, its key, every selector and matching type; the
            // unsent root's key (RFC 7672 3.1.2)
            "ta201.s.test",
            "ta211.s.test",
            "ta200.s.test",
            "ta202.s.test",
            "ta210.s.test",
            "ta212.s.test",
            "ta-root-key.s.test",
            // digest agility (RFC 7671 9): the stronger digest decides
            "agility-good512.s.test",
            // DANE-EE ignores names and dates (RFC 7672 3.1.1, 3.2.1)
            "ee-misnamed.s.test",
            "ee-expired.s.test",
            // RFC 7672 3.2.3: a wildcard covers one label
            "ta-wildcard.s.test",
            // PKIX-TA(0) beside DANE-EE(3): the usable record decides (RFC 7672 3.1.3)
            "mixed.s.test",
            // an MX RRset that is not signed: authenticated, but "Trusted" (RFC 7672 2.2.1)
            "insecure-mx.test",
            // CNAME'd MX hosts: the expanded name and the original name as base domains
            "cname.s.test",
            "cname-orig.s.test");
    return Stream.of(Jsse.values()).flatMap(j -> domains.stream().map(d -> Arguments.of(j, d)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("accepted")
  void acceptsWhatTheTlsaRecordsAuthenticate(Jsse jsse, String domain) throws Exception {
    MxHostPolicy host = checker.policy(domain).hosts().get(0);
    assertThat(host.level()).isEqualTo(SecurityLevel.AUTHENTICATED_TLS);
    DaneTrustManager tm = host.trustManager();
    InetAddress address = host.addresses().get(0);
    SSLSocket ssl = StartTls.open(address, LAB.lab().smtpPort(), tm.socketFactory(jsse.provider()));
    DaneVerification v;
    try {
      v = DaneTrustManager.verification(ssl.getSession()).orElseThrow();
      assertThat(tm.lastVerification()).containsSame(v);
    } finally {
      StartTls.quit(ssl);
    }
    assertThat(v.accepted()).as(v.summary()).isTrue();
    assertThat(v.problems()).isEmpty();
    assertThat(v.pkix()).isEqualTo(PkixStatus.NOT_CHECKED);
    // RFC 7672 8.1: the server was sent the TLSA base domain in SNI.
    List<String> names = LAB.lab().mail().serverNames(address);
    assertThat(names.get(names.size() - 1)).isEqualTo(host.sni());
    // The same record, depth and level as the full check of the domain.
    EndpointReport endpoint = endpoint(checked(domain), address);
    assertThat(endpoint.tlsaMatch())
        .hasValueSatisfying(m -> assertThat(m.authenticated()).isTrue());
    assertThat(v.level()).isEqualTo(endpoint.level());
    assertThat(v.matchedRecord()).isEqualTo(endpoint.tlsaMatch().get().matchedRecord());
    assertThat(v.matchedDepth()).isEqualTo(endpoint.tlsaMatch().get().matchedDepth());
    assertThat(v.level())
        .isEqualTo(domain.equals("insecure-mx.test") ? TlsLevel.TRUSTED : TlsLevel.VERIFIED);
    assertThat(v.summary()).contains("TLSA").contains("depth");
  }

  static Stream<Arguments> rejected() {
    List<Arguments> cases =
        List.of(
            // RFC 7672 3.2: a key no record matches
            Arguments.of("wrong.s.test", ProblemCode.TLSA_NO_MATCH),
            // RFC 7671 9: the weaker digest matches, the stronger one does not
            Arguments.of("agility-bad512.s.test", ProblemCode.TLSA_NO_MATCH),
            // RFC 7672 3.1.2: a DANE-TA record for a root the server does not send
            Arguments.of("ta-root-digest.s.test", ProblemCode.TLSA_NO_MATCH),
            // RFC 7672 3.2.2: the leaf names no reference identifier
            Arguments.of("ta-misnamed.s.test", ProblemCode.CERT_NAME_MISMATCH),
            Arguments.of("ta-wildcard-deep.s.test", ProblemCode.CERT_NAME_MISMATCH),
            // RFC 7671 5.2: the DANE-TA path is validated with its dates: an expired leaf, an
            // expired self-signed anchor
            Arguments.of("ta-expired.s.test", ProblemCode.CERT_EXPIRED),
            Arguments.of("ta-expired-root.s.test", ProblemCode.CERT_EXPIRED));
    return Stream.of(Jsse.values())
        .flatMap(j -> cases.stream().map(c -> Arguments.of(j, c.get()[0], c.get()[1])));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("rejected")
  void rejectsWhatTheTlsaRecordsDoNotAuthenticate(Jsse jsse, String domain, ProblemCode code) {
    MxHostPolicy host = checker.policy(domain).hosts().get(0);
    assertThat(host.level()).isEqualTo(SecurityLevel.AUTHENTICATED_TLS);
    DaneTrustManager tm = host.trustManager();
    InetAddress address = host.addresses().get(0);
    assertThatThrownBy(
            () -> StartTls.open(address, LAB.lab().smtpPort(), tm.socketFactory(jsse.provider())))
        // The JDK throws SSLHandshakeException, Bouncy Castle a TlsFatalAlert: both IOExceptions
        // whose causes carry the trust manager's reason.
        .isInstanceOf(IOException.class)
        .hasStackTraceContaining("DANE authentication failed")
        .hasStackTraceContaining(code.name());
    DaneVerification v = tm.lastVerification().orElseThrow();
    assertThat(v.accepted()).isFalse();
    assertThat(v.problems()).extracting(p -> p.code()).containsExactly(code);
    assertThat(v.summary()).startsWith("rejected");
    // The check rejects the same chain for the same reason, and logs the same level.
    EndpointReport endpoint = endpoint(checked(domain), address);
    assertThat(endpoint.tlsaMatch())
        .hasValueSatisfying(m -> assertThat(m.authenticated()).isFalse());
    assertThat(endpoint.problems()).extracting(p -> p.code()).contains(code);
    assertThat(v.level()).isEqualTo(endpoint.level());
    assertThat(v.pkix()).isEqualTo(endpoint.pkix());
  }

  @ParameterizedTest
  @EnumSource(Jsse.class)
  void allUnusableRecordsRequireTlsButAnyChain(Jsse jsse) throws Exception {
    // RFC 7672 2.2: TLS is mandatory, authentication is not; the level is PKIX's.
    MxHostPolicy host = checker.policy("unusable.s.test").hosts().get(0);
    assertThat(host.level()).isEqualTo(SecurityLevel.UNAUTHENTICATED_TLS);
    DaneTrustManager tm = host.trustManager();
    InetAddress address = host.addresses().get(0);
    SSLSocket ssl = StartTls.open(address, LAB.lab().smtpPort(), tm.socketFactory(jsse.provider()));
    StartTls.quit(ssl);
    DaneVerification v = tm.lastVerification().orElseThrow();
    assertThat(v.accepted()).isTrue();
    assertThat(v.matchedRecord()).isEmpty();
    // The lab's chains validate to the lab root, which this checker trusts.
    assertThat(v.level())
        .isEqualTo(TlsLevel.TRUSTED)
        .isEqualTo(endpoint(checked("unusable.s.test"), address).level());
    assertThat(v.pkix()).isEqualTo(PkixStatus.TRUSTED);
  }

  @ParameterizedTest
  @EnumSource(Jsse.class)
  void opportunisticHostsAreAcceptedAndLoggedAsUntrustedWithoutATrustedCa(Jsse jsse)
      throws Exception {
    try (DaneChecker plain = DaneChecker.builder().environment(LAB.lab()).build()) {
      // insecure-host.s.test: an MX host in an unsigned zone, no TLSA lookup (RFC 7672 2.2.2)
      MxHostPolicy host = plain.policy("insecure-host.s.test").hosts().get(0);
      assertThat(host.level()).isEqualTo(SecurityLevel.OPPORTUNISTIC);
      DaneTrustManager tm = host.trustManager();
      StartTls.quit(
          StartTls.open(
              host.addresses().get(0), LAB.lab().smtpPort(), tm.socketFactory(jsse.provider())));
      DaneVerification v = tm.lastVerification().orElseThrow();
      assertThat(v.accepted()).isTrue();
      assertThat(v.tlsaMatch()).isEmpty();
      assertThat(v.level()).isEqualTo(TlsLevel.UNTRUSTED);
      assertThat(v.summary()).contains("no DANE");
    }
  }

  @ParameterizedTest
  @EnumSource(Jsse.class)
  void noStartTlsMeansNoTlsSessionAndNoVerification(Jsse jsse) {
    // RFC 7672 2.2: TLSA records make TLS mandatory; a server without STARTTLS gets no mail.
    MxHostPolicy host = checker.policy("nostarttls.s.test").hosts().get(0);
    assertThat(host.level().tlsRequired()).isTrue();
    DaneTrustManager tm = host.trustManager();
    assertThatThrownBy(
            () ->
                StartTls.open(
                    host.addresses().get(0),
                    LAB.lab().smtpPort(),
                    tm.socketFactory(jsse.provider())))
        .isInstanceOf(StartTls.NoTls.class);
    assertThat(tm.lastVerification()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Jsse.class)
  void parametersSendTheBaseDomainAndNoAnonymousSuites(Jsse jsse) throws Exception {
    MxHostPolicy host = checker.policy("cname.s.test").hosts().get(0);
    DaneTrustManager tm = host.trustManager();
    SSLParameters base = tm.sslContext(jsse.provider()).getDefaultSSLParameters();
    base.setEndpointIdentificationAlgorithm("HTTPS");
    base.setCipherSuites(
        new String[] {
          "TLS_AES_128_GCM_SHA256",
          "TLS_ECDH_anon_WITH_AES_128_CBC_SHA",
          "TLS_RSA_WITH_NULL_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"
        });
    SSLParameters p = tm.sslParameters(base);
    // RFC 7672 8.1: the TLSA base domain, here the CNAME-expanded host name
    assertThat(p.getServerNames()).hasSize(1);
    assertThat(new String(p.getServerNames().get(0).getEncoded(), "US-ASCII"))
        .isEqualTo("real.hoster.s.test");
    assertThat(p.getEndpointIdentificationAlgorithm()).isNull();
    // RFC 7672 8.2: no anonymous suite where authentication is required, and no NULL cipher
    assertThat(p.getCipherSuites())
        .containsExactly("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    assertThat(p.getProtocols()).isEqualTo(base.getProtocols());
  }

  @org.junit.jupiter.api.Test
  void skippedHostsGetNoTrustManagerAndClientCertificatesAreRefused() {
    MxHostPolicy skipped = checker.policy("tlsa-servfail.s.test").hosts().get(0);
    assertThat(skipped.level()).isEqualTo(SecurityLevel.SKIP_TLSA_LOOKUP_FAILED);
    assertThatThrownBy(skipped::trustManager).isInstanceOf(IllegalArgumentException.class);
    DaneTrustManager tm = checker.policy("ee311.s.test").hosts().get(0).trustManager();
    assertThat(tm.getAcceptedIssuers()).isEmpty();
    assertThatThrownBy(() -> tm.checkClientTrusted(new java.security.cert.X509Certificate[0], "EC"))
        .isInstanceOf(java.security.cert.CertificateException.class);
  }

  @org.junit.jupiter.api.Test
  void verifyJudgesRawChainsAsTheHandshakeDoes() {
    MxHostPolicy host = checker.policy("ta201.s.test").hosts().get(0);
    List<byte[]> chain = LAB.lab().host("mx.ta201.s.test").chains().get(0).chainDer();
    DaneVerification v = host.trustManager().verify(chain);
    assertThat(v.accepted()).isTrue();
    assertThat(v.matchedDepth()).hasValue(1);
    assertThat(v.matchedName()).hasValue("mx.ta201.s.test");
    DaneVerification wrong =
        checker.policy("wrong.s.test").hosts().get(0).trustManager().verify(chain);
    assertThat(wrong.accepted()).isFalse();
    assertThat(wrong.problems())
        .extracting(p -> p.code())
        .containsExactly(ProblemCode.TLSA_NO_MATCH);
  }

  private static EndpointReport endpoint(DomainReport report, InetAddress address) {
    return report.mxHosts().get(0).endpoints().stream()
        .filter(e -> e.address().equals(address.getHostAddress()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no endpoint " + address + " in " + report));
  }
}
