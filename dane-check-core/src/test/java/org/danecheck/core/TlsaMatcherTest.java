/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.danecheck.core.TlsaTestSupport.FROM;
import static org.danecheck.core.TlsaTestSupport.NAMES;
import static org.danecheck.core.TlsaTestSupport.NOW;
import static org.danecheck.core.TlsaTestSupport.UNTIL;
import static org.danecheck.core.TlsaTestSupport.cert;
import static org.danecheck.core.TlsaTestSupport.chain;
import static org.danecheck.core.TlsaTestSupport.daneEe;
import static org.danecheck.core.TlsaTestSupport.daneTa;
import static org.danecheck.core.TlsaTestSupport.intermediate;
import static org.danecheck.core.TlsaTestSupport.leaf;
import static org.danecheck.core.TlsaTestSupport.rec;
import static org.danecheck.core.TlsaTestSupport.root;
import static org.danecheck.core.TlsaTestSupport.smtp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.danecheck.TlsaMatchOutcome;
import org.danecheck.TlsaMatchResult;
import org.danecheck.TlsaMatchingType;
import org.danecheck.TlsaProfile;
import org.danecheck.TlsaRecord;
import org.danecheck.TlsaRecordStatus;
import org.danecheck.TlsaSelector;
import org.danecheck.TlsaUsage;
import org.danecheck.testkit.KeyAlgorithm;
import org.danecheck.testkit.TestCertificate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TlsaMatcherTest {

  @Nested
  class Selectors {
    // RFC 6698 2.1.2: all six selector/matching-type combinations against the leaf.
    @ParameterizedTest
    @EnumSource(TlsaMatchingType.class)
    void everyCombinationMatchesItsOwnCertificate(TlsaMatchingType type) {
      TestCertificate leaf = leaf(null, "mx.example.org");
      for (TlsaSelector selector : TlsaSelector.values()) {
        TlsaRecord r = rec(TlsaUsage.DANE_EE, selector, type, leaf);
        assertThat(smtp(r, leaf).outcome()).isEqualTo(TlsaMatchOutcome.AUTHENTICATED);
        TestCertificate other = leaf(null, "mx.example.org");
        assertThat(smtp(r, other).outcome()).isEqualTo(TlsaMatchOutcome.NO_MATCH);
      }
    }

    // RFC 6698 2.1.2: SPKI(1) survives a re-issued certificate with the same key; Cert(0) not.
    @Test
    void spkiSelectorFollowsTheKeyNotTheCertificate() {
      TestCertificate first = leaf(null, "mx.example.org");
      TestCertificate renewed = cert().keyPair(first.keyPair()).subject("renewed").build();
      TlsaRecord spki = daneEe(first);
      TlsaRecord whole =
          rec(TlsaUsage.DANE_EE, TlsaSelector.CERT, TlsaMatchingType.SHA2_256, first);
      assertThat(smtp(spki, renewed).authenticated()).isTrue();
      assertThat(smtp(whole, renewed).authenticated()).isFalse();
    }

    // RFC 6698 2.1.2: selector 1 is the SPKI as encoded in the certificate, here a compressed EC
    // point that the JDK refuses; a re-encoded PublicKey would be the uncompressed form.
    @Test
    void compressedEcPointMatchesOnRawBytes() {
      TestCertificate leaf = cert().compressedEcPoint(true).dnsNames("mx.example.org").build();
      TlsaRecord fromCert = daneEe(leaf);
      assertThat(smtp(fromCert, leaf).authenticated()).isTrue();
      TlsaRecord fromJdkKey =
          TlsaGenerator.forPublicKey(
              leaf.keyPair().getPublic().getEncoded(),
              TlsaUsage.DANE_EE,
              TlsaMatchingType.SHA2_256);
      assertThat(smtp(fromJdkKey, leaf).authenticated()).isFalse();
    }

    @Test
    void compressedEcIntermediateVerifiesAsIssuer() {
      TestCertificate root = root();
      TestCertificate ca =
          cert()
              .subject("EC CA")
              .certificateAuthority(0)
              .compressedEcPoint(true)
              .signedBy(root)
              .build();
      TestCertificate leaf = leaf(ca, "mx.example.org");
      TlsaMatchResult r = smtp(daneTa(root), leaf, ca, root);
      assertThat(r.outcome()).as(r.message()).isEqualTo(TlsaMatchOutcome.AUTHENTICATED);
    }
  }

  @Nested
  class DaneEe {
    // RFC 7672 3.1.1: DANE-EE ignores names and the validity period.
    @Test
    void noNameCheckAndNoValidityCheck() {
      TestCertificate expired =
          TestCertificate.builder()
              .subject("other.example")
              .dnsNames("other.example")
              .validity(FROM.minus(Duration.ofDays(900)), FROM.minus(Duration.ofDays(800)))
              .build();
      TlsaMatchResult r = smtp(daneEe(expired), expired);
      assertThat(r.outcome()).isEqualTo(TlsaMatchOutcome.AUTHENTICATED);
      assertThat(r.matchedDepth()).hasValue(0);
      assertThat(r.matchedName()).isEmpty();
    }

    // RFC 7672 3.1.1: DANE-EE applies to the leaf; matching an intermediate is no match.
    @Test
    void recordMatchingAnIntermediateIsNotAMatch() {
      TestCertificate root = root();
      TestCertificate inter = intermediate("inter", root);
      TestCertificate leaf = leaf(inter, "mx.example.org");
      TlsaMatchResult r = smtp(daneEe(inter), leaf, inter, root);
      assertThat(r.outcome()).isEqualTo(TlsaMatchOutcome.NO_MATCH);
      assertThat(r.evaluations().get(0).reason()).contains("leaf only");
      assertThat(smtp(daneEe(leaf), leaf, inter, root).authenticated()).isTrue();
    }

    @Test
    void rsaLeaf() {
      TestCertificate leaf = cert().keyAlgorithm(KeyAlgorithm.RSA).rsaKeySize(1024).build();
      assertThat(smtp(daneEe(leaf), leaf).authenticated()).isTrue();
      TlsaRecord sha512 =
          rec(TlsaUsage.DANE_EE, TlsaSelector.CERT, TlsaMatchingType.SHA2_512, leaf);
      assertThat(smtp(sha512, leaf).authenticated()).isTrue();
    }
  }

  @Nested
  class DaneTa {
    // RFC 7672 3.1.2: chains of length 2 to 4 with the TA at the top or in the middle.
    @Test
    void chainsOfLengthTwoToFour() {
      TestCertificate root = root();
      TestCertificate i1 = intermediate("i1", root);
      TestCertificate i2 = intermediate("i2", i1);
      TestCertificate l2 = leaf(root, "mx.example.org");
      TestCertificate l3 = leaf(i1, "mx.example.org");
      TestCertificate l4 = leaf(i2, "mx.example.org");

      assertThat(smtp(daneTa(root), l2, root).matchedDepth()).hasValue(1);
      assertThat(smtp(daneTa(root), l3, i1, root).matchedDepth()).hasValue(2);
      TlsaMatchResult r4 = smtp(daneTa(root), l4, i2, i1, root);
      assertThat(r4.outcome()).isEqualTo(TlsaMatchOutcome.AUTHENTICATED);
      assertThat(r4.matchedDepth()).hasValue(3);
      assertThat(r4.matchedName()).hasValue("mx.example.org");
      // An intermediate as trust anchor: the root need not be sent.
      assertThat(smtp(daneTa(i1), l4, i2, i1).matchedDepth()).hasValue(2);
    }

    // RFC 7672 3.1.2: the chain is built by issuer and signature, not by the order sent.
    @Test
    void outOfOrderChainWithExtraCertificates() {
      TestCertificate root = root();
      TestCertificate i1 = intermediate("i1", root);
      TestCertificate i2 = intermediate("i2", i1);
      TestCertificate leaf = leaf(i2, "mx.example.org");
      TestCertificate stray = intermediate("stray", root());
      TlsaMatchResult r = smtp(daneTa(root), leaf, stray, root, i1, i2);
      assertThat(r.outcome()).as(r.message()).isEqualTo(TlsaMatchOutcome.AUTHENTICATED);
      assertThat(r.matchedDepth()).hasValue(3);
    }

    // RFC 7672 3.1.2: with a digest record the TA must be sent; it is never taken from a store.
    @Test
    void missingIntermediateFails() {
      TestCertificate root = root();
      TestCertificate i1 = intermediate("i1", root);
      TestCertificate leaf = leaf(i1, "mx.example.org");
      TlsaMatchResult r = smtp(daneTa(root), leaf, root);
      assertThat(r.outcome()).isEqualTo(TlsaMatchOutcome.CHAIN_INVALID);
      assertThat(r.evaluations().get(0).status()).isEqualTo(TlsaRecordStatus.MATCHED_BUT_REJECTED);
      assertThat(smtp(daneTa(root), leaf).outcome()).isEqualTo(TlsaMatchOutcome.NO_MATCH);
    }

    // RFC 7672 3.1.2: a Full(0) record can stand for a trust anchor the server does not send; a
    // "2 1 0" key is matched by its signature on the top certificate (OpenSSL check_dane_pkeys).
    @Test
    void fullPublicKeyRecordIsATrustAnchorNotSent() {
      TestCertificate root = root();
      TestCertificate i1 = intermediate("i1", root);
      TestCertificate leaf = leaf(i1, "mx.example.org");
      TlsaRecord key =
          TlsaGenerator.forPublicKey(root.spkiDer(), TlsaUsage.DANE_TA, TlsaMatchingType.FULL);
      TlsaMatchResult r = smtp(key, leaf, i1);
      assertThat(r.outcome()).as(r.message()).isEqualTo(TlsaMatchOutcome.AUTHENTICATED);
      assertThat(r.matchedDepth()).hasValue(2);
      // A digest of the same key needs the certificate in the chain.
      TlsaRecord digest =
          TlsaGenerator.forPublicKey(root.spkiDer(), TlsaUsage.DANE_TA, TlsaMatchingType.SHA2_256);
      assertThat(smtp(digest, leaf, i1).authenticated()).isFalse();
      // A key that signed nothing in the chain.
      TlsaRecord otherKey =
          TlsaGenerator.forPublicKey(root().spkiDer(), TlsaUsage.DANE_TA, TlsaMatchingType.FULL);
      assertThat(smtp(otherKey, leaf, i1).outcome()).isEqualTo(TlsaMatchOutcome.NO_MATCH);
    }

    // RFC 7672 3.1.2: a "2 0 0" record carries the whole TA certificate.
    @Test
    void fullCertificateRecordIsATrustAnchorNotSent() {
      TestCertificate root = root();
      TestCertificate leaf = leaf(root, "mx.example.org");
      TlsaRecord full = rec(TlsaUsage.DANE_TA, TlsaSelector.CERT, TlsaMatchingType.FULL, root);
      assertThat(smtp(full, leaf).matchedDepth()).hasValue(1);
    }

    // RFC 7672 3.2.2, 3.2.3: the leaf must carry a reference identifier.
    @Test
    void nameMismatch() {
      TestCertificate root = root();
      TestCertificate leaf = leaf(root, "mail.other.example");
      TlsaMatchResult r = smtp(daneTa(root), leaf, root);
      assertThat(r.outcome()).isEqualTo(TlsaMatchOutcome.NAME_MISMATCH);
      assertThat(r.evaluations().get(0).reason()).contains("mail.other.example");
    }

    // RFC 7672 3.2.3: "*" only as the entire first label, matching exactly one label.
    @Test
    void wildcard() {
      TestCertificate root = root();
      TestCertificate wild = leaf(root, "*.example.org");
      assertThat(
              TlsaMatcher.match(
                      List.of(daneTa(root)),
                      chain(wild, root),
                      Set.of("MX.Example.ORG."),
                      NOW,
                      TlsaProfile.SMTP)
                  .matchedName())
          .hasValue("MX.Example.ORG.");
      assertThat(
              TlsaMatcher.match(
                      List.of(daneTa(root)),
                      chain(wild, root),
                      Set.of("a.mx.example.org", "example.org"),
                      NOW,
                      TlsaProfile.SMTP)
                  .outcome())
          .isEqualTo(TlsaMatchOutcome.NAME_MISMATCH);
      TestCertificate partial = leaf(root, "m*.example.org");
      assertThat(smtp(daneTa(root), partial, root).outcome())
          .isEqualTo(TlsaMatchOutcome.NAME_MISMATCH);
    }

    // RFC 7672 3.2.3: the CN-ID counts only when there is no DNS-ID.
    @Test
    void commonNameOnlyWithoutDnsSan() {
      TestCertificate root = root();
      TestCertificate cnOnly = cert().subject("mx.example.org").signedBy(root).build();
      assertThat(smtp(daneTa(root), cnOnly, root).authenticated()).isTrue();
      TestCertificate cnAndSan =
          cert().subject("mx.example.org").dnsNames("other.example").signedBy(root).build();
      assertThat(smtp(daneTa(root), cnAndSan, root).outcome())
          .isEqualTo(TlsaMatchOutcome.NAME_MISMATCH);
    }

    // RFC 7672 3.1.2: unlike DANE-EE, the validity period of the chain is checked.
    @Test
    void expiredAndNotYetValid() {
      TestCertificate root = root();
      TestCertificate expiredLeaf =
          TestCertificate.builder()
              .dnsNames("mx.example.org")
              .validity(FROM.minus(Duration.ofDays(400)), NOW.minusSeconds(1))
              .signedBy(root)
              .build();
      TlsaMatchResult r = smtp(daneTa(root), expiredLeaf, root);
      assertThat(r.outcome()).isEqualTo(TlsaMatchOutcome.OUTSIDE_VALIDITY_PERIOD);
      assertThat(r.message()).contains("expired");
      assertThat(r.evaluations().get(0).reason()).contains("depth 0").contains("expired");

      TestCertificate futureLeaf =
          TestCertificate.builder()
              .dnsNames("mx.example.org")
              .validity(NOW.plusSeconds(60), UNTIL)
              .signedBy(root)
              .build();
      TlsaMatchResult f = smtp(daneTa(root), futureLeaf, root);
      assertThat(f.outcome()).isEqualTo(TlsaMatchOutcome.OUTSIDE_VALIDITY_PERIOD);
      assertThat(f.message()).contains("not yet valid");

      TestCertificate expiredRoot =
          TestCertificate.builder()
              .subject("old root")
              .certificateAuthority(-1)
              .validity(FROM.minus(Duration.ofDays(400)), NOW.minusSeconds(1))
              .build();
      TestCertificate leaf = leaf(expiredRoot, "mx.example.org");
      assertThat(smtp(daneTa(expiredRoot), leaf, expiredRoot).evaluations().get(0).reason())
          .contains("depth 1")
          .contains("expired");
    }

    // An issuer must be a CA (OpenSSL check_extensions: "invalid CA certificate").
    @Test
    void issuerThatIsNotACaFails() {
      TestCertificate root = root();
      TestCertificate notCa = cert().subject("not a ca").signedBy(root).build();
      TestCertificate leaf = leaf(notCa, "mx.example.org");
      TlsaMatchResult r = smtp(daneTa(root), leaf, notCa, root);
      assertThat(r.outcome()).isEqualTo(TlsaMatchOutcome.CHAIN_INVALID);
      assertThat(r.evaluations().get(0).reason()).contains("not a valid CA certificate");
    }

    // A CA whose keyUsage lacks keyCertSign cannot issue (OpenSSL: "invalid CA certificate").
    @Test
    void caWithoutKeyCertSignFails() {
      TestCertificate root = root();
      TestCertificate ca =
          cert()
              .subject("ca")
              .certificateAuthority(-1)
              .keyUsage(KeyUsage.digitalSignature)
              .signedBy(root)
              .build();
      TestCertificate leaf = leaf(ca, "mx.example.org");
      TlsaMatchResult r = smtp(daneTa(root), leaf, ca, root);
      assertThat(r.outcome()).isEqualTo(TlsaMatchOutcome.CHAIN_INVALID);
      assertThat(r.evaluations().get(0).reason()).contains("keyCertSign");
    }

    // RFC 7672 3.1.2: the trust anchor's path length constraint applies (OpenSSL: "path length
    // constraint exceeded").
    @Test
    void pathLengthConstraint() {
      TestCertificate root0 = cert().subject("root0").certificateAuthority(0).build();
      TestCertificate i1 = intermediate("i1", root0);
      TestCertificate leaf = leaf(i1, "mx.example.org");
      TlsaMatchResult r = smtp(daneTa(root0), leaf, i1, root0);
      assertThat(r.outcome()).isEqualTo(TlsaMatchOutcome.CHAIN_INVALID);
      assertThat(r.evaluations().get(0).reason()).contains("allows 0");

      TestCertificate root1 = cert().subject("root1").certificateAuthority(1).build();
      TestCertificate j1 = intermediate("j1", root1);
      TestCertificate leaf1 = leaf(j1, "mx.example.org");
      assertThat(smtp(daneTa(root1), leaf1, j1, root1).authenticated()).isTrue();
    }

    // RFC 7672 3.1.2: every signature on the path must verify.
    @Test
    void forgedIssuerSignatureFails() {
      TestCertificate root = root();
      // Same name as root, different key: the leaf it signs does not verify under the real root.
      TestCertificate impostor = cert().subject("Root CA").certificateAuthority(-1).build();
      TestCertificate leaf = leaf(impostor, "mx.example.org");
      TlsaMatchResult r = smtp(daneTa(root), leaf, root);
      assertThat(r.outcome()).isEqualTo(TlsaMatchOutcome.CHAIN_INVALID);
      assertThat(r.evaluations().get(0).reason()).contains("no chain");
    }

    // OpenSSL never takes the depth-0 certificate as a DANE-TA(2) trust anchor (dane_match looks
    // at depth 0 only for EE usages): a "2 x x" record matching the leaf is no match, self-signed
    // or not. Checked with s_client -dane_tlsa_rrdata "2 0 1 <leaf>": "no matching DANE TLSA
    // records". This test asserted the opposite before (issue 11, defect 2).
    @Test
    void taRecordMatchingTheLeafIsNoMatch() {
      TestCertificate selfSigned = leaf(null, "mx.example.org");
      for (TlsaSelector selector : TlsaSelector.values()) {
        for (TlsaMatchingType type : TlsaMatchingType.values()) {
          if (selector == TlsaSelector.SPKI && type == TlsaMatchingType.FULL) {
            continue; // a bare key, matched by signature: below
          }
          TlsaMatchResult r = smtp(rec(TlsaUsage.DANE_TA, selector, type, selfSigned), selfSigned);
          assertThat(r.outcome()).as(selector + " " + type).isEqualTo(TlsaMatchOutcome.NO_MATCH);
          assertThat(r.evaluations().get(0).reason()).contains("never a DANE-TA(2) trust anchor");
        }
      }
      TestCertificate root = root();
      TestCertificate issued = leaf(root, "mx.example.org");
      TlsaMatchResult i = smtp(daneTa(issued), issued, root);
      assertThat(i.outcome()).isEqualTo(TlsaMatchOutcome.NO_MATCH);
      TlsaMatchResult full =
          smtp(rec(TlsaUsage.DANE_TA, TlsaSelector.CERT, TlsaMatchingType.FULL, issued), issued);
      assertThat(full.outcome()).isEqualTo(TlsaMatchOutcome.NO_MATCH);
    }

    // A "2 1 0" key is a trust anchor by signature (check_dane_pkeys verifies the top of the chain
    // with it), so a self-signed leaf whose own key is published that way is authenticated, with
    // DANE-TA's name and date checks: s_client -dane_tlsa_rrdata "2 1 0 <own key>" says OK.
    @Test
    void bareKeyThatSignedTheSelfSignedLeaf() {
      TestCertificate selfSigned = leaf(null, "mx.example.org");
      TlsaRecord ownKey =
          TlsaGenerator.forPublicKey(
              selfSigned.spkiDer(), TlsaUsage.DANE_TA, TlsaMatchingType.FULL);
      TlsaMatchResult r = smtp(ownKey, selfSigned);
      assertThat(r.outcome()).as(r.message()).isEqualTo(TlsaMatchOutcome.AUTHENTICATED);
      assertThat(r.matchedDepth()).hasValue(1);
      TestCertificate wrongName = leaf(null, "www.other.example");
      TlsaRecord otherKey =
          TlsaGenerator.forPublicKey(wrongName.spkiDer(), TlsaUsage.DANE_TA, TlsaMatchingType.FULL);
      assertThat(smtp(otherKey, wrongName).outcome()).isEqualTo(TlsaMatchOutcome.NAME_MISMATCH);
    }

    // Bounded search: a chain longer than MAX_PATH_LENGTH is not followed.
    @Test
    void pathLengthIsBounded() {
      List<TestCertificate> cas = new ArrayList<>();
      TestCertificate top = root();
      cas.add(top);
      for (int i = 0; i < TlsaMatcher.MAX_PATH_LENGTH; i++) {
        top = intermediate("i" + i, top);
        cas.add(top);
      }
      TestCertificate leaf = leaf(top, "mx.example.org");
      List<TestCertificate> all = new ArrayList<>(cas);
      Collections.reverse(all);
      all.add(0, leaf);
      TlsaMatchResult r =
          smtp(List.of(daneTa(cas.get(0))), chain(all.toArray(new TestCertificate[0])));
      assertThat(r.outcome()).isEqualTo(TlsaMatchOutcome.CHAIN_INVALID);
      assertThat(r.evaluations().get(0).reason()).contains("within " + TlsaMatcher.MAX_PATH_LENGTH);
      // One level below the limit works.
      TlsaMatchResult ok =
          smtp(
              List.of(daneTa(cas.get(2))),
              chain(all.subList(0, all.size() - 2).toArray(new TestCertificate[0])));
      assertThat(ok.outcome()).as(ok.message()).isEqualTo(TlsaMatchOutcome.AUTHENTICATED);
    }
  }

  @Nested
  class Agility {
    // RFC 7671 9: only the strongest digest per usage and selector counts.
    @Test
    void weakerDigestIsIgnoredWhenAStrongerOneExists() {
      TestCertificate leaf = leaf(null, "mx.example.org");
      TestCertificate other = leaf(null, "mx.example.org");
      TlsaRecord sha256 = daneEe(leaf);
      TlsaRecord sha512Other =
          rec(TlsaUsage.DANE_EE, TlsaSelector.SPKI, TlsaMatchingType.SHA2_512, other);
      TlsaMatchResult r = smtp(List.of(sha256, sha512Other), chain(leaf));
      assertThat(r.outcome()).isEqualTo(TlsaMatchOutcome.NO_MATCH);
      assertThat(r.evaluations().get(0).status()).isEqualTo(TlsaRecordStatus.SUPERSEDED);
      assertThat(r.evaluations().get(0).reason()).contains("RFC 7671 9");
      // Without the SHA2-512 record, the SHA2-256 one authenticates.
      assertThat(smtp(List.of(sha256), chain(leaf)).authenticated()).isTrue();
    }

    // RFC 7671 9: agility is per usage and selector; other combinations are unaffected.
    @Test
    void otherUsageOrSelectorIsUnaffected() {
      TestCertificate leaf = leaf(null, "mx.example.org");
      TestCertificate other = leaf(null, "mx.example.org");
      TlsaRecord sha256 = daneEe(leaf);
      TlsaRecord sha512CertSelector =
          rec(TlsaUsage.DANE_EE, TlsaSelector.CERT, TlsaMatchingType.SHA2_512, other);
      assertThat(smtp(List.of(sha256, sha512CertSelector), chain(leaf)).authenticated()).isTrue();
    }

    // RFC 7671 9: Full(0) is not a digest; "3 1 0" still counts next to "3 1 2".
    @Test
    void fullIsAlwaysConsidered() {
      TestCertificate leaf = leaf(null, "mx.example.org");
      TestCertificate other = leaf(null, "mx.example.org");
      TlsaRecord full = rec(TlsaUsage.DANE_EE, TlsaSelector.SPKI, TlsaMatchingType.FULL, leaf);
      TlsaRecord sha512Other =
          rec(TlsaUsage.DANE_EE, TlsaSelector.SPKI, TlsaMatchingType.SHA2_512, other);
      TlsaMatchResult r = smtp(List.of(sha512Other, full), chain(leaf));
      assertThat(r.authenticated()).isTrue();
      assertThat(r.matchedRecord()).contains(full);
    }

    // RFC 7671 9 with RFC 7672 2.2: an unusable (wrong-length) SHA2-512 record does not
    // supersede a usable SHA2-256 one.
    @Test
    void unusableStrongerDigestDoesNotSupersede() {
      TestCertificate leaf = leaf(null, "mx.example.org");
      TlsaRecord broken512 = TlsaRecord.of(3, 1, 2, new byte[32]);
      TlsaMatchResult r = smtp(List.of(daneEe(leaf), broken512), chain(leaf));
      assertThat(r.authenticated()).isTrue();
      assertThat(r.unusableRecords()).containsExactly(broken512);
    }
  }

  @Nested
  class Usability {
    // RFC 7672 2.2 with OpenSSL's dane_tlsa_add: unknown parameters and wrong digest lengths
    // are unusable.
    @Test
    void unusableRecordsAreReportedAndIgnored() {
      TestCertificate leaf = leaf(null, "mx.example.org");
      TlsaRecord good = daneEe(leaf);
      List<TlsaRecord> bad =
          List.of(
              TlsaRecord.of(4, 1, 1, new byte[32]),
              TlsaRecord.of(3, 2, 1, new byte[32]),
              TlsaRecord.of(3, 1, 3, new byte[32]),
              TlsaRecord.of(3, 1, 1, new byte[31]),
              TlsaRecord.of(3, 1, 2, new byte[32]));
      List<TlsaRecord> all = new ArrayList<>(bad);
      all.add(good);
      TlsaMatchResult r = smtp(all, chain(leaf));
      assertThat(r.authenticated()).isTrue();
      assertThat(r.unusableRecords()).containsExactlyElementsOf(bad);
      assertThat(r.evaluations().get(0).reason()).contains("unknown certificate usage 4");
      assertThat(r.evaluations().get(3).reason()).contains("must be 32 bytes, got 31");
    }

    // RFC 7672 2.2: every record unusable is its own outcome (TLS required, not authenticated).
    @Test
    void allUnusable() {
      TestCertificate leaf = leaf(null, "mx.example.org");
      TlsaMatchResult r =
          smtp(
              List.of(TlsaRecord.of(3, 1, 1, new byte[20]), TlsaRecord.of(9, 0, 0, new byte[1])),
              chain(leaf));
      assertThat(r.outcome()).isEqualTo(TlsaMatchOutcome.ALL_UNUSABLE);
      assertThat(smtp(List.of(daneEe(leaf)), chain(leaf)).outcome())
          .isEqualTo(TlsaMatchOutcome.AUTHENTICATED);
    }

    @Test
    void noRecords() {
      assertThat(smtp(List.of(), chain(leaf(null))).outcome())
          .isEqualTo(TlsaMatchOutcome.NO_RECORDS);
    }

    // RFC 7672 3.1.3: PKIX-TA(0) and PKIX-EE(1) are unusable for SMTP, even with a trust store.
    @Test
    void pkixUsagesUnusableForSmtp() {
      TestCertificate root = root();
      TestCertificate leaf = leaf(root, "mx.example.org");
      TlsaRecord pkixEe =
          rec(TlsaUsage.PKIX_EE, TlsaSelector.SPKI, TlsaMatchingType.SHA2_256, leaf);
      TlsaMatchResult r =
          TlsaMatcher.match(
              List.of(pkixEe), chain(leaf, root), NAMES, NOW, TlsaProfile.SMTP, chain(root));
      assertThat(r.outcome()).isEqualTo(TlsaMatchOutcome.ALL_UNUSABLE);
      assertThat(r.evaluations().get(0).reason()).contains("RFC 7672 3.1.3");
      TlsaMatchResult generic =
          TlsaMatcher.match(
              List.of(pkixEe), chain(leaf, root), NAMES, NOW, TlsaProfile.GENERIC, chain(root));
      assertThat(generic.outcome()).isEqualTo(TlsaMatchOutcome.AUTHENTICATED);
    }
  }

  @Nested
  class Pkix {
    // RFC 6698 2.1.1: PKIX-EE pins the leaf and requires PKIX validation to the trust store.
    @Test
    void pkixEe() {
      TestCertificate root = root();
      TestCertificate inter = intermediate("inter", root);
      TestCertificate leaf = leaf(inter, "www.example.org");
      TlsaRecord r = rec(TlsaUsage.PKIX_EE, TlsaSelector.SPKI, TlsaMatchingType.SHA2_256, leaf);
      Set<String> names = Set.of("www.example.org");
      assertThat(generic(r, names, chain(leaf, inter), chain(root)).outcome())
          .isEqualTo(TlsaMatchOutcome.AUTHENTICATED);
      // Not trusted by the store.
      assertThat(generic(r, names, chain(leaf, inter), chain(root())).outcome())
          .isEqualTo(TlsaMatchOutcome.CHAIN_INVALID);
      // PKIX requires the name too.
      assertThat(generic(r, Set.of("other.example"), chain(leaf, inter), chain(root)).outcome())
          .isEqualTo(TlsaMatchOutcome.NAME_MISMATCH);
      // Without a trust store the PKIX usages cannot be used.
      assertThat(
              TlsaMatcher.match(List.of(r), chain(leaf, inter), names, NOW, TlsaProfile.GENERIC)
                  .outcome())
          .isEqualTo(TlsaMatchOutcome.ALL_UNUSABLE);
    }

    // RFC 6698 2.1.1: PKIX-TA names a CA on the PKIX path, the store's root included.
    @Test
    void pkixTa() throws Exception {
      TestCertificate root = root();
      TestCertificate inter = intermediate("inter", root);
      TestCertificate leaf = leaf(inter, "www.example.org");
      Set<String> names = Set.of("www.example.org");
      TlsaRecord onInter =
          rec(TlsaUsage.PKIX_TA, TlsaSelector.CERT, TlsaMatchingType.SHA2_256, inter);
      TlsaRecord onRoot =
          rec(TlsaUsage.PKIX_TA, TlsaSelector.SPKI, TlsaMatchingType.SHA2_256, root);
      TlsaMatchResult a = generic(onInter, names, chain(leaf, inter), chain(root));
      assertThat(a.outcome()).isEqualTo(TlsaMatchOutcome.AUTHENTICATED);
      assertThat(a.matchedDepth()).hasValue(1);
      TlsaMatchResult b = generic(onRoot, names, chain(leaf, inter), chain(root));
      assertThat(b.matchedDepth()).hasValue(2);
      TlsaRecord onOther =
          rec(TlsaUsage.PKIX_TA, TlsaSelector.CERT, TlsaMatchingType.SHA2_256, root());
      assertThat(generic(onOther, names, chain(leaf, inter), chain(root)).outcome())
          .isEqualTo(TlsaMatchOutcome.NO_MATCH);
      // The KeyStore overload.
      java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setCertificateEntry("root", root.x509());
      assertThat(
              TlsaMatcher.match(
                      List.of(onInter), chain(leaf, inter), names, NOW, TlsaProfile.GENERIC, ks)
                  .authenticated())
          .isTrue();
    }

    private TlsaMatchResult generic(
        TlsaRecord r, Set<String> names, List<byte[]> chain, List<byte[]> store) {
      return TlsaMatcher.match(List.of(r), chain, names, NOW, TlsaProfile.GENERIC, store);
    }
  }

  @Nested
  class Inputs {
    // Malformed certificate bytes are data, not exceptions.
    @Test
    void malformedLeafIsReported() {
      TestCertificate leaf = leaf(null, "mx.example.org");
      byte[] garbage = {0x30, 0x03, 0x02, 0x01, 0x01};
      TlsaMatchResult r = smtp(List.of(daneEe(leaf)), List.of(garbage));
      assertThat(r.outcome()).isEqualTo(TlsaMatchOutcome.MALFORMED_CHAIN);
      assertThat(r.message()).contains("malformed");
      byte[] truncated = java.util.Arrays.copyOf(leaf.certificateDer(), 100);
      assertThat(smtp(List.of(daneEe(leaf)), List.of(truncated)).outcome())
          .isEqualTo(TlsaMatchOutcome.MALFORMED_CHAIN);
      // Nothing sent is not the same as garbage sent.
      assertThat(smtp(List.of(daneEe(leaf)), List.of()).outcome())
          .isEqualTo(TlsaMatchOutcome.NO_CERTIFICATE);
      assertThat(smtp(List.of(daneEe(leaf)), List.of(new byte[0])).outcome())
          .isEqualTo(TlsaMatchOutcome.MALFORMED_CHAIN);
    }

    @Test
    void trailingBytesAreMalformed() {
      TestCertificate leaf = leaf(null, "mx.example.org");
      byte[] der = leaf.certificateDer();
      byte[] longer = java.util.Arrays.copyOf(der, der.length + 1);
      assertThat(smtp(List.of(daneEe(leaf)), List.of(longer)).outcome())
          .isEqualTo(TlsaMatchOutcome.MALFORMED_CHAIN);
    }

    // OpenSSL decodes every certificate of the server's Certificate message and fails the
    // handshake on one that does not decode (differential case
    // gen:malformed/chain-garbage-after-leaf-3-1-1): a Postfix client never gets to match, even a
    // DANE-EE record on a good leaf. So a malformed certificate anywhere is a malformed chain.
    @Test
    void malformedExtraCertificateMakesTheChainMalformed() {
      TestCertificate root = root();
      TestCertificate leaf = leaf(root, "mx.example.org");
      List<byte[]> chain = new ArrayList<>(chain(leaf));
      chain.add(new byte[] {1, 2, 3});
      chain.add(root.certificateDer());
      TlsaMatchResult ta = smtp(List.of(daneTa(root)), chain);
      assertThat(ta.outcome()).isEqualTo(TlsaMatchOutcome.MALFORMED_CHAIN);
      assertThat(ta.message()).contains("certificate 1 is malformed");
      TlsaMatchResult ee = smtp(List.of(daneEe(leaf)), chain);
      assertThat(ee.outcome()).isEqualTo(TlsaMatchOutcome.MALFORMED_CHAIN);
    }

    @Test
    void pemInput() {
      TestCertificate root = root();
      TestCertificate leaf = leaf(root, "mx.example.org");
      String pem = TestCertificate.chainPem(leaf, root);
      assertThat(
              TlsaMatcher.matchPem(List.of(daneTa(root)), pem, NAMES, NOW, TlsaProfile.SMTP)
                  .authenticated())
          .isTrue();
      assertThat(
              TlsaMatcher.matchPem(List.of(daneTa(root)), "hello", NAMES, NOW, TlsaProfile.SMTP)
                  .outcome())
          .isEqualTo(TlsaMatchOutcome.NO_CERTIFICATE);
      String broken = "-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n";
      assertThat(
              TlsaMatcher.matchPem(List.of(daneTa(root)), broken, NAMES, NOW, TlsaProfile.SMTP)
                  .outcome())
          .isEqualTo(TlsaMatchOutcome.MALFORMED_CHAIN);
    }

    @Test
    void nullArgumentsThrowClearly() {
      assertThatThrownBy(() -> TlsaMatcher.match(null, List.of(), NAMES, NOW, TlsaProfile.SMTP))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("records");
      assertThatThrownBy(
              () -> TlsaMatcher.match(List.of(), List.of(), NAMES, null, TlsaProfile.SMTP))
          .hasMessageContaining("now");
      List<byte[]> withNull = new ArrayList<>();
      withNull.add(null);
      assertThatThrownBy(() -> TlsaMatcher.match(List.of(), withNull, NAMES, NOW, TlsaProfile.SMTP))
          .hasMessageContaining("chainDer");
    }

    @Test
    void everyRecordIsEvaluatedInOrder() {
      TestCertificate leaf = leaf(null, "mx.example.org");
      TlsaRecord miss = daneEe(leaf(null));
      TlsaRecord hit = daneEe(leaf);
      TlsaMatchResult r = smtp(List.of(miss, hit), chain(leaf));
      assertThat(r.evaluations()).hasSize(2);
      assertThat(r.evaluations().get(0).status()).isEqualTo(TlsaRecordStatus.NOT_MATCHED);
      assertThat(r.evaluations().get(1).status()).isEqualTo(TlsaRecordStatus.MATCHED);
      assertThat(r.evaluations().get(1).depth()).hasValue(0);
      assertThat(r.matchedRecord()).contains(hit);
    }
  }

  @Nested
  class Rollover {
    // RFC 7672 4: before a rollover, the RRset must cover both the current and the next chain.
    @Test
    void readinessReportsEachChain() {
      TestCertificate current = leaf(null, "mx.example.org");
      TestCertificate next = leaf(null, "mx.example.org");
      java.util.Map<String, List<byte[]>> chains = new java.util.LinkedHashMap<>();
      chains.put("current", chain(current));
      chains.put("next", chain(next));
      RolloverReadiness onlyCurrent =
          TlsaMatcher.rolloverReadiness(
              List.of(daneEe(current)), chains, NAMES, NOW, TlsaProfile.SMTP);
      assertThat(onlyCurrent.ready()).isFalse();
      assertThat(onlyCurrent.notCovered()).containsExactly("next");
      RolloverReadiness both =
          TlsaMatcher.rolloverReadiness(
              List.of(daneEe(current), daneEe(next)), chains, NAMES, NOW, TlsaProfile.SMTP);
      assertThat(both.ready()).isTrue();
      assertThat(both.results().keySet()).containsExactly("current", "next");
    }
  }
}
