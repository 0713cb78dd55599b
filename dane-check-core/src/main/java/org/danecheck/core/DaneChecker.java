/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.danecheck.CheckEnvironment;
import org.danecheck.CheckListener;
import org.danecheck.DomainReport;
import org.danecheck.TlsaProfile;
import org.danecheck.ValidationMode;
import org.danecheck.core.internal.IoText;
import org.danecheck.core.internal.check.CheckEngine;
import org.danecheck.core.internal.check.CheckOptions;
import org.danecheck.core.internal.check.PolicyLookup;
import org.danecheck.core.internal.crypto.EcdsaVerifyProvider;
import org.danecheck.core.internal.dns.DnsConfig;
import org.danecheck.core.internal.smtp.ProbeRequest;
import org.danecheck.core.internal.smtp.ProbeResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers, for a mail domain: would a DANE-enforcing MTA (RFC 7672) deliver to it securely, and if
 * not, why? Build one with {@link #builder()}, share it between threads, and {@link #close()} it
 * when done.
 *
 * <pre>{@code
 * try (DaneChecker checker = DaneChecker.builder().build()) {
 *   DomainReport report = checker.check("example.org");
 *   System.out.println(report.verdict() + " " + report.mtaAction());
 * }
 * }</pre>
 *
 * <p>Network failures, bogus signatures and hostile servers are reported in the {@link
 * DomainReport}, never thrown. A check never outlives its deadline: its report comes by then, and
 * its probes and DNS lookups (DNSSEC sub-queries included) are stopped then.
 *
 * <p>Threads: the checker's work runs on threads it owns (a coordinator, a probe pool, DNS threads
 * and timers), with one exception inside dnsjava 3.6.4: when its validator checks a NODATA or
 * NXDOMAIN answer under zone keys it has cached, it continues with {@code thenComposeAsync} and
 * {@code handleAsync} without an executor ({@code ValidatingResolver} lines 588, 688 and 747), so
 * those steps, CPU-only proof checks that neither block nor outlive their lookup, run on the JDK's
 * default async pool: the common {@code ForkJoinPool}, or, where that pool has fewer than two
 * threads (machines with one or two CPUs), a new short-lived thread per step, about three per
 * NODATA and one per NXDOMAIN answer. No setting is needed for correct results; on small machines,
 * {@code -Djava.util.concurrent.ForkJoinPool.common.parallelism=2} (set before anything runs) keeps
 * them on the common pool. See docs/dnsjava-upstream-issue.md.
 */
public final class DaneChecker implements AutoCloseable {
  private final Builder settings;
  private final CheckEngine engine;

  private DaneChecker(Builder settings, CheckOptions options) {
    this.settings = settings;
    this.engine = new CheckEngine(options);
  }

  /**
   * A builder with the defaults: the resolvers of {@code /etc/resolv.conf}, DNSSEC validated in
   * process from the IANA root trust anchors, port 25, a 60 s deadline. Nothing is read until
   * {@link Builder#build()}.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this checker's settings, to build another checker that differs in some of
   * them. The new checker shares nothing with this one (threads, caches).
   */
  public Builder newBuilder() {
    return new Builder(settings);
  }

  /**
   * Checks a mail domain end to end: MX, addresses, TLSA, STARTTLS to every endpoint.
   *
   * @param domain a domain name; U-labels are converted to A-labels, case and a trailing dot are
   *     ignored
   * @throws IllegalArgumentException when the name is not a valid domain name
   * @throws IllegalStateException when the checker is closed
   */
  public DomainReport check(String domain) {
    return checkAsync(domain).join();
  }

  /**
   * Like {@link #check(String)}, without blocking the caller. Cancelling the returned future stops
   * the check's work: its probes (their sockets are closed) and its waits for DNS answers.
   *
   * @throws IllegalArgumentException when the name is not a valid domain name
   * @throws IllegalStateException when the checker is closed
   */
  public CompletableFuture<DomainReport> checkAsync(String domain) {
    return engine.checkDomain(DomainNames.normalize(domain));
  }

