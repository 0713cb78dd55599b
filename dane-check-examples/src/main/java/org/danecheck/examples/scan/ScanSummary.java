/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.danecheck.DaneVerdict;
import org.danecheck.DnssecStatus;
import org.danecheck.MxSource;
import org.danecheck.examples.scan.ScanFacts.SessionClass;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * The figures of a scan, made only of counters and per-server count arrays so that the summaries of
 * disjoint shards add up exactly to the summary of the whole ({@link #merge}).
 *
 * <p>Memory: a few hundred counters, plus per distinct server address and per distinct MX host name
 * a row of counters and its key in a {@link CountTable}: measured at a million domains (475,000
 * servers), see docs/benchmarks.md "Scale" (a {@code HashMap<String, int[]>} took ~180 bytes an
 * entry besides the counters). Each table is bounded at {@value #MAX_SERVERS} entries; servers
 * beyond are counted in {@code servers.overflow} / {@code hosts.overflow} (then the per-server
 * figures are lower bounds, and the summary says so). The JSON form is written and read as a stream
 * ({@link #writeJson}, {@link #read}), never held whole.
 */
final class ScanSummary {
  static final int MAX_SERVERS = 1_000_000;

  /**
   * Failing domains whose reports the summary keeps for the HTML report: the first this many by
   * name, so that merged shards keep the same ones as the whole scan (~5 KB each).
   */
  static final int MAX_FAILING_KEPT = 100;

  static final String FORMAT = "dane-scan-summary/1";
  static final int CLASSES = SessionClass.values().length;

  /** Index of the domain count in a count array; session classes follow, then DNSSEC statuses. */
  static final int DOMAINS = 0;

  static final int HOST_COUNTS = 1 + CLASSES + DnssecStatus.values().length;
  static final int SERVER_COUNTS = 1 + CLASSES;

  private final Map<String, Long> counters = new TreeMap<>();
  private final CountTable servers = new CountTable(SERVER_COUNTS);
  private final CountTable hosts = new CountTable(HOST_COUNTS);
  private final List<Coverage> coverage = new ArrayList<>();
  private final TreeMap<String, String> failing = new TreeMap<>();

  /** Records what a scan covered (its input, shard, time, options). */
  synchronized void cover(Coverage c) {
    coverage.add(c);
  }

  /** What the scans summed here covered, in the order merged. */
  synchronized List<Coverage> coverage() {
    return List.copyOf(coverage);
  }

  /**
   * Why merging {@code other} into this would count domains twice, if it would: a scan of the same
   * input and shard (the same summary twice), or of shards that may overlap.
   */
  synchronized Optional<String> overlap(ScanSummary other) {
    for (Coverage mine : coverage) {
      for (Coverage theirs : other.coverage()) {
        Optional<String> why = mine.overlap(theirs);
        if (why.isPresent()) {
          return why;
        }
      }
    }
    return Optional.empty();
  }

  /** Adds one domain's result and keeps its report (its result line) if it fails DANE. */
  synchronized void add(ScanFacts f, String resultLine) {
    add(f);
    if (!f.invalid() && f.verdict() == DaneVerdict.FAILED) {
      keepFailing(f.domain(), resultLine);
    }
  }

  private void keepFailing(String domain, String resultLine) {
    failing.put(domain, resultLine);
    while (failing.size() > MAX_FAILING_KEPT) {
      failing.pollLastEntry();
    }
  }

  /** The failing domains kept, by name: their result lines (the {@code check --json} report). */
  synchronized Map<String, String> failing() {
    return new TreeMap<>(failing);
  }

  /** Adds one domain's result. */
  synchronized void add(ScanFacts f) {
    count("entries", 1);
    if (f.invalid()) {
      count("invalid", 1);
      return;
    }
    count("verdict." + f.verdict().name(), 1);
    count("mxSource." + f.mxSource().name(), 1);
    if (f.mxSource() == MxSource.MX_RECORDS) {
      count("domains.withMx", 1);
    }
    if (f.mxSecure()) {
      count("domains.mxSecure", 1);
    }
    if (f.hosts().stream().anyMatch(ScanFacts.Host::hasTlsa)) {
      count("domains.withTlsa", 1);
    }
    if (!f.complete()) {
      count("domains.incomplete", 1);
    }
    for (String code : f.problemCodes()) {
      count("domains.problem." + code, 1);
      if (f.verdict() == DaneVerdict.FAILED) {
        count("domains.failingProblem." + code, 1);
      }
    }
    SessionClass best = null;
    Set<String> addressesSeen = new HashSet<>();
    Set<String> namesSeen = new HashSet<>();
    for (ScanFacts.Host h : f.hosts()) {
      int hostEntry = namesSeen.add(h.name()) ? entry(hosts, h.name()) : -1;
      if (hostEntry >= 0) {
        hosts.add(hostEntry, DOMAINS, 1);
        hosts.add(hostEntry, 1 + CLASSES + h.addressDnssec().ordinal(), 1);
      }
      for (ScanFacts.Endpoint e : h.endpoints()) {
        SessionClass c = e.sessionClass();
        count("sessions", 1);
        count("sessions.class." + c.name(), 1);
        if (e.ipv6()) {
          count("sessions.ipv6", 1);
        }
        if (!e.tlsVersion().isEmpty()) {
          count("sessions.tlsVersion." + e.tlsVersion(), 1);
        }
        if (best == null || c.ordinal() < best.ordinal()) {
          best = c;
        }
        if (hostEntry >= 0) {
          hosts.add(hostEntry, 1 + c.ordinal(), 1);
        }
        int serverEntry = entry(servers, e.address());
        if (serverEntry >= 0) {
          if (addressesSeen.add(e.address())) {
            servers.add(serverEntry, DOMAINS, 1);
          }
          servers.add(serverEntry, 1 + c.ordinal(), 1);
        }
      }
    }
    count(best == null ? "domains.noSession" : "domains.bestSession." + best.name(), 1);
  }

  /** Counts something that is not a domain result, e.g. skipped duplicates. */
  synchronized void count(String counter, long n) {
    counters.merge(counter, n, Long::sum);
  }

  /** The key's entry, added when absent; -1 (and counted) when the table is full. */
  private int entry(CountTable table, String key) {
    int entry = table.find(key);
    if (entry < 0) {
      if (table.size() >= MAX_SERVERS) {
        count(table == servers ? "servers.overflow" : "hosts.overflow", 1);
        return -1;
      }
      entry = table.findOrAdd(key);
    }
    return entry;
  }

  /** Adds another summary's figures into this one. */
  synchronized void merge(ScanSummary other) {
    if (other == this) {
      throw new IllegalArgumentException("a summary cannot be merged into itself");
    }
    synchronized (other) {
      other.counters.forEach(this::count);
      other.failing.forEach(this::keepFailing);
      coverage.addAll(other.coverage);
      mergeCounts(servers, other.servers);
      mergeCounts(hosts, other.hosts);
    }
  }

  private void mergeCounts(CountTable into, CountTable from) {
    for (int e = 0; e < from.size(); e++) {
      int mine = entry(into, from.key(e));
      if (mine >= 0) {
        for (int i = 0; i < into.width(); i++) {
          into.add(mine, i, from.get(e, i));
        }
      }
    }
  }

  private static Map<String, int[]> copy(CountTable table) {
    Map<String, int[]> copy = new HashMap<>();
    for (int e = 0; e < table.size(); e++) {
      copy.put(table.key(e), table.counts(e));
    }
    return copy;
  }

  synchronized long counter(String name) {
    return counters.getOrDefault(name, 0L);
  }

  /** The counters whose names start with this prefix, by the rest of their name. */
  synchronized Map<String, Long> counters(String prefix) {
    Map<String, Long> out = new TreeMap<>();
    counters.forEach(
        (k, v) -> {
          if (k.startsWith(prefix)) {
            out.put(k.substring(prefix.length()), v);
          }
        });
    return out;
  }

  /** A copy of the per-address counts (for tests: a map of ~180 bytes an entry). */
  synchronized Map<String, int[]> servers() {
    return copy(servers);
  }

  /** A copy of the per-host-name counts (for tests). */
  synchronized Map<String, int[]> hosts() {
    return copy(hosts);
  }

  /**
   * The per-address counts themselves, for a report made once the scan is over (nothing may add to
   * the summary meanwhile): no copy of a table that may hold a million servers.
   */
  synchronized CountTable serverTable() {
    return servers;
  }

  /** The per-host-name counts themselves, as {@link #serverTable()}. */
  synchronized CountTable hostTable() {
    return hosts;
  }

  /** The class most of a server's sessions ended in (ties: the better class). */
  static SessionClass serverClass(int[] counts) {
    int best = 0;
    for (int i = 1; i < CLASSES; i++) {
      if (counts[1 + i] > counts[1 + best]) {
        best = i;
      }
    }
    return SessionClass.values()[best];
  }

  /** The DNSSEC status most domains saw for a host's own addresses. */
  static DnssecStatus hostDnssec(int[] counts) {
    int best = 0;
    for (int i = 1; i < DnssecStatus.values().length; i++) {
      if (counts[1 + CLASSES + i] > counts[1 + CLASSES + best]) {
        best = i;
      }
    }
    return DnssecStatus.values()[best];
  }

  synchronized String toJson() {
    return toJson(true);
  }

  private synchronized String toJson(boolean withCoverage) {
    StringWriter out = new StringWriter();
    try {
      writeJson(out, withCoverage);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * Writes {@link #toJson()}'s text as a stream: the per-server tables go out row by row, so a
   * summary of a million servers costs no more than its tables while written.
   */
  synchronized void writeJson(Writer out) throws IOException {
    writeJson(out, true);
  }

  private void writeJson(Writer out, boolean withCoverage) throws IOException {
    Writer unclosed =
        new FilterWriter(out) {
          @Override
          public void close() throws IOException {
            flush(); // the caller's writer stays open
          }
        };
    try (JsonGenerator g = ScanJson.MAPPER.createGenerator(unclosed)) {
      g.writeStartObject();
      g.writeStringProperty("format", FORMAT);
      g.writeArrayPropertyStart("sessionClasses");
      for (SessionClass c : SessionClass.values()) {
        g.writeString(c.name());
      }
      g.writeEndArray();
      if (withCoverage) {
        ArrayNode covered = ScanJson.MAPPER.createArrayNode();
        coverage.forEach(c -> c.write(covered.addObject()));
        g.writeName("coverage");
        g.writeTree(covered);
      }
      g.writeObjectPropertyStart("counters");
      for (Map.Entry<String, Long> e : counters.entrySet()) {
        g.writeNumberProperty(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      countsJson(g, "servers", servers);
      countsJson(g, "hosts", hosts);
      g.writeObjectPropertyStart("failing");
      for (Map.Entry<String, String> e : failing.entrySet()) {
        g.writeStringProperty(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    } catch (JacksonException e) {
      throw new IOException(e.getOriginalMessage(), e);
    }
  }

  private static void countsJson(JsonGenerator g, String name, CountTable table) {
    g.writeObjectPropertyStart(name);
    for (int e : table.sortedEntries()) {
      g.writeArrayPropertyStart(table.key(e));
      for (int i = 0; i < table.width(); i++) {
        g.writeNumber(table.get(e, i));
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  /**
   * Reads a summary written by {@link #toJson()}.
   *
   * @throws IllegalArgumentException when the text is not such a summary
   */
  static ScanSummary fromJson(String json) {
    try {
      return read(new StringReader(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringReader does not fail
    }
  }

  /**
   * Reads a summary written by {@link #writeJson} as a stream: the per-server tables are read row
   * by row into their {@link CountTable}s, so a summary of a million servers costs its tables, not
   * a tree of its text (several times its size), as {@code merge} of a big survey's shards needs.
   *
   * @throws IllegalArgumentException when the text is not such a summary
   * @throws IOException when the reader fails
   */
  static ScanSummary read(Reader in) throws IOException {
    ScanSummary s = new ScanSummary();
    JsonNode format = null;
    JsonNode sessionClasses = null;
    Set<String> members = new HashSet<>();
    try (JsonParser p = ScanJson.MAPPER.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("not a JSON object");
      }
      for (String name = p.nextName(); name != null; name = p.nextName()) {
        p.nextToken();
        members.add(name); // a name given twice is refused by the parser
        switch (name) {
          // Checked when met (first in what dane-scan writes): another file fails before its bulk.
          case "format" -> format = checkFormat(p.readValueAsTree());
          case "sessionClasses" -> sessionClasses = checkClasses(p.readValueAsTree());
          case "coverage" -> s.coverage.addAll(Coverage.listOf(p.readValueAsTree()));
          case "counters" -> {
            for (Map.Entry<String, JsonNode> e :
                ScanJson.object(p.readValueAsTree()).properties()) {
              s.counters.put(e.getKey(), ScanJson.count(e.getValue(), Long.MAX_VALUE));
            }
          }
          case "servers" -> readCounts(p, s.servers, SERVER_COUNTS);
          case "hosts" -> readCounts(p, s.hosts, HOST_COUNTS);
          case "failing" -> readFailing(p.readValueAsTree(), s);
          default -> p.skipChildren(); // a member of a later version
        }
      }
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("not JSON: content after the summary");
      }
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
    checkFormat(format);
    checkClasses(sessionClasses);
    for (String required : List.of("counters", "servers", "hosts")) {
      if (!members.contains(required)) {
        throw new IllegalArgumentException("\"" + required + "\" is missing");
      }
    }
    return s;
  }

  private static JsonNode checkFormat(JsonNode format) {
    if (format == null || !format.isString() || !FORMAT.equals(format.stringValue())) {
      throw new IllegalArgumentException("not a " + FORMAT + " file (format " + format + ")");
    }
    return format;
  }

  private static JsonNode checkClasses(JsonNode sessionClasses) {
    List<String> classes = Arrays.stream(SessionClass.values()).map(SessionClass::name).toList();
    List<String> written = new ArrayList<>();
    for (JsonNode c : ScanJson.array(sessionClasses)) {
      written.add(c.isString() ? c.stringValue() : c.toString());
    }
    if (!classes.equals(written)) {
      throw new IllegalArgumentException("summary made with other session classes: cannot merge");
    }
    return sessionClasses;
  }

  private static void readFailing(JsonNode json, ScanSummary into) {
    for (Map.Entry<String, JsonNode> e : ScanJson.object(json).properties()) {
      if (!e.getValue().isString()) {
        throw new IllegalArgumentException("the report of " + e.getKey() + " is not a string");
      }
      into.keepFailing(e.getKey(), e.getValue().stringValue());
    }
  }

  /** One table, row by row: each row's small array is the only tree made. */
  private static void readCounts(JsonParser p, CountTable into, int length) {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new IllegalArgumentException("not a JSON object: " + p.readValueAsTree());
    }
    for (String key = p.nextName(); key != null; key = p.nextName()) {
      p.nextToken();
      List<JsonNode> values = ScanJson.array(p.readValueAsTree());
      if (values.size() != length) {
        throw new IllegalArgumentException("counts of " + key + " have the wrong length");
      }
      if (into.find(key) >= 0) {
        throw new IllegalArgumentException("counts of " + key + " given twice");
      }
      if (into.size() >= MAX_SERVERS) {
        throw new IllegalArgumentException(
            "more than " + MAX_SERVERS + " rows of counts: not a summary dane-scan writes");
      }
      int entry = into.findOrAdd(key);
      for (int i = 0; i < length; i++) {
        into.add(entry, i, (int) ScanJson.count(values.get(i), Integer.MAX_VALUE));
      }
    }
  }

  @Override
  public synchronized boolean equals(Object o) {
    return o instanceof ScanSummary other && toJson(false).equals(other.toJson(false));
  }

  /** Same figures (what the scans covered aside: merged shards equal the whole). */
  @Override
  public synchronized int hashCode() {
    return toJson(false).hashCode();
  }
}
