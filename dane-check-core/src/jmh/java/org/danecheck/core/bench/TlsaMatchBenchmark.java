/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.danecheck.TlsaMatchResult;
import org.danecheck.TlsaMatchingType;
import org.danecheck.TlsaProfile;
import org.danecheck.TlsaRecord;
import org.danecheck.TlsaSelector;
import org.danecheck.TlsaUsage;
import org.danecheck.core.TlsaGenerator;
import org.danecheck.core.TlsaMatcher;
import org.danecheck.testkit.KeyAlgorithm;
import org.danecheck.testkit.TestCertificate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link TlsaMatcher#match} of a server chain, offline: DANE-EE 3 1 1 (parse the leaf, hash its
 * SPKI) and DANE-TA 2 0 1 (parse the chain, hash the trust anchor, build the path and check every
 * signature on it, check the leaf's names). Chains of 2 (leaf, CA) or 3 (leaf, intermediate, root)
 * certificates, all ECDSA P-256 or all RSA 2048.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TlsaMatchBenchmark {
  private static final String HOST = "mx.bench.test";

  /** The key algorithm of every certificate of the chain. */
  @Param({"ECDSA", "RSA"})
  public KeyAlgorithm keys;

  /** Certificates in the chain, leaf and trust anchor included. */
  @Param({"2", "3"})
  public int chainLength;

  private List<byte[]> chain;
  private List<TlsaRecord> daneEe;
  private List<TlsaRecord> daneTa;
  private final Set<String> names = Set.of(HOST, "bench.test");
  private final Instant now = Instant.now();

  /** Builds the chain and the two TLSA RRsets, and checks that both authenticate. */
  @Setup
  public void setUp() {
    TestCertificate root =
        TestCertificate.builder()
            .subject("Bench Root")
            .keyAlgorithm(keys)
            .certificateAuthority(1)
            .build();
    TestCertificate issuer = root;
    List<TestCertificate> cas = new ArrayList<>(List.of(root));
    if (chainLength == 3) {
      issuer =
          TestCertificate.builder()
              .subject("Bench Intermediate")
              .keyAlgorithm(keys)
              .certificateAuthority(0)
              .signedBy(root)
              .build();
      cas.add(0, issuer);
    } else if (chainLength != 2) {
      throw new IllegalArgumentException("chainLength must be 2 or 3: " + chainLength);
    }
    TestCertificate leaf =
        TestCertificate.builder()
            .subject(HOST)
            .dnsNames(HOST)
            .keyAlgorithm(keys)
            .signedBy(issuer)
            .build();
    chain = new ArrayList<>();
    chain.add(leaf.certificateDer());
    cas.forEach(c -> chain.add(c.certificateDer()));
    daneEe =
        List.of(
            TlsaGenerator.forChain(
                chain, TlsaUsage.DANE_EE, TlsaSelector.SPKI, TlsaMatchingType.SHA2_256));
    daneTa =
        List.of(
            TlsaGenerator.forChain(
                chain, TlsaUsage.DANE_TA, TlsaSelector.CERT, TlsaMatchingType.SHA2_256));
    requireAuthenticated(daneEe311());
    requireAuthenticated(daneTa201());
  }

  /** DANE-EE 3 1 1: only the leaf's public key matters. */
  @Benchmark
  public TlsaMatchResult daneEe311() {
    return TlsaMatcher.match(daneEe, chain, names, now, TlsaProfile.SMTP);
  }

  /** DANE-TA 2 0 1: the top CA certificate by digest, then the path to the leaf by signature. */
  @Benchmark
  public TlsaMatchResult daneTa201() {
    return TlsaMatcher.match(daneTa, chain, names, now, TlsaProfile.SMTP);
  }

  private static void requireAuthenticated(TlsaMatchResult result) {
    if (!result.authenticated()) {
      throw new IllegalStateException("benchmark set-up does not authenticate: " + result);
    }
  }
}
