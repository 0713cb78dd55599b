/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import org.danecheck.DaneVerdict;
import org.danecheck.examples.SafeText;
import org.danecheck.examples.scan.ScanFacts.SessionClass;

/**
 * Renders a {@link ScanSummary} for people: Markdown, and HTML with inline SVG charts (no external
 * assets). Figures are laid out as in the survey of the top million mail domains: per session
 * (endpoint probes, counted for every domain that uses the endpoint) and per distinct server
 * (address).
 */
final class SummaryReport {
  private final ScanSummary s;
  private final int top;
  private final CountTable servers;
  private final CountTable hosts;

  /** A report of a summary no scan adds to any more (its tables are read, not copied). */
  SummaryReport(ScanSummary summary, int top) {
    this.s = summary;
    this.top = top;
    this.servers = summary.serverTable();
    this.hosts = summary.hostTable();
  }

  /** The per-address counts. */
  CountTable servers() {
    return servers;
  }

  /** The per-host-name counts. */
  CountTable hosts() {
    return hosts;
  }

  /** A section's rows: figure name, value, share. */
  record Row(String figure, long value, String share) {}

  record Table(String title, List<Row> rows) {}

  List<Table> figures() {
    List<Table> tables = new ArrayList<>();
    long entries = s.counter("entries");
    long domains = entries - s.counter("invalid");
    List<Row> overview = new ArrayList<>();
    overview.add(new Row("Input entries scanned", entries, ""));
    overview.add(
        new Row("Invalid names", s.counter("invalid"), pct(s.counter("invalid"), entries)));
    overview.add(new Row("Domains checked", domains, ""));
    overview.add(
        new Row(
            "Domains with an MX",
            s.counter("domains.withMx"),
            pct(s.counter("domains.withMx"), domains)));
    s.counters("mxSource.")
        .forEach((k, v) -> overview.add(new Row("MX source " + k, v, pct(v, domains))));
    overview.add(
        new Row(
            "Checks cut short by the deadline",
            s.counter("domains.incomplete"),
            pct(s.counter("domains.incomplete"), domains)));
    tables.add(new Table("Overview", overview));

    long sessions = s.counter("sessions");
    long tls = 0;
    for (SessionClass c : SessionClass.values()) {
      if (c.tls()) {
        tls += s.counter("sessions.class." + c.name());
      }
    }
    List<Row> perSession = new ArrayList<>();
    perSession.add(new Row("Sessions (endpoint probes per domain)", sessions, ""));
    perSession.add(new Row("Sessions with TLS", tls, pct(tls, sessions)));
    for (SessionClass c : SessionClass.values()) {
      long n = s.counter("sessions.class." + c.name());
      perSession.add(new Row("  " + label(c), n, pct(n, c.tls() ? tls : sessions)));
    }
    perSession.add(
        new Row(
            "Handshake failures",
            s.counter("sessions.class.HANDSHAKE_FAILED"),
            pct(s.counter("sessions.class.HANDSHAKE_FAILED"), sessions)));
    perSession.add(
        new Row(
            "IPv6 sessions",
            s.counter("sessions.ipv6"),
            pct(s.counter("sessions.ipv6"), sessions)));
    tables.add(new Table("Per session (TLS share of levels is of TLS sessions)", perSession));

    long[] serverClasses = new long[SessionClass.values().length];
    long serverTls = 0;
    long serverBad = 0;
    long ipv6Servers = 0;
    for (int e = 0; e < servers.size(); e++) {
      SessionClass c = ScanSummary.serverClass(servers.counts(e));
      serverClasses[c.ordinal()]++;
      serverTls += c.tls() ? 1 : 0;
      serverBad += c.badTls() ? 1 : 0;
      ipv6Servers += servers.key(e).indexOf(':') >= 0 ? 1 : 0;
    }
    List<Row> perServer = new ArrayList<>();
    perServer.add(new Row("Distinct mail servers (addresses) contacted", servers.size(), ""));
    perServer.add(new Row("Distinct MX host names", hosts.size(), ""));
    perServer.add(new Row("Servers with TLS", serverTls, pct(serverTls, servers.size())));
    for (SessionClass c : SessionClass.values()) {
      long n = serverClasses[c.ordinal()];
      perServer.add(new Row("  " + label(c), n, pct(n, c.tls() ? serverTls : servers.size())));
    }
    perServer.add(
        new Row(
            "Servers with bad TLS (handshake failed or STARTTLS refused)",
            serverBad,
            pct(serverBad, servers.size())));
    perServer.add(new Row("IPv6 servers", ipv6Servers, pct(ipv6Servers, servers.size())));
    if (s.counter("servers.overflow") + s.counter("hosts.overflow") > 0) {
      perServer.add(
          new Row(
              "Servers not tracked (map bound reached): figures are lower bounds",
              s.counter("servers.overflow") + s.counter("hosts.overflow"),
              ""));
    }
    tables.add(
        new Table(
            "Per distinct server (a server's level: that of most of its sessions)", perServer));

    List<Row> dane = new ArrayList<>();
    dane.add(
        new Row(
            "Domains with a DNSSEC-secure MX RRset",
            s.counter("domains.mxSecure"),
            pct(s.counter("domains.mxSecure"), domains)));
    dane.add(
        new Row(
            "Domains with secure TLSA records on some MX host",
            s.counter("domains.withTlsa"),
            pct(s.counter("domains.withTlsa"), domains)));
    for (DaneVerdict v : DaneVerdict.values()) {
      long n = s.counter("verdict." + v.name());
      dane.add(new Row("Verdict " + v.name(), n, pct(n, domains)));
    }
    dane.add(
        new Row(
            "DANE verified (every MX host)",
            s.counter("verdict.VERIFIED"),
            pct(s.counter("verdict.VERIFIED"), s.counter("domains.withTlsa"))));
    dane.add(
        new Row(
            "DANE failing",
            s.counter("verdict.FAILED"),
            pct(s.counter("verdict.FAILED"), s.counter("domains.withTlsa"))));
    dane.add(
        new Row(
            "TLSA records all unusable",
            s.counter("verdict.UNAUTHENTICATED"),
            pct(s.counter("verdict.UNAUTHENTICATED"), s.counter("domains.withTlsa"))));
    tables.add(new Table("DANE (shares of the last three: of domains with TLSA)", dane));

    List<Row> failing = new ArrayList<>();
    s.counters("domains.failingProblem.").entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(
            e ->
                failing.add(
                    new Row(
                        e.getKey(), e.getValue(), pct(e.getValue(), s.counter("verdict.FAILED")))));
    tables.add(new Table("Failing DANE domains by problem code", failing));

    List<Row> versions = new ArrayList<>();
    long tlsSessions = tls;
    s.counters("sessions.tlsVersion.")
        .forEach((k, v) -> versions.add(new Row(k, v, pct(v, tlsSessions))));
    tables.add(new Table("TLS versions (sessions)", versions));
    return tables;
  }

