/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.differential;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.danecheck.core.TlsaMatcher;

/**
 * Compares {@link TlsaMatcher} with OpenSSL case by case, and holds the suite to its lists:
 *
 * <ul>
 *   <li>{@code differential/known-disagreements-TODAY.txt}: where today's matcher is known to
 *       differ (bugs to fix). A listed case that now agrees fails the suite, so the list shrinks to
 *       nothing as the engine is fixed.
 *   <li>{@code differential/deliberate-differences.txt}: documented differences on purpose (the RFC
 *       answer where OpenSSL departs from it). Same rule: a listed case must still differ.
 * </ul>
 *
 * Each list has one case id per line, then white space and a one-line reason; {@code #} starts a
 * comment. A case agrees when both say the same about authentication, about which records are
 * usable, and (both authenticated) about the depth of the matched certificate.
 */
final class Differential {
  /** One compared case. */
  record Row(DaneCase c, OpenSslDane.Verdict openssl, String ours, List<String> differences) {
    boolean agrees() {
      return differences.isEmpty();
    }
  }

  private Differential() {}

  /** Compares, running our matcher in this JVM. */
  static List<Row> compare(List<DaneCase> cases, Map<String, OpenSslDane.Verdict> openssl) {
    Map<String, OurVerdict> ours = new LinkedHashMap<>();
    for (DaneCase c : cases) {
      ours.put(c.id(), OurVerdict.match(c));
    }
    return compare(cases, openssl, ours);
  }

  static List<Row> compare(
      List<DaneCase> cases,
      Map<String, OpenSslDane.Verdict> openssl,
      Map<String, OurVerdict> ours) {
    List<Row> rows = new ArrayList<>();
    for (DaneCase c : cases) {
      OpenSslDane.Verdict o = openssl.get(c.id());
      OurVerdict r = ours.get(c.id());
      if (o.usable().length() != (c.records().isEmpty() ? 1 : c.records().size())) {
        throw new AssertionError("dane_verify gave a malformed verdict for " + c.id() + ": " + o);
      }
      if (r.failure() != null) {
        rows.add(new Row(c, o, r.summary(), List.of(r.failure())));
        continue;
      }
      List<String> diff = new ArrayList<>();
      if (r.authenticated() != o.verified()) {
        diff.add(
            o.verified()
                ? "OpenSSL authenticates, we do not"
                : "we authenticate, OpenSSL does not");
      }
      for (int i = 0; i < c.records().size(); i++) {
        boolean oursUnusable = r.unusable().charAt(i) == '1';
        if (o.usable(i) == oursUnusable) {
          diff.add(
              "record "
                  + (i + 1)
                  + (oursUnusable ? " unusable to us only" : " unusable to OpenSSL only"));
        }
      }
      if (diff.isEmpty() && o.verified() && r.depth() >= 0 && r.depth() != o.depthOfAnchor()) {
        diff.add("matched depth " + r.depth() + " vs " + o.depthOfAnchor());
      }
      rows.add(new Row(c, o, r.summary(), diff));
    }
    return rows;
  }

  /** Reads a list resource: case id to reason. */
  static Map<String, String> list(String resource) {
    Map<String, String> out = new LinkedHashMap<>();
    try (InputStream in = Differential.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new AssertionError("missing test resource " + resource);
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#")) {
          continue;
        }
        String[] f = t.split("\\s+", 2);
        if (f.length < 2) {
          throw new AssertionError(resource + ": a reason is required: " + t);
        }
        if (out.put(f[0], f[1]) != null) {
          throw new AssertionError(resource + ": listed twice: " + f[0]);
        }
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out;
  }

