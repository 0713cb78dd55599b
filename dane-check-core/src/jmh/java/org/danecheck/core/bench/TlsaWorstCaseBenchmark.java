package org.danecheck.core.bench;

import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.danecheck.TlsaMatchResult;
import org.danecheck.TlsaProfile;
import org.danecheck.TlsaRecord;
import org.danecheck.core.TlsaMatcher;
import org.danecheck.testkit.TestCertificate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link TlsaMatcher#match} at the limits: a chain of 10 certificates (what the probe keeps)
 * against 64 TLSA records, ECDSA P-256 throughout.
 *
 * <ul>
 *   <li>{@code lookAlikes}: nine CAs with one name and one key, a leaf under them; records: "2 1 0"
 *       of that key and "2 0 1" of every CA. The old depth-first search needed about 30 minutes per
 *       "2 1 0" record here.
 *   <li>{@code longestChain}: ten distinct certificates, a "2 0 1" record for every CA (nine paths
 *       to validate) and 55 "2 1 0" keys that signed nothing: the signature cap is reached.
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
    for (int i = 1; i < 9; i++) {
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
    for (int i = 1; i < 9; i++) {
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

  /** Ten certificates, nine trust anchors, 55 bare keys: the signature cap. */
  @Benchmark
  public TlsaMatchResult longestChain() {
    return TlsaMatcher.match(longRecords, longChain, NAMES, now, TlsaProfile.SMTP);
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
