/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.danecheck.DaneVerdict;
import org.danecheck.DomainReport;
import org.danecheck.core.DaneChecker;
import org.danecheck.testkit.DaneLab;
import org.danecheck.testkit.KeyAlgorithm;
import org.danecheck.testkit.LabAlgorithm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link DaneChecker#check} of one lab domain that verifies: one MX host with DANE-EE 3 1 1 and a
 * STARTTLS server, DNS and SMTP on loopback with no added latency. DNS answer cache and probe cache
 * off (the defaults), so every check does the MX, A, AAAA (secure NODATA) and TLSA lookups and one
 * full SMTP probe with a TLS handshake.
 *
 * <ul>
 *   <li>{@code check}: one checker for the trial, as a long-running service would use it; its
 *       validator keeps the zone keys, so only the four answers are validated per check.
 *   <li>{@code checkNewChecker}: a new checker per check, as the command line does: thread pools,
 *       PKIX trust store and the whole DNSSEC chain of trust from the root anchor, every time.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FullCheckBenchmark {
  private static final String DOMAIN = "verified.bench.test";

  /** The signing algorithm of every zone, the root included. */
  @Param({"ECDSAP256SHA256", "RSASHA256"})
  public LabAlgorithm zones;

  /** The key algorithm of the mail server's certificate. */
  @Param({"ECDSA", "RSA"})
  public KeyAlgorithm leafKey;

  private DaneLab lab;
  private DaneChecker checker;

  /** Starts the lab and a checker, and checks that the domain verifies. */
  @Setup
  public void setUp() {
    lab =
        DaneLab.builder()
            .zone(".", z -> z.algorithm(zones))
            .zone("test", z -> z.algorithm(zones))
            .zone("bench.test", z -> z.algorithm(zones))
            .domain(DOMAIN, d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1).keyAlgorithm(leafKey)))
            .zone(DOMAIN, z -> z.algorithm(zones))
            .start();
    checker = newChecker();
    requireVerified(check());
    requireVerified(checkNewChecker());
  }

  /** Closes the checker and the lab. */
  @TearDown
  public void tearDown() {
    checker.close();
    lab.close();
  }

  /** One check with a long-lived checker (validated zone keys cached). */
  @Benchmark
  public DomainReport check() {
    return requireVerified(checker.check(DOMAIN));
  }

  /** One check with a checker made for it and closed after it. */
  @Benchmark
  public DomainReport checkNewChecker() {
    try (DaneChecker fresh = newChecker()) {
      return requireVerified(fresh.check(DOMAIN));
    }
  }

  private DaneChecker newChecker() {
    return DaneChecker.builder()
        .environment(lab)
        .pkixTrustStore(lab.trustStore())
        .queryTimeout(Duration.ofSeconds(2))
        .deadline(Duration.ofSeconds(20))
        .build();
  }

  private static DomainReport requireVerified(DomainReport report) {
    if (report.verdict() != DaneVerdict.VERIFIED) {
      throw new IllegalStateException("expected VERIFIED: " + report);
    }
    return report;
  }
}
