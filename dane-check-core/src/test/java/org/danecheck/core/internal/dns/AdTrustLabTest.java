/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.danecheck.DnssecStatus;
import org.danecheck.LookupStatus;
import org.danecheck.MxSource;
import org.danecheck.Problem;
import org.danecheck.ProblemCode;
import org.danecheck.ValidationMode;
import org.danecheck.core.internal.Deadline;
import org.danecheck.core.internal.policy.Rfc7672Policy;
import org.danecheck.testkit.LabDnsServer;
import org.danecheck.testkit.LabFault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** AD-trust mode (as Postfix does) against a lab that sets AD on signed answers. */
class AdTrustLabTest {
  static LabDnsServer lab;

  @BeforeAll
  static void start() {
    lab =
        LabDnsServer.builder()
            .authenticatedData(true)
            .zone(
                "ad.test",
                z ->
                    z.record("@ MX 10 mx")
                        .record("mx A 127.0.0.60")
                        .record("forged MX 10 mx")
                        .fault("forged", "MX", LabFault.BOGUS_SIGNATURE))
            .zone("plain.test", z -> z.unsigned().record("@ MX 10 mx"))
            .start();
  }

  @AfterAll
  static void stop() {
    lab.close();
  }

  static Deadline deadline() {
    return Deadline.after(Duration.ofSeconds(10));
  }

  @Test
  void adBitIsTrustedInAdTrustMode() {
    try (MailDns dns = new MailDns(MailDnsLabTest.labConfig(lab).adTrust(true).build())) {
      assertThat(dns.mode()).isEqualTo(ValidationMode.AD_TRUST);
      // loopback resolver: the mode is reported, but no remote-resolver warning
      assertThat(dns.configurationProblems())
          .extracting(Problem::code)
          .containsExactly(ProblemCode.AD_TRUST_MODE);
      assertThat(dns.mx("ad.test", deadline()).join().lookup().dnssec())
          .isEqualTo(DnssecStatus.SECURE);
      assertThat(dns.mx("plain.test", deadline()).join().lookup().dnssec())
          .isEqualTo(DnssecStatus.INSECURE);
      assertThat(dns.addresses("mx.ad.test", deadline()).join().lookups())
          .allMatch(LookupStatus::isSecure);
    }
  }

  @Test
  void adBitIsIgnoredWhenValidatingInProcess() {
    try (MailDns dns = new MailDns(MailDnsLabTest.labConfig(lab).build())) {
      // the lab sets no AD on the forged answer, but validation must not depend on AD at all:
      MxAnswer forged = dns.mx("forged.ad.test", deadline()).join();
      assertThat(forged.lookup().dnssec()).isEqualTo(DnssecStatus.BOGUS);
      assertThat(Rfc7672Policy.mx("forged.ad.test.", forged).source())
          .isEqualTo(MxSource.LOOKUP_FAILED);
      assertThat(dns.mx("plain.test", deadline()).join().lookup().dnssec())
          .isEqualTo(DnssecStatus.INSECURE);
    }
  }
}
