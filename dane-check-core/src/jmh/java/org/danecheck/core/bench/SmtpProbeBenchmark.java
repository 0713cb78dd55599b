/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.danecheck.SmtpOutcome;
import org.danecheck.core.internal.Deadline;
import org.danecheck.core.internal.pkix.PkixTrust;
import org.danecheck.core.internal.smtp.ProbeRequest;
import org.danecheck.core.internal.smtp.ProbeResult;
import org.danecheck.core.internal.smtp.ProberConfig;
import org.danecheck.core.internal.smtp.SmtpProber;
import org.danecheck.testkit.DaneLab;
import org.danecheck.testkit.KeyAlgorithm;
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
 * One SMTP probe of a lab mail server on loopback, the SMTP/TLS part of a full check: connect,
 * greeting, EHLO, STARTTLS, TLS handshake (Bouncy Castle on both ends), EHLO again, QUIT, and the
 * PKIX classification of the chain. No DNS, no TLSA matching.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SmtpProbeBenchmark {
  private static final String HOST = "mx.probe.bench.test";

  /** The key algorithm of the mail server's certificate. */
  @Param({"ECDSA", "RSA"})
  public KeyAlgorithm leafKey;

  private DaneLab lab;
  private SmtpProber prober;
  private ProbeRequest request;

  /** Starts the lab and checks that a probe gets through. */
  @Setup
  public void setUp() {
    lab =
        DaneLab.builder()
            .domain(
                "probe.bench.test", d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1).keyAlgorithm(leafKey)))
            .start();
    prober =
        new SmtpProber(
            new ProberConfig(
                "bench.example",
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                PkixTrust.fromKeyStore(lab.trustStore())));
    request =
        ProbeRequest.of(HOST, lab.host(HOST).addresses().get(0), HOST).withPort(lab.smtpPort());
    probe();
  }

  /** Stops the lab. */
  @TearDown
  public void tearDown() {
    lab.close();
  }

  /** One probe, TLS handshake included. */
  @Benchmark
  public ProbeResult probe() {
    ProbeResult result = prober.probe(request, Deadline.after(Duration.ofSeconds(10)));
    if (result.outcome() != SmtpOutcome.TLS_ESTABLISHED) {
      throw new IllegalStateException("probe failed: " + result);
    }
    return result;
  }
}