  /**
   * Checks one mail server as a relay host configured by name, not found through MX records (RFC
   * 7672 2.2.2): its addresses, TLSA records and endpoints. Its name is trusted as a secure MX host
   * name would be; DANE-TA(2) leaves must name its TLSA base domain or the host itself (RFC 7672
   * 3.2.2, non-MX destinations). For monitoring a single mail server.
   *
   * @throws IllegalArgumentException when the name is not a valid host name
   * @throws IllegalStateException when the checker is closed
   */
  public DomainReport checkHost(String mxHost) {
    return checkHostAsync(mxHost).join();
  }

  /**
   * Like {@link #checkHost(String)}, without blocking the caller; cancelling the returned future
   * stops the check's work, as for {@link #checkAsync(String)}.
   *
   * @throws IllegalArgumentException when the name is not a valid host name
   * @throws IllegalStateException when the checker is closed
   */
  public CompletableFuture<DomainReport> checkHostAsync(String mxHost) {
    return engine.checkHost(DomainNames.normalize(mxHost));
  }

  /**
   * The DNS-only delivery policy of a mail domain, for an MTA's own delivery: the MX hosts in the
   * order to try them and, for each, what its sessions must achieve (DANE-authenticated TLS, TLS
   * without authentication, opportunistic, or skip) with the TLSA records, SNI and reference
   * identifiers to use; or defer, or no mail. The same decisions as {@link #check(String)}, from
   * the same lookups, without connecting anywhere.
   *
   * <p>For an MTA: keep one checker per process, built with {@link Builder#dnsCache(int)}, and ask
   * for the policy of each delivery attempt; the DNS cache answers repeated lookups until their TTL
   * ({@link DomainPolicy#expiresAt()}), so there is no need for a cache of policies. Failed lookups
   * are never cached: a deferred domain is asked again at the next attempt. On {@link
   * org.danecheck.PolicyAction#DEFER}, keep the message queued and retry later (as for a 4xx
   * reply); the policy's {@link DomainPolicy#reason()} is the deferral reason to log. Bounded by
   * {@link Builder#deadline(Duration)} like a check; a lookup cut by it (or by {@link #close()})
   * completes as a deferral, never throws.
   *
   * @param domain a domain name; U-labels are converted to A-labels, case and a trailing dot are
   *     ignored
   * @throws IllegalArgumentException when the name is not a valid domain name
   * @throws IllegalStateException when the checker is closed
   */
  public DomainPolicy policy(String domain) {
    return policyAsync(domain).join();
  }

  /**
   * Like {@link #policy(String)}, without blocking the caller.
   *
   * @throws IllegalArgumentException when the name is not a valid domain name
   * @throws IllegalStateException when the checker is closed
   */
  public CompletableFuture<DomainPolicy> policyAsync(String domain) {
    String name = DomainNames.normalize(domain);
    return engine.policy(name).thenApply(lookup -> DomainPolicy.of(name, lookup));
  }

  /**
   * The endpoint probes {@link #check(String)} of the policy's domain makes, given the policy's DNS
   * answers: every address of every host it probes, with this checker's settings (certificate
   * algorithms, anonymous suites, port), at most {@value
   * org.danecheck.core.internal.check.CheckEngine#MAX_PROBES_PER_SERVER} to one server. For scans
   * that probe each server once, apart from the checks of its domains (see {@link ProbeTarget}).
   */
  public List<ProbeTarget> probeTargets(DomainPolicy policy) {
    List<PolicyLookup.Host> hosts = new ArrayList<>();
    for (MxHostPolicy host : policy.hosts()) {
      hosts.add(host.lookupHost());
    }
    return engine.probeRequests(hosts).stream().map(ProbeTarget::of).toList();
  }

  /**
   * Probes one endpoint as a check does: under {@link Builder#maxConnectionsPerServer(int)},
   * through the probe cache when there is one, bounded by the check deadline. Network failures are
   * data in the record, never exceptions.
   *
   * @throws IllegalStateException when the checker is closed
   */
  public CompletableFuture<ProbeRecord> probeAsync(ProbeTarget target) {
    return engine.probe(target.request()).thenApply(ProbeRecord::of);
  }

