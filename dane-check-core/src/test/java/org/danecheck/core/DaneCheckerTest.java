/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.danecheck.testkit.junit5.DaneAssertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.danecheck.DomainReport;
import org.danecheck.MxSource;
import org.danecheck.PeerCertificate;
import org.danecheck.testkit.DaneLab;
import org.danecheck.testkit.junit5.DaneLabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DaneCheckerTest {
  @RegisterExtension
  static final DaneLabExtension LAB =
      new DaneLabExtension(
          DaneLab.builder()
              .domain("hoster.test", d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1)))
              .domain("a.test", d -> d.mxShared(10, "mx.hoster.test."))
              .domain("b.test", d -> d.mxShared(10, "mx.hoster.test."))
              .domain("c.test", d -> d.mxShared(10, "mx.hoster.test.")));

  private static DaneChecker.Builder checker() {
    DaneLab lab = LAB.lab();
    return DaneChecker.builder().environment(lab).deadline(Duration.ofSeconds(15));
  }

  @Test
  void probeCacheContactsASharedServerOnceEvenConcurrently() {
    InetAddress server = LAB.lab().host("mx.hoster.test").addresses().get(0);
    int before = LAB.lab().mail().sessionCount(server);
    try (DaneChecker checker =
        checker().probeCache(Duration.ofMinutes(10), 1000).dnsCache(1000).build()) {
      List<CompletableFuture<DomainReport>> reports =
          List.of("a.test", "b.test", "c.test", "hoster.test").stream()
              .map(checker::checkAsync)
              .toList();
      reports.forEach(r -> assertThat(r.join()).isDaneVerified());
    }
    assertThat(LAB.lab().mail().sessionCount(server) - before).isEqualTo(1);
  }

  @Test
  void withoutCacheEachCheckProbes() {
    InetAddress server = LAB.lab().host("mx.hoster.test").addresses().get(0);
    int before = LAB.lab().mail().sessionCount(server);
    try (DaneChecker checker = checker().build()) {
      checker.check("a.test");
      checker.check("b.test");
    }
    assertThat(LAB.lab().mail().sessionCount(server) - before).isEqualTo(2);
  }

  @Test
  void reportsEarliestCertificateAndSignatureExpiry() {
    try (DaneChecker checker = checker().build()) {
      DomainReport report = checker.check("hoster.test");
      PeerCertificate leaf = report.mxHosts().get(0).endpoints().get(0).certificates().get(0);
      assertThat(report.earliestCertificateExpiry()).isEqualTo(leaf.notAfter());
      assertThat(report.earliestSignatureExpiry()).contains(LAB.lab().dns().signatureExpiration());
    }
  }

  @Test
  void checkHostChecksOneServerWithoutMxLookup() {
    try (DaneChecker checker = checker().build()) {
      DomainReport report = checker.checkHost("MX.Hoster.Test.");
      assertThat(report).isDaneVerified();
      assertThat(report.mxSource()).isEqualTo(MxSource.GIVEN_HOST);
      assertThat(report.mxLookup()).isEmpty();
      assertThat(report.domain()).isEqualTo("mx.hoster.test");
    }
  }

  @Test
  void badDomainNamesAreProgrammerErrors() {
    try (DaneChecker checker = checker().build()) {
      assertThatThrownBy(() -> checker.check("192.0.2.1"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("IP address");
      assertThatThrownBy(() -> checker.check(null)).isInstanceOf(NullPointerException.class);
    }
  }

  @Test
  void builderRejectsNonsense() {
    assertThatThrownBy(() -> DaneChecker.builder().smtpPort(0)).hasMessageContaining("port");
    assertThatThrownBy(() -> DaneChecker.builder().deadline(Duration.ZERO))
        .hasMessageContaining("deadline");
    assertThatThrownBy(() -> DaneChecker.builder().ipv4(false).ipv6(false).build())
        .hasMessageContaining("IPv4 and IPv6");
  }
}
