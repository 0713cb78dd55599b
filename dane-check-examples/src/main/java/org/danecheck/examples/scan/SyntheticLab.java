/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.danecheck.testkit.DaneLab;
import org.danecheck.testkit.KeyAlgorithm;
import org.danecheck.testkit.LabAlgorithm;
import org.danecheck.testkit.LabDomain;
import org.danecheck.testkit.LabHost;
import org.danecheck.testkit.LabZone;
import org.danecheck.testkit.MailPersona;
import org.danecheck.testkit.TestCertificate;

/**
 * A reproducible synthetic Internet of mail domains for scans and benchmarks: many domains sharing
 * a few big mail servers (domains are spread over servers by a Zipf law, so the biggest server
 * carries about a tenth of them, as in real surveys), servers of every TLS kind in proportions like
 * those of a survey of the top million domains, some signed zones, DANE servers with good and bad
 * TLSA records, null MX domains and names that do not exist.
 *
 * <pre>{@code
 * SyntheticLab plan = SyntheticLab.generate(20_000, 42);
 * try (DaneLab lab = plan.labBuilder().latency(Duration.ofMillis(50)).start()) {
 *   // scan plan.domainNames() against lab.dnsAddress(), lab.trustAnchor(), lab.smtpPort()
 * }
 * }</pre>
 *
 * <p>Two worlds ({@link World}): {@link World#REPRESENTATIVE} is shaped like the Internet for
 * benchmarks (ECDSA P-256 zones with their own keys, most domains unsigned delegations under a
 * signed parent, about two domains per distinct server, RSA and ECDSA server certificates); {@link
 * World#CLASSIC} is the first lab (RSA zones sharing one key, ECDSA certificates, ~8 domains per
 * server), kept so that earlier benchmark rows can be reproduced. The same world, size and seed
 * always give the same plan.
 */
public final class SyntheticLab {
  /** Which synthetic world to plan. */
  public enum World {
    /**
     * Shaped like a survey of real mail domains (the seed study of issue 17): zones signed with
     * algorithm 13 (ECDSA P-256), each with its own key; ~91% of domains unsigned delegations under
     * the signed {@code test.} (each costs an insecure-delegation proof); ~0.46 distinct servers
     * per domain (55% of domains at ~N/40 Zipf-distributed hosters, the rest self-hosted); server
     * certificates 60% RSA-2048, 40% ECDSA P-256, one per server; TLS 1.3. The parent {@code test.}
     * denies with NSEC3 and opt-out (RFC 5155), as com and net do, so each unsigned delegation
     * costs a closest encloser proof; one in {@value SyntheticLab#NSEC3_ONE_IN} signed zones under
     * it (every second in input order, domains first, then the servers' zones) denies with NSEC3
     * without opt-out, the others with NSEC (both are common among signed domains).
     */
    REPRESENTATIVE,
    /** The first lab: RSA zones sharing one key, ~8 domains per server, ECDSA certificates. */
    CLASSIC
  }

  /** What a synthetic mail server does. */
  public enum ServerKind {
    /** No STARTTLS: cleartext only. */
    NO_TLS(0.30),
    /** Anonymous cipher suites only (no certificate); seen when the client offers aNULL. */
    ANONYMOUS(0.11),
    /** A certificate from a CA the checker does not trust. */
    UNTRUSTED(0.17),
    /** A certificate from the lab CA, which the checker trusts (PKIX). */
    TRUSTED(0.385),
    /** A signed host zone with a matching TLSA record (3 1 1). */
    DANE_VERIFIED(0.02),
    /** A signed host zone with a TLSA record that matches nothing. */
    DANE_WRONG_TLSA(0.005),
    /** A TLS handshake that fails (the server sends an alert). */
    BAD_TLS(0.01);

    private final double share;

    ServerKind(double share) {
      this.share = share;
    }