  /**
   * Checks a domain as {@link #checkAsync(String)} does, with its endpoint probes answered from
   * {@code probes} instead of connections: the same DNS steps (answered from the DNS cache when the
   * policy lookup filled it), the same decisions ({@code Rfc7672Policy}), the same report. An
   * endpoint without a record in {@code probes}, or with a {@link ProbeRecord#cut() cut} one, is
   * reported as not probed, so the check is incomplete, never more than proven.
   *
   * @throws IllegalArgumentException when the name is not a valid domain name
   * @throws IllegalStateException when the checker is closed
   */
  public CompletableFuture<DomainReport> checkAsync(
      String domain, Map<ProbeTarget, ProbeRecord> probes) {
    Map<ProbeRequest, ProbeResult> given = new HashMap<>();
    probes.forEach((t, r) -> given.put(t.request(), r.result()));
    return engine.checkDomain(
        DomainNames.normalize(domain), request -> Optional.ofNullable(given.get(request)));
  }

  /**
   * Stops the checker. Every check in flight completes at once with what is known by then: its
   * verdict {@link org.danecheck.DaneVerdict#INDETERMINATE}, the steps not done listed in {@link
   * DomainReport#incompleteSteps()}. Probe sockets are closed and DNS lookups stopped before it
   * returns, and the threads are told to end; it waits for none of them, so it returns at once.
   * Policy lookups in flight complete as deferrals. Idempotent; after it, {@link #check}, {@link
   * #checkAsync}, {@link #checkHost} and {@link #policy} throw {@link IllegalStateException}.
   */
  @Override
  public void close() {
    engine.close();
  }

  /**
   * The settings of a {@link DaneChecker}; every one has a default. Each setter checks its value at
   * once ({@link IllegalArgumentException}); settings that exclude each other are refused with
   * {@link IllegalStateException} naming both. Nothing is read (files, {@code /etc/resolv.conf})
   * and nothing is started before {@link #build()}, which may be called more than once.
   */
  public static final class Builder {
    /** The room one typical DNS answer takes in the cache: a few records and their RRSIGs. */
    private static final long TYPICAL_ANSWER_BYTES = 2048;

    /**
     * The room one typical probe result takes: a 3-5 KB chain with its summaries, rounded up; a
     * hostile megabyte chain takes the room of over a hundred.
     */
    private static final long TYPICAL_PROBE_BYTES = 8 * 1024;

    private static final Logger log = LoggerFactory.getLogger(DaneChecker.class);

    private List<InetSocketAddress> resolvers; // null: /etc/resolv.conf at build()
    private String trustAnchors;
    private Path trustAnchorFile;
    private ValidationMode validationMode = ValidationMode.IN_PROCESS;
    private int smtpPort = 25;
    private Duration deadline = Duration.ofSeconds(60);
    private Duration queryTimeout = DnsConfig.DEFAULT_QUERY_TIMEOUT;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration commandTimeout = Duration.ofSeconds(30);
    private boolean ipv4 = true;
    private boolean ipv6 = true;
    private String ehloName; // null: /etc/mailname at build()
    private TlsaProfile tlsaProfile = TlsaProfile.SMTP;
    private KeyStore pkixTrustStore;
    private Path pkixTrustPem;
    private boolean bothAlgorithms;
    private boolean offerAnonymous;
    private Clock clock = Clock.systemUTC();
    private long dnsCacheBytes;
    private Duration probeCacheAge = Duration.ZERO;
    private long probeCacheBytes;
    private int maxConcurrentProbes = 32;
    private int maxConcurrentLookups = DnsConfig.DEFAULT_MAX_CONCURRENT_LOOKUPS;
    private int maxConnectionsPerServer = 2;
    private Executor executor;
    private CheckListener listener = CheckListener.NONE;
    private boolean fastEcdsa;

    private Builder() {}

