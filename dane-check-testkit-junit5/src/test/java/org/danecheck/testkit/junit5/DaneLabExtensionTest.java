/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.testkit.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.danecheck.DaneVerdict;
import org.danecheck.DomainReport;
import org.danecheck.MtaAction;
import org.danecheck.MxSource;
import org.danecheck.Problem;
import org.danecheck.ProblemCode;
import org.danecheck.ValidationMode;
import org.danecheck.testkit.DaneLab;
import org.junit.jupiter.api.Test;

/** The extension starts a lab for the test and stops it; the assertions say what they saw. */
class DaneLabExtensionTest {
  @Test
  void aPerTestLabRunsOnlyBetweenBeforeEachAndAfterEach() throws Exception {
    DaneLabExtension extension =
        new DaneLabExtension(
            DaneLab.builder().domain("example.test", d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1))));
    assertThatThrownBy(extension::lab).isInstanceOf(IllegalStateException.class);
    extension.beforeEach(null);
    InetSocketAddress dns = extension.lab().dnsAddress();
    try (Socket socket = new Socket()) {
      // The lab's DNS server answers over TCP too: it is up.
      socket.connect(dns, 2000);
    }
    extension.afterEach(null);
    assertThatThrownBy(extension::lab).hasMessageContaining("only during tests");
  }

  @Test
  void aPerClassLabOutlivesEachTest() throws Exception {
    DaneLabExtension extension =
        new DaneLabExtension(DaneLab.builder().domain("example.test", d -> d.mx(10, "mx")));
    extension.beforeAll(null);
    DaneLab lab = extension.lab();
    extension.beforeEach(null);
    extension.afterEach(null);
    assertThat(extension.lab()).isSameAs(lab);
    extension.afterAll(null);
    assertThatThrownBy(extension::lab).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aFailedAssertionShowsTheReport() {
    DomainReport report =
        DomainReport.builder()
            .domain("example.test")
            .checkedAt(Instant.EPOCH)
            .elapsed(Duration.ZERO)
            .validationMode(ValidationMode.IN_PROCESS)
            .mxSource(MxSource.MX_RECORDS)
            .verdict(DaneVerdict.FAILED)
            .mtaAction(MtaAction.DEFER)
            .problems(List.of(Problem.ofDomain(ProblemCode.DNSSEC_BOGUS, "the MX RRset is bogus")))
            .build();
    DaneAssertions.assertThat(report)
        .hasVerdict(DaneVerdict.FAILED)
        .hasProblem(ProblemCode.DNSSEC_BOGUS);
    assertThatThrownBy(() -> DaneAssertions.assertThat(report).isDaneVerified())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected verdict VERIFIED but was FAILED")
        .hasMessageContaining("DNSSEC_BOGUS")
        .hasMessageContaining("the MX RRset is bogus");
    // The scenario assertion lists every difference at once.
    assertThatThrownBy(
            () ->
                DaneAssertions.assertThat(report)
                    .isJudged(
                        DaneVerdict.VERIFIED,
                        MtaAction.AUTHENTICATED_TLS,
                        ProblemCode.TLSA_NO_MATCH))
        .hasMessageContaining("verdict VERIFIED but was FAILED")
        .hasMessageContaining("MTA action AUTHENTICATED_TLS but was DEFER")
        .hasMessageContaining("a problem TLSA_NO_MATCH");
    DaneAssertions.assertThat(report)
        .isJudged(DaneVerdict.FAILED, MtaAction.DEFER, ProblemCode.DNSSEC_BOGUS);
  }
}