    /** Whether the server's own zone is always signed (it publishes TLSA records). */
    public boolean dane() {
      return this == DANE_VERIFIED || this == DANE_WRONG_TLSA;
    }
  }

  /** What a synthetic domain is. */
  public enum DomainKind {
    /** A mail domain with one or two MX hosts. */
    MAIL,
    /** A null MX (RFC 7505). */
    NULL_MX,
    /** A name in the input that does not exist in the lab (NXDOMAIN). */
    NONEXISTENT
  }

  /**
   * One synthetic mail server.
   *
   * @param name its host name (absolute)
   * @param kind what it does
   * @param zoneSigned whether its own zone (its parent name) is signed
   * @param ipv6 whether it also has the IPv6 loopback address
   * @param rsa whether its certificate has an RSA key (else ECDSA P-256)
   */
  public record Server(
      String name, ServerKind kind, boolean zoneSigned, boolean ipv6, boolean rsa) {}

  /**
   * One synthetic domain.
   *
   * @param name the domain name (no trailing dot)
   * @param kind what it is
   * @param signed whether its zone is signed
   * @param mx the indexes in {@link #servers()} of its MX hosts, in preference order
   */
  public record Domain(String name, DomainKind kind, boolean signed, List<Integer> mx) {
    /** Copies the list. */
    public Domain {
      mx = List.copyOf(mx);
    }
  }

  /**
   * In the representative world, one in this many signed zones under {@code test.} denies with
   * NSEC3 (the others with NSEC). A choice, not a measurement: a half keeps both kinds of denial
   * well represented; the plan's random draws do not depend on it.
   */
  public static final int NSEC3_ONE_IN = 2;

  private final World world;
  private final List<Server> servers;
  private final List<Domain> domains;

  private SyntheticLab(World world, List<Server> servers, List<Domain> domains) {
    this.world = world;
    this.servers = List.copyOf(servers);
    this.domains = List.copyOf(domains);
  }

  /**
   * Plans a {@link World#CLASSIC} lab of this many input domains.
   *
   * @throws IllegalArgumentException when the count is not positive
   */
  public static SyntheticLab generate(int domainCount, long seed) {
    return generate(domainCount, seed, World.CLASSIC);
  }

  /**
   * Plans a lab of this many input domains in this world.
   *
   * @throws IllegalArgumentException when the count is not positive
   */
  public static SyntheticLab generate(int domainCount, long seed, World world) {
    if (domainCount < 1) {
      throw new IllegalArgumentException("a synthetic lab needs at least one domain");
    }
    return world == World.CLASSIC ? classic(domainCount, seed) : representative(domainCount, seed);
  }

  private static SyntheticLab classic(int domainCount, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    // One server per ~8 domains, at most what 127.1.x.y offers; Zipf (s = 1) over their ranks.
    int serverCount = Math.max(4, Math.min(60_000, domainCount / 8));
    double[] cumulative = new double[serverCount];
    double sum = 0;
    for (int k = 0; k < serverCount; k++) {
      sum += 1.0 / (k + 1);
      cumulative[k] = sum;
    }
    List<Server> servers = new ArrayList<>(serverCount);
    int ipv6Rank = Math.min(serverCount - 1, 9);
    for (int k = 0; k < serverCount; k++) {
      ServerKind kind = k == 0 ? ServerKind.TRUSTED : pick(random.nextDouble());
      boolean ipv6 = k == ipv6Rank && kind != ServerKind.BAD_TLS;
      String name = (k < 10 ? "mx1.bighoster-" : "mx.hoster-") + (k + 1) + ".test.";
      servers.add(new Server(name, kind, kind.dane() || random.nextDouble() < 0.10, ipv6, false));
    }
    List<Domain> domains = new ArrayList<>(domainCount);
    for (int i = 0; i < domainCount; i++) {
      String name = String.format("domain-%07d.test", i + 1);
      double roll = random.nextDouble();
      int first = zipf(cumulative, random.nextDouble() * sum);
      if (roll < 0.008) {
        domains.add(new Domain(name, DomainKind.NONEXISTENT, false, List.of()));
      } else if (roll < 0.013) {
        domains.add(new Domain(name, DomainKind.NULL_MX, random.nextBoolean(), List.of()));
      } else {
        List<Integer> mx = new ArrayList<>(List.of(first));
        if (random.nextDouble() < 0.10) {
          int second = zipf(cumulative, random.nextDouble() * sum);
          if (second != first) {
            mx.add(second);
          }
        }
        boolean dane = servers.get(first).kind().dane();
        boolean signed = random.nextDouble() < (dane ? 0.9 : 0.08);
        domains.add(new Domain(name, DomainKind.MAIL, signed, mx));
      }
    }
    return new SyntheticLab(World.CLASSIC, servers, domains);
  }

