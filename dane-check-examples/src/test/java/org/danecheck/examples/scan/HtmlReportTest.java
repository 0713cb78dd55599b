/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.danecheck.DaneVerdict;
import org.danecheck.DnssecStatus;
import org.danecheck.MxSource;
import org.danecheck.examples.scan.ScanFacts.SessionClass;
import org.junit.jupiter.api.Test;

/** What the HTML report says (the browser test checks that it renders). */
class HtmlReportTest {
  private static ScanFacts failing(String domain, String address) {
    return new ScanFacts(
        domain,
        Optional.empty(),
        DaneVerdict.FAILED,
        MxSource.MX_RECORDS,
        true,
        true,
        Set.of("TLSA_NO_MATCH"),
        List.of(
            new ScanFacts.Host(
                "mx." + domain + ".",
                DnssecStatus.SECURE,
                true,
                List.of(new ScanFacts.Endpoint(address, SessionClass.TRUSTED, "TLSv1.3")))));
  }

  private static String line(String domain) {
    return "{\"schemaVersion\":1,\"domain\":\""
        + domain
        + "\",\"verdict\":\"FAILED\",\"mxSource\":\"MX_RECORDS\","
        + "\"problems\":[{\"code\":\"TLSA_NO_MATCH\"}]}";
  }

  private static ScanSummary summary() {
    ScanSummary s = new ScanSummary();
    s.cover(
        new Coverage(
            "top.csv",
            "ab".repeat(32),
            1,
            2,
            "2026-12-01T10:00:00Z",
            "2026-12-01T10:42:05Z",
            "--concurrency 500"));
    s.add(failing("b.example", "2001:db8:0:0:0:0:0:1"), line("b.example"));
    s.add(failing("a.example", "192.0.2.1"), line("a.example"));
    ScanSummaryTest.sample().forEach(s::add);
    return s;
  }

  @Test
  void saysWhatWasScannedHowAndHowLong() {
    String html = new SummaryReport(summary(), 5).html();

    assertThat(html)
        .contains("Scanned 2026-12-01")
        .contains("<td>top.csv</td>", "abababababab…", "<td>1/2</td>")
        .contains("2026-12-01T10:00:00Z", "42 min 5 s", "--concurrency 500");
  }

  @Test
  void daneComesFirstWithTheFailingDomainsLinkedToTheirReports() {
    String html = new SummaryReport(summary(), 5).html();

    assertThat(html.indexOf("<h2>DANE</h2>")).isLessThan(html.indexOf("seed study</h2>"));
    assertThat(html)
        .contains("with a DNSSEC-signed MX RRset", "with TLSA records", "DANE verified")
        .contains("<title>Failing domains by problem code</title>")
        .contains("<li><a href=\"#report-0\">a.example</a>: TLSA_NO_MATCH</li>")
        .contains("<li><a href=\"#report-1\">b.example</a>: TLSA_NO_MATCH</li>")
        .contains("<div class=\"report\" id=\"report-0\"><h3>a.example</h3><pre>{&quot;schema");
  }

  @Test
  void setsThisScanBesideTheSeedStudy() {
    String html = new SummaryReport(summary(), 5).html();

    assertThat(html)
        .contains("<td>Domains with an MX</td>", "992,232")
        .contains("109,753", "167,063", "410,953", "<td class=\"n\">128</td>", "1,382")
        .contains("473,088", "68,048", "151,242", "153,330", "125,422")
        .contains("<title>TLS sessions by level: this scan and the seed study</title>")
        .contains(">this scan</text>", ">seed study</text>", ">share of TLS sessions</text>");
  }

  @Test
  void writesIpv6AddressesInTheirShortForm() {
    assertThat(SummaryReport.shortAddress("2001:db8:0:0:0:0:0:1")).isEqualTo("2001:db8::1");
    assertThat(SummaryReport.shortAddress("0:0:0:0:0:0:0:1")).isEqualTo("::1");
    assertThat(SummaryReport.shortAddress("2001:db8:0:1:0:0:0:0")).isEqualTo("2001:db8:0:1::");
    // RFC 5952 4.2.2: one zero group stays; 4.2.3: the first of equal runs is shortened.
    assertThat(SummaryReport.shortAddress("2001:db8:0:1:1:1:1:1"))
        .isEqualTo("2001:db8:0:1:1:1:1:1");
    assertThat(SummaryReport.shortAddress("2001:0:0:1:0:0:1:1")).isEqualTo("2001::1:0:0:1:1");
    assertThat(SummaryReport.shortAddress("2001:DB8:00AB:0:0:0:0:1")).isEqualTo("2001:db8:ab::1");
    assertThat(SummaryReport.shortAddress("192.0.2.1")).isEqualTo("192.0.2.1");

    String html = new SummaryReport(summary(), 20).html();
    assertThat(html).contains("<td>2001:db8::1</td>").doesNotContain("2001:db8:0:0:0:0:0:1");
  }

  @Test
  void theFailingReportsKeptSurviveMergeAndAreBounded() {
    ScanSummary a = new ScanSummary();
    ScanSummary b = new ScanSummary();
    ScanSummary whole = new ScanSummary();
    for (int i = 0; i < ScanSummary.MAX_FAILING_KEPT + 30; i++) {
      String d = String.format("d%03d.example", i);
      (i % 2 == 0 ? a : b).add(failing(d, "192.0.2.1"), line(d));
      whole.add(failing(d, "192.0.2.1"), line(d));
    }
    ScanSummary merged = ScanSummary.fromJson(a.toJson());
    merged.merge(ScanSummary.fromJson(b.toJson()));

    assertThat(merged.failing()).hasSize(ScanSummary.MAX_FAILING_KEPT);
    assertThat(merged.failing().keySet()).first().isEqualTo("d000.example");
    assertThat(merged).isEqualTo(whole);
    assertThat(new SummaryReport(merged, 5).html())
        .contains("The first " + ScanSummary.MAX_FAILING_KEPT + " of 130 by name");
  }
}
