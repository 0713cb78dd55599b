/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.danecheck.PeerCertificate;
import org.danecheck.TlsaMatchResult;
import org.danecheck.TlsaProfile;
import org.danecheck.TlsaRecord;
import org.danecheck.core.internal.pkix.PkixClassifier;
import org.danecheck.core.internal.pkix.PkixTrust;
import org.danecheck.core.internal.smtp.CertificateSummaries;
import org.danecheck.testkit.KeyAlgorithm;
import org.danecheck.testkit.TestCertificate;
import org.junit.jupiter.api.Test;

/**
 * A deterministic mutation fuzz of everything that reads certificate bytes from the network (issue
 * 12, point 1): a few thousand mutated chains and TLSA records, from a fixed seed, through {@link
 * TlsaMatcher#match}, {@link TlsaMatcher#leafCarriesName}, the report's certificate summaries and
 * the PKIX classification every presented chain gets (review D7: the JDK's path builder on hostile
 * bytes). Nothing may throw: a malformed certificate is data in the result, said without Java class
 * names. Most mutations keep the DER structure (they rewrite the contents of one primitive, or its
 * tag), so the bytes get past the first parse and reach names, extensions and keys, where lazy
 * decoding used to throw. The Jazzer targets explore further; this is the plain regression that
 * runs in every build.
 */
class MalformedInputFuzzTest {
  private static final long SEED = 0x7a5e_d00d_2024L;
  private static final int ROUNDS = 3000;
  private static final Instant NOW = Instant.parse("2031-06-01T12:00:00Z");
  private static final Set<String> NAMES = Set.of("mx.example.org", "example.org");

  @Test
  void noExceptionEscapes() throws Exception {
    List<List<TestCertificate>> seeds = seedChains();
    Random random = new Random(SEED);
    List<String> escapes = new ArrayList<>();
    int parsedLeaves = 0;
    int pathsBuilt = 0;
    PkixClassifier classifier = new PkixClassifier(PkixTrust.of(anchors(seeds)));
    for (int round = 0; round < ROUNDS; round++) {
      List<TestCertificate> seed = seeds.get(random.nextInt(seeds.size()));
      List<byte[]> chain = new ArrayList<>();
      for (TestCertificate c : seed) {
        chain.add(c.certificateDer());
      }
      int mutations = 1 + random.nextInt(3);
      for (int m = 0; m < mutations; m++) {
        int which = random.nextInt(chain.size());
        chain.set(which, Mutator.mutate(chain.get(which), random));
      }
      if (random.nextInt(8) == 0) {
        chain.add(random.nextInt(chain.size() + 1), Mutator.mutate(chain.get(0), random));
      }
      List<TlsaRecord> records = records(seed, random);
      byte[] leaf = chain.get(0);
      try {
        TlsaProfile profile = random.nextInt(4) == 0 ? TlsaProfile.GENERIC : TlsaProfile.SMTP;
        List<byte[]> anchors =
            profile == TlsaProfile.GENERIC ? List.of(chain.get(chain.size() - 1)) : List.of();
        TlsaMatchResult r = TlsaMatcher.match(records, chain, NAMES, NOW, profile, anchors);
        assertThat(r.evaluations()).hasSize(records.size());
        assertThat(r.message()).isNotNull();
        TlsaMatcher.leafCarriesName(leaf, NAMES);
        List<PeerCertificate> summaries = CertificateSummaries.summarize(chain);
        assertThat(summaries).hasSize(chain.size());
        if (summaries.get(0).parseError().isEmpty()) {
          parsedLeaves++;
        }
        PkixClassifier.Classification pkix = classifier.classify(chain, NOW);
        assertThat(pkix.status()).isNotNull();
        assertThat(pkix.reason()).doesNotContainPattern(JAVA_NAME);
        if (!pkix.reason().contains("cannot be read as X.509")) {
          pathsBuilt++; // the JDK parsed every certificate: the path builder ran
        }
      } catch (Throwable t) {
        escapes.add("round " + round + ": " + t);
      }
    }
    assertThat(escapes).isEmpty();
    // The mutations must reach past the first parse often, or the test proves little.
    assertThat(parsedLeaves).isGreaterThan(ROUNDS / 5);
    assertThat(pathsBuilt).isGreaterThan(ROUNDS / 10);
  }