    private Builder(Builder b) {
      resolvers = b.resolvers;
      trustAnchors = b.trustAnchors;
      trustAnchorFile = b.trustAnchorFile;
      validationMode = b.validationMode;
      smtpPort = b.smtpPort;
      deadline = b.deadline;
      queryTimeout = b.queryTimeout;
      connectTimeout = b.connectTimeout;
      commandTimeout = b.commandTimeout;
      ipv4 = b.ipv4;
      ipv6 = b.ipv6;
      ehloName = b.ehloName;
      tlsaProfile = b.tlsaProfile;
      pkixTrustStore = b.pkixTrustStore;
      pkixTrustPem = b.pkixTrustPem;
      bothAlgorithms = b.bothAlgorithms;
      offerAnonymous = b.offerAnonymous;
      clock = b.clock;
      dnsCacheBytes = b.dnsCacheBytes;
      probeCacheAge = b.probeCacheAge;
      probeCacheBytes = b.probeCacheBytes;
      maxConcurrentProbes = b.maxConcurrentProbes;
      maxConcurrentLookups = b.maxConcurrentLookups;
      maxConnectionsPerServer = b.maxConnectionsPerServer;
      executor = b.executor;
      listener = b.listener;
      fastEcdsa = b.fastEcdsa;
    }

    /**
     * Recursive resolvers to ask, in order, as {@code host[:port]} with an IP address (IPv6 as
     * {@code [addr]:port}; port 53 when absent). Default: those of {@code /etc/resolv.conf}, read
     * by {@link #build()}.
     *
     * @throws IllegalArgumentException when the list is empty or an entry is not an IP address
     */
    public Builder resolvers(List<String> hostPorts) {
      List<InetSocketAddress> addresses = new ArrayList<>();
      for (String hostPort : hostPorts) {
        addresses.add(DnsConfig.parseResolver(hostPort));
      }
      if (addresses.isEmpty()) {
        throw new IllegalArgumentException("resolvers: at least one is needed");
      }
      this.resolvers = List.copyOf(addresses);
      return this;
    }

    /** One recursive resolver, instead of those of {@code /etc/resolv.conf}. */
    public Builder resolver(InetSocketAddress address) {
      this.resolvers = List.of(Objects.requireNonNull(address, "resolver address"));
      return this;
    }

    /**
     * How DNSSEC status is established: {@link ValidationMode#IN_PROCESS} (the default) validates
     * every answer from the trust anchors; {@link ValidationMode#AD_TRUST} trusts the resolvers' AD
     * bit instead, as Postfix does, which is only safe with a validating resolver on loopback. The
     * mode is reported in every result.
     *
     * @throws IllegalStateException for AD_TRUST when trust anchors were set (they would not be
     *     used)
     */
    public Builder validationMode(ValidationMode mode) {
      Objects.requireNonNull(mode, "validation mode");
      if (mode == ValidationMode.AD_TRUST && (trustAnchors != null || trustAnchorFile != null)) {
        throw new IllegalStateException(
            "validationMode(AD_TRUST): trust anchors are set, and a resolver's AD bit makes no use"
                + " of them; set one or the other");
      }
      this.validationMode = mode;
      return this;
    }

    /**
     * Replaces the built-in root trust anchors (IANA KSKs 20326 and 38696) by DS or DNSKEY records
     * in presentation format, one per line: for private roots and labs.
     *
     * @throws IllegalStateException when a trust anchor file or AD_TRUST mode is set
     */
    public Builder trustAnchors(String presentationText) {
      Objects.requireNonNull(presentationText, "trust anchors");
      requireUnset(trustAnchorFile, "trustAnchors", "trustAnchorFile");
      requireInProcess("trustAnchors");
      this.trustAnchors = presentationText;
      return this;
    }

    /**
     * Like {@link #trustAnchors(String)}, read from a file by {@link #build()}.
     *
     * @throws IllegalStateException when trust anchor text or AD_TRUST mode is set
     */
    public Builder trustAnchorFile(Path file) {
      Objects.requireNonNull(file, "trust anchor file");
      requireUnset(trustAnchors, "trustAnchorFile", "trustAnchors");
      requireInProcess("trustAnchorFile");
      this.trustAnchorFile = file;
      return this;
    }

    /**
     * Points the checker at a private world (a test lab): its resolver, its root's trust anchors
     * and its SMTP port, as {@link #resolver}, {@link #trustAnchors} and {@link #smtpPort} would.
     *
     * @throws IllegalStateException when a trust anchor file or AD_TRUST mode is set
     */
    public Builder environment(CheckEnvironment environment) {
      Objects.requireNonNull(environment, "environment");
      return resolver(environment.dnsAddress())
          .trustAnchors(environment.trustAnchor())
          .smtpPort(environment.smtpPort());
    }

