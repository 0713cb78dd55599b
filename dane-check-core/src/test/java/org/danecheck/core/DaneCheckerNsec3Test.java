/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.danecheck.testkit.junit5.DaneAssertions.assertThat;

import java.time.Duration;
import org.danecheck.DaneVerdict;
import org.danecheck.DnssecStatus;
import org.danecheck.DomainReport;
import org.danecheck.HostStatus;
import org.danecheck.LookupOutcome;
import org.danecheck.LookupStatus;
import org.danecheck.MtaAction;
import org.danecheck.TlsLevel;
import org.danecheck.testkit.DaneLab;
import org.danecheck.testkit.LabFault;
import org.danecheck.testkit.LabZone;
import org.danecheck.testkit.junit5.DaneLabExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The checker on NSEC3-signed zones (RFC 5155), as most of the Internet's parents sign: a parent
 * {@code n3.test.} with opt-out (as com and net), signed domains with NSEC3 without opt-out, and
 * proofs the lab breaks on purpose. A denial proven by NSEC3 is a denial; an unsigned delegation
 * under an opt-out parent is insecure (no DANE, RFC 7672 2.2.1); a denial whose proof lacks a
 * record is bogus, which is a failure, never "no DANE" (RFC 7672 2.1.1, 2.1.2). That the lab's
 * NSEC3 answers are right is judged by Unbound in the testkit's {@code Nsec3UnboundInteropTest}.
 */
class DaneCheckerNsec3Test {
  @RegisterExtension
  static final DaneLabExtension LAB =
      new DaneLabExtension(
          DaneLab.builder()
              .zone("n3.test", z -> z.nsec3(n -> n.optOut(true)))
              .domain("dane.n3.test", d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1)))
              .zone("dane.n3.test", LabZone::nsec3)
              .domain("notlsa.n3.test", d -> d.mx(10, "mx", h -> {}))
              .zone("notlsa.n3.test", z -> z.nsec3(n -> n.salt("a1b2c3d4")))
              .domain(
                  "broken.n3.test",
                  d -> d.mx(10, "mx", h -> h.fault("TLSA", LabFault.INCOMPLETE_DENIAL)))
              .zone("broken.n3.test", LabZone::nsec3)
              .domain("unsigned.n3.test", d -> d.unsigned().mx(10, "mx", h -> h.tlsa(3, 1, 1)))
              .domain(
                  "unsigned-broken.n3.test",
                  d ->
                      d.unsigned()
                          .mx(10, "mx", h -> h.tlsa(3, 1, 1))
                          .fault("@", "DS", LabFault.INCOMPLETE_DENIAL)));

  private static DaneChecker checker;

  @BeforeAll
  static void startChecker() {
    DaneLab lab = LAB.lab();
    checker =
        DaneChecker.builder()
            .environment(lab)
            .pkixTrustStore(lab.trustStore())
            .ehloName("nsec3.test")
            .queryTimeout(Duration.ofMillis(1500))
            .commandTimeout(Duration.ofSeconds(3))
            .deadline(Duration.ofSeconds(15))
            .build();
  }

  @AfterAll
  static void stopChecker() {
    checker.close();
  }

  private static DomainReport check(String domain) {
    return ReportSchema.valid(PolicyAgreement.check(checker, domain));
  }

  @Test
  void signedNsec3DomainVerifies() {
    // NSEC3 in the chain (the DS of dane.n3.test. is proven, the parent has opt-out): DANE-EE.
    assertThat(check("dane.n3.test"))
        .isDaneVerified()
        .hostEndpointsHaveLevel("mx.dane.n3.test", TlsLevel.VERIFIED);
  }

  @Test
  void tlsaNxdomainProvenByNsec3IsADenial() {
    // RFC 5155 7.2.2 proof (closest encloser mx., next closer _tcp.mx., wildcard *.mx.), salted:
    // a DNSSEC validated proof of non-existent TLSA records, so pre-DANE opportunistic TLS for the
    // host (RFC 7672 2.2), not an error (2.1.1).
    DomainReport r = check("notlsa.n3.test");
    assertThat(r)
        .isJudged(DaneVerdict.NO_DANE, MtaAction.OPPORTUNISTIC)
        .hostHasStatus("mx.notlsa.n3.test", HostStatus.NO_DANE);
    LookupStatus tlsa = r.mxHosts().get(0).tlsaLookup().orElseThrow();
    assertThat(tlsa.outcome()).isEqualTo(LookupOutcome.NXDOMAIN);
    assertThat(tlsa.dnssec()).isEqualTo(DnssecStatus.SECURE);
  }

  @Test
  void tlsaDenialMissingAnNsec3IsAFailureNotNoDane() {
    // The NXDOMAIN lacks the NSEC3 covering the wildcard: bogus (RFC 5155 8.4), and a bogus TLSA
    // lookup of a secure host makes it unreachable, and delivery is delayed (RFC 7672 2.1.2).
    DomainReport r = check("broken.n3.test");
    assertThat(r)
        .isJudged(DaneVerdict.FAILED, MtaAction.DEFER)
        .hostHasStatus("mx.broken.n3.test", HostStatus.TLSA_LOOKUP_FAILED);
    assertThat(r.mxHosts().get(0).tlsaLookup().orElseThrow().dnssec())
        .isEqualTo(DnssecStatus.BOGUS);
  }

  @Test
  void unsignedDelegationUnderOptOutParentIsInsecure() {
    // The DS denial is the closest encloser proof with an opt-out NSEC3 covering the next closer
    // name (RFC 5155 7.2.4, 6): the MX RRset is insecure, so DANE need not apply though TLSA is
    // published (RFC 7672 2.2.1).
    DomainReport r = check("unsigned.n3.test");
    assertThat(r)
        .isJudged(DaneVerdict.NO_DANE, MtaAction.OPPORTUNISTIC)
        .hostHasStatus("mx.unsigned.n3.test", HostStatus.NO_DANE);
    assertThat(r.mxLookup().orElseThrow().dnssec()).isEqualTo(DnssecStatus.INSECURE);
  }

  @Test
  void optOutProofMissingAnNsec3IsAFailureNotNoDane() {
    // Without the opt-out NSEC3 covering the next closer name, nothing proves the delegation
    // unsigned: the MX lookup is bogus, never insecure, and delivery is delayed (RFC 7672 2.1.1,
    // 2.1.2).
    DomainReport r = check("unsigned-broken.n3.test");
    assertThat(r).isJudged(DaneVerdict.FAILED, MtaAction.DEFER);
    assertThat(r.mxLookup().orElseThrow().dnssec()).isEqualTo(DnssecStatus.BOGUS);
  }
}
