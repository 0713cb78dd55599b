/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.differential;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.danecheck.TlsaRecord;

/**
 * The generated differential cases: chains built with {@link Pki}, records and names around them.
 * Every case id is stable across runs (the keys are not: they are generated per run).
 *
 * <p>Families: {@code feature/<feature>/<mode>} (a PKIX property of a root, intermediate or leaf,
 * judged under five record modes: DANE-TA by digest of a sent root, by a root not sent in Full(0)
 * cert or key form, by the intermediate's key digest, and DANE-EE), {@code deep/...} (two
 * intermediates, for path lengths), {@code names/...}, {@code self/...} (self-signed and
 * self-issued leaves, depth-0 trust anchors), {@code matrix/...} (every usage, selector and
 * matching type, right and wrong), {@code agility/...}, {@code malformed/...}, {@code chain/...}
 * (order, extras, missing issuers), {@code depth/...} and {@code feature/key-...} (CA keys at the
 * bounds OpenSSL verifies signatures within).
 */
final class GeneratedCases {
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  static final Instant FROM = NOW.minus(Duration.ofDays(30));
  static final Instant TO = NOW.plus(Duration.ofDays(365));
  static final String HOST = "mx.example.org";
  static final List<String> NAMES = List.of(HOST);

  private final List<DaneCase> out = new ArrayList<>();
  private final Set<String> ids = new HashSet<>();

  private GeneratedCases() {}

  static List<DaneCase> all() {
    GeneratedCases g = new GeneratedCases();
    g.features();
    g.deep();
    g.names();
    g.self();
    g.matrix();
    g.agility();
    g.malformed();
    g.chains();
    g.depth();
    g.keys();
    return List.copyOf(g.out);
  }

  // ---- building blocks ----

  /** A chain to be, root first (index 0), leaf last. */
  static final class Plan {
    final List<Pki.Spec> specs = new ArrayList<>();

    static Plan standard(int intermediates) {
      Plan p = new Plan();
      p.specs.add(Pki.Spec.ca("CN=Diff Root CA,O=dane-check", Pki.key("ec-root"), FROM, TO));
      for (int i = 1; i <= intermediates; i++) {
        p.specs.add(
            Pki.Spec.ca(
                "CN=Diff Issuing CA " + i + ",O=dane-check",
                Pki.key("ec-int" + (i == 1 ? "" : i)),
                FROM,
                TO));
      }
      Pki.Spec leaf = Pki.Spec.leaf("CN=" + HOST, Pki.key("ec-leaf"), FROM, TO);
      leaf.dnsNames.add(HOST);
      p.specs.add(leaf);
      return p;
    }

    Pki.Spec root() {
      return specs.get(0);
    }

    /** The CA at {@code i} (1 = just below the root). */
    Pki.Spec ca(int i) {
      return specs.get(i);
    }

    /** The leaf's issuer. */
    Pki.Spec issuer() {
      return specs.get(specs.size() - 2);
    }

    Pki.Spec leaf() {
      return specs.get(specs.size() - 1);
    }

    /** Subject and authority key identifiers in every certificate, as real CAs issue them. */
    Plan keyIds() {
      specs.forEach(s -> s.keyIds = true);
      return this;
    }

    Built build() {
      List<Pki.Cert> certs = new ArrayList<>();
      for (Pki.Spec s : specs) {
        certs.add(certs.isEmpty() ? Pki.selfSigned(s) : Pki.issue(s, certs.get(certs.size() - 1)));
      }
      return new Built(certs);
    }
  }

  /** Built certificates, root first. */
  record Built(List<Pki.Cert> certs) {
    byte[] root() {
      return certs.get(0).der();
    }

    byte[] ca(int i) {
      return certs.get(i).der();
    }

    byte[] issuer() {
      return certs.get(certs.size() - 2).der();
    }

    byte[] leaf() {
      return certs.get(certs.size() - 1).der();
    }

    /** Leaf first, without the root. */
    List<byte[]> sent() {
      List<byte[]> l = new ArrayList<>();
      for (int i = certs.size() - 1; i >= 1; i--) {
        l.add(certs.get(i).der());
      }
      return l;
    }

    /** Leaf first, root included. */
    List<byte[]> sentWithRoot() {
      List<byte[]> l = sent();
      l.add(root());
      return l;
    }
  }