    /** The SMTP port to probe and to look up TLSA records for; default 25. */
    public Builder smtpPort(int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("SMTP port " + port + " is not 1 to 65535");
      }
      this.smtpPort = port;
      return this;
    }

    /**
     * The deadline of a whole check; default 60 s. It bounds all of the check's work, DNS included:
     * by then the report is complete or cut, and the check's probes and lookups are stopped.
     */
    public Builder deadline(Duration deadline) {
      this.deadline = positive("deadline", deadline);
      return this;
    }

    /** Timeout of one DNS query (per try); default 5 s. */
    public Builder queryTimeout(Duration timeout) {
      this.queryTimeout = positive("query timeout", timeout);
      return this;
    }

    /** Timeout of the TCP connect; default 10 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive("connect timeout", timeout);
      return this;
    }

    /** Timeout of each SMTP reply and of the TLS handshake; default 30 s. */
    public Builder commandTimeout(Duration timeout) {
      this.commandTimeout = positive("command timeout", timeout);
      return this;
    }

    /**
     * Whether to look up and probe IPv4 addresses; default on. {@link #build()} refuses both
     * families off.
     */
    public Builder ipv4(boolean on) {
      this.ipv4 = on;
      return this;
    }

    /**
     * Whether to look up and probe IPv6 addresses; default on. {@link #build()} refuses both
     * families off.
     */
    public Builder ipv6(boolean on) {
      this.ipv6 = on;
      return this;
    }

    /**
     * The name sent in EHLO. Default: the name in {@code /etc/mailname} (Debian's mail name, read
     * by {@link #build()}) when that file holds a valid domain name, else {@code
     * dane-check.invalid}.
     *
     * @throws IllegalArgumentException when the name is not a valid domain name
     */
    public Builder ehloName(String name) {
      this.ehloName = DomainNames.normalize(name);
      return this;
    }

    /** Which rules govern TLSA usages 0 and 1; default {@link TlsaProfile#SMTP}. */
    public Builder tlsaProfile(TlsaProfile profile) {
      this.tlsaProfile = Objects.requireNonNull(profile, "profile");
      return this;
    }

    /**
     * The PKIX trust store for the Trusted/Untrusted levels; default the JDK's cacerts.
     *
     * @throws IllegalStateException when a PEM bundle is set
     */
    public Builder pkixTrustStore(KeyStore trustStore) {
      Objects.requireNonNull(trustStore, "trust store");
      requireUnset(pkixTrustPem, "pkixTrustStore", "pkixTrustPem");
      this.pkixTrustStore = trustStore;
      return this;
    }

    /**
     * The PKIX trust store from a PEM bundle of CA certificates, read by {@link #build()}.
     *
     * @throws IllegalStateException when a trust store is set
     */
    public Builder pkixTrustPem(Path pemBundle) {
      Objects.requireNonNull(pemBundle, "PEM bundle");
      requireUnset(pkixTrustStore, "pkixTrustPem", "pkixTrustStore");
      this.pkixTrustPem = pemBundle;
      return this;
    }

    /**
     * Probes each endpoint of a host with TLSA records twice, once offering only RSA and once only
     * ECDSA, so both of a dual-certificate server's chains are checked; default off.
     */
    public Builder bothAlgorithms(boolean on) {
      this.bothAlgorithms = on;
      return this;
    }

    /**
     * Offers anonymous (aNULL) cipher suites to hosts without usable TLSA records, so the
     * "Anonymous" level can be observed as Postfix would; never to hosts with usable TLSA records
     * (RFC 7672 8.2). Default off.
     */
    public Builder offerAnonymous(boolean on) {
      this.offerAnonymous = on;
      return this;
    }

    /**
     * Verifies ECDSA P-256 and P-384 signatures (DNSSEC algorithms 13 and 14, and ECDSA-signed
     * certificate chains in the PKIX classification) with Bouncy Castle instead of the JDK's SunEC,
     * about four times faster on JDK 17 (docs/benchmarks.md). Default off, because it is <em>
     * process-wide</em>: {@link #build()} puts a narrow provider ({@code DaneCheckEcdsaVerify},
     * ECDSA verification with public keys only, nothing else) first in the JVM's provider list,
     * once, where dnsjava and the JDK's PKIX code find it; it stays for the JVM's life. Signing and
     * every other algorithm keep the providers the JVM had. The dane-check tools turn it on.
     */
    public Builder fastEcdsa(boolean on) {
      this.fastEcdsa = on;
      return this;
    }