  /** A Java class name or an exception's toString in a message for people. */
  private static final String JAVA_NAME =
      "\\b(java|javax|sun|jdk|org|com)\\.[a-z]|[A-Za-z]+(Exception|Error)\\b";

  /** The top certificate of each seed chain the JDK reads, as PKIX trust anchors. */
  private static List<X509Certificate> anchors(List<List<TestCertificate>> seeds) {
    List<X509Certificate> anchors = new ArrayList<>();
    for (List<TestCertificate> seed : seeds) {
      try {
        anchors.add(seed.get(seed.size() - 1).x509());
      } catch (IllegalStateException e) {
        // the JDK cannot read it (compressed EC point): no anchor
      }
    }
    return anchors;
  }

  private static List<TlsaRecord> records(List<TestCertificate> chain, Random random)
      throws Exception {
    TestCertificate leaf = chain.get(0);
    TestCertificate top = chain.get(chain.size() - 1);
    List<TlsaRecord> out = new ArrayList<>();
    out.add(TlsaRecord.of(3, 1, 1, sha256(leaf.spkiDer())));
    out.add(TlsaRecord.of(2, 0, 1, sha256(top.certificateDer())));
    out.add(TlsaRecord.of(2, 1, 0, top.spkiDer()));
    byte[] full = random.nextBoolean() ? top.certificateDer() : top.spkiDer();
    out.add(TlsaRecord.of(random.nextInt(5), random.nextInt(3), 0, Mutator.mutate(full, random)));
    out.add(
        TlsaRecord.of(
            random.nextInt(4),
            random.nextInt(2),
            1 + random.nextInt(2),
            Mutator.mutate(sha256(leaf.certificateDer()), random)));
    return out;
  }

