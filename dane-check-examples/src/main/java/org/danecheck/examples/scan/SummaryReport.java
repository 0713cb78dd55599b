package org.danecheck.examples.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
  private final Map<String, int[]> servers;
  private final Map<String, int[]> hosts;

  SummaryReport(ScanSummary summary, int top) {
    this.s = summary;
    this.top = top;
    this.servers = summary.servers();
    this.hosts = summary.hosts();
  }

  /** A section's rows: figure name, value, share. */
  private record Row(String figure, long value, String share) {}

  private record Table(String title, List<Row> rows) {}

  private List<Table> figures() {
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
    for (Map.Entry<String, int[]> e : servers.entrySet()) {
      SessionClass c = ScanSummary.serverClass(e.getValue());
      serverClasses[c.ordinal()]++;
      serverTls += c.tls() ? 1 : 0;
      serverBad += c.badTls() ? 1 : 0;
      ipv6Servers += e.getKey().indexOf(':') >= 0 ? 1 : 0;
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

  private List<Map.Entry<String, int[]>> topOf(Map<String, int[]> map) {
    return map.entrySet().stream()
        .sorted(
            Comparator.<Map.Entry<String, int[]>>comparingInt(e -> -e.getValue()[0])
                .thenComparing(Map.Entry::getKey))
        .limit(top)
        .toList();
  }

  private String mix(int[] counts) {
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
  private Map<String, long[]> distribution() {
    Map<String, long[]> buckets = new LinkedHashMap<>();
    String[] names = {"1", "2-9", "10-99", "100-999", "1000-9999", "10000+"};
    for (String n : names) {
      buckets.put(n, new long[2]);
    }
    for (int[] counts : servers.values()) {
      int d = counts[0];
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
          .append(md(e.getKey()))
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

  String html() {
    StringBuilder h =
        new StringBuilder(
                "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>dane-scan summary</title>\n")
            .append(
                "<style>body{font-family:sans-serif;max-width:60em;margin:auto}table{border-collapse:collapse}")
            .append(
                "td,th{border:1px solid #ccc;padding:2px 6px}td.n{text-align:right}</style></head><body>\n")
            .append("<h1>dane-scan summary</h1>\n");
    Map<String, Long> sessionLevels = new LinkedHashMap<>();
    for (SessionClass c : SessionClass.values()) {
      sessionLevels.put(label(c), s.counter("sessions.class." + c.name()));
    }
    h.append("<h2>Sessions by level</h2>\n").append(bars(sessionLevels));
    Map<String, Long> serverLevels = new LinkedHashMap<>();
    for (SessionClass c : SessionClass.values()) {
      serverLevels.put(label(c), 0L);
    }
    servers
        .values()
        .forEach(v -> serverLevels.merge(label(ScanSummary.serverClass(v)), 1L, Long::sum));
    h.append("<h2>Distinct servers by level</h2>\n").append(bars(serverLevels));
    Map<String, Long> dist = new LinkedHashMap<>();
    distribution().forEach((k, v) -> dist.put(k + " domains: servers", v[0]));
    h.append("<h2>Domains per server</h2>\n").append(bars(dist));
    Map<String, Long> share = new LinkedHashMap<>();
    distribution().forEach((k, v) -> share.put("domains on servers carrying " + k, v[1]));
    h.append(bars(share));
    for (Table t : figures()) {
      h.append("<h2>")
          .append(esc(t.title()))
          .append("</h2>\n<table><tr><th>Figure</th><th>Count</th><th>Share</th></tr>\n");
      for (Row r : t.rows()) {
        h.append("<tr><td>")
            .append(r.figure().startsWith("  ") ? "&nbsp;&nbsp;" : "")
            .append(esc(r.figure().strip()))
            .append("</td><td class=n>")
            .append(r.value())
            .append("</td><td class=n>")
            .append(r.share())
            .append("</td></tr>\n");
      }
      h.append("</table>\n");
    }
    h.append(
        "<h2>Top MX hosts</h2>\n<table><tr><th>MX host</th><th>Domains</th><th>Levels</th><th>DNSSEC</th></tr>\n");
    for (Map.Entry<String, int[]> e : topOf(hosts)) {
      h.append("<tr><td>")
          .append(esc(e.getKey()))
          .append("</td><td class=n>")
          .append(e.getValue()[0])
          .append("</td><td>")
          .append(esc(mix(e.getValue())))
          .append("</td><td>")
          .append(ScanSummary.hostDnssec(e.getValue()))
          .append("</td></tr>\n");
    }
    h.append(
        "</table>\n<h2>Top server addresses</h2>\n<table><tr><th>Address</th><th>Domains</th><th>Levels</th></tr>\n");
    for (Map.Entry<String, int[]> e : topOf(servers)) {
      h.append("<tr><td>")
          .append(esc(e.getKey()))
          .append("</td><td class=n>")
          .append(e.getValue()[0])
          .append("</td><td>")
          .append(esc(mix(e.getValue())))
          .append("</td></tr>\n");
    }
    return h.append("</table>\n</body></html>\n").toString();
  }

  /** A horizontal bar chart as inline SVG. */
  static String bars(Map<String, Long> values) {
    long max = Math.max(1, values.values().stream().mapToLong(Long::longValue).max().orElse(1));
    int rowHeight = 22;
    int height = rowHeight * values.size() + 4;
    StringBuilder svg =
        new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"760\" height=\"")
            .append(height)
            .append("\" role=\"img\">\n");
    int y = 2;
    for (Map.Entry<String, Long> e : values.entrySet()) {
      int width = (int) Math.round(400.0 * e.getValue() / max);
      svg.append("<text x=\"0\" y=\"")
          .append(y + 15)
          .append("\" font-size=\"13\">")
          .append(esc(e.getKey()))
          .append("</text>")
          .append("<rect x=\"260\" y=\"")
          .append(y + 3)
          .append("\" width=\"")
          .append(width)
          .append("\" height=\"16\" fill=\"#4a7ebb\"/>")
          .append("<text x=\"")
          .append(265 + width)
          .append("\" y=\"")
          .append(y + 15)
          .append("\" font-size=\"12\">")
          .append(e.getValue())
          .append("</text>\n");
      y += rowHeight;
    }
    return svg.append("</svg>\n").toString();
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