    /** The clock for certificate validity and reports; for tests. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Caches DNS answers by their TTL (for scanners), with room for this many typical answers; the
     * cache is bounded by bytes (2 KiB per typical answer), so large answers take the room of
     * several. 0 (the default) for no cache. Sets the same bound as {@link #dnsCacheBytes(long)}.
     */
    public Builder dnsCache(int maxEntries) {
      if (maxEntries < 0) {
        throw new IllegalArgumentException("DNS cache size " + maxEntries + " is negative");
      }
      return dnsCacheBytes(maxEntries * TYPICAL_ANSWER_BYTES);
    }

    /**
     * Caches DNS answers by their TTL, at most about this many bytes of them; 0 for none. With a
     * cache, the DNSSEC validator's positive DS and DNSKEY answers are kept too (an eighth of this,
     * at most 4 MB, at most 15 minutes), so that the zones of many domains under one signed parent
     * do not each ask the parent's and the root's keys again; the validator validates every answer
     * it is given, kept or not.
     */
    public Builder dnsCacheBytes(long maxBytes) {
      if (maxBytes < 0) {
        throw new IllegalArgumentException("DNS cache size " + maxBytes + " is negative");
      }
      this.dnsCacheBytes = maxBytes;
      return this;
    }

    /**
     * Caches endpoint probe results for this long, keyed by host name, address, port, SNI and
     * certificate algorithm, so a scan of many domains contacts each mail server once; probes in
     * flight for the same key are shared. The cache has room for {@code maxEntries} typical results
     * and is bounded by bytes (8 KiB per typical result: a hostile server's megabyte of
     * certificates takes the room of over a hundred). Only complete probes are kept, never one cut
     * short by a check's deadline. Default off. Sets the same cache as {@link
     * #probeCacheBytes(Duration, long)}.
     */
    public Builder probeCache(Duration maxAge, int maxEntries) {
      if (maxEntries < 0) {
        throw new IllegalArgumentException("probe cache size " + maxEntries + " is negative");
      }
      return probeCacheBytes(maxAge, maxEntries * TYPICAL_PROBE_BYTES);
    }

    /** Like {@link #probeCache(Duration, int)}, bounded to about {@code maxBytes} bytes. */
    public Builder probeCacheBytes(Duration maxAge, long maxBytes) {
      Objects.requireNonNull(maxAge, "probe cache age");
      if (maxAge.isNegative()) {
        throw new IllegalArgumentException("probe cache age " + maxAge + " is negative");
      }
      if (maxBytes < 0) {
        throw new IllegalArgumentException("probe cache size " + maxBytes + " is negative");
      }
      this.probeCacheAge = maxAge;
      this.probeCacheBytes = maxBytes;
      return this;
    }

    /** How many probes may run at once (threads); default 32. */
    public Builder maxConcurrentProbes(int probes) {
      if (probes < 1) {
        throw new IllegalArgumentException("max concurrent probes " + probes + " is below 1");
      }
      this.maxConcurrentProbes = probes;
      return this;
    }

    /**
     * How many DNS lookups may run at once, across all checks (default 64; 1 to 4096). More wait
     * without holding a thread. A scan whose throughput is bounded by DNS latency rather than CPU
     * goes faster with more; each lookup holds a few queries to the resolvers in flight.
     */
    public Builder maxConcurrentLookups(int lookups) {
      if (lookups < 1 || lookups > 4096) {
        throw new IllegalArgumentException(
            "max concurrent lookups " + lookups + " is not 1 to 4096");
      }
      this.maxConcurrentLookups = lookups;
      return this;
    }

    /**
     * How many connections at once to one IP address, across all checks; default 2. Probes wait for
     * a connection in a queue per server without holding a probe thread, and one check makes at
     * most 8 probes to one address (more are reported as not probed, {@code LIMIT_REACHED}).
     */
    public Builder maxConnectionsPerServer(int connections) {
      if (connections < 1) {
        throw new IllegalArgumentException(
            "max connections per server " + connections + " is below 1");
      }
      this.maxConnectionsPerServer = connections;
      return this;
    }

