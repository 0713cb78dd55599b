/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.bench;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.danecheck.TlsaMatchOutcome;
import org.danecheck.TlsaMatchResult;
import org.danecheck.TlsaProfile;
import org.danecheck.TlsaRecord;
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
 * {@link TlsaMatcher#match} at the limits: a chain of 12 certificates (the longest path a DANE MTA
 * accepts: leaf, ten intermediates, trust anchor) against 64 TLSA records, ECDSA P-256 throughout,
 * and 64 "2 1 0" keys that each cost as much as the work budget allows.
 *
 * <ul>
 *   <li>{@code lookAlikes}: eleven CAs with one name and one key, a leaf under them; records: "2 1
 *       0" of that key and "2 0 1" of every CA. The old depth-first search needed about 30 minutes
 *       per "2 1 0" record at ten certificates.
 *   <li>{@code longestChain}: twelve distinct certificates, a "2 0 1" record for every CA (eleven
 *       paths to validate) and 53 "2 1 0" keys that signed nothing: the verification budget is
 *       spent.
 *   <li>{@code costliestKeys}: a leaf signed by a CA the server does not send and 64 distinct "2 1
 *       0" keys that signed nothing, of the kind whose verification costs the most per unit of the
 *       budget ({@code keys}): RSA-4096 and RSA-16384 (exponent 65537), Brainpool P-512 (no Bouncy
 *       Castle arithmetic of its own), P-256. The budget is spent on them, cheapest first.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TlsaWorstCaseBenchmark {
  private static final Set<String> NAMES = Set.of("mx.bench.test");
  private final Instant now = Instant.now();
  private List<byte[]> lookAlikeChain;
  private List<TlsaRecord> lookAlikeRecords;
  private List<byte[]> longChain;
  private List<TlsaRecord> longRecords;

  /** Builds both chains and RRsets and checks that they authenticate. */
  @Setup
  public void setUp() throws Exception {
    KeyPair key = cert().build().keyPair();
    List<TestCertificate> cas = new ArrayList<>();
    TestCertificate previous = cert().subject("X").keyPair(key).certificateAuthority(-1).build();
    cas.add(previous);
    for (int i = 1; i < 11; i++) {
      previous =
          cert().subject("X").keyPair(key).certificateAuthority(-1).signedBy(previous).build();
      cas.add(previous);
    }
    lookAlikeChain = chain(leaf(previous), cas);
    lookAlikeRecords = new ArrayList<>();
    while (lookAlikeRecords.size() < 64) {
      lookAlikeRecords.add(TlsaRecord.of(2, 1, 0, key.getPublic().getEncoded()));
      for (TestCertificate c : cas) {
        lookAlikeRecords.add(TlsaRecord.of(2, 0, 1, sha256(c.certificateDer())));
      }
    }
    lookAlikeRecords = List.copyOf(lookAlikeRecords.subList(0, 64));

    List<TestCertificate> line = new ArrayList<>();
    previous = cert().subject("CA 0").certificateAuthority(-1).build();
    line.add(previous);
    for (int i = 1; i < 11; i++) {
      previous = cert().subject("CA " + i).certificateAuthority(-1).signedBy(previous).build();
      line.add(0, previous);
    }
    longChain = chain(leaf(previous), line);
    longRecords = new ArrayList<>();
    for (TestCertificate c : line) {
      longRecords.add(TlsaRecord.of(2, 0, 1, sha256(c.certificateDer())));
    }
    while (longRecords.size() < 64) {
      longRecords.add(TlsaRecord.of(2, 1, 0, cert().build().keyPair().getPublic().getEncoded()));
    }
    // Bare keys first, so that every one is tried before the trust anchors.
    java.util.Collections.reverse(longRecords);
    if (!lookAlikes().authenticated() || !longestChain().authenticated()) {
      throw new IllegalStateException("benchmark set-up does not authenticate");
    }
  }

  /** Look-alike issuers and 64 DANE-TA records. */
  @Benchmark
  public TlsaMatchResult lookAlikes() {
    return TlsaMatcher.match(lookAlikeRecords, lookAlikeChain, NAMES, now, TlsaProfile.SMTP);
  }

  /** Twelve certificates, eleven trust anchors, 53 bare keys: the verification budget. */
  @Benchmark
  public TlsaMatchResult longestChain() {
    return TlsaMatcher.match(longRecords, longChain, NAMES, now, TlsaProfile.SMTP);
  }

  /** 64 dear "2 1 0" keys of one kind, none of which signed the leaf. */
  @State(Scope.Benchmark)
  public static class DearKeys {
    /** The kind of key. */
    @Param({"rsa4096", "rsa16384", "brainpoolP512r1", "p256"})
    public String keys;

    List<byte[]> chain;
    List<TlsaRecord> records;

    /** Builds the leaf and the 64 keys, and checks that the budget is what stops the match. */
    @Setup
    public void setUp() throws Exception {
      Instant now = Instant.now();
      boolean rsa = keys.startsWith("rsa");
      TestCertificate ca =
          TestCertificate.builder()
              .subject("unsent CA")
              .certificateAuthority(-1)
              .keyAlgorithm(rsa ? KeyAlgorithm.RSA : KeyAlgorithm.ECDSA)
              .build();
      chain =
          List.of(
              TestCertificate.builder()
                  .subject("mx.bench.test")
                  .dnsNames("mx.bench.test")
                  .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)))
                  .signedBy(ca)
                  .build()
                  .certificateDer());
      records = new ArrayList<>();
      SecureRandom random = new SecureRandom();
      while (records.size() < 64) {
        byte[] spki;
        if (rsa) {
          int bits = Integer.parseInt(keys.substring(3));
          BigInteger n = new BigInteger(bits, random).setBit(bits - 1).setBit(0);
          spki =
              new SubjectPublicKeyInfo(
                      new AlgorithmIdentifier(
                          PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                      new RSAPublicKey(n, BigInteger.valueOf(65537)))
                  .getEncoded("DER");
        } else {
          // Bouncy Castle's provider: the JDK's no longer generates Brainpool keys.
          KeyPairGenerator g =
              KeyPairGenerator.getInstance(
                  "EC", new org.bouncycastle.jce.provider.BouncyCastleProvider());
          g.initialize(new ECGenParameterSpec(keys.equals("p256") ? "secp256r1" : keys));
          spki = g.generateKeyPair().getPublic().getEncoded();
        }
        records.add(TlsaRecord.of(2, 1, 0, spki));
      }
      TlsaMatchResult r = TlsaMatcher.match(records, chain, NAMES, now, TlsaProfile.SMTP);
      if (r.outcome() != TlsaMatchOutcome.LIMIT_REACHED) {
        throw new IllegalStateException("the budget does not stop this match: " + r.message());
      }
    }
  }

  /** 64 dear bare keys: the verification budget, spent on the dearest keys per unit. */
  @Benchmark
  public TlsaMatchResult costliestKeys(DearKeys dear) {
    return TlsaMatcher.match(dear.records, dear.chain, NAMES, now, TlsaProfile.SMTP);
  }

  private TestCertificate.Builder cert() {
    return TestCertificate.builder()
        .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
  }

  private TestCertificate leaf(TestCertificate issuer) {
    return cert().subject("mx.bench.test").dnsNames("mx.bench.test").signedBy(issuer).build();
  }

  private static List<byte[]> chain(TestCertificate leaf, List<TestCertificate> cas) {
    List<byte[]> out = new ArrayList<>();
    out.add(leaf.certificateDer());
    cas.forEach(c -> out.add(c.certificateDer()));
    return out;
  }

  private static byte[] sha256(byte[] data) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }
}
