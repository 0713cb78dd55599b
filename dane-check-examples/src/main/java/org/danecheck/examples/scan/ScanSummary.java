/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The figures of a scan, made only of counters and per-server count arrays so that the summaries of
 * disjoint shards add up exactly to the summary of the whole ({@link #merge}).
 *
 * <p>Memory: a few hundred counters, plus per distinct server address and per distinct MX host name
 * one {@code int[]} and its key: about 180 bytes an entry, so the ~473,000 servers of a top-million
 * scan cost ~85 MB per map. Each map is bounded at {@value #MAX_SERVERS} entries; servers beyond
 * are counted in {@code servers.overflow} / {@code hosts.overflow} (then the per-server figures are
 * lower bounds, and the summary says so).
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
  private final Map<String, int[]> servers = new HashMap<>();
  private final Map<String, int[]> hosts = new HashMap<>();
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
      int[] hostCounts = namesSeen.add(h.name()) ? entry(hosts, h.name(), HOST_COUNTS) : null;
      if (hostCounts != null) {
        hostCounts[DOMAINS]++;
        hostCounts[1 + CLASSES + h.addressDnssec().ordinal()]++;
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
        if (hostCounts != null) {
          hostCounts[1 + c.ordinal()]++;
        }
        int[] serverCounts = entry(servers, e.address(), SERVER_COUNTS);
        if (serverCounts != null) {
          if (addressesSeen.add(e.address())) {
            serverCounts[DOMAINS]++;
          }
          serverCounts[1 + c.ordinal()]++;
        }
      }
    }
    count(best == null ? "domains.noSession" : "domains.bestSession." + best.name(), 1);
  }

  /** Counts something that is not a domain result, e.g. skipped duplicates. */
  synchronized void count(String counter, long n) {
    counters.merge(counter, n, Long::sum);
  }

  private int[] entry(Map<String, int[]> map, String key, int length) {
    int[] counts = map.get(key);
    if (counts == null) {
      if (map.size() >= MAX_SERVERS) {
        count(map == servers ? "servers.overflow" : "hosts.overflow", 1);
        return null;
      }
      counts = new int[length];
      map.put(key, counts);
    }
    return counts;
  }

  /** Adds another summary's figures into this one. */
  synchronized void merge(ScanSummary other) {
    Map<String, Long> c;
    Map<String, int[]> s;
    Map<String, int[]> h;
    Map<String, String> f;
    synchronized (other) {
      f = new TreeMap<>(other.failing);
      c = new TreeMap<>(other.counters);
      s = copy(other.servers);
      h = copy(other.hosts);
    }
    c.forEach(this::count);
    f.forEach(this::keepFailing);
    coverage.addAll(other.coverage());
    mergeCounts(servers, s, "servers.overflow");
    mergeCounts(hosts, h, "hosts.overflow");
  }

  private void mergeCounts(Map<String, int[]> into, Map<String, int[]> from, String overflow) {
    from.forEach(
        (key, counts) -> {
          int[] mine = into.get(key);
          if (mine == null) {
            if (into.size() >= MAX_SERVERS) {
              count(overflow, 1);
              return;
            }
            into.put(key, counts.clone());
          } else {
            for (int i = 0; i < mine.length; i++) {
              mine[i] += counts[i];
            }
          }
        });
  }

  private static Map<String, int[]> copy(Map<String, int[]> map) {
    Map<String, int[]> copy = new HashMap<>();
    map.forEach((k, v) -> copy.put(k, v.clone()));
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

  /** A copy of the per-address counts. */
  synchronized Map<String, int[]> servers() {
    return copy(servers);
  }

  /** A copy of the per-host-name counts. */
  synchronized Map<String, int[]> hosts() {
    return copy(hosts);
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
    ObjectNode w = ScanJson.object();
    w.put("format", FORMAT);
    ArrayNode classes = w.putArray("sessionClasses");
    for (SessionClass c : SessionClass.values()) {
      classes.add(c.name());
    }
    if (withCoverage) {
      ArrayNode covered = w.putArray("coverage");
      coverage.forEach(c -> c.write(covered.addObject()));
    }
    ObjectNode counterNode = w.putObject("counters");
    counters.forEach(counterNode::put);
    countsJson(w.putObject("servers"), servers);
    countsJson(w.putObject("hosts"), hosts);
    ObjectNode failingNode = w.putObject("failing");
    failing.forEach(failingNode::put);
    return ScanJson.write(w);
  }

  private static void countsJson(ObjectNode into, Map<String, int[]> map) {
    new TreeMap<>(map)
        .forEach(
            (k, v) -> {
              ArrayNode counts = into.putArray(k);
              for (int n : v) {
                counts.add(n);
              }
            });
  }

  /**
   * Reads a summary written by {@link #toJson()}.
   *
   * @throws IllegalArgumentException when the text is not such a summary
   */
  static ScanSummary fromJson(String json) {
    JsonNode o = ScanJson.parseObject(json);
    if (!FORMAT.equals(ScanJson.string(o, "format"))) {
      throw new IllegalArgumentException(
          "not a " + FORMAT + " file (format " + o.get("format") + ")");
    }
    List<String> classes = Arrays.stream(SessionClass.values()).map(SessionClass::name).toList();
    List<String> written = new ArrayList<>();
    for (JsonNode c : ScanJson.array(o.get("sessionClasses"))) {
      written.add(c.isString() ? c.stringValue() : c.toString());
    }
    if (!classes.equals(written)) {
      throw new IllegalArgumentException("summary made with other session classes: cannot merge");
    }
    ScanSummary s = new ScanSummary();
    if (o.get("coverage") != null) {
      s.coverage.addAll(Coverage.listOf(o.get("coverage")));
    }
    for (Map.Entry<String, JsonNode> e : ScanJson.object(o.get("counters")).properties()) {
      s.counters.put(e.getKey(), ScanJson.count(e.getValue(), Long.MAX_VALUE));
    }
    readCounts(o.get("servers"), s.servers, SERVER_COUNTS);
    readCounts(o.get("hosts"), s.hosts, HOST_COUNTS);
    if (o.get("failing") != null) {
      for (Map.Entry<String, JsonNode> e : ScanJson.object(o.get("failing")).properties()) {
        if (!e.getValue().isString()) {
          throw new IllegalArgumentException("the report of " + e.getKey() + " is not a string");
        }
        s.keepFailing(e.getKey(), e.getValue().stringValue());
      }
    }
    return s;
  }

  private static void readCounts(JsonNode json, Map<String, int[]> into, int length) {
    for (Map.Entry<String, JsonNode> e : ScanJson.object(json).properties()) {
      List<JsonNode> values = ScanJson.array(e.getValue());
      if (values.size() != length) {
        throw new IllegalArgumentException("counts of " + e.getKey() + " have the wrong length");
      }
      into.put(
          e.getKey(),
          values.stream().mapToInt(n -> (int) ScanJson.count(n, Integer.MAX_VALUE)).toArray());
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
