/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.danecheck.DaneVerdict;
import org.danecheck.DnssecStatus;
import org.danecheck.MxSource;
import org.danecheck.examples.scan.ScanFacts.SessionClass;
import org.junit.jupiter.api.Test;

class ScanSummaryTest {
  static List<ScanFacts> sample() {
    List<ScanFacts> facts = new ArrayList<>();
    SessionClass[] classes = SessionClass.values();
    for (int i = 0; i < 200; i++) {
      String big = "mx" + (i % 7) + ".hoster.example.";
      String address = i % 13 == 0 ? "2001:db8::" + (i % 7) : "192.0.2." + (i % 7);
      SessionClass c = classes[i % classes.length];
      facts.add(
          new ScanFacts(
              "d" + i + ".example",
              Optional.empty(),
              DaneVerdict.values()[i % DaneVerdict.values().length],
              i % 10 == 0 ? MxSource.NULL_MX : MxSource.MX_RECORDS,
              i % 3 == 0,
              i % 50 != 0,
              i % 4 == 0 ? Set.of("TLSA_NO_MATCH") : Set.of(),
              List.of(
                  new ScanFacts.Host(
                      big,
                      DnssecStatus.values()[i % 4],
                      i % 5 == 0,
                      List.of(new ScanFacts.Endpoint(address, c, c.tls() ? "TLSv1.3" : ""))))));
    }
    facts.add(ScanFacts.invalid("bad..name", "empty label"));
    return facts;
  }

  @Test
  void mergeOfPartsEqualsTheSummaryOfTheWhole() {
    ScanSummary whole = new ScanSummary();
    ScanSummary a = new ScanSummary();
    ScanSummary b = new ScanSummary();
    List<ScanFacts> facts = sample();
    for (int i = 0; i < facts.size(); i++) {
      whole.add(facts.get(i));
      (i % 3 == 0 ? a : b).add(facts.get(i));
    }
    ScanSummary merged = ScanSummary.fromJson(a.toJson());
    merged.merge(ScanSummary.fromJson(b.toJson()));
    assertThat(merged).isEqualTo(whole);
    assertThat(merged.toJson()).isEqualTo(whole.toJson());
    assertThat(whole.counter("entries")).isEqualTo(201);
    assertThat(whole.servers()).hasSize(14);
    assertThat(whole.hosts().get("mx0.hoster.example.")[ScanSummary.DOMAINS]).isEqualTo(29);
  }

  @Test
  void reportsRenderEveryFigure() {
    ScanSummary s = new ScanSummary();
    sample().forEach(s::add);
    SummaryReport report = new SummaryReport(s, 5);
    assertThat(report.markdown())
        .contains("| Sessions with TLS |", "| Handshake failures |", "| IPv6 sessions |")
        .contains("Top 5 MX hosts", "Top 5 server addresses", "## Domains per server");
    assertThat(report.html()).contains("<svg", "</html>").doesNotContain("<script");
  }

  @Test
  void rejectsForeignFiles() {
    assertThatThrownBy(() -> ScanSummary.fromJson("{\"format\":\"other\"}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ScanSummary.fromJson("{"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** The streaming reader: what the tree reader refused, it refuses, and another file early. */
  @Test
  void theStreamingReaderRefusesWhatIsNotASummary() {
    String whole = new ScanSummary().toJson();
    for (String member : List.of("counters", "servers", "hosts")) {
      String without = whole.replaceFirst(",\"" + member + "\":\\{\\}", "");
      assertThat(without).isNotEqualTo(whole);
      assertThatThrownBy(() -> ScanSummary.fromJson(without))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("\"" + member + "\" is missing");
    }
    assertThatThrownBy(() -> ScanSummary.fromJson(whole + "{}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("content after the summary");
    // Another format is refused when met, before the rest is read (here: cut short).
    assertThatThrownBy(() -> ScanSummary.fromJson("{\"format\":\"other\",\"servers\":{\"a\":[1,"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a " + ScanSummary.FORMAT + " file");
    assertThatThrownBy(
            () -> ScanSummary.fromJson(whole.replace("\"servers\":{}", "\"servers\":[]")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a JSON object");
  }
}
