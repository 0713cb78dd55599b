/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.danecheck.DnssecStatus;
import org.danecheck.core.internal.Deadline;
import org.danecheck.core.internal.crypto.EcdsaVerifyProvider;
import org.danecheck.core.internal.dns.DnsConfig;
import org.danecheck.core.internal.dns.MailDns;
import org.danecheck.core.internal.dns.MxAnswer;
import org.danecheck.core.internal.dns.TlsaAnswer;
import org.danecheck.core.internal.policy.Rfc7672Policy;
import org.danecheck.testkit.LabAlgorithm;
import org.danecheck.testkit.LabDnsServer;
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
 * One MX lookup and one TLSA lookup through the core's DNS layer ({@link MailDns}, dnsjava's
 * ValidatingResolver), validated in process against a {@link LabDnsServer} on loopback (no added
 * latency; the server shares the machine's cores). Root, TLD and domain zone are all signed with
 * one algorithm. MailDns's answer cache is off (the default).
 *
 * <ul>
 *   <li>{@code cold}: a new MailDns per operation, so the validator has no keys yet: it fetches and
 *       verifies the DNSKEY and DS RRsets of the root, {@code test.} and {@code bench.test.}, then
 *       the MX and TLSA RRsets (7 queries, 7 RRsets whose signatures are verified, plus setting up
 *       the resolver).
 *   <li>{@code warm}: one MailDns for the trial, whose validator keeps the zone keys it has
 *       verified: 2 queries and 2 signature checks per operation.
 *   <li>{@code newMailDnsOnly}: building and closing a MailDns without lookups, the set-up part of
 *       {@code cold}.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DnssecValidationBenchmark {
  private static final String DOMAIN = "bench.test";
  private static final String MX_HOST = "mx.bench.test.";

  /** The signing algorithm of every zone, the root included. */
  @Param({"ECDSAP256SHA256", "RSASHA256"})
  public LabAlgorithm algorithm;

  /**
   * Who verifies ECDSA signatures: the JDK's SunEC (the library's default), Bouncy Castle through
   * the opt-in provider ({@code DaneChecker.Builder.fastEcdsa}) with its cache off, or with it on
   * (then every measured verification after the first is a cache hit: the lab sends the same
   * signatures each time).
   */
  @Param({"SunEC", "BC", "BC_CACHED"})
  public String verifier;

  private LabDnsServer lab;
  private DnsConfig config;
  private MailDns warmDns;

  /** Starts the lab server and checks that both lookups validate. */
  @Setup
  public void setUp() {
    if (!verifier.equals("SunEC")) {
      // Read once, when the provider class loads: each JMH fork is a new JVM.
      System.setProperty("dane-check.ecdsa-cache", String.valueOf(verifier.equals("BC_CACHED")));
      EcdsaVerifyProvider.install();
    }
    lab =
        LabDnsServer.builder()
            .zone(".", z -> z.algorithm(algorithm))
            .zone("test", z -> z.algorithm(algorithm))
            .zone(
                DOMAIN,
                z ->
                    z.algorithm(algorithm)
                        .record("@ MX 10 mx")
                        .record("mx A 127.0.0.10")
                        .record("_25._tcp.mx TLSA 3 1 1 " + "ab".repeat(32)))
            .start();
    config =
        DnsConfig.builder()
            .resolvers(List.of(lab.address()))
            .trustAnchors(lab.trustAnchor())
            .queryTimeout(Duration.ofSeconds(2))
            .retries(0)
            .build();
    // The address step is not measured: the TLSA lookup is made at the MX host name.
    warmDns = new MailDns(config);
    warm();
    cold();
  }

  /** Stops the server and the warm resolver. */
  @TearDown
  public void tearDown() {
    warmDns.close();
    lab.close();
  }

  /** MX + TLSA with the zone keys already validated and cached by the validator. */
  @Benchmark
  public TlsaAnswer warm() {
    return mxAndTlsa(warmDns);
  }

  /** MX + TLSA with a fresh validator: the whole chain of trust from the root anchor. */
  @Benchmark
  public TlsaAnswer cold() {
    try (MailDns dns = new MailDns(config)) {
      return mxAndTlsa(dns);
    }
  }

  /** The cost of building a MailDns (validator, trust anchors, executor) and closing it. */
  @Benchmark
  public MailDns newMailDnsOnly() {
    try (MailDns dns = new MailDns(config)) {
      return dns;
    }
  }

  private TlsaAnswer mxAndTlsa(MailDns dns) {
    Deadline deadline = Deadline.after(Duration.ofSeconds(10));
    MxAnswer mx = dns.mx(DOMAIN, deadline).join();
    if (mx.lookup().dnssec() != DnssecStatus.SECURE || mx.records().isEmpty()) {
      throw new IllegalStateException("MX lookup did not validate: " + mx);
    }
    TlsaAnswer tlsa =
        dns.tlsa(List.of(MX_HOST), 25, deadline, Rfc7672Policy::tlsaSearchEnds).join().get(0);
    if (tlsa.lookup().dnssec() != DnssecStatus.SECURE || tlsa.records().isEmpty()) {
      throw new IllegalStateException("TLSA lookup did not validate: " + tlsa);
    }
    return tlsa;
  }
}
