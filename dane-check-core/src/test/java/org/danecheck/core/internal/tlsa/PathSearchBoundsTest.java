/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.tlsa;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DSAParameter;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.danecheck.testkit.KeyAlgorithm;
import org.danecheck.testkit.TestCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bounded work for hostile chains (issue 11, defect 9; review D1 and D3): matching one chain of the
 * longest length a path may have (12 certificates) against a full RRset (64 records) costs a
 * bounded number of candidate paths and signature checks within a budget charged by their cost,
 * whatever the certificates and keys are; keys OpenSSL verifies nothing with cost no check, and a
 * record the budget stopped is "not evaluated", never "no match". The old depth-first search tried
 * every ordering of look-alike issuers: about 30 minutes per "2 1 0" record at 10 certificates.
 * Counts, not times, are asserted; the timeout only turns a regression into a failure instead of a
 * hang. JMH: TlsaMatchBenchmark.hostile, figures in docs/benchmarks.md.
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
  // every depth a trust anchor and bring 53 "2 1 0" keys not on the chain: one signature check per
  // edge whatever the number of records, and the bare keys stop at the budget, which is reported.
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
    // 11 edges + bare-key checks up to the budget; never more than the budget.
    assertThat(r.work.verifyCost()).as(r.work.toString()).isLessThanOrEqualTo(Work.MAX_VERIFY_COST);
    assertThat(r.work.signatureChecks()).as(r.work.toString()).isGreaterThanOrEqualTo(CHAIN - 1);
    assertThat(r.work.paths()).as(r.work.toString()).isLessThanOrEqualTo(CHAIN - 1);
    assertThat(r.work.limitReached()).isNotNull();
    assertThat(r.chainProblems).anyMatch(p -> p.contains("work limit"));
    // A record the budget stopped is not claimed to match nor to fail, and says why (D3).
    assertThat(r.verdicts)
        .filteredOn(v -> v.reason.contains("work limit"))
        .isNotEmpty()
        .allMatch(v -> v.status == TlsaEngine.Status.LIMIT_REACHED);
  }

  // Review D3: the budget used up by "2 1 0" keys that sign nothing, the one that signed the leaf
  // comes too late. OpenSSL tries every key and would authenticate: the answer is "not known",
  // never NO_MATCH (which the policy would report as a DANE failure).
  @Test
  void matchingKeyBeyondTheBudgetIsNotEvaluatedNotUnmatched() throws Exception {
    TestCertificate ca = cert().subject("Unsent CA").certificateAuthority(-1).build();
    TestCertificate leaf =
        cert().subject("mx.example.org").dnsNames("mx.example.org").signedBy(ca).build();
    List<TlsaEngine.Rec> records = new ArrayList<>();
    while (records.size() < RRSET - 1) {
      records.add(new TlsaEngine.Rec(2, 1, 0, cert().build().keyPair().getPublic().getEncoded()));
    }
    records.add(new TlsaEngine.Rec(2, 1, 0, ca.keyPair().getPublic().getEncoded()));

    TlsaEngine.Result r =
        TlsaEngine.evaluate(records, List.of(leaf.certificateDer()), NAMES, NOW, true, List.of());

    assertThat(r.outcome).as(r.toString()).isEqualTo(TlsaEngine.Outcome.LIMIT_REACHED);
    assertThat(r.verdicts.get(RRSET - 1).status).isEqualTo(TlsaEngine.Status.LIMIT_REACHED);
    assertThat(r.work.verifyCost()).isLessThanOrEqualTo(Work.MAX_VERIFY_COST);
    // Those checked did not match; none is claimed to.
    assertThat(r.verdicts).noneMatch(v -> v.status == TlsaEngine.Status.MATCHED);
    assertThat(r.verdicts)
        .filteredOn(v -> v.status == TlsaEngine.Status.NO_MATCH)
        .hasSize(r.work.signatureChecks());
  }

  // Review D1, the reviewer's probe: "2 1 0" DSA keys with p = 3^6300 and q = 3^6299 cost 6.8 s
  // per call (Bouncy Castle's key check alone is an exponentiation with a 10,000-bit exponent).
  // OpenSSL's dsa_do_verify refuses any q that is not 160, 224 or 256 bits: such a key verifies
  // nothing, so no signature check is made and the records do not match, as with OpenSSL.
  @Test
  @Timeout(60)
  void dsaKeysWithHugeQAreNotVerifiable() throws Exception {
    BigInteger p = BigInteger.valueOf(3).pow(6300);
    BigInteger q = BigInteger.valueOf(3).pow(6299);
    byte[] leaf = dsaSignedLeaf();
    List<TlsaEngine.Rec> records = new ArrayList<>();
    for (int i = 0; i < RRSET; i++) {
      records.add(new TlsaEngine.Rec(2, 1, 0, dsaKey(p, q, BigInteger.valueOf(5 + i))));
    }

    TlsaEngine.Result r = TlsaEngine.evaluate(records, List.of(leaf), NAMES, NOW, true, List.of());

    assertThat(r.work.signatureChecks()).as(r.work.toString()).isZero();
    assertThat(r.outcome).isEqualTo(TlsaEngine.Outcome.NO_MATCH);
    assertThat(r.verdicts)
        .allSatisfy(
            v -> {
              assertThat(v.status).isEqualTo(TlsaEngine.Status.NO_MATCH);
              assertThat(v.reason).contains("verifies nothing").contains("q has 9984 bits");
            });
    // The other DSA bound: a modulus over 10,000 bits, with a q OpenSSL accepts.
    byte[] bigP =
        dsaKey(
            BigInteger.ONE.shiftLeft(10000).add(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(255),
            BigInteger.TWO);
    assertThat(PublicKeys.of(SubjectPublicKeyInfo.getInstance(bigP)).unverifiable())
        .contains("over 10000 bits");
  }

  // The costliest RSA keys OpenSSL accepts: 16384-bit moduli with 64-bit exponents, about 20 ms
  // a verification. Each costs more than the whole budget: none is verified, each is reported as
  // not evaluated. With exponent 65537 the same modulus fits twice; a realistic key found among
  // them still authenticates, because the cheapest keys are tried first.
  @Test
  @Timeout(120)
  void costliestRsaKeysStayWithinTheBudget() throws Exception {
    TestCertificate ca =
        cert()
            .subject("Unsent RSA CA")
            .certificateAuthority(-1)
            .keyAlgorithm(KeyAlgorithm.RSA)
            .build();
    TestCertificate leaf =
        cert().subject("mx.example.org").dnsNames("mx.example.org").signedBy(ca).build();
    List<byte[]> chain = List.of(leaf.certificateDer());
    BigInteger maxExponent = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    List<TlsaEngine.Rec> costliest = new ArrayList<>();
    List<TlsaEngine.Rec> f4 = new ArrayList<>();
    for (int i = 0; i < RRSET; i++) {
      BigInteger n = new BigInteger(16384, RANDOM).setBit(16383).setBit(0);
      costliest.add(new TlsaEngine.Rec(2, 1, 0, rsaKey(n, maxExponent)));
      f4.add(new TlsaEngine.Rec(2, 1, 0, rsaKey(n, BigInteger.valueOf(65537))));
    }

    TlsaEngine.Result r = TlsaEngine.evaluate(costliest, chain, NAMES, NOW, true, List.of());
    assertThat(r.work.signatureChecks()).as(r.work.toString()).isZero();
    assertThat(r.outcome).isEqualTo(TlsaEngine.Outcome.LIMIT_REACHED);
    assertThat(r.verdicts).allMatch(v -> v.status == TlsaEngine.Status.LIMIT_REACHED);

    r = TlsaEngine.evaluate(f4, chain, NAMES, NOW, true, List.of());
    assertThat(r.work.signatureChecks()).as(r.work.toString()).isEqualTo(2);
    assertThat(r.work.verifyCost()).isLessThanOrEqualTo(Work.MAX_VERIFY_COST);
    assertThat(r.outcome).isEqualTo(TlsaEngine.Outcome.LIMIT_REACHED);

    List<TlsaEngine.Rec> withTheRealKey = new ArrayList<>(costliest.subList(0, RRSET - 1));
    withTheRealKey.add(new TlsaEngine.Rec(2, 1, 0, ca.keyPair().getPublic().getEncoded()));
    r = TlsaEngine.evaluate(withTheRealKey, chain, NAMES, NOW, true, List.of());
    assertThat(r.authenticated()).as(r.toString()).isTrue();
    assertThat(r.work.signatureChecks()).isEqualTo(1);

    // Over OpenSSL's bounds the key verifies nothing at all (not a limit: a no).
    BigInteger n = new BigInteger(4096, RANDOM).setBit(4095).setBit(0);
    assertThat(rsaInfo(n, BigInteger.ONE.shiftLeft(64).add(BigInteger.ONE)).unverifiable())
        .contains("over 64 bits");
    assertThat(rsaInfo(n, n.add(BigInteger.TWO)).unverifiable()).contains("not below the modulus");
    BigInteger huge = BigInteger.ONE.shiftLeft(16384).add(BigInteger.ONE);
    assertThat(rsaInfo(huge, BigInteger.valueOf(65537)).unverifiable()).contains("over 16384 bits");
    // At and under 3072 bits OpenSSL takes any exponent below the modulus; its cost is charged.
    BigInteger n3072 = new BigInteger(3072, RANDOM).setBit(3071).setBit(0);
    PublicKeys.Info big = rsaInfo(n3072, n3072.subtract(BigInteger.TWO));
    assertThat(big.unverifiable()).isNull();
    assertThat(big.verifyCost()).isGreaterThan(Work.MAX_VERIFY_COST);
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private static byte[] rsaKey(BigInteger n, BigInteger e) throws Exception {
    return new SubjectPublicKeyInfo(
            new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
            new RSAPublicKey(n, e))
        .getEncoded("DER");
  }

  private static PublicKeys.Info rsaInfo(BigInteger n, BigInteger e) throws Exception {
    return PublicKeys.of(SubjectPublicKeyInfo.getInstance(rsaKey(n, e)));
  }

  private static byte[] dsaKey(BigInteger p, BigInteger q, BigInteger g) throws Exception {
    return new SubjectPublicKeyInfo(
            new AlgorithmIdentifier(X9ObjectIdentifiers.id_dsa, new DSAParameter(p, q, g)),
            new ASN1Integer(4))
        .getEncoded("DER");
  }

  // A leaf "signed" with DSA-SHA256 (the signature is random: no key in the test signed it).
  private static byte[] dsaSignedLeaf() throws Exception {
    TestCertificate ec = cert().subject("mx.example.org").dnsNames("mx.example.org").build();
    AlgorithmIdentifier dsaSha256 = new AlgorithmIdentifier(NISTObjectIdentifiers.dsa_with_sha256);
    V3TBSCertificateGenerator g = new V3TBSCertificateGenerator();
    g.setSerialNumber(new ASN1Integer(7));
    g.setSignature(dsaSha256);
    g.setIssuer(new X500Name("CN=Evil DSA"));
    g.setSubject(new X500Name("CN=mx.example.org"));
    g.setStartDate(new Time(Date.from(NOW.minus(Duration.ofDays(1)))));
    g.setEndDate(new Time(Date.from(NOW.plus(Duration.ofDays(10)))));
    g.setSubjectPublicKeyInfo(
        SubjectPublicKeyInfo.getInstance(ec.keyPair().getPublic().getEncoded()));
    ASN1EncodableVector sig = new ASN1EncodableVector();
    sig.add(new ASN1Integer(new BigInteger(9000, RANDOM)));
    sig.add(new ASN1Integer(new BigInteger(9000, RANDOM)));
    ASN1EncodableVector cert = new ASN1EncodableVector();
    cert.add(g.generateTBSCertificate());
    cert.add(dsaSha256);
    cert.add(new DERBitString(new DERSequence(sig).getEncoded("DER")));
    return new DERSequence(cert).getEncoded("DER");
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