  private static SyntheticLab representative(int domainCount, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    // 55% of domains at hosters (Zipf, s = 1, over ~N/40 of them), 45% self-hosted, each on the
    // next server of its own (wrapping when the addresses run out): about 0.46 distinct servers per
    // domain, as in the seed study (2,000 domains, 910 server addresses); ~475,000 for a million
    // domains. Plans of up to 200,000 domains keep the first caps (5,000 hosters, 60,000 servers:
    // the 127.1.x.y addresses), so that they stay as they were.
    boolean big = domainCount > 200_000;
    int hosters = Math.max(1, big ? domainCount / 40 : Math.min(5_000, domainCount / 40));
    int own =
        Math.max(
            1,
            Math.min((big ? MAX_SERVERS : 60_000) - hosters, (int) Math.ceil(domainCount * 0.45)));
    int serverCount = hosters + own;
    double[] cumulative = new double[hosters];
    double sum = 0;
    for (int k = 0; k < hosters; k++) {
      sum += 1.0 / (k + 1);
      cumulative[k] = sum;
    }
    List<Server> servers = new ArrayList<>(serverCount);
    int ipv6Rank = Math.min(hosters - 1, 9);
    for (int k = 0; k < serverCount; k++) {
      ServerKind kind = k == 0 ? ServerKind.TRUSTED : pick(random.nextDouble());
      boolean ipv6 = k == ipv6Rank && kind != ServerKind.BAD_TLS;
      String name =
          k < hosters ? "mx.hoster-" + (k + 1) + ".test." : "mail.self-" + (k + 1) + ".test.";
      boolean zoneSigned = kind.dane() || random.nextDouble() < 0.05;
      servers.add(new Server(name, kind, zoneSigned, ipv6, random.nextDouble() < 0.6));
    }
    List<Domain> domains = new ArrayList<>(domainCount);
    int nextOwn = 0;
    for (int i = 0; i < domainCount; i++) {
      String name = String.format("domain-%07d.test", i + 1);
      double roll = random.nextDouble();
      if (roll < 0.008) {
        domains.add(new Domain(name, DomainKind.NONEXISTENT, false, List.of()));
      } else if (roll < 0.013) {
        domains.add(new Domain(name, DomainKind.NULL_MX, random.nextDouble() < 0.1, List.of()));
      } else {
        int first =
            random.nextDouble() < 0.55
                ? zipf(cumulative, random.nextDouble() * sum)
                : hosters + (nextOwn++ % own);
        List<Integer> mx = new ArrayList<>(List.of(first));
        if (random.nextDouble() < 0.10) {
          int second = zipf(cumulative, random.nextDouble() * sum);
          if (second != first) {
            mx.add(second);
          }
        }
        boolean dane = servers.get(first).kind().dane();
        boolean signed = random.nextDouble() < (dane ? 0.95 : 0.07);
        domains.add(new Domain(name, DomainKind.MAIL, signed, mx));
      }
    }
    return new SyntheticLab(World.REPRESENTATIVE, servers, domains);
  }

