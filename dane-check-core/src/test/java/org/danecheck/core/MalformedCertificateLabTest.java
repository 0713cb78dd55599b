/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.danecheck.testkit.junit5.DaneAssertions.assertThat;

import java.time.Duration;
import org.danecheck.DaneVerdict;
import org.danecheck.DomainReport;
import org.danecheck.EndpointReport;
import org.danecheck.MtaAction;
import org.danecheck.ProblemCode;
import org.danecheck.TlsaMatchOutcome;
import org.danecheck.testkit.DaneLab;
import org.danecheck.testkit.junit5.DaneLabExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server whose leaf has a commonName that is not valid UTF-8 (the UTF8String {@code C3 28}) and
 * no subjectAltName (issue 12, point 1). OpenSSL cannot decode such a certificate at all ({@code
 * openssl x509} and {@code s_server} refuse it), so for a DANE MTA the server presents garbage:
 * every domain on that MX gets a per-endpoint problem, and the check completes; before, lazy name
 * decoding threw later and aborted the whole check ("check aborted by an internal error").
 */
class MalformedCertificateLabTest {
  private static final byte[] BAD_UTF8 = {(byte) 0xC3, 0x28};

  @RegisterExtension
  static final DaneLabExtension LAB =
      new DaneLabExtension(
          DaneLab.builder()
              .domain("m.test", d -> {})
              .domain(
                  "tlsa.m.test",
                  d ->
                      d.mx(
                          10,
                          "mx",
                          h ->
                              h.tlsa(3, 1, 1)
                                  .leaf(b -> b.subjectCommonNameBytes(BAD_UTF8).dnsNames())))
              .domain(
                  "ta.m.test",
                  d ->
                      d.mx(
                          10,
                          "mx",
                          h ->
                              h.tlsa(2, 0, 1)
                                  .leaf(b -> b.subjectCommonNameBytes(BAD_UTF8).dnsNames())))
              .domain(
                  "plain.m.test",
                  d ->
                      d.mx(
                          10,
                          "mx",
                          h -> h.leaf(b -> b.subjectCommonNameBytes(BAD_UTF8).dnsNames()))));

  private static DaneChecker checker;

  @BeforeAll
  static void startChecker() {
    DaneLab lab = LAB.lab();
    checker =
        DaneChecker.builder()
            .environment(lab)
            .pkixTrustStore(lab.trustStore())
            .ehloName("malformed.test")
            .queryTimeout(Duration.ofMillis(1500))
            .commandTimeout(Duration.ofSeconds(3))
            .deadline(Duration.ofSeconds(15))
            .build();
  }

  @AfterAll
  static void stopChecker() {
    checker.close();
  }

  // With TLSA records the endpoint cannot be authenticated: CERT_MALFORMED on it, and a DANE MTA
  // defers (RFC 7672 3.2: no delivery when authentication fails). The check itself completes.
  @Test
  void withTlsaTheEndpointHasAMalformedCertificateProblem() {
    for (String domain : new String[] {"tlsa.m.test", "ta.m.test"}) {
      DomainReport r = checker.check(domain);
      assertThat(r).as(domain).isComplete().hasProblem(ProblemCode.CERT_MALFORMED);
      assertThat(r.incompleteSteps()).as(domain).noneMatch(s -> s.contains("internal error"));
      assertThat(r.verdict()).as(domain).isEqualTo(DaneVerdict.FAILED);
      assertThat(r.mtaAction()).as(domain).isEqualTo(MtaAction.DEFER);
      EndpointReport endpoint = r.mxHosts().get(0).endpoints().get(0);
      assertThat(endpoint.tlsaMatch().orElseThrow().outcome())
          .isEqualTo(TlsaMatchOutcome.MALFORMED_CHAIN);
      assertThat(endpoint.problems()).anyMatch(p -> p.code() == ProblemCode.CERT_MALFORMED);
      assertThat(endpoint.certificates().get(0).parseError()).isPresent();
    }
  }

  // Without TLSA records DANE does not apply; the malformed certificate must not abort the check.
  @Test
  void withoutTlsaTheCheckCompletes() {
    DomainReport r = checker.check("plain.m.test");
    assertThat(r).isComplete();
    assertThat(r.incompleteSteps()).noneMatch(s -> s.contains("internal error"));
    assertThat(r.verdict()).isNotEqualTo(DaneVerdict.INDETERMINATE);
  }
}