  private static List<List<TestCertificate>> seedChains() {
    Instant from = NOW.minus(Duration.ofDays(10));
    Instant until = NOW.plus(Duration.ofDays(10));
    TestCertificate root =
        TestCertificate.builder()
            .subject("Root")
            .certificateAuthority(1)
            .validity(from, until)
            .build();
    TestCertificate constrained =
        TestCertificate.builder()
            .subjectDn("CN=Constrained CA,O=Example,C=US,emailAddress=ca@example.org")
            .certificateAuthority(0)
            .permittedDnsNames("example.org")
            .excludedDnsNames("bad.example.org")
            .extendedKeyUsage(KeyPurposeId.id_kp_serverAuth)
            .signedBy(root)
            .validity(from, until)
            .build();
    TestCertificate leaf =
        TestCertificate.builder()
            .subject("mx.example.org")
            .dnsNames("mx.example.org", "*.example.org")
            .extendedKeyUsage(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth)
            .extension("1.3.6.1.4.1.55555.1", false, new byte[] {0x0c, 0x02, 0x41, 0x42})
            .signedBy(constrained)
            .validity(from, until)
            .build();
    TestCertificate rsaRoot =
        TestCertificate.builder()
            .subject("RSA Root")
            .keyAlgorithm(KeyAlgorithm.RSA)
            .certificateAuthority(-1)
            .validity(from, until)
            .build();
    TestCertificate cnOnly =
        TestCertificate.builder()
            .subject("mx.example.org")
            .keyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement)
            .signatureAlgorithm("SHA1withRSA")
            .signedBy(rsaRoot)
            .validity(from, until)
            .build();
    TestCertificate compressed =
        TestCertificate.builder()
            .subject("mx.example.org")
            .dnsNames("mx.example.org")
            .compressedEcPoint(true)
            .validity(from, until)
            .build();
    TestCertificate badName =
        TestCertificate.builder()
            .subjectCommonNameBytes(new byte[] {(byte) 0xC3, 0x28})
            .signedBy(root)
            .validity(from, until)
            .build();
    return List.of(
        List.of(leaf, constrained, root),
        List.of(cnOnly, rsaRoot),
        List.of(compressed),
        List.of(badName, root));
  }

  private static byte[] sha256(byte[] data) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }

  /** Byte-level mutations, most of them keeping the DER structure intact. */
  static final class Mutator {
    private static final int[] STRING_TAGS = {0x0c, 0x13, 0x14, 0x16, 0x1a, 0x1c, 0x1e, 0x12};
    private static final int[] OTHER_TAGS = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x17, 0x18};

    static byte[] mutate(byte[] in, Random random) {
      if (in.length == 0) {
        return new byte[] {(byte) random.nextInt(256)};
      }
      byte[] out = in.clone();
      List<int[]> primitives = primitives(out);
      switch (random.nextInt(8)) {
        case 0:
          out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
          return out;
        case 1:
          return java.util.Arrays.copyOf(out, random.nextInt(out.length));
        case 2:
        case 3:
          // Rewrite the contents of one primitive, same length: invalid text, odd values.
          if (!primitives.isEmpty()) {
            int[] p = primitives.get(random.nextInt(primitives.size()));
            for (int i = p[1]; i < p[2]; i++) {
              if (random.nextInt(3) == 0) {
                out[i] =
                    (byte) (random.nextBoolean() ? random.nextInt(256) : 0x80 | random.nextInt(64));
              }
            }
          }
          return out;
        case 4:
          // Retag one primitive, as another string type or another universal type.
          if (!primitives.isEmpty()) {
            int[] p = primitives.get(random.nextInt(primitives.size()));
            int[] tags = random.nextBoolean() ? STRING_TAGS : OTHER_TAGS;
            out[p[0]] = (byte) tags[random.nextInt(tags.length)];
          }
          return out;
        case 5:
          // Shorten or lengthen a primitive's contents inside, keeping its length field.
          if (!primitives.isEmpty()) {
            int[] p = primitives.get(random.nextInt(primitives.size()));
            if (p[2] > p[1]) {
              out[p[1]] = (byte) (random.nextBoolean() ? 0x00 : 0xff);
            }
          }
          return out;
        case 6:
          {
            // Insert a byte: every enclosing length is then wrong by one.
            int at = random.nextInt(out.length + 1);
            byte[] longer = new byte[out.length + 1];
            System.arraycopy(out, 0, longer, 0, at);
            longer[at] = (byte) random.nextInt(256);
            System.arraycopy(out, at, longer, at + 1, out.length - at);
            return longer;
          }
        default:
          // Swap the contents of two primitives of the same length.
          if (primitives.size() > 1) {
            int[] a = primitives.get(random.nextInt(primitives.size()));
            int[] b = primitives.get(random.nextInt(primitives.size()));
            int n = Math.min(a[2] - a[1], b[2] - b[1]);
            for (int i = 0; i < n; i++) {
              byte t = out[a[1] + i];
              out[a[1] + i] = out[b[1] + i];
              out[b[1] + i] = t;
            }
          }
          return out;
      }
    }

    // Primitive TLVs of a DER buffer: {tag offset, contents start, contents end}.
    private static List<int[]> primitives(byte[] der) {
      List<int[]> out = new ArrayList<>();
      walk(der, 0, der.length, out, 0);
      return out;
    }

    private static void walk(byte[] b, int pos, int end, List<int[]> out, int depth) {
      while (pos < end && depth < 20) {
        int tag = b[pos] & 0xff;
        if (pos + 1 >= end) {
          return;
        }
        int len = b[pos + 1] & 0xff;
        int start = pos + 2;
        if (len >= 0x80) {
          int n = len & 0x7f;
          if (n == 0 || n > 3 || start + n > end) {
            return;
          }
          len = 0;
          for (int i = 0; i < n; i++) {
            len = (len << 8) | (b[start + i] & 0xff);
          }
          start += n;
        }
        if (start + len > end) {
          return;
        }
        if ((tag & 0x20) != 0) {
          walk(b, start, start + len, out, depth + 1);
        } else {
          out.add(new int[] {pos, start, start + len});
          // OCTET STRING and BIT STRING often wrap DER (extension values, keys).
          if ((tag == 0x04 || tag == 0x03) && len > 2) {
            walk(b, tag == 0x03 ? start + 1 : start, start + len, out, depth + 1);
          }
        }
        pos = start + len;
      }
    }
  }
}