  /** The world this plan was made in. */
  public World world() {
    return world;
  }

  /** How many distinct servers some domain names as an MX host. */
  public int serversInUse() {
    boolean[] used = new boolean[servers.size()];
    domains.forEach(d -> d.mx().forEach(i -> used[i] = true));
    int n = 0;
    for (boolean u : used) {
      n += u ? 1 : 0;
    }
    return n;
  }

  private static ServerKind pick(double roll) {
    double acc = 0;
    for (ServerKind kind : ServerKind.values()) {
      acc += kind.share;
      if (roll < acc) {
        return kind;
      }
    }
    return ServerKind.TRUSTED;
  }

  private static int zipf(double[] cumulative, double target) {
    int i = Arrays.binarySearch(cumulative, target);
    return Math.min(cumulative.length - 1, i >= 0 ? i : -i - 1);
  }

  /** The servers planned (some may carry no domain). */
  public List<Server> servers() {
    return servers;
  }

  /** The domains, in input order. */
  public List<Domain> domains() {
    return domains;
  }

  /** The input list: every domain name, nonexistent ones included. */
  public List<String> domainNames() {
    return domains.stream().map(Domain::name).toList();
  }

  /** How many mail domains (not null MX, not nonexistent) have this first-MX server kind. */
  public Map<ServerKind, Integer> mailDomainsByFirstServerKind() {
    Map<ServerKind, Integer> counts = new EnumMap<>(ServerKind.class);
    for (Domain d : domains) {
      if (d.kind() == DomainKind.MAIL) {
        counts.merge(servers.get(d.mx().get(0)).kind(), 1, Integer::sum);
      }
    }
    return counts;
  }

  /**
   * A lab builder holding the plan's zones and servers (only servers some domain uses); add latency
   * and start it. Classic zones are RSA-signed with one shared key and deny with NSEC;
   * representative ones ECDSA P-256-signed, each with its own key, {@code test.} with NSEC3 and
   * opt-out, one in {@value #NSEC3_ONE_IN} signed zones under it with NSEC3. Every server has a
   * certificate of its own; above {@value #KEY_POOL_ABOVE} servers their keys are drawn from a pool
   * of {@value #KEY_POOL} per algorithm, and each certificate is made when the server is first
   * connected to ({@link DaneLab.Builder#lazyCertificates(boolean)}), so that a big lab starts in
   * minutes, not hours (an RSA-2048 key takes ~0.1 s to make, a certificate ~1 ms to sign).
   */
  public DaneLab.Builder labBuilder() {
    DaneLab.Builder builder =
        world == World.CLASSIC
            ? DaneLab.builder().zoneAlgorithm(LabAlgorithm.RSASHA256).shareKeys(true)
            : DaneLab.builder().zoneAlgorithm(LabAlgorithm.ECDSAP256SHA256).shareKeys(false);
    boolean[] used = new boolean[servers.size()];
    domains.forEach(d -> d.mx().forEach(i -> used[i] = true));
    KeyPool keys = serversInUse() > KEY_POOL_ABOVE ? new KeyPool() : null;
    boolean representative = world == World.REPRESENTATIVE;
    int signedZones = 0; // every NSEC3_ONE_IN-th signed zone, counted in the order below: NSEC3
    if (representative) {
      builder.zone("test", z -> z.nsec3(n -> n.optOut(true)));
      for (Domain d : domains) {
        if (d.kind() != DomainKind.NONEXISTENT && d.signed()) {
          builder.zone(d.name(), denial(signedZones++));
        }
      }
    }
    // Certificates made on first connection: most of a big lab's start otherwise.
    builder.lazyCertificates(keys != null);
    TestCertificate otherCa =
        TestCertificate.builder()
            .subject("Synthetic Untrusted CA")
            .certificateAuthority(0)
            .validFor(Duration.ofDays(365))
            .build();
    for (int k = 0; k < servers.size(); k++) {
      if (!used[k]) {
        continue;
      }
      Server server = servers.get(k);
      String zone = server.name().substring(server.name().indexOf('.') + 1);
      if (!server.zoneSigned()) {
        builder.zone(zone, LabZone::unsigned);
      } else if (representative) {
        // Declared, or its host would be placed in the declared test. zone itself.
        builder.zone(zone, denial(signedZones++));
      }
      KeyPair key = keys == null ? null : keys.get(server.rsa(), k);
      builder.host(server.name(), h -> configure(h, server, otherCa, key));
    }
    for (Domain d : domains) {
      switch (d.kind()) {
        case NONEXISTENT -> {}
        case NULL_MX -> builder.domain(d.name(), ld -> signed(ld, d).nullMx());
        case MAIL ->
            builder.domain(
                d.name(),
                ld -> {
                  signed(ld, d);
                  for (int p = 0; p < d.mx().size(); p++) {
                    ld.mxShared(10 * (p + 1), servers.get(d.mx().get(p)).name());
                  }
                });
      }
    }
    return builder;
  }

