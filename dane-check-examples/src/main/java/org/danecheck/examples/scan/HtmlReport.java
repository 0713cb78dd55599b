/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import static org.danecheck.examples.scan.SummaryReport.esc;
import static org.danecheck.examples.scan.SummaryReport.label;
import static org.danecheck.examples.scan.SummaryReport.pct;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.danecheck.DaneVerdict;
import org.danecheck.examples.scan.ScanFacts.SessionClass;
import org.danecheck.examples.scan.SvgChart.Series;

/**
 * The HTML report, laid out as a survey author would put it in a paper or on a status page: what
 * was scanned (date, input, parameters, duration), DANE first (signed MX, TLSA, verified, failing
 * by problem code, the failing domains with their reports), then this scan beside the seed study's
 * figures ({@link SeedStudy}), then every figure. One self-contained file: inline CSS and SVG, no
 * script, no external asset.
 */
final class HtmlReport {
  private final ScanSummary s;
  private final SummaryReport figures;
  private final StringBuilder h = new StringBuilder();

  HtmlReport(ScanSummary summary, SummaryReport figures) {
    this.s = summary;
    this.figures = figures;
  }

  String render() {
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width\">\n")
        .append("<title>dane-scan report</title>\n<style>\n")
        .append("body{font-family:sans-serif;max-width:62em;margin:1em auto;padding:0 1em;")
        .append("color:#222;line-height:1.4}\n")
        .append("h1{margin-bottom:.2em}h2{border-bottom:1px solid #ccc;margin-top:1.6em}\n")
        .append("table{border-collapse:collapse;margin:.5em 0}")
        .append("td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}")
        .append("td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\n")
        .append(".meta{color:#555}.chart{display:block;margin:.5em 0}")
        .append(".report pre{max-height:14em;overflow:auto;white-space:pre-wrap;")
        .append("word-break:break-all;background:#f6f6f6;padding:.5em;font-size:85%}\n")
        .append("</style></head><body>\n<h1>dane-scan report</h1>\n");
    scanned();
    dane();
    beside();
    domainsPerServer();
    allFigures();
    reports();
    return h.append("</body></html>\n").toString();
  }

  // --- what was scanned ----------------------------------------------------------------------

  private void scanned() {
    List<Coverage> coverage = s.coverage();
    if (coverage.isEmpty()) {
      h.append("<p class=\"meta\">What this summary covers was not recorded.</p>\n");
      return;
    }
    Coverage first = coverage.get(0);
    h.append("<p class=\"meta\">Scanned ")
        .append(esc(day(first.started())))
        .append(coverage.size() > 1 ? " (" + coverage.size() + " scans merged)" : "")
        .append("; ")
        .append(s.counter("entries"))
        .append(" input entries.</p>\n")
        .append("<table><tr><th>Input</th><th>SHA-256</th><th>Shard</th><th>Started</th>")
        .append("<th>Finished</th><th class=\"n\">Duration</th><th>Parameters</th></tr>\n");
    for (Coverage c : coverage) {
      h.append("<tr><td>")
          .append(esc(c.input()))
          .append("</td><td><code>")
          .append(esc(c.inputSha256().isEmpty() ? "-" : c.inputSha256().substring(0, 12) + "…"))
          .append("</code></td><td>")
          .append(c.shard())
          .append('/')
          .append(c.shards())
          .append("</td><td>")
          .append(esc(c.started()))
          .append("</td><td>")
          .append(esc(c.finished()))
          .append("</td><td class=\"n\">")
          .append(esc(duration(c)))
          .append("</td><td><code>")
          .append(esc(c.parameters().isEmpty() ? "defaults" : c.parameters()))
          .append("</code></td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static String day(String instant) {
    return instant.length() >= 10 ? instant.substring(0, 10) : instant;
  }

  static String duration(Coverage c) {
    try {
      Duration d = Duration.between(Instant.parse(c.started()), Instant.parse(c.finished()));
      long seconds = d.getSeconds();
      return seconds < 60
          ? String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0)
          : seconds < 3600
              ? String.format(Locale.ROOT, "%d min %d s", seconds / 60, seconds % 60)
              : String.format(Locale.ROOT, "%d h %d min", seconds / 3600, seconds % 3600 / 60);
    } catch (DateTimeParseException e) {
      return "";
    }
  }

  // --- DANE ----------------------------------------------------------------------------------

  private void dane() {
    long domains = s.counter("entries") - s.counter("invalid");
    long tlsa = s.counter("domains.withTlsa");
    long failing = s.counter("verdict.FAILED");
    h.append("<h2>DANE</h2>\n<table><tr><th>Domains</th><th class=\"n\">Count</th>")
        .append("<th class=\"n\">Share of checked</th><th class=\"n\">Share of TLSA</th></tr>\n");
    daneRow("checked", domains, domains, -1);
    daneRow("with a DNSSEC-signed MX RRset", s.counter("domains.mxSecure"), domains, -1);
    daneRow("with TLSA records (on some MX host)", tlsa, domains, tlsa);
    daneRow("DANE verified (every MX host)", s.counter("verdict.VERIFIED"), domains, tlsa);
    daneRow(
        "DANE partially verified",
        s.counter("verdict." + DaneVerdict.PARTIALLY_VERIFIED.name()),
        domains,
        tlsa);
    daneRow("TLSA records all unusable", s.counter("verdict.UNAUTHENTICATED"), domains, tlsa);
    daneRow("DANE failing (a DANE MTA defers or skips)", failing, domains, tlsa);
    h.append("</table>\n");

    Map<String, Long> byCode = new java.util.TreeMap<>(s.counters("domains.failingProblem."));
    List<Map.Entry<String, Long>> codes =
        byCode.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .toList();
    if (codes.isEmpty()) {
      h.append("<p>No domain fails DANE.</p>\n");
      return;
    }
    h.append("<h3>Failing domains by problem code</h3>\n")
        .append(
            SvgChart.bars(
                "Failing domains by problem code",
                "failing domains with the problem (a domain may have several)",
                codes.stream().map(Map.Entry::getKey).toList(),
                List.of(
                    new Series(
                        "this scan",
                        SvgChart.THIS_SCAN,
                        codes.stream().mapToDouble(Map.Entry::getValue).toArray())),
                false));
    Map<String, String> kept = s.failing();
    h.append("<h3>Failing domains</h3>\n<p>")
        .append(
            kept.size() < failing
                ? "The first " + kept.size() + " of " + failing + " by name"
                : "All " + failing)
        .append(", each linked to its report (the <code>check --json</code> line):</p>\n<ul>\n");
    int i = 0;
    for (Map.Entry<String, String> e : kept.entrySet()) {
      h.append("<li><a href=\"#report-")
          .append(i++)
          .append("\">")
          .append(esc(e.getKey()))
          .append("</a>: ")
          .append(esc(String.join(", ", problemCodes(e.getValue()))))
          .append("</li>\n");
    }
    h.append("</ul>\n");
  }

  private void daneRow(String what, long n, long domains, long tlsa) {
    h.append("<tr><td>")
        .append(esc(what))
        .append("</td><td class=\"n\">")
        .append(n)
        .append("</td><td class=\"n\">")
        .append(pct(n, domains))
        .append("</td><td class=\"n\">")
        .append(tlsa < 0 ? "" : pct(n, tlsa))
        .append("</td></tr>\n");
  }

  private static Set<String> problemCodes(String resultLine) {
    try {
      return ScanFacts.ofJson(resultLine).problemCodes();
    } catch (IllegalArgumentException e) {
      return Set.of("(unreadable report)");
    }
  }

  private void reports() {
    Map<String, String> kept = s.failing();
    if (kept.isEmpty()) {
      return;
    }
    h.append("<h2>Reports of the failing domains</h2>\n");
    int i = 0;
    for (Map.Entry<String, String> e : kept.entrySet()) {
      h.append("<div class=\"report\" id=\"report-")
          .append(i++)
          .append("\"><h3>")
          .append(esc(e.getKey()))
          .append("</h3><pre>")
          .append(esc(e.getValue()))
          .append("</pre></div>\n");
    }
  }

  // --- beside the seed study -----------------------------------------------------------------

  private static final List<SessionClass> LEVELS =
      List.of(
          SessionClass.ANONYMOUS,
          SessionClass.UNTRUSTED,
          SessionClass.TRUSTED,
          SessionClass.VERIFIED);

  private void beside() {
    long sessions = s.counter("sessions");
    long tls = 0;
    for (SessionClass c : SessionClass.values()) {
      tls += c.tls() ? s.counter("sessions.class." + c.name()) : 0;
    }
    CountTable servers = figures.servers();
    long[] serverClass = new long[SessionClass.values().length];
    long serverTls = 0;
    long serverBad = 0;
    long largest = 0;
    for (int e = 0; e < servers.size(); e++) {
      int[] counts = servers.counts(e);
      SessionClass c = ScanSummary.serverClass(counts);
      serverClass[c.ordinal()]++;
      serverTls += c.tls() ? 1 : 0;
      serverBad += c.badTls() ? 1 : 0;
      largest = Math.max(largest, counts[ScanSummary.DOMAINS]);
    }
    h.append("<h2>This scan beside the seed study</h2>\n<p>The ")
        .append(esc(SeedStudy.NAME))
        .append(
            " counted TLS levels per session and per distinct server (address). Shares of levels"
                + " are of TLS sessions and of servers.</p>\n")
        .append(
            "<table><tr><th>Figure</th><th class=\"n\">This scan</th><th class=\"n\">Share</th>")
        .append("<th class=\"n\">Seed study</th><th class=\"n\">Share</th></tr>\n");
    row("Domains with an MX", s.counter("domains.withMx"), "", SeedStudy.DOMAINS_WITH_MX, "");
    row(
        "Sessions with TLS",
        tls,
        pct(tls, sessions),
        SeedStudy.TLS_SESSIONS,
        "~" + whole(SeedStudy.TLS_SESSION_SHARE));
    for (SessionClass c : LEVELS) {
      long n = s.counter("sessions.class." + c.name());
      long seed = SeedStudy.sessions(c);
      row("  " + label(c) + " sessions", n, pct(n, tls), seed, pct(seed, SeedStudy.TLS_SESSIONS));
    }
    long failures = s.counter("sessions.class.HANDSHAKE_FAILED");
    row("Handshake failures", failures, pct(failures, sessions), SeedStudy.HANDSHAKE_FAILURES, "");
    long ipv6 = s.counter("sessions.ipv6");
    row("IPv6 sessions", ipv6, pct(ipv6, sessions), -1, "~" + whole(SeedStudy.IPV6_SESSION_SHARE));
    row("Distinct mail servers", servers.size(), "", SeedStudy.SERVERS, "");
    row(
        "Servers with TLS",
        serverTls,
        pct(serverTls, servers.size()),
        -1,
        whole(SeedStudy.SERVERS_TLS_SHARE));
    for (SessionClass c : LEVELS) {
      long n = serverClass[c.ordinal()];
      long seed = SeedStudy.servers(c);
      row(
          "  " + label(c) + " servers",
          n,
          pct(n, servers.size()),
          seed,
          pct(seed, SeedStudy.SERVERS));
    }
    row(
        "Servers with bad TLS",
        serverBad,
        pct(serverBad, servers.size()),
        SeedStudy.SERVERS_BAD_TLS,
        pct(SeedStudy.SERVERS_BAD_TLS, SeedStudy.SERVERS));
    row("Domains on the largest server", largest, "", SeedStudy.LARGEST_SERVER_DOMAINS, "");
    h.append("</table>\n");

    List<String> names = LEVELS.stream().map(SummaryReport::label).toList();
    double[] mine = new double[LEVELS.size()];
    double[] seed = new double[LEVELS.size()];
    double[] mineServers = new double[LEVELS.size()];
    double[] seedServers = new double[LEVELS.size()];
    for (int i = 0; i < LEVELS.size(); i++) {
      SessionClass c = LEVELS.get(i);
      mine[i] = share(s.counter("sessions.class." + c.name()), tls);
      seed[i] = share(SeedStudy.sessions(c), SeedStudy.TLS_SESSIONS);
      mineServers[i] = share(serverClass[c.ordinal()], servers.size());
      seedServers[i] = share(SeedStudy.servers(c), SeedStudy.SERVERS);
    }
    h.append("<h3>Sessions by level</h3>\n")
        .append(
            SvgChart.bars(
                "TLS sessions by level: this scan and the seed study",
                "share of TLS sessions",
                names,
                List.of(
                    new Series("this scan", SvgChart.THIS_SCAN, mine),
                    new Series("seed study", SvgChart.SEED, seed)),
                true))
        .append("<h3>Distinct servers by level</h3>\n")
        .append(
            SvgChart.bars(
                "Distinct servers by level: this scan and the seed study",
                "share of distinct servers (addresses)",
                names,
                List.of(
                    new Series("this scan", SvgChart.THIS_SCAN, mineServers),
                    new Series("seed study", SvgChart.SEED, seedServers)),
                true));
  }

  private void row(String figure, long mine, String mineShare, long seed, String seedShare) {
    h.append("<tr><td>")
        .append(figure.startsWith("  ") ? "&nbsp;&nbsp;&nbsp;" : "")
        .append(esc(figure.strip()))
        .append("</td><td class=\"n\">")
        .append(String.format(Locale.ROOT, "%,d", mine))
        .append("</td><td class=\"n\">")
        .append(mineShare)
        .append("</td><td class=\"n\">")
        .append(seed < 0 ? "" : String.format(Locale.ROOT, "%,d", seed))
        .append("</td><td class=\"n\">")
        .append(esc(seedShare))
        .append("</td></tr>\n");
  }

  private static double share(long n, long of) {
    return n < 0 ? -1 : of == 0 ? 0 : (double) n / of;
  }

  private static String whole(double share) {
    return String.format(Locale.ROOT, "%.0f%%", 100 * share);
  }

  // --- domains per server, all figures ---------------------------------------------------------

  private void domainsPerServer() {
    Map<String, long[]> dist = figures.distribution();
    List<String> buckets = new ArrayList<>(dist.keySet());
    long servers = dist.values().stream().mapToLong(v -> v[0]).sum();
    long domains = dist.values().stream().mapToLong(v -> v[1]).sum();
    h.append("<h2>Domains per server</h2>\n<p>Few servers carry most domains: ")
        .append("servers by the number of domains they carry, and the domains on them.</p>\n")
        .append(
            SvgChart.bars(
                "Domains per server",
                "share of servers, and of the domains they carry",
                buckets.stream().map(b -> b + (b.equals("1") ? " domain" : " domains")).toList(),
                List.of(
                    new Series(
                        "servers",
                        SvgChart.THIS_SCAN,
                        dist.values().stream().mapToDouble(v -> share(v[0], servers)).toArray()),
                    new Series(
                        "domains on them",
                        "#5aa469",
                        dist.values().stream().mapToDouble(v -> share(v[1], domains)).toArray())),
                true));
  }

  private void allFigures() {
    h.append("<h2>All figures</h2>\n");
    for (SummaryReport.Table t : figures.figures()) {
      h.append("<h3>")
          .append(esc(t.title()))
          .append("</h3>\n<table><tr><th>Figure</th><th class=\"n\">Count</th>")
          .append("<th class=\"n\">Share</th></tr>\n");
      for (SummaryReport.Row r : t.rows()) {
        h.append("<tr><td>")
            .append(r.figure().startsWith("  ") ? "&nbsp;&nbsp;&nbsp;" : "")
            .append(esc(r.figure().strip()))
            .append("</td><td class=\"n\">")
            .append(r.value())
            .append("</td><td class=\"n\">")
            .append(r.share())
            .append("</td></tr>\n");
      }
      h.append("</table>\n");
    }
    h.append("<h3>Top MX hosts by domains carried</h3>\n<table><tr><th>MX host</th>")
        .append("<th class=\"n\">Domains</th><th>Session levels</th><th>DNSSEC of its own")
        .append(" domain</th></tr>\n");
    for (Map.Entry<String, int[]> e : figures.topOf(figures.hosts())) {
      h.append("<tr><td>")
          .append(esc(e.getKey()))
          .append("</td><td class=\"n\">")
          .append(e.getValue()[ScanSummary.DOMAINS])
          .append("</td><td>")
          .append(esc(figures.mix(e.getValue())))
          .append("</td><td>")
          .append(ScanSummary.hostDnssec(e.getValue()))
          .append("</td></tr>\n");
    }
    h.append("</table>\n<h3>Top server addresses by domains carried</h3>\n<table><tr>")
        .append("<th>Address</th><th class=\"n\">Domains</th><th>Session levels</th></tr>\n");
    for (Map.Entry<String, int[]> e : figures.topOf(figures.servers())) {
      h.append("<tr><td>")
          .append(esc(SummaryReport.shortAddress(e.getKey())))
          .append("</td><td class=\"n\">")
          .append(e.getValue()[ScanSummary.DOMAINS])
          .append("</td><td>")
          .append(esc(figures.mix(e.getValue())))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
  }
}
