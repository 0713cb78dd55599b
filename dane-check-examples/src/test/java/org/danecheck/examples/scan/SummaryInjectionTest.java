/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The Markdown and HTML summaries print names from scanned servers and from summary files being
 * merged: no control or bidi character gets through, {@code |} cannot end a Markdown cell, and HTML
 * markup is escaped.
 */
class SummaryInjectionTest {
  static final String HOSTILE = "mx\u001b[31m|<script>alert('x')</script>&\u2028\u202e\n.example.";

  @Test
  void mergedSummaryWithHostileKeysRendersSafely() {
    ScanSummary s = new ScanSummary();
    s.add(
        new ScanFacts(
            "d.example",
            java.util.Optional.empty(),
            org.danecheck.DaneVerdict.NO_DANE,
            org.danecheck.MxSource.MX_RECORDS,
            false,
            true,
            java.util.Set.of(),
            java.util.List.of(
                new ScanFacts.Host(
                    HOSTILE,
                    org.danecheck.DnssecStatus.INSECURE,
                    false,
                    java.util.List.of(
                        new ScanFacts.Endpoint(
                            "127.0.0.1", ScanFacts.SessionClass.ANONYMOUS, "TLSv1.3\u001b[0m"))))));
    // Through the JSON of a shard, as `dane-scan merge` reads it.
    ScanSummary merged = ScanSummary.fromJson(s.toJson());
    SummaryReport report = new SummaryReport(merged, 5);
    String md = report.markdown();
    String html = report.html();
    for (String out : new String[] {md, html}) {
      assertThat(out)
          .doesNotContain("\u001b", "\u2028", "\u202e")
          .contains("\\x1B[31m", "\\u2028", "\\u202E");
    }
    assertThat(md).contains("| mx\\\\x1B[31m\\|<script>").contains("TLSv1.3\\\\x1B[0m");
    assertThat(md.lines().filter(l -> l.startsWith("| mx"))).allMatch(l -> l.endsWith(" |"));
    assertThat(html)
        .doesNotContain("<script>")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;");
  }
}
