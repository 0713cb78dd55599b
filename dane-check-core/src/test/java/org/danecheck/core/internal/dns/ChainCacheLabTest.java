/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.danecheck.DnssecStatus;
import org.danecheck.LookupStatus;
import org.danecheck.core.internal.Deadline;
import org.danecheck.testkit.LabDnsServer;
import org.danecheck.testkit.LabFault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The validator's DS and DNSKEY answers kept across lookups ({@link ChainCache}): a survey's many
 * unsigned delegations under one signed parent ask the parent's and the root's keys once, not once
 * per zone (dnsjava restarts its key search at the trust anchor for each new zone).
 */
class ChainCacheLabTest {
  static final int ZONES = 30;
  static LabDnsServer lab;

  @BeforeAll
  static void start() {
    LabDnsServer.Builder b = LabDnsServer.builder();
    for (int i = 0; i < ZONES; i++) {
      int n = i;
      b.zone("u" + n + ".test", z -> z.unsigned().record("@ MX 10 mx").record("mx A 127.0.2." + n));
    }
    b.zone(
        "bad.test",
        z -> z.record("@ MX 10 mx").fault("bad.test.", "DNSKEY", LabFault.BOGUS_SIGNATURE));
    lab = b.start();
  }

  @AfterAll
  static void stop() {
    lab.close();
  }

  static MailDns dns(long cacheBytes) {
    // Generous timeouts: the counts, not the speed, are what is tested.
    return new MailDns(
        MailDnsLabTest.labConfig(lab)
            .queryTimeout(Duration.ofSeconds(5))
            .cacheBytes(cacheBytes)
            .build());
  }

  /** The MX lookup's DNSSEC status, asserted with its reason in the message. */
  static void assertMx(MailDns dns, String domain, DnssecStatus expected) {
    LookupStatus status = dns.mx(domain, Deadline.after(Duration.ofSeconds(30))).join().lookup();
    assertThat(status.dnssec()).as(status::reason).isEqualTo(expected);
  }

  private static int keyQueries() {
    return lab.queryCount(".", "DNSKEY")
        + lab.queryCount("test.", "DNSKEY")
        + lab.queryCount("test.", "DS");
  }

  @Test
  void theParentsKeysAreAskedOnceForManyZones() {
    int before = keyQueries();
    try (MailDns dns = dns(1 << 20)) {
      for (int i = 0; i < ZONES; i++) {
        assertMx(dns, "u" + i + ".test", DnssecStatus.INSECURE);
      }
    }
    // Once each: the root's DNSKEY, test.'s DS and test.'s DNSKEY.
    assertThat(keyQueries() - before).isEqualTo(3);
  }

  @Test
  void withoutACacheDnsjavaAsksThemForEachNewZone() {
    // What the cache saves (and why it exists): the restart at the trust anchor, measured.
    int before = keyQueries();
    try (MailDns dns = dns(0)) {
      for (int i = 0; i < ZONES; i++) {
        assertMx(dns, "u" + i + ".test", DnssecStatus.INSECURE);
      }
    }
    assertThat(keyQueries() - before).isGreaterThanOrEqualTo(3 * ZONES);
  }

  @Test
  void aKeptAnswerIsValidatedAgainAndABogusKeyStaysBogus() {
    try (MailDns dns = dns(1 << 20)) {
      // The bogus DNSKEY answer is NOERROR with records, so it is kept; validated each time.
      assertMx(dns, "bad.test", DnssecStatus.BOGUS);
      assertMx(dns, "bad.test", DnssecStatus.BOGUS);
    }
  }
}