  static byte[] spki(byte[] der) {
    try {
      return org.bouncycastle.asn1.x509.Certificate.getInstance(der)
          .getSubjectPublicKeyInfo()
          .getEncoded();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] digest(int m, byte[] data) {
    try {
      switch (m) {
        case 0:
          return data.clone();
        case 1:
          return MessageDigest.getInstance("SHA-256").digest(data);
        case 2:
          return MessageDigest.getInstance("SHA-512").digest(data);
        default:
          throw new IllegalArgumentException("matching type " + m);
      }
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static TlsaRecord rec(int u, int s, int m, byte[] certDer) {
    return TlsaRecord.of(u, s, m, digest(m, s == 0 ? certDer : spki(certDer)));
  }

  static TlsaRecord raw(int u, int s, int m, byte[] data) {
    return TlsaRecord.of(u, s, m, data);
  }

  static TlsaRecord raw(int u, int s, int m, String hex) {
    return TlsaRecord.of(u, s, m, HexFormat.of().parseHex(hex));
  }

  /** The same record with the last byte of its data changed. */
  static TlsaRecord wrong(TlsaRecord r) {
    byte[] d = r.associationData();
    d[d.length - 1] ^= 0x5a;
    return TlsaRecord.of(r.usageNumber(), r.selectorNumber(), r.matchingTypeNumber(), d);
  }

  static byte[] concat(byte[] a, byte... b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private void add(
      String id,
      String description,
      List<TlsaRecord> records,
      List<byte[]> chain,
      List<String> names,
      Instant now) {
    if (!ids.add(id)) {
      throw new IllegalStateException("duplicate case id " + id);
    }
    out.add(new DaneCase("gen:" + id, description, records, chain, names, now));
  }

  private void add(String id, String description, List<TlsaRecord> records, List<byte[]> chain) {
    add(id, description, records, chain, NAMES, NOW);
  }

  /** The five record modes of a feature case. */
  private void modes(String id, String description, Built b, List<String> names, Instant now) {
    add(
        id + "/2-0-1-root-sent",
        description + "; 2 0 1 root, root sent",
        List.of(rec(2, 0, 1, b.root())),
        b.sentWithRoot(),
        names,
        now);
    add(
        id + "/2-0-0-root-absent",
        description + "; 2 0 0 root, root not sent",
        List.of(rec(2, 0, 0, b.root())),
        b.sent(),
        names,
        now);
    add(
        id + "/2-1-0-root-absent",
        description + "; 2 1 0 root key, root not sent",
        List.of(rec(2, 1, 0, b.root())),
        b.sent(),
        names,
        now);
    add(
        id + "/2-1-1-issuer",
        description + "; 2 1 1 leaf's issuer",
        List.of(rec(2, 1, 1, b.issuer())),
        b.sent(),
        names,
        now);
    add(
        id + "/2-0-1-issuer",
        description + "; 2 0 1 leaf's issuer",
        List.of(rec(2, 0, 1, b.issuer())),
        b.sent(),
        names,
        now);
    add(
        id + "/3-1-1-leaf",
        description + "; 3 1 1 leaf",
        List.of(rec(3, 1, 1, b.leaf())),
        b.sent(),
        names,
        now);
  }

  private void feature(String id, String description, Consumer<Plan> tweak) {
    Plan p = Plan.standard(1);
    tweak.accept(p);
    modes("feature/" + id, description, p.build(), NAMES, NOW);
  }

  /** The same feature with key identifiers in every certificate. */
  private void featureWithKeyIds(String id, String description, Consumer<Plan> tweak) {
    Plan p = Plan.standard(1);
    tweak.accept(p);
    p.keyIds();
    modes(
        "feature/" + id + "-keyids",
        description + " (with key identifiers)",
        p.build(),
        NAMES,
        NOW);
  }

  private static Instant at(Instant base, long seconds) {
    return base.plusSeconds(seconds);
  }

  // ---- families ----

  private void features() {
    feature("baseline", "root, intermediate, leaf, all valid", p -> {});
    featureWithKeyIds("baseline", "root, intermediate, leaf, all valid", p -> {});
    Consumer<Plan> selfIssuedLeaf = p -> p.specs.set(2, p.leaf().copy(p.ca(1).subject));
    feature(
        "self-issued-leaf",
        "leaf subject equals its issuer's (self-issued, other key), name in the SAN",
        selfIssuedLeaf);
    featureWithKeyIds(
        "self-issued-leaf",
        "leaf subject equals its issuer's (self-issued, other key), name in the SAN",
        selfIssuedLeaf);

    // Name constraints (RFC 5280 4.2.1.10), on the intermediate and on the trust anchor.
    feature(
        "nc-int-permitted-match",
        "intermediate permits example.org",
        p -> p.ca(1).permitted.add("example.org"));
    feature(
        "nc-int-permitted-other",
        "intermediate permits only partner.example",
        p -> p.ca(1).permitted.add("partner.example"));
    feature(
        "nc-int-excluded-match",
        "intermediate excludes example.org",
        p -> p.ca(1).excluded.add("example.org"));
    feature(
        "nc-int-excluded-other",
        "intermediate excludes partner.example",
        p -> p.ca(1).excluded.add("partner.example"));
    feature(
        "nc-root-permitted-other",
        "root permits only partner.example",
        p -> p.root().permitted.add("partner.example"));
    feature(
        "nc-root-excluded-match",
        "root excludes example.org",
        p -> p.root().excluded.add("example.org"));
    feature(
        "nc-int-permitted-other-cn-only",
        "intermediate permits only partner.example; leaf has CN mx.example.org and no SAN",
        p -> {
          p.ca(1).permitted.add("partner.example");
          p.leaf().dnsNames.clear();
        });
    feature(
        "nc-int-permitted-other-extra-san",
        "intermediate permits only example.org; leaf also names mx.partner.example",
        p -> {
          p.ca(1).permitted.add("example.org");
          p.leaf().dnsNames.add("mx.partner.example");
        });

    // Extended key usage (RFC 5280 4.2.1.12; OpenSSL's purpose sslserver).
    feature(
        "eku-leaf-clientauth",
        "leaf EKU clientAuth only",
        p -> p.leaf().eku = List.of(KeyPurposeId.id_kp_clientAuth));
    feature(
        "eku-leaf-any",
        "leaf EKU anyExtendedKeyUsage",
        p -> p.leaf().eku = List.of(KeyPurposeId.anyExtendedKeyUsage));
    feature(
        "eku-leaf-server-client",
        "leaf EKU serverAuth and clientAuth",
        p -> p.leaf().eku = List.of(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth));
    feature("eku-leaf-absent", "leaf without EKU", p -> p.leaf().eku = null);
    feature(
        "eku-leaf-email",
        "leaf EKU emailProtection only",
        p -> p.leaf().eku = List.of(KeyPurposeId.id_kp_emailProtection));
    feature(
        "eku-int-clientauth",
        "intermediate EKU clientAuth only",
        p -> p.ca(1).eku = List.of(KeyPurposeId.id_kp_clientAuth));
    feature(
        "eku-int-serverauth",
        "intermediate EKU serverAuth",
        p -> p.ca(1).eku = List.of(KeyPurposeId.id_kp_serverAuth));
    feature(
        "eku-int-any",
        "intermediate EKU anyExtendedKeyUsage",
        p -> p.ca(1).eku = List.of(KeyPurposeId.anyExtendedKeyUsage));
    feature(
        "eku-root-clientauth",
        "root EKU clientAuth only",
        p -> p.root().eku = List.of(KeyPurposeId.id_kp_clientAuth));

    // Key usage (RFC 5280 4.2.1.3).
    feature(
        "ku-leaf-keycertsign-only",
        "leaf KU keyCertSign only (no digitalSignature, keyEncipherment, keyAgreement)",
        p -> p.leaf().keyUsage = KeyUsage.keyCertSign);
    feature(
        "ku-leaf-crlsign-only", "leaf KU cRLSign only", p -> p.leaf().keyUsage = KeyUsage.cRLSign);
    feature(
        "ku-leaf-digitalsignature",
        "leaf KU digitalSignature only",
        p -> p.leaf().keyUsage = KeyUsage.digitalSignature);
    feature(
        "ku-leaf-keyagreement",
        "leaf KU keyAgreement only (EC key)",
        p -> p.leaf().keyUsage = KeyUsage.keyAgreement);
    feature("ku-leaf-absent", "leaf without KU", p -> p.leaf().keyUsage = -1);
    feature(
        "ku-int-no-keycertsign",
        "intermediate KU digitalSignature and cRLSign, no keyCertSign",
        p -> p.ca(1).keyUsage = KeyUsage.digitalSignature | KeyUsage.cRLSign);
    feature(
        "ku-root-no-keycertsign",
        "root KU digitalSignature and cRLSign, no keyCertSign",
        p -> p.root().keyUsage = KeyUsage.digitalSignature | KeyUsage.cRLSign);
    feature("ku-int-absent", "intermediate without KU", p -> p.ca(1).keyUsage = -1);

    // Unknown critical extensions (RFC 5280 4.2).
    feature(
        "crit-leaf",
        "unknown critical extension in the leaf",
        p -> p.leaf().unknownCritical = true);
    feature(
        "crit-int",
        "unknown critical extension in the intermediate",
        p -> p.ca(1).unknownCritical = true);
    feature(
        "crit-root",
        "unknown critical extension in the root",
        p -> p.root().unknownCritical = true);

    // Basic constraints (RFC 5280 4.2.1.9).
    feature("bc-int-absent", "intermediate without basicConstraints", p -> p.ca(1).ca = null);
    feature("bc-int-false", "intermediate with cA FALSE", p -> p.ca(1).ca = Boolean.FALSE);
    feature("bc-root-absent", "root without basicConstraints", p -> p.root().ca = null);
    feature("bc-root-false", "root with cA FALSE", p -> p.root().ca = Boolean.FALSE);
    feature(
        "bc-int-noncritical",
        "intermediate basicConstraints not critical",
        p -> p.ca(1).bcCritical = false);
    feature("v1-root", "X.509 v1 root (no extensions)", p -> p.root().version1 = true);
    feature("v1-int", "X.509 v1 intermediate (no extensions)", p -> p.ca(1).version1 = true);
    feature("leaf-is-ca", "leaf with cA TRUE", p -> p.leaf().ca = Boolean.TRUE);
    feature(
        "pathlen-int-0", "intermediate pathLen 0 (leaf below: allowed)", p -> p.ca(1).pathLen = 0);
    feature("pathlen-root-0", "root pathLen 0 above an intermediate", p -> p.root().pathLen = 0);

    // Validity at each depth (RFC 5280 4.1.2.5, 6.1.3 (a)(2)).
    long day = 86400;
    feature("time-leaf-expired", "leaf expired", p -> p.leaf().notAfter = at(NOW, -day));
    feature("time-leaf-notyet", "leaf not yet valid", p -> p.leaf().notBefore = at(NOW, day));
    feature("time-int-expired", "intermediate expired", p -> p.ca(1).notAfter = at(NOW, -day));
    feature("time-int-notyet", "intermediate not yet valid", p -> p.ca(1).notBefore = at(NOW, day));
    feature("time-root-expired", "root expired", p -> p.root().notAfter = at(NOW, -day));
    feature("time-root-notyet", "root not yet valid", p -> p.root().notBefore = at(NOW, day));
    feature("time-leaf-notafter-now", "leaf notAfter == now", p -> p.leaf().notAfter = NOW);
    feature(
        "time-leaf-notafter-now-plus-1s",
        "leaf notAfter == now + 1 s",
        p -> p.leaf().notAfter = at(NOW, 1));
    feature("time-leaf-notbefore-now", "leaf notBefore == now", p -> p.leaf().notBefore = NOW);
    feature(
        "time-leaf-notbefore-now-plus-1s",
        "leaf notBefore == now + 1 s",
        p -> p.leaf().notBefore = at(NOW, 1));
    feature("time-root-notafter-now", "root notAfter == now", p -> p.root().notAfter = NOW);
    feature("time-int-notafter-now", "intermediate notAfter == now", p -> p.ca(1).notAfter = NOW);

    // Weak signatures and keys (OpenSSL security level 1: 80 bits; Postfix sets it for dane).
    feature(
        "sig-leaf-md5",
        "leaf signed with MD5withRSA",
        p -> {
          p.ca(1).key = Pki.key("rsa2048-int");
          p.leaf().signatureAlgorithm = "MD5withRSA";
        });
    feature(
        "sig-leaf-sha1",
        "leaf signed with SHA1withRSA",
        p -> {
          p.ca(1).key = Pki.key("rsa2048-int");
          p.leaf().signatureAlgorithm = "SHA1withRSA";
        });
    feature(
        "sig-int-md5",
        "intermediate signed with MD5withRSA",
        p -> {
          p.root().key = Pki.key("rsa2048-root");
          p.ca(1).signatureAlgorithm = "MD5withRSA";
        });
    feature(
        "sig-int-sha1",
        "intermediate signed with SHA1withRSA",
        p -> {
          p.root().key = Pki.key("rsa2048-root");
          p.ca(1).signatureAlgorithm = "SHA1withRSA";
        });
    feature(
        "sig-root-md5",
        "root self-signed with MD5withRSA",
        p -> {
          p.root().key = Pki.key("rsa2048-root");
          p.root().signatureAlgorithm = "MD5withRSA";
        });
    feature(
        "sig-root-sha1",
        "root self-signed with SHA1withRSA",
        p -> {
          p.root().key = Pki.key("rsa2048-root");
          p.root().signatureAlgorithm = "SHA1withRSA";
        });
    for (int bits : new int[] {512, 768, 1024, 2048}) {
      feature("key-leaf-rsa" + bits, "leaf RSA-" + bits, p -> p.leaf().key = Pki.key("rsa" + bits));
    }
    for (int bits : new int[] {768, 1024}) {
      feature(
          "key-int-rsa" + bits,
          "intermediate RSA-" + bits,
          p -> p.ca(1).key = Pki.key("rsa" + bits + "-int"));
      feature(
          "key-root-rsa" + bits,
          "root RSA-" + bits,
          p -> p.root().key = Pki.key("rsa" + bits + "-root"));
    }
  }

  private void deep() {
    deepFeature("baseline", "root, two intermediates, leaf", p -> {});
    deepFeature(
        "pathlen-i1-0",
        "upper intermediate pathLen 0 above another intermediate",
        p -> p.ca(1).pathLen = 0);
    deepFeature(
        "pathlen-i2-0",
        "lower intermediate pathLen 0 (leaf below: allowed)",
        p -> p.ca(2).pathLen = 0);
    deepFeature(
        "pathlen-root-0", "root pathLen 0 above two intermediates", p -> p.root().pathLen = 0);
    deepFeature(
        "pathlen-root-1", "root pathLen 1 above two intermediates", p -> p.root().pathLen = 1);
    deepFeature(
        "pathlen-root-2", "root pathLen 2 above two intermediates", p -> p.root().pathLen = 2);
    deepFeature(
        "pathlen-i1-0-self-issued-i2",
        "upper intermediate pathLen 0; lower intermediate self-issued (same name, other key)",
        p -> {
          p.ca(1).pathLen = 0;
          Pki.Spec i2 = p.ca(2).copy(p.ca(1).subject);
          p.specs.set(2, i2);
        });
    Consumer<Plan> selfIssuedI2 =
        p -> {
          p.ca(1).pathLen = 0;
          p.specs.set(2, p.ca(2).copy(p.ca(1).subject));
        };
    Plan withIds = Plan.standard(2);
    selfIssuedI2.accept(withIds);
    withIds.keyIds();
    deepModes(
        "pathlen-i1-0-self-issued-i2-keyids",
        "upper intermediate pathLen 0; lower intermediate self-issued (with key identifiers)",
        withIds.build());
    deepFeature(
        "nc-i1-permitted-other",
        "upper intermediate permits only partner.example",
        p -> p.ca(1).permitted.add("partner.example"));
    deepFeature(
        "nc-i2-excluded-match",
        "lower intermediate excludes mx.example.org",
        p -> p.ca(2).excluded.add("mx.example.org"));
    deepFeature(
        "eku-i1-clientauth",
        "upper intermediate EKU clientAuth only",
        p -> p.ca(1).eku = List.of(KeyPurposeId.id_kp_clientAuth));
    deepFeature(
        "time-i1-expired", "upper intermediate expired", p -> p.ca(1).notAfter = at(NOW, -86400));
    deepFeature(
        "bc-i1-absent", "upper intermediate without basicConstraints", p -> p.ca(1).ca = null);
  }

  private void deepFeature(String id, String description, Consumer<Plan> tweak) {
    Plan p = Plan.standard(2);
    tweak.accept(p);
    deepModes(id, description, p.build());
  }

  private void deepModes(String id, String description, Built b) {
    String base = "deep/" + id;
    modes(base, description, b, NAMES, NOW);
    add(
        base + "/2-1-1-i1",
        description + "; 2 1 1 upper intermediate",
        List.of(rec(2, 1, 1, b.ca(1))),
        b.sent());
    add(
        base + "/2-0-1-i1-root-sent",
        description + "; 2 0 1 upper intermediate, root sent too",
        List.of(rec(2, 0, 1, b.ca(1))),
        b.sentWithRoot());
  }

  private void names() {
    name("wildcard", "SAN *.example.org", List.of("*.example.org"), null, NAMES);
    name(
        "wildcard-apex",
        "SAN *.example.org, name example.org",
        List.of("*.example.org"),
        null,
        List.of("example.org"));
    name(
        "wildcard-two-labels",
        "SAN *.example.org, name a.mx.example.org",
        List.of("*.example.org"),
        null,
        List.of("a.mx.example.org"));
    name("partial-wildcard-prefix", "SAN m*.example.org", List.of("m*.example.org"), null, NAMES);
    name("partial-wildcard-suffix", "SAN *x.example.org", List.of("*x.example.org"), null, NAMES);
    name(
        "wildcard-tld",
        "SAN *.org, name example.org",
        List.of("*.org"),
        null,
        List.of("example.org"));
    name("wildcard-not-leftmost", "SAN mx.*.org", List.of("mx.*.org"), null, NAMES);
    name("wildcard-only", "SAN *", List.of("*"), null, NAMES);
    name("cn-only", "no SAN, CN mx.example.org", List.of(), "CN=mx.example.org", NAMES);
    name("cn-only-wildcard", "no SAN, CN *.example.org", List.of(), "CN=*.example.org", NAMES);
    name(
        "cn-only-with-o",
        "no SAN, subject O=Mail, CN=mx.example.org",
        List.of(),
        "O=Mail,CN=mx.example.org",
        NAMES);
    name(
        "cn-ignored-with-san",
        "SAN other.example.org, CN mx.example.org",
        List.of("other.example.org"),
        "CN=mx.example.org",
        NAMES);
    name("case-san", "SAN MX.Example.ORG", List.of("MX.Example.ORG"), null, NAMES);
    name("case-reference", "name MX.EXAMPLE.org", List.of(HOST), null, List.of("MX.EXAMPLE.org"));
    name(
        "absent",
        "SAN other.example.org only",
        List.of("other.example.org"),
        "CN=other.example.org",
        NAMES);
    name(
        "second-reference",
        "names example.org (base domain) and mx.example.org",
        List.of(HOST),
        null,
        List.of("example.org", HOST));
    name(
        "second-san",
        "SAN a.example.net and mx.example.org",
        List.of("a.example.net", HOST),
        "CN=a.example.net",
        NAMES);
    name(
        "trailing-dot-reference", "name mx.example.org.", List.of(HOST), null, List.of(HOST + "."));
    name("trailing-dot-san", "SAN mx.example.org.", List.of(HOST + "."), "CN=x", NAMES);
    name(
        "idn-alabel",
        "SAN xn--bcher-kva.example",
        List.of("xn--bcher-kva.example"),
        "CN=x",
        List.of("xn--bcher-kva.example"));
    name(
        "wildcard-idn-parent",
        "SAN *.xn--bcher-kva.example",
        List.of("*.xn--bcher-kva.example"),
        "CN=x",
        List.of("mx.xn--bcher-kva.example"));
    name(
        "wildcard-on-alabel",
        "SAN *.example.org, name xn--bcher-kva.example.org",
        List.of("*.example.org"),
        null,
        List.of("xn--bcher-kva.example.org"));
  }

  private void name(
      String id, String description, List<String> sans, String subject, List<String> names) {
    Plan p = Plan.standard(1);
    Pki.Spec leaf = p.leaf().copy(subject != null ? subject : p.leaf().subject);
    leaf.dnsNames = new ArrayList<>(sans);
    p.specs.set(p.specs.size() - 1, leaf);
    Built b = p.build();
    String base = "names/" + id;
    add(
        base + "/2-0-1-root-sent",
        description + "; 2 0 1 root, root sent",
        List.of(rec(2, 0, 1, b.root())),
        b.sentWithRoot(),
        names,
        NOW);
    add(
        base + "/2-1-1-issuer",
        description + "; 2 1 1 issuer",
        List.of(rec(2, 1, 1, b.issuer())),
        b.sent(),
        names,
        NOW);
    add(
        base + "/3-1-1-leaf",
        description + "; 3 1 1 leaf",
        List.of(rec(3, 1, 1, b.leaf())),
        b.sent(),
        names,
        NOW);
  }

  private void self() {
    // A self-signed leaf: DANE-EE only; OpenSSL never takes the depth-0 certificate as a TA.
    Pki.Spec s = Pki.Spec.leaf("CN=" + HOST, Pki.key("ec-self"), FROM, TO);
    s.dnsNames.add(HOST);
    byte[] self = Pki.selfSigned(s).der();
    List<byte[]> one = List.of(self);
    for (int[] usm :
        new int[][] {
          {3, 0, 0}, {3, 0, 1}, {3, 1, 1}, {3, 1, 2}, {2, 0, 0}, {2, 0, 1}, {2, 1, 0}, {2, 1, 1},
          {2, 0, 2}
        }) {
      String r = usm[0] + "-" + usm[1] + "-" + usm[2];
      add(
          "self/self-signed-leaf/" + r,
          "self-signed leaf alone; " + r.replace('-', ' ') + " of it",
          List.of(rec(usm[0], usm[1], usm[2], self)),
          one);
    }
    add(
        "self/self-signed-leaf/3-1-1-wrong-plus-2-0-1",
        "self-signed leaf; wrong 3 1 1 and 2 0 1 of it",
        List.of(wrong(rec(3, 1, 1, self)), rec(2, 0, 1, self)),
        one);
    add(
        "self/self-signed-leaf/2-0-1-sent-twice",
        "self-signed leaf sent twice; 2 0 1 of it",
        List.of(rec(2, 0, 1, self)),
        List.of(self, self));

    Pki.Spec sca = s.copy("CN=" + HOST);
    sca.ca = Boolean.TRUE;
    sca.key = Pki.key("ec-self2");
    byte[] selfCa = Pki.selfSigned(sca).der();
    add(
        "self/self-signed-ca-leaf/2-0-1",
        "self-signed leaf with cA TRUE; 2 0 1 of it",
        List.of(rec(2, 0, 1, selfCa)),
        List.of(selfCa));
    add(
        "self/self-signed-ca-leaf/3-1-1",
        "self-signed leaf with cA TRUE; 3 1 1 of it",
        List.of(rec(3, 1, 1, selfCa)),
        List.of(selfCa));

    Pki.Spec sx = s.copy("CN=" + HOST);
    sx.notAfter = NOW.minus(Duration.ofDays(1));
    sx.key = Pki.key("ec-self3");
    byte[] selfExpired = Pki.selfSigned(sx).der();
    add(
        "self/self-signed-expired/3-1-1",
        "expired self-signed leaf; 3 1 1",
        List.of(rec(3, 1, 1, selfExpired)),
        List.of(selfExpired));
    add(
        "self/self-signed-expired/2-0-1",
        "expired self-signed leaf; 2 0 1",
        List.of(rec(2, 0, 1, selfExpired)),
        List.of(selfExpired));

    // A CA-issued leaf named by a DANE-TA record (depth 0).
    Built b = Plan.standard(1).build();
    for (int[] usm : new int[][] {{2, 0, 0}, {2, 0, 1}, {2, 1, 0}, {2, 1, 1}}) {
      String r = usm[0] + "-" + usm[1] + "-" + usm[2];
      add(
          "self/ca-issued-leaf-as-ta/" + r,
          "CA-issued leaf; " + r.replace('-', ' ') + " of the leaf",
          List.of(rec(usm[0], usm[1], usm[2], b.leaf())),
          b.sent());
    }

    // A self-issued leaf: subject equals its issuer's subject, other key; with and without key
    // identifiers (which tell OpenSSL that the leaf is not self-signed).
    for (boolean keyIds : new boolean[] {false, true}) {
      Plan p = Plan.standard(1);
      p.specs.set(2, p.leaf().copy(p.ca(1).subject));
      if (keyIds) {
        p.keyIds();
      }
      Built si = p.build();
      String base = "self/self-issued-leaf" + (keyIds ? "-keyids" : "");
      String what = "self-issued leaf" + (keyIds ? " (with key identifiers)" : "");
      add(
          base + "/2-1-1-leaf",
          what + "; 2 1 1 of the leaf",
          List.of(rec(2, 1, 1, si.leaf())),
          si.sent());
      add(
          base + "/2-0-0-leaf",
          what + "; 2 0 0 of the leaf",
          List.of(rec(2, 0, 0, si.leaf())),
          si.sent());
      add(
          base + "/2-1-1-leaf-alone",
          what + " sent alone; 2 1 1 of the leaf",
          List.of(rec(2, 1, 1, si.leaf())),
          List.of(si.leaf()));
    }
  }

  private void matrix() {
    Built b = Plan.standard(1).build();
    // Different certificates and keys, for wrong Full(0) data.
    Plan other = Plan.standard(1);
    other.root().key = Pki.key("ec-other-root");
    other.ca(1).key = Pki.key("ec-other-int");
    other.leaf().key = Pki.key("ec-other-leaf");
    Built o = other.build();
    for (int s = 0; s <= 1; s++) {
      for (int m = 0; m <= 2; m++) {
        String r = s + "-" + m;
        add(
            "matrix/3-" + r + "-leaf",
            "3 " + s + " " + m + " leaf",
            List.of(rec(3, s, m, b.leaf())),
            b.sent());
        add(
            "matrix/3-" + r + "-wrong",
            "3 " + s + " " + m + " of another leaf",
            List.of(m == 0 ? rec(3, s, m, o.leaf()) : wrong(rec(3, s, m, b.leaf()))),
            b.sent());
        add(
            "matrix/2-" + r + "-root-sent",
            "2 " + s + " " + m + " root, sent",
            List.of(rec(2, s, m, b.root())),
            b.sentWithRoot());
        add(
            "matrix/2-" + r + "-root-sent-wrong",
            "2 " + s + " " + m + " of another root; root sent",
            List.of(m == 0 ? rec(2, s, m, o.root()) : wrong(rec(2, s, m, b.root()))),
            b.sentWithRoot());
        add(
            "matrix/2-" + r + "-issuer",
            "2 " + s + " " + m + " issuer",
            List.of(rec(2, s, m, b.issuer())),
            b.sent());
        add(
            "matrix/2-" + r + "-issuer-wrong",
            "2 " + s + " " + m + " of another issuer",
            List.of(m == 0 ? rec(2, s, m, o.issuer()) : wrong(rec(2, s, m, b.issuer()))),
            b.sent());
        add(
            "matrix/2-" + r + "-root-absent",
            "2 " + s + " " + m + " root, not sent",
            List.of(rec(2, s, m, b.root())),
            b.sent());
      }
    }
  }

  private void agility() {
    Built b = Plan.standard(1).build();
    byte[] leaf = b.leaf();
    agile("3-1-1-ok-3-1-2-wrong", List.of(rec(3, 1, 1, leaf), wrong(rec(3, 1, 2, leaf))), b.sent());
    agile("3-1-1-wrong-3-1-2-ok", List.of(wrong(rec(3, 1, 1, leaf)), rec(3, 1, 2, leaf)), b.sent());
    agile("3-1-1-ok-3-1-2-ok", List.of(rec(3, 1, 1, leaf), rec(3, 1, 2, leaf)), b.sent());
    agile("3-1-1-ok-3-0-2-wrong", List.of(rec(3, 1, 1, leaf), wrong(rec(3, 0, 2, leaf))), b.sent());
    agile("3-0-1-ok-3-1-2-wrong", List.of(rec(3, 0, 1, leaf), wrong(rec(3, 1, 2, leaf))), b.sent());
    agile("3-1-0-ok-3-1-2-wrong", List.of(rec(3, 1, 0, leaf), wrong(rec(3, 1, 2, leaf))), b.sent());
    agile(
        "3-1-1-ok-2-1-2-wrong",
        List.of(rec(3, 1, 1, leaf), wrong(rec(2, 1, 2, b.root()))),
        b.sent());
    agile(
        "2-0-1-ok-2-0-2-wrong",
        List.of(rec(2, 0, 1, b.root()), wrong(rec(2, 0, 2, b.root()))),
        b.sentWithRoot());
    agile(
        "2-0-2-ok-2-0-1-wrong",
        List.of(rec(2, 0, 2, b.root()), wrong(rec(2, 0, 1, b.root()))),
        b.sentWithRoot());
    agile(
        "2-1-1-issuer-ok-2-1-2-wrong",
        List.of(rec(2, 1, 1, b.issuer()), wrong(rec(2, 1, 2, b.issuer()))),
        b.sent());
    agile(
        "2-1-1-issuer-ok-2-1-2-root",
        List.of(rec(2, 1, 1, b.issuer()), rec(2, 1, 2, b.root())),
        b.sent());
    agile(
        "2-0-0-root-absent-ok-2-0-2-wrong",
        List.of(rec(2, 0, 0, b.root()), wrong(rec(2, 0, 2, b.root()))),
        b.sent());
    byte[] sha512 = rec(3, 1, 2, leaf).associationData();
    agile(
        "3-1-1-ok-3-1-2-short",
        List.of(rec(3, 1, 1, leaf), raw(3, 1, 2, Arrays.copyOf(sha512, 63))),
        b.sent());
  }

  private void agile(String id, List<TlsaRecord> records, List<byte[]> chain) {
    add("agility/" + id, "digest agility (RFC 7671 9): " + id, records, chain);
  }

  private void malformed() {
    Built b = Plan.standard(1).build();
    byte[] leaf = b.leaf();
    List<byte[]> sent = b.sent();
    bad("3-1-0-deadbeef", List.of(raw(3, 1, 0, "deadbeef")), sent);
    bad("2-0-0-deadbeef", List.of(raw(2, 0, 0, "deadbeef")), sent);
    bad("3-0-0-deadbeef", List.of(raw(3, 0, 0, "deadbeef")), sent);
    bad("2-1-0-deadbeef", List.of(raw(2, 1, 0, "deadbeef")), sent);
    bad("3-1-0-deadbeef-3-1-1-ok", List.of(raw(3, 1, 0, "deadbeef"), rec(3, 1, 1, leaf)), sent);
    bad(
        "2-0-0-deadbeef-2-1-1-ok",
        List.of(raw(2, 0, 0, "deadbeef"), rec(2, 1, 1, b.issuer())),
        sent);
    bad(
        "2-0-0-deadbeef-3-1-1-wrong",
        List.of(raw(2, 0, 0, "deadbeef"), wrong(rec(3, 1, 1, leaf))),
        sent);
    byte[] sha256 = rec(3, 1, 1, leaf).associationData();
    byte[] sha512 = rec(3, 1, 2, leaf).associationData();
    bad("3-1-1-31-bytes", List.of(raw(3, 1, 1, Arrays.copyOf(sha256, 31))), sent);
    bad("3-1-1-33-bytes", List.of(raw(3, 1, 1, concat(sha256, (byte) 0))), sent);
    bad("3-1-2-63-bytes", List.of(raw(3, 1, 2, Arrays.copyOf(sha512, 63))), sent);
    bad("3-1-2-sha256-data", List.of(raw(3, 1, 2, sha256)), sent);
    bad("3-1-1-empty", List.of(raw(3, 1, 1, new byte[0])), sent);
    bad("3-1-0-empty", List.of(raw(3, 1, 0, new byte[0])), sent);
    bad("3-0-0-leaf-trailing-byte", List.of(raw(3, 0, 0, concat(leaf, (byte) 0))), sent);
    bad("3-1-0-spki-trailing-byte", List.of(raw(3, 1, 0, concat(spki(leaf), (byte) 0))), sent);
    bad("3-1-0-cert-as-spki", List.of(raw(3, 1, 0, leaf)), sent);
    bad("3-0-0-spki-as-cert", List.of(raw(3, 0, 0, spki(leaf))), sent);
    bad("2-0-0-root-trailing-byte", List.of(raw(2, 0, 0, concat(b.root(), (byte) 0))), sent);
    bad("3-2-1-unknown-selector", List.of(raw(3, 2, 1, sha256)), sent);
    bad("3-1-3-unknown-mtype", List.of(raw(3, 1, 3, sha256)), sent);
    bad("3-1-255-private-mtype", List.of(raw(3, 1, 255, sha256)), sent);
    bad("4-1-1-unknown-usage", List.of(raw(4, 1, 1, sha256)), sent);
    bad("0-1-1-pkix-ta", List.of(rec(0, 1, 1, b.root())), b.sentWithRoot());
    bad("1-1-1-pkix-ee", List.of(raw(1, 1, 1, sha256)), sent);
    bad("0-0-1-pkix-ta-3-1-1-ok", List.of(rec(0, 0, 1, b.root()), rec(3, 1, 1, leaf)), sent);
    byte[] root = b.root().clone();
    root[root.length - 3] ^= 0x01; // inside the signature: the certificate still decodes
    bad("2-0-0-root-bad-signature-absent", List.of(raw(2, 0, 0, root)), sent);
    bad(
        "chain-garbage-after-leaf-3-1-1",
        List.of(rec(3, 1, 1, leaf)),
        List.of(leaf, HexFormat.of().parseHex("3003020100")));
    bad(
        "chain-garbage-leaf-3-1-1",
        List.of(rec(3, 1, 1, leaf)),
        List.of(HexFormat.of().parseHex("3003020100"), b.issuer()));
  }

  private void bad(String id, List<TlsaRecord> records, List<byte[]> chain) {
    add("malformed/" + id, "malformed or unusable data: " + id, records, chain);
  }

  private void chains() {
    Built b = Plan.standard(1).build();
    byte[] leaf = b.leaf();
    byte[] issuer = b.issuer();
    byte[] root = b.root();
    Plan other = Plan.standard(1);
    other.root().key = Pki.key("ec-other-root");
    other.ca(1).key = Pki.key("ec-other-int");
    Built o = other.build();
    add(
        "chain/out-of-order-root-first",
        "chain leaf, root, intermediate; 2 0 1 root",
        List.of(rec(2, 0, 1, root)),
        List.of(leaf, root, issuer));
    add(
        "chain/extra-unrelated-ca",
        "chain with an unrelated CA appended; 2 0 0 root not sent",
        List.of(rec(2, 0, 0, root)),
        List.of(leaf, issuer, o.root()));
    add(
        "chain/issuer-missing-2-1-1",
        "only the leaf sent; 2 1 1 issuer",
        List.of(rec(2, 1, 1, issuer)),
        List.of(leaf));
    add(
        "chain/issuer-missing-2-0-0",
        "only the leaf sent; 2 0 0 issuer",
        List.of(rec(2, 0, 0, issuer)),
        List.of(leaf));
    add(
        "chain/issuer-missing-2-1-0",
        "only the leaf sent; 2 1 0 issuer key",
        List.of(rec(2, 1, 0, issuer)),
        List.of(leaf));
    add(
        "chain/issuer-missing-2-0-0-root",
        "only the leaf sent; 2 0 0 root",
        List.of(rec(2, 0, 0, root)),
        List.of(leaf));
    add(
        "chain/duplicate-intermediate",
        "intermediate sent twice; 2 0 1 root, sent",
        List.of(rec(2, 0, 1, root)),
        List.of(leaf, issuer, issuer, root));
    add(
        "chain/leaf-not-first-3-1-1-leaf",
        "intermediate first, then leaf; 3 1 1 leaf",
        List.of(rec(3, 1, 1, leaf)),
        List.of(issuer, leaf));
    add(
        "chain/leaf-not-first-3-1-1-first",
        "intermediate first, then leaf; 3 1 1 of the intermediate",
        List.of(rec(3, 1, 1, issuer)),
        List.of(issuer, leaf));
    add(
        "chain/other-root-same-name-2-0-0",
        "2 0 0 of a root with the same name, other key; not sent",
        List.of(rec(2, 0, 0, o.root())),
        b.sent());
    add(
        "chain/other-root-same-name-2-1-0",
        "2 1 0 of another root key; not sent",
        List.of(rec(2, 1, 0, o.root())),
        b.sent());
    add(
        "chain/leaf-from-other-issuer",
        "leaf issued by another intermediate of the same name; 2 0 1 root",
        List.of(rec(2, 0, 1, root)),
        List.of(o.leaf(), issuer, root));

    // The intermediate names another issuer than the root whose key signed it.
    Plan renamed = Plan.standard(1);
    renamed.ca(1).issuerOverride = "CN=Somebody Else,O=dane-check";
    Built r = renamed.build();
    add(
        "chain/issuer-name-mismatch-2-1-0",
        "intermediate signed by the root key, issuer name differs; 2 1 0 root key",
        List.of(rec(2, 1, 0, r.root())),
        r.sent());
    add(
        "chain/issuer-name-mismatch-2-0-0",
        "intermediate signed by the root key, issuer name differs; 2 0 0 root",
        List.of(rec(2, 0, 0, r.root())),
        r.sent());
    add(
        "chain/issuer-name-mismatch-2-0-1-sent",
        "intermediate signed by the root key, issuer name differs; 2 0 1 root, sent",
        List.of(rec(2, 0, 1, r.root())),
        r.sentWithRoot());

    // A re-issued root: same name and key, other serial and dates.
    Pki.Spec reissued = Plan.standard(1).root().copy("CN=Diff Root CA,O=dane-check");
    reissued.notBefore = FROM.minus(Duration.ofDays(400));
    reissued.notAfter = FROM.minus(Duration.ofDays(1));
    byte[] oldRoot = Pki.selfSigned(reissued).der();
    add(
        "chain/reissued-expired-root-2-0-0",
        "2 0 0 of an expired re-issue of the root (same key); current root sent",
        List.of(raw(2, 0, 0, oldRoot)),
        b.sentWithRoot());
    add(
        "chain/reissued-expired-root-2-0-0-absent",
        "2 0 0 of an expired re-issue of the root (same key); no root sent",
        List.of(raw(2, 0, 0, oldRoot)),
        b.sent());
    add(
        "chain/expired-root-sent-2-1-1",
        "expired re-issue of the root sent; 2 1 1 root key",
        List.of(rec(2, 1, 1, root)),
        List.of(leaf, issuer, oldRoot));
  }

  // Keys at OpenSSL's verification bounds (review D1): DSA q must be 160, 224 or 256 bits
  // (dsa_do_verify); an RSA exponent must be below the modulus, and at most 64 bits over a
  // 3072-bit modulus (rsa_ossl_public_decrypt). Each on the leaf's issuer and on the root.
  private void keys() {
    String[][] kinds = {
      {"dsaq160", "DSA-1024 with a 160-bit q"},
      {"dsaq200", "DSA-1024 with a 200-bit q"},
      {"rsa4096e64", "RSA-4096 with a 64-bit exponent"},
      {"rsa4096e65", "RSA-4096 with a 65-bit exponent"},
      {"rsa2048egtn", "RSA-2048 with an exponent above the modulus"},
      {"rsa1024ebig", "RSA-1024 with an exponent just below the modulus"},
      {"rsa2048ebig", "RSA-2048 with an exponent just below the modulus"},
    };
    for (String[] k : kinds) {
      feature(
          "key-issuer-" + k[0],
          "the leaf's issuer has a key " + k[1],
          p -> p.ca(1).key = Pki.key(k[0]));
      feature("key-root-" + k[0], "the root has a key " + k[1], p -> p.root().key = Pki.key(k[0]));
    }
  }

  private void depth() {
    for (int n : new int[] {8, 9, 10, 11}) {
      Plan p = Plan.standard(n);
      Built b = p.build();
      add(
          "depth/" + n + "-intermediates-2-0-1-root",
          n + " intermediates; 2 0 1 root, sent",
          List.of(rec(2, 0, 1, b.root())),
          b.sentWithRoot());
      add(
          "depth/" + n + "-intermediates-2-0-0-root",
          n + " intermediates; 2 0 0 root, not sent",
          List.of(rec(2, 0, 0, b.root())),
          b.sent());
      add(
          "depth/" + n + "-intermediates-2-1-1-issuer",
          n + " intermediates; 2 1 1 leaf's issuer",
          List.of(rec(2, 1, 1, b.issuer())),
          b.sent());
    }
  }
}