  /** The n-th signed zone's denial: NSEC3 for one in {@value #NSEC3_ONE_IN}, else NSEC. */
  private static java.util.function.Consumer<LabZone> denial(int n) {
    return n % NSEC3_ONE_IN == 0 ? LabZone::nsec3 : z -> {};
  }

  private static LabDomain signed(LabDomain domain, Domain d) {
    return d.signed() ? domain : domain.unsigned();
  }

  /** The most servers a representative plan has: the lab's host addresses, less some spare. */
  static final int MAX_SERVERS = 4_000_000;

  /** Servers in use above which leaf keys come from a pool and certificates are made lazily. */
  static final int KEY_POOL_ABOVE = 5_000;

  /** Keys per algorithm in the pool. */
  static final int KEY_POOL = 64;

  /** Leaf keys made on first use, {@value #KEY_POOL} per algorithm. */
  private static final class KeyPool {
    private final KeyPair[] rsa = new KeyPair[KEY_POOL];
    private final KeyPair[] ec = new KeyPair[KEY_POOL];

    KeyPair get(boolean isRsa, int server) {
      KeyPair[] pool = isRsa ? rsa : ec;
      int i = server % KEY_POOL;
      if (pool[i] == null) {
        try {
          KeyPairGenerator g = KeyPairGenerator.getInstance(isRsa ? "RSA" : "EC");
          if (isRsa) {
            g.initialize(2048);
          } else {
            g.initialize(new ECGenParameterSpec("secp256r1"));
          }
          pool[i] = g.generateKeyPair();
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("cannot make a lab key", e);
        }
      }
      return pool[i];
    }
  }

  private static void configure(
      LabHost h, Server server, TestCertificate otherCa, KeyPair pooledKey) {
    if (server.ipv6()) {
      h.ipv6();
    }
    if (server.rsa()) {
      h.keyAlgorithm(KeyAlgorithm.RSA);
    }
    if (pooledKey != null) {
      h.leaf(b -> withKey(b, pooledKey));
    }
    switch (server.kind()) {
      case NO_TLS -> h.persona(MailPersona.Behaviour.NO_STARTTLS);
      case ANONYMOUS -> h.persona(MailPersona.Behaviour.ANONYMOUS_ONLY);
      case UNTRUSTED -> h.leaf(b -> withKey(b, pooledKey).signedBy(otherCa));
      case TRUSTED -> {}
      case DANE_VERIFIED -> h.tlsa(3, 1, 1);
      case DANE_WRONG_TLSA -> h.tlsa("3 1 1 " + "00".repeat(32));
      case BAD_TLS -> h.persona(MailPersona.Behaviour.TLS_ALERT);
    }
  }

  private static TestCertificate.Builder withKey(TestCertificate.Builder b, KeyPair key) {
    return key == null ? b : b.keyPair(key);
  }
}
