package org.danecheck.core.internal.tlsa;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.danecheck.testkit.TestCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bounded work for hostile chains (issue 11, defect 9): matching one chain of the longest length a
 * path may have (12 certificates) against a full RRset (64 records) costs a bounded number of
 * signature checks and candidate paths, whatever the certificates are. The old depth-first search
 * tried every ordering of look-alike issuers: about 30 minutes per "2 1 0" record at 10
 * certificates. Counts, not times, are asserted; the timeout only turns a regression into a failure
 * instead of a hang. JMH: TlsaMatchBenchmark.hostile, figures in docs/benchmarks.md.
 */
class PathSearchBoundsTest {
  private static final Instant NOW = Instant.parse("2031-06-01T12:00:00Z");
  private static final Set<String> NAMES = Set.of("mx.example.org");
  private static final int CHAIN = TlsaEngine.MAX_PATH_LENGTH; // the longest path tried
  private static final int RRSET = 64;

  private static TestCertificate.Builder cert() {
    return TestCertificate.builder()
        .validity(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(30)));
  }

  // The trap: eleven CA certificates with one name and one key, every one a possible
  // issuer of every other; a leaf under them; 64 DANE-TA records: "2 1 0" with that key and
  // digests of every certificate. The greedy build takes one issuer and stops (a certificate
  // with its own name and key is self-signed), so the work is one path per depth matched.
  @Test
  @Timeout(120)
  void lookAlikeIssuersCostOnePathEach() throws Exception {
    KeyPair key = cert().build().keyPair();
    List<TestCertificate> cas = new ArrayList<>();
    TestCertificate previous = cert().subject("X").keyPair(key).certificateAuthority(-1).build();
    cas.add(previous);
    for (int i = 1; i < CHAIN - 1; i++) {
      previous =
          cert().subject("X").keyPair(key).certificateAuthority(-1).signedBy(previous).build();
      cas.add(previous);
    }
    TestCertificate leaf =
        cert().subject("mx.example.org").dnsNames("mx.example.org").signedBy(previous).build();
    List<byte[]> chain = new ArrayList<>();
    chain.add(leaf.certificateDer());
    cas.forEach(c -> chain.add(c.certificateDer()));
    List<TlsaEngine.Rec> records = new ArrayList<>();
    while (records.size() < RRSET) {
      records.add(new TlsaEngine.Rec(2, 1, 0, key.getPublic().getEncoded()));
      for (TestCertificate c : cas) {
        records.add(new TlsaEngine.Rec(2, 0, 1, sha256(c.certificateDer())));
      }
      records.add(new TlsaEngine.Rec(2, 1, 1, sha256(key.getPublic().getEncoded())));
    }
    records = records.subList(0, RRSET);

    TlsaEngine.Result r = TlsaEngine.evaluate(records, chain, NAMES, NOW, true, List.of());

    assertThat(r.authenticated()).as(r.toString()).isTrue();
    assertThat(r.chainProblems).isEmpty();
    assertThat(r.work.signatureChecks()).as(r.work.toString()).isLessThanOrEqualTo(2);
    assertThat(r.work.paths()).as(r.work.toString()).isLessThanOrEqualTo(2);
  }

  // The longest chain that validates, twelve distinct certificates, against 64 records that make
  // every depth a trust anchor and bring 55 "2 1 0" keys not on the chain: one signature check per
  // edge
  // whatever the number of records, and the bare keys stop at the cap, which is reported.
  @Test
  @Timeout(120)
  void longestChainAndFullRrsetStayWithinTheCaps() throws Exception {
    List<TestCertificate> cas = distinctCas();
    List<byte[]> chain = chainUnder(cas);
    // Digests of every CA (eleven paths) first, each at three strengths; then other keys.
    List<TlsaEngine.Rec> records = new ArrayList<>();
    for (TestCertificate c : cas) {
      records.add(new TlsaEngine.Rec(2, 0, 1, sha256(c.certificateDer())));
    }
    KeyPair unrelated = cert().build().keyPair();
    while (records.size() < RRSET) {
      KeyPair other = records.size() % 2 == 0 ? cert().build().keyPair() : unrelated;
      records.add(new TlsaEngine.Rec(2, 1, 0, other.getPublic().getEncoded()));
    }
    // The bare keys first in the RRset: they are still tried last, and cannot starve the others.
    java.util.Collections.reverse(records);

    TlsaEngine.Result r = TlsaEngine.evaluate(records, chain, NAMES, NOW, true, List.of());

    assertThat(r.authenticated()).as(r.toString()).isTrue();
    assertThat(r.verdicts.get(RRSET - 1).status).isEqualTo(TlsaEngine.Status.MATCHED);
    assertThat(r.verdicts.get(RRSET - 1).depth).isEqualTo(1);
    // 11 edges + at most the cap in bare-key checks; never more than the caps.
    assertThat(r.work.signatureChecks())
        .as(r.work.toString())
        .isLessThanOrEqualTo(Work.MAX_SIGNATURE_CHECKS);
    assertThat(r.work.paths()).as(r.work.toString()).isLessThanOrEqualTo(CHAIN - 1);
    assertThat(r.work.limitReached()).isNotNull();
    assertThat(r.chainProblems).anyMatch(p -> p.contains("work limit"));
    // A record the cap stopped is not claimed to match, and says why.
    assertThat(r.verdicts)
        .filteredOn(v -> v.reason.contains("work limit"))
        .isNotEmpty()
        .allMatch(v -> v.status == TlsaEngine.Status.NO_MATCH);
  }

  // Signature checks are shared by every record of a call: eleven depths validated, eleven edges.
  @Test
  void signaturesAreCheckedOncePerEdge() throws Exception {
    List<TestCertificate> cas = distinctCas();
    List<byte[]> chain = chainUnder(cas);
    List<TlsaEngine.Rec> records = new ArrayList<>();
    for (int round = 0; records.size() < RRSET; round++) {
      for (TestCertificate c : cas) {
        records.add(new TlsaEngine.Rec(2, 0, 1, sha256(c.certificateDer())));
      }
    }
    records = new ArrayList<>(records.subList(0, RRSET));

    TlsaEngine.Result r = TlsaEngine.evaluate(records, chain, NAMES, NOW, true, List.of());

    assertThat(r.authenticated()).isTrue();
    assertThat(r.work.signatureChecks()).as(r.work.toString()).isEqualTo(CHAIN - 1);
    assertThat(r.work.paths()).isEqualTo(CHAIN - 1);
    assertThat(r.work.limitReached()).isNull();
  }

  // Eleven CAs in a line, the issuer of the leaf first.
  private static List<TestCertificate> distinctCas() {
    List<TestCertificate> cas = new ArrayList<>();
    TestCertificate previous = cert().subject("CA 0").certificateAuthority(-1).build();
    cas.add(previous);
    for (int i = 1; i < CHAIN - 1; i++) {
      previous = cert().subject("CA " + i).certificateAuthority(-1).signedBy(previous).build();
      cas.add(0, previous);
    }
    return cas;
  }

  // A leaf under the first CA, then the CAs: ten certificates.
  private static List<byte[]> chainUnder(List<TestCertificate> cas) {
    TestCertificate leaf =
        cert().subject("mx.example.org").dnsNames("mx.example.org").signedBy(cas.get(0)).build();
    List<byte[]> chain = new ArrayList<>();
    chain.add(leaf.certificateDer());
    cas.forEach(c -> chain.add(c.certificateDer()));
    return chain;
  }

  private static byte[] sha256(byte[] data) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }
}