  /**
   * Prints the table, writes it (and a list in the known-disagreements format) under
   * target/differential, and fails on any unlisted disagreement, any listed case that now agrees
   * and any listed id that is not a case of this suite.
   *
   * @param inSuite which list entries belong to this suite (the lists are shared)
   */
  static void judge(String suite, List<Row> rows, Predicate<String> inSuite, String header) {
    Map<String, String> known =
        filter(list("/differential/known-disagreements-TODAY.txt"), inSuite);
    Map<String, String> deliberate =
        filter(list("/differential/deliberate-differences.txt"), inSuite);
    Set<String> ids = new LinkedHashSet<>();
    List<String> unexpected = new ArrayList<>();
    List<String> nowAgree = new ArrayList<>();
    StringBuilder table = new StringBuilder(header);
    StringBuilder asList = new StringBuilder();
    StringBuilder all = new StringBuilder();
    int disagree = 0;
    table.append(
        String.format(
            "%n%-60s | %-44s | %-48s | %-40s | %s%n",
            "case", "TLSA records", "OpenSSL", "dane-check", "difference"));
    for (Row r : rows) {
      ids.add(r.c().id());
      boolean listed = known.containsKey(r.c().id()) || deliberate.containsKey(r.c().id());
      all.append(
          String.format(
              "%s | %s | %s | OpenSSL %s | ours %s | %s%n",
              r.c().id(),
              r.c().description(),
              r.c().recordsText(),
              r.openssl().summary(),
              r.ours(),
              r.agrees() ? "agree" : String.join("; ", r.differences())));
      if (!r.agrees()) {
        disagree++;
        table.append(
            String.format(
                "%-60s | %-44s | %-48s | %-40s | %s%s%n",
                r.c().id(),
                cut(r.c().recordsText(), 44),
                cut(r.openssl().summary(), 48),
                cut(r.ours(), 40),
                String.join("; ", r.differences()),
                known.containsKey(r.c().id())
                    ? " [known today]"
                    : deliberate.containsKey(r.c().id()) ? " [deliberate]" : " [NEW]"));
        asList
            .append(r.c().id())
            .append("  ")
            .append(String.join("; ", r.differences()))
            .append(" (OpenSSL: ")
            .append(r.openssl().summary())
            .append(")\n");
        if (!listed) {
          unexpected.add(
              r.c().id()
                  + " ["
                  + r.c().description()
                  + "] records "
                  + r.c().recordsText()
                  + "; OpenSSL: "
                  + r.openssl().summary()
                  + "; ours: "
                  + r.ours()
                  + "; "
                  + String.join("; ", r.differences()));
        }
      } else if (listed) {
        nowAgree.add(r.c().id());
      }
    }
    List<String> stale = new ArrayList<>();
    for (String id : known.keySet()) {
      if (!ids.contains(id)) {
        stale.add(id);
      }
    }
    for (String id : deliberate.keySet()) {
      if (!ids.contains(id)) {
        stale.add(id);
      }
    }
    table.append(
        String.format(
            "%d cases, %d agree, %d disagree (%d listed as known today, %d deliberate)%n",
            rows.size(), rows.size() - disagree, disagree, known.size(), deliberate.size()));
    System.out.println(table);
    try {
      Path dir = Files.createDirectories(Path.of("target", "differential"));
      Files.writeString(dir.resolve(suite + "-report.txt"), table);
      Files.writeString(dir.resolve(suite + "-disagreements.txt"), asList);
      Files.writeString(dir.resolve(suite + "-all.txt"), all);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    StringBuilder failure = new StringBuilder();
    if (!unexpected.isEmpty()) {
      failure.append(unexpected.size()).append(" disagreement(s) with OpenSSL not listed:\n  ");
      failure.append(String.join("\n  ", unexpected)).append('\n');
    }
    if (!nowAgree.isEmpty()) {
      failure
          .append(nowAgree.size())
          .append(" listed case(s) now agree with OpenSSL; remove them from the list:\n  ")
          .append(String.join("\n  ", nowAgree))
          .append('\n');
    }
    if (!stale.isEmpty()) {
      failure
          .append("listed id(s) that are no case of this suite:\n  ")
          .append(String.join("\n  ", stale))
          .append('\n');
    }
    if (failure.length() > 0) {
      throw new AssertionError(suite + ": " + failure);
    }
  }

  private static Map<String, String> filter(Map<String, String> m, Predicate<String> p) {
    Map<String, String> out = new LinkedHashMap<>();
    m.forEach(
        (k, v) -> {
          if (p.test(k)) {
            out.put(k, v);
          }
        });
    return out;
  }

  private static String cut(String s, int n) {
    s = s.replace('\n', ' ');
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }
}
