/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.danecheck.testkit.junit5.DaneAssertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.danecheck.TlsaMatchingType;
import org.danecheck.TlsaProfile;
import org.danecheck.TlsaRecord;
import org.danecheck.TlsaSelector;
import org.danecheck.TlsaUsage;
import org.danecheck.core.DaneChecker;
import org.danecheck.core.RolloverReadiness;
import org.danecheck.core.TlsaGenerator;
import org.danecheck.core.TlsaMatcher;
import org.danecheck.testkit.DaneLab;
import org.danecheck.testkit.ServerChain;
import org.danecheck.testkit.TestCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a mail administrator's own test of their DANE configuration looks like: the certificate and
 * key files the server uses, the TLSA lines of the zone file, checked offline in a lab, plus a
 * rollover check before a key change. Copy it and point it at your files.
 */
class MailConfigExampleTest {
  @TempDir Path dir;

  @Test
  void publishedTlsaCoversTheServerAndTheNextKey() throws Exception {
    // Stand-ins for the admin's files: the current chain and key, and the next key's certificate.
    TestCertificate current =
        TestCertificate.builder()
            .subject("mail.example.test")
            .dnsNames("mail.example.test")
            .build();
    TestCertificate next =
        TestCertificate.builder()
            .subject("mail.example.test")
            .dnsNames("mail.example.test")
            .build();
    Path chainFile = Files.writeString(dir.resolve("fullchain.pem"), current.certificatePem());
    Path keyFile = Files.writeString(dir.resolve("privkey.pem"), current.privateKeyPkcs8Pem());

    // The zone file's TLSA lines: "current + next" (RFC 7671 8.1: publish the next key first).
    String currentTlsa = tlsa(current);
    String nextTlsa = tlsa(next);
    String zoneSnippet =
        "_25._tcp.mail 3600 IN TLSA " + currentTlsa + "\n_25._tcp.mail 3600 IN TLSA " + nextTlsa;

    try (DaneLab lab =
            DaneLab.builder()
                .domain(
                    "example.test",
                    d -> {
                      d.mx(10, "mail", h -> h.chains(ServerChain.fromPemFiles(chainFile, keyFile)));
                      zoneSnippet.lines().forEach(d::record);
                    })
                .start();
        DaneChecker checker = DaneChecker.builder().environment(lab).build()) {
      // The server as configured authenticates with the published records.
      assertThat(checker.check("example.test")).isDaneVerified();
    }

    // Before switching to the next key: both chains must be covered by the published RRset.
    List<TlsaRecord> published = List.of(TlsaRecord.parse(currentTlsa), TlsaRecord.parse(nextTlsa));
    RolloverReadiness readiness =
        TlsaMatcher.rolloverReadiness(
            published,
            Map.of(
                "current",
                List.of(current.certificateDer()),
                "next",
                List.of(next.certificateDer())),
            Set.of("mail.example.test"),
            Instant.now(),
            TlsaProfile.SMTP);
    assertThat(readiness.ready()).isTrue();

    // Had only the current key been published, the check names the chain that is not covered.
    RolloverReadiness notReady =
        TlsaMatcher.rolloverReadiness(
            List.of(TlsaRecord.parse(currentTlsa)),
            Map.of(
                "current",
                List.of(current.certificateDer()),
                "next",
                List.of(next.certificateDer())),
            Set.of("mail.example.test"),
            Instant.now(),
            TlsaProfile.SMTP);
    assertThat(notReady.notCovered()).containsExactly("next");
  }

  private static String tlsa(TestCertificate certificate) {
    return TlsaGenerator.forCertificate(
            certificate.certificateDer(),
            TlsaUsage.DANE_EE,
            TlsaSelector.SPKI,
            TlsaMatchingType.SHA2_256)
        .toString();
  }
}