    /**
     * Where the futures of {@link DaneChecker#checkAsync} and {@link DaneChecker#checkHostAsync}
     * complete and the listener is called, for callers who own their threads (a UI thread, a
     * virtual-thread executor). Default: the checker's own threads. The checker's work (DNS,
     * probes, timers) stays on its own bounded threads either way.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** Told of each check's progress: MX found, host resolved, probe started and finished. */
    public Builder listener(CheckListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Reads what the settings name (trust anchor file, PEM bundle, {@code /etc/resolv.conf}, {@code
     * /etc/mailname}) and starts a checker; it owns threads until {@link DaneChecker#close()}.
     *
     * @throws IllegalStateException when both address families are off
     * @throws IllegalArgumentException when a file named by a setting cannot be read or parsed
     */
    public DaneChecker build() {
      if (!ipv4 && !ipv6) {
        throw new IllegalStateException(
            "ipv4(false) and ipv6(false): both IPv4 and IPv6 are off, nothing to probe");
      }
      if (fastEcdsa) {
        EcdsaVerifyProvider.install();
      }
      DnsConfig.Builder dns =
          DnsConfig.builder()
              .adTrust(validationMode == ValidationMode.AD_TRUST)
              .queryTimeout(queryTimeout)
              .cacheBytes(dnsCacheBytes)
              .maxConcurrentLookups(maxConcurrentLookups)
              .ipv4(ipv4)
              .ipv6(ipv6);
      if (resolvers != null) {
        dns.resolvers(resolvers);
      }
      if (trustAnchors != null) {
        dns.trustAnchors(trustAnchors);
      } else if (trustAnchorFile != null) {
        dns.trustAnchors(read(trustAnchorFile, "trust anchor file"));
      }
      CheckOptions options =
          new CheckOptions(
              dns.build(),
              smtpPort,
              deadline,
              connectTimeout,
              commandTimeout,
              ipv4,
              ipv6,
              ehloName != null ? ehloName : defaultEhloName(),
              tlsaProfile,
              Optional.ofNullable(pkixTrustStore),
              Optional.ofNullable(pkixTrustPem),
              bothAlgorithms,
              offerAnonymous,
              clock,
              probeCacheAge,
              probeCacheBytes,
              maxConcurrentProbes,
              maxConnectionsPerServer,
              Optional.ofNullable(executor),
              listener);
      return new DaneChecker(new Builder(this), options);
    }

    private void requireInProcess(String setting) {
      if (validationMode == ValidationMode.AD_TRUST) {
        throw new IllegalStateException(
            setting
                + ": validationMode(AD_TRUST) is set, which makes no use of trust anchors; set one"
                + " or the other");
      }
    }

    private static void requireUnset(Object other, String setting, String otherSetting) {
      if (other != null) {
        throw new IllegalStateException(
            setting + ": " + otherSetting + " is already set; they are alternatives, set one");
      }
    }

    private static Duration positive(String what, Duration value) {
      Objects.requireNonNull(value, what);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(what + " " + value + " is not positive");
      }
      return value;
    }

    private static String read(Path file, String what) {
      try {
        return Files.readString(file);
      } catch (IOException e) {
        throw new IllegalArgumentException(IoText.cannotRead(what, file, e), e);
      }
    }

    /**
     * Debian's /etc/mailname when it holds a domain name; no DNS lookup, so building a checker
     * sends nothing. A file that cannot be used is logged, not fatal: the EHLO name is cosmetic.
     */
    private static String defaultEhloName() {
      Path mailname = Path.of("/etc/mailname");
      try {
        return DomainNames.normalize(Files.readString(mailname).strip());
      } catch (NoSuchFileException e) {
        return "dane-check.invalid";
      } catch (IOException | IllegalArgumentException e) {
        log.warn(
            "EHLO name: ignoring {} ({}); using dane-check.invalid",
            mailname,
            e instanceof IOException io ? IoText.why(mailname, io) : e.getMessage());
        return "dane-check.invalid";
      }
    }
  }
}