  static String label(SessionClass c) {
    return switch (c) {
      case VERIFIED -> "Verified";
      case TRUSTED -> "Trusted";
      case UNTRUSTED -> "Untrusted";
      case ANONYMOUS -> "Anonymous";
      case HANDSHAKE_FAILED -> "TLS handshake failed";
      case STARTTLS_REFUSED -> "STARTTLS refused";
      case NO_STARTTLS -> "No STARTTLS (cleartext)";
      case UNREACHABLE -> "Unreachable or rejected";
    };
  }

  static String pct(long n, long of) {
    return of == 0 ? "" : String.format(Locale.ROOT, "%.1f%%", 100.0 * n / of);
  }

  /** The {@code top} entries by domains carried (ties by key), kept in a heap of that size. */
  List<Map.Entry<String, int[]>> topOf(CountTable table) {
    Comparator<Map.Entry<String, int[]>> order =
        Comparator.<Map.Entry<String, int[]>>comparingInt(e -> -e.getValue()[0])
            .thenComparing(Map.Entry::getKey);
    PriorityQueue<Map.Entry<String, int[]>> best = new PriorityQueue<>(order.reversed());
    for (int e = 0; e < table.size() && top > 0; e++) {
      if (best.size() == top && table.get(e, 0) < best.peek().getValue()[0]) {
        continue;
      }
      best.add(Map.entry(table.key(e), table.counts(e)));
      if (best.size() > top) {
        best.poll();
      }
    }
    List<Map.Entry<String, int[]>> sorted = new ArrayList<>(best);
    sorted.sort(order);
    return sorted;
  }

  String mix(int[] counts) {
    StringBuilder b = new StringBuilder();
    int total = 0;
    for (int i = 0; i < ScanSummary.CLASSES; i++) {
      total += counts[1 + i];
    }
    for (SessionClass c : SessionClass.values()) {
      int n = counts[1 + c.ordinal()];
      if (n > 0) {
        b.append(b.length() > 0 ? ", " : "").append(label(c)).append(' ').append(pct(n, total));
      }
    }
    return b.toString();
  }

