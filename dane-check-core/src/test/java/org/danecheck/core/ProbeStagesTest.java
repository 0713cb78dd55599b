/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.danecheck.DaneVerdict;
import org.danecheck.DomainReport;
import org.danecheck.testkit.DaneLab;
import org.danecheck.testkit.LabFault;
import org.danecheck.testkit.junit5.DaneLabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A check split into stages, as a distributed scan makes it (issue 16): the policy lookup lists the
 * probes ({@link DaneChecker#probeTargets}), each is probed on its own ({@link
 * DaneChecker#probeAsync}) and shipped as bytes ({@link ProbeRecord}), and the domain is evaluated
 * from the records ({@link DaneChecker#checkAsync(String, Map)}). The reference is the one-piece
 * check, {@link DaneChecker#check(String)}: the report must be the same, timings aside.
 */
class ProbeStagesTest {
  private static final String ZERO_DIGEST = "00".repeat(32);

  @RegisterExtension
  static final DaneLabExtension LAB =
      new DaneLabExtension(
          DaneLab.builder()
              .domain("ok.s.test", d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1)))
              .domain("ta.s.test", d -> d.mx(10, "mx", h -> h.alias("real.s.test.").tlsa(2, 0, 1)))
              .domain("unusable.s.test", d -> d.mx(10, "mx", h -> h.tlsa("1 1 1 " + ZERO_DIGEST)))
              .domain("wrong.s.test", d -> d.mx(10, "mx", h -> h.tlsa("3 1 1 " + ZERO_DIGEST)))
              .domain("plain.s.test", d -> d.mx(10, "mx"))
              .domain(
                  "backup.s.test",
                  d ->
                      d.mx(10, "mx1", h -> h.tlsa(3, 1, 1).fault("TLSA", LabFault.SERVFAIL))
                          .mx(20, "mx2", h -> h.tlsa(3, 1, 1)))
              .domain("nullmx.s.test", d -> d.nullMx()));

  private static final List<String> DOMAINS =
      List.of(
          "ok.s.test",
          "ta.s.test",
          "unusable.s.test",
          "wrong.s.test",
          "plain.s.test",
          "backup.s.test",
          "nullmx.s.test");

  private static DaneChecker checker() {
    return DaneChecker.builder()
        .environment(LAB.lab())
        .queryTimeout(Duration.ofSeconds(2))
        .dnsCache(1000)
        .bothAlgorithms(true)
        .build();
  }

  /** The report JSON without its timings, which differ between any two checks. */
  static String untimed(DomainReport report) {
    return DomainReportJson.toJson(report)
        .replaceAll("\"checkedAt\":\"[^\"]*\"", "\"checkedAt\":\"\"")
        .replaceAll("\"elapsedMillis\":[0-9]+", "\"elapsedMillis\":0");
  }

  @Test
  void stagedCheckReportsWhatTheCheckReports() {
    try (DaneChecker checker = checker()) {
      for (String domain : DOMAINS) {
        DomainReport whole = checker.check(domain);
        DomainPolicy policy = checker.policy(domain);
        Map<ProbeTarget, ProbeRecord> records = new LinkedHashMap<>();
        for (ProbeTarget target : checker.probeTargets(policy)) {
          // Through the text key and the byte form, as between a scan's stages.
          ProbeTarget shipped = ProbeTarget.parse(target.key());
          assertThat(shipped).isEqualTo(target);
          ProbeRecord record = checker.probeAsync(shipped).join();
          records.put(shipped, ProbeRecord.fromBytes(record.toBytes()));
        }
        assertThat(records.size())
            .as(domain)
            .isEqualTo(whole.mxHosts().stream().mapToInt(h -> h.endpoints().size()).sum());
        DomainReport staged = checker.checkAsync(domain, records).join();
        assertThat(untimed(staged)).as(domain).isEqualTo(untimed(whole));
      }
    }
  }

  @Test
  void aMissingProbeRecordMakesTheCheckIncompleteNeverVerified() {
    try (DaneChecker checker = checker()) {
      assertThat(checker.check("ok.s.test").verdict()).isNotEqualTo(DaneVerdict.INDETERMINATE);
      DomainReport staged = checker.checkAsync("ok.s.test", Map.of()).join();
      assertThat(staged.verdict()).isEqualTo(DaneVerdict.INDETERMINATE);
    }
  }

  @Test
  void targetKeysAndRecordsRejectGarbage() {
    assertThatThrownBy(() -> ProbeTarget.parse("mx.example|25|x|ANY|auth|mx"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProbeTarget.parse("192.0.2.1|25|x|ANY|auth"))
        .isInstanceOf(IllegalArgumentException.class);
    ProbeTarget v6 = ProbeTarget.parse("2001:db8::1|25|mx.example|RSA|anon|mx.example");
    assertThat(ProbeTarget.parse(v6.key())).isEqualTo(v6);
    assertThatThrownBy(() -> ProbeRecord.fromBytes(new byte[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] huge = {0x44, 0x43, 0x50, 0x52, 0, 0, 0, 1, 0, 2, 'm', 'x', 0x7f, 0, 0, 0};
    assertThatThrownBy(() -> ProbeRecord.fromBytes(huge))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
