/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * x509-limbo as DANE-TA cases ({@link LimboSuite}), {@code TlsaMatcher} against OpenSSL's DANE code
 * set up as Postfix does (dane_verify.c). This is closer to a DANE MTA than the README's {@code
 * openssl verify -partial_chain -purpose sslserver -verify_hostname}: the same X509 path validation
 * with the matched certificate as trust anchor, plus Postfix's settings (security level 1, verify
 * depth 10, no partial-label wildcards, DANE-EE name checks off).
 *
 * <p>Agreement is required on every case that is not skipped, apart from the ids listed in
 * differential/known-disagreements-TODAY.txt (and deliberate-differences.txt). Limbo's own
 * expected_result is reported beside OpenSSL's, not asserted: limbo includes CA/B Forum rules that
 * DANE does not require, and OpenSSL departs from it in known places (limbo README). Every {@code
 * pathological::} case must end within {@link #PATHOLOGICAL_BOUND} of CPU time: they run in a child
 * JVM that stops when one does not ({@link IsolatedMatcher}), and such a case counts as a
 * disagreement.
 */
@Tag("openssl")
class LimboDaneTaTest {
  /**
   * CPU time of the matching thread per case (so that a loaded machine does not make a slow case
   * flaky): a guard against hangs, not a performance claim (benchmarks make those).
   */
  static final Duration PATHOLOGICAL_BOUND = Duration.ofSeconds(5);

  @Test
  @Timeout(600)
  void agreesWithOpenSslOnX509Limbo() throws Exception {
    Path file = LimboSuite.locate();
    List<LimboSuite.Testcase> all =
        LimboSuite.load(file, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    List<DaneCase> cases = new ArrayList<>();
    for (LimboSuite.Testcase t : all) {
      cases.addAll(t.variants());
    }
    assertThat(cases).isNotEmpty();
    Map<String, OpenSslDane.Verdict> openssl = OpenSslDane.verify(cases);
    long started = System.nanoTime();
    List<DaneCase> pathological = new ArrayList<>();
    Map<String, OurVerdict> ours = new LinkedHashMap<>();
    for (DaneCase c : cases) {
      if (c.id().startsWith("limbo:pathological::")) {
        pathological.add(c);
      } else {
        ours.put(c.id(), OurVerdict.match(c));
      }
    }
    long ms = (System.nanoTime() - started) / 1_000_000;
    started = System.nanoTime();
    Map<String, Long> millis = new LinkedHashMap<>();
    ours.putAll(IsolatedMatcher.run(pathological, PATHOLOGICAL_BOUND, millis));
    long pms = (System.nanoTime() - started) / 1_000_000;
    List<Differential.Row> rows = Differential.compare(cases, openssl, ours);
    Differential.judge(
        "limbo",
        rows,
        id -> id.startsWith("limbo:"),
        header(all, rows, ms, pathological.size(), pms, millis));
  }

  /** Counts: run, skipped by reason, and how OpenSSL compares with limbo's expectation. */
  private static String header(
      List<LimboSuite.Testcase> all,
      List<Differential.Row> rows,
      long ms,
      int pathological,
      long pms,
      Map<String, Long> millis) {
    StringBuilder b = new StringBuilder();
    long run = all.stream().filter(t -> t.skipReason() == null).count();
    b.append(
        String.format(
            "x509-limbo as DANE-TA vs %s (Postfix set-up): %d testcases, %d run (x2 variants = %d"
                + " cases; our matcher: %d ms in this JVM, %d pathological:: cases in a child JVM"
                + " bounded to %d s of CPU each, %d ms), %d skipped%n",
            OpenSslDane.version(),
            all.size(),
            run,
            rows.size(),
            ms,
            pathological,
            PATHOLOGICAL_BOUND.toSeconds(),
            pms,
            all.size() - run));
    LimboSuite.skipped(all)
        .forEach((why, n) -> b.append(String.format("  skipped %3d: %s%n", n, why)));
    millis.forEach((id, t) -> b.append(String.format("  our matcher %6d ms of CPU: %s%n", t, id)));
    Map<String, Boolean> expected = new LinkedHashMap<>();
    for (LimboSuite.Testcase t : all) {
      for (DaneCase c : t.variants()) {
        expected.put(c.id(), t.expectSuccess());
      }
    }
    for (String variant : List.of("/2-0-0", "/2-0-1")) {
      int agree = 0;
      List<String> differ = new ArrayList<>();
      for (Differential.Row r : rows) {
        if (!r.c().id().endsWith(variant)) {
          continue;
        }
        boolean limbo = expected.get(r.c().id());
        if (limbo == r.openssl().verified()) {
          agree++;
        } else {
          differ.add(
              String.format(
                  "    %-70s limbo %s, OpenSSL %s",
                  r.c().id(), limbo ? "SUCCESS" : "FAILURE", r.openssl().summary()));
        }
      }
      b.append(
          String.format(
              "  OpenSSL vs limbo's expected_result, variant %s: %d agree, %d differ%n",
              variant, agree, differ.size()));
      differ.forEach(d -> b.append(d).append('\n'));
    }
    return b.toString();
  }
}