  /** Servers by how many domains they carry: 1, 2-9, 10-99 ... : {servers, domains}. */
  Map<String, long[]> distribution() {
    Map<String, long[]> buckets = new LinkedHashMap<>();
    String[] names = {"1", "2-9", "10-99", "100-999", "1000-9999", "10000+"};
    for (String n : names) {
      buckets.put(n, new long[2]);
    }
    for (int e = 0; e < servers.size(); e++) {
      int d = servers.get(e, 0);
      int b = d <= 1 ? 0 : Math.min(names.length - 1, 1 + (int) Math.log10(d));
      long[] bucket = buckets.get(names[b]);
      bucket[0]++;
      bucket[1] += d;
    }
    return buckets;
  }

  String markdown() {
    StringBuilder md = new StringBuilder("# dane-scan summary\n\n");
    for (Table t : figures()) {
      md.append("## ")
          .append(t.title())
          .append("\n\n| Figure | Count | Share |\n|---|---:|---:|\n");
      for (Row r : t.rows()) {
        md.append("| ")
            .append(md(r.figure().strip()))
            .append(r.figure().startsWith("  ") ? " (level)" : "")
            .append(" | ")
            .append(r.value())
            .append(" | ")
            .append(r.share())
            .append(" |\n");
      }
      md.append('\n');
    }
    md.append("## Top ")
        .append(top)
        .append(" MX hosts by domains carried\n\n")
        .append(
            "| MX host | Domains | Session levels | DNSSEC of its own domain |\n|---|---:|---|---|\n");
    for (Map.Entry<String, int[]> e : topOf(hosts)) {
      md.append("| ")
          .append(md(e.getKey()))
          .append(" | ")
          .append(e.getValue()[0])
          .append(" | ")
          .append(mix(e.getValue()))
          .append(" | ")
          .append(ScanSummary.hostDnssec(e.getValue()))
          .append(" |\n");
    }
    md.append("\n## Top ")
        .append(top)
        .append(" server addresses by domains carried\n\n")
        .append("| Address | Domains | Session levels |\n|---|---:|---|\n");
    for (Map.Entry<String, int[]> e : topOf(servers)) {
      md.append("| ")
          .append(md(shortAddress(e.getKey())))
          .append(" | ")
          .append(e.getValue()[0])
          .append(" | ")
          .append(mix(e.getValue()))
          .append(" |\n");
    }
    md.append(
        "\n## Domains per server (address)\n\n| Domains carried | Servers | Domains |\n|---|---:|---:|\n");
    distribution()
        .forEach(
            (k, v) ->
                md.append("| ")
                    .append(k)
                    .append(" | ")
                    .append(v[0])
                    .append(" | ")
                    .append(v[1])
                    .append(" |\n"));
    return md.toString();
  }

  /** The HTML report ({@link HtmlReport}). */
  String html() {
    return new HtmlReport(s, this).render();
  }

  /**
   * An address as people write it: IPv6 in its RFC 5952 short form ({@code 2001:db8::1}, not the
   * JDK's {@code 2001:db8:0:0:0:0:0:1}); anything else as it is. Hand-written: the JDK has no RFC
   * 5952 formatter, and this is the only use.
   */
  static String shortAddress(String address) {
    if (address.indexOf(':') < 0 || address.indexOf('.') >= 0 || address.indexOf('%') >= 0) {
      return address;
    }
    String[] parts = address.split(":", -1);
    if (parts.length != 8) {
      return address;
    }
    String[] groups = new String[8];
    for (int i = 0; i < 8; i++) {
      try {
        groups[i] = Integer.toHexString(Integer.parseInt(parts[i], 16));
      } catch (NumberFormatException e) {
        return address;
      }
    }
    int bestStart = -1;
    int bestLength = 1; // RFC 5952 4.2.2: "::" never shortens a single 0 group
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j].equals("0")) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    if (bestStart < 0) {
      return String.join(":", groups);
    }
    return String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart))
        + "::"
        + String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, 8));
  }

  /**
   * Text for HTML: {@link SafeText#of} (the names and keys come from scanned servers or from merged
   * files), then the five characters that HTML reads as markup escaped.
   */
  static String esc(String text) {
    return SafeText.of(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  /** Text for a Markdown table cell: {@link SafeText#of}, and {@code |} escaped. */
  static String md(String text) {
    return SafeText.of(text).replace("\\", "\\\\").replace("|", "\\|");
  }
}
