/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.danecheck.LookupStatus;
import org.danecheck.Problem;
import org.danecheck.ProblemCode;
import org.danecheck.TlsaRecord;
import org.danecheck.ValidationMode;
import org.danecheck.core.internal.Deadline;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.Type;

/**
 * The DNS queries of RFC 7672 2.2.1 to 2.2.3: MX records, host addresses, CNAME and TLSA records,
 * each answer with its DNSSEC status. This class only fetches and carries: which queries to make
 * and what the answers mean is {@code Rfc7672Policy}'s. Lookups never fail: failures are data in
 * the results. Every future completes by the {@link Deadline} given.
 *
 * <p>Bounds: at most {@value #MAX_ADDRESSES_PER_FAMILY} addresses per family and host, {@value
 * #MAX_TLSA_RECORDS} TLSA records, CNAME chains of at most {@value DnsClient#MAX_CNAME_DEPTH}
 * links; what is cut is reported as {@link ProblemCode#LIMIT_REACHED}.
 *
 * <p>Identical queries in flight at the same time are sent once (when the lookup in flight can
 * serve the new caller, whose deadline it then runs to); with {@link
 * DnsConfig.Builder#cache(boolean)} answers are also kept for their TTL. Every lookup, DNSSEC
 * sub-queries included, ends by its callers' deadlines plus the resolver library's timer
 * granularity. An answer that a deadline or a stop ended, rather than the servers, is marked {@code
 * cut}: the step did not finish, and the answer is not data about the domain.
 */
public final class MailDns implements AutoCloseable {
  /** The most addresses considered per host and address family. */
  public static final int MAX_ADDRESSES_PER_FAMILY = 8;

  /** The most TLSA records considered per RRset. */
  public static final int MAX_TLSA_RECORDS = 64;

  /** The cache size when the cache is just turned on. */
  public static final int DEFAULT_CACHE_ENTRIES = 10_000;

  private final DnsConfig config;
  private final ExecutorService executor;
  private final ScheduledExecutorService timer;
  private final DnsClient client;

  /**
   * Builds the resolver stack of a configuration.
   *
   * @throws IllegalArgumentException when the trust anchors do not parse
   */
  public MailDns(DnsConfig config) {
    this(config, null);
  }

  /** For tests: a given head resolver (e.g. a mock) instead of the configured resolvers. */
  MailDns(DnsConfig config, Resolver head) {
    this.config = config;
    // dnsjava's work and every continuation of a lookup run here (see LookupScope).
    this.executor = Executors.newFixedThreadPool(2, daemonThreads("dane-check-dns-"));
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(1, daemonThreads("dane-check-dns-timer-"));
    timer.setRemoveOnCancelPolicy(true); // answered lookups cancel their timeouts
    this.timer = timer;
    try {
      this.client =
          head == null
              ? new DnsClient(config, executor, timer)
              : new DnsClient(config, head, executor, timer);
    } catch (RuntimeException e) {
      executor.shutdownNow();
      timer.shutdownNow();
      throw e;
    }
  }

  /** How DNSSEC status is established. */
  public ValidationMode mode() {
    return config.adTrust() ? ValidationMode.AD_TRUST : ValidationMode.IN_PROCESS;
  }

  /** Findings about the configuration itself, e.g. AD-trust mode with a remote resolver. */
  public List<Problem> configurationProblems() {
    List<Problem> problems = new ArrayList<>();
    if (config.adTrust()) {
      problems.add(
          Problem.ofDomain(
              ProblemCode.AD_TRUST_MODE,
              "DNSSEC status is taken from the resolver's AD bit, not validated in process"));
      for (InetSocketAddress resolver : config.resolvers()) {
        if (!resolver.getAddress().isLoopbackAddress()) {
          problems.add(
              Problem.ofDomain(
                  ProblemCode.AD_TRUST_REMOTE_RESOLVER,
                  "resolver "
                      + resolver.getAddress().getHostAddress()
                      + " is not on loopback: its AD bit can be forged on the way"));
        }
      }
    }
    return problems;
  }

  /**
   * The MX lookup of a domain (RFC 7672 2.2.1), as answered: records in answer order, null MX
   * targets included, and the CNAME chain followed.
   */
  public CompletableFuture<MxAnswer> mx(String domain, Deadline deadline) {
    String name = absolute(domain);
    return client
        .query(name, Type.MX, deadline)
        .thenApply(
            answer -> {
              List<MxHost> records = new ArrayList<>();
              for (Record r : answer.records()) {
                MXRecord mx = (MXRecord) r;
                records.add(new MxHost(mx.getPriority(), mx.getTarget().canonicalize().toString()));
              }
              return new MxAnswer(
                  answer.status(), records, answer.cnameChain(), answer.ttl(), answer.cut());
            });
  }

  /**
   * The A and/or AAAA records of a host (families as configured), each RRset with its own status
   * and CNAME chain (RFC 7672 2.2.2 asks for addresses before TLSA).
   */
  public CompletableFuture<HostAddresses> addresses(String host, Deadline deadline) {
    String name = absolute(host);
    CompletableFuture<DnsAnswer> a = config.ipv4() ? client.query(name, Type.A, deadline) : null;
    CompletableFuture<DnsAnswer> aaaa =
        config.ipv6() ? client.query(name, Type.AAAA, deadline) : null;
    CompletableFuture<?> both =
        CompletableFuture.allOf(
            a == null ? CompletableFuture.completedFuture(null) : a,
            aaaa == null ? CompletableFuture.completedFuture(null) : aaaa);
    return both.thenApply(
        v -> {
          List<DnsAnswer> answers = new ArrayList<>();
          if (a != null) {
            answers.add(a.join()); // complete: allOf is done
          }
          if (aaaa != null) {
            answers.add(aaaa.join());
          }
          return hostAddresses(name, answers);
        });
  }

  private static HostAddresses hostAddresses(String host, List<DnsAnswer> answers) {
    List<HostAddresses.Rrset> rrsets = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (DnsAnswer answer : answers) {
      List<InetAddress> addresses = new ArrayList<>();
      for (Record r : answer.records()) {
        if (addresses.size() == MAX_ADDRESSES_PER_FAMILY) {
          problems.add(
              Problem.of(
                  ProblemCode.LIMIT_REACHED,
                  host,
                  host
                      + " has "
                      + answer.records().size()
                      + " "
                      + answer.status().type()
                      + " records; only the first "
                      + MAX_ADDRESSES_PER_FAMILY
                      + " are examined"));
          break;
        }
        InetAddress address = address(r);
        if (address != null) {
          addresses.add(address);
        }
      }
      rrsets.add(
          new HostAddresses.Rrset(
              answer.status(),
              answer.cnameChain(),
              answer.cnameChainInvalid(),
              addresses,
              answer.ttl(),
              answer.cut()));
    }
    return new HostAddresses(host, rrsets, problems);
  }

  private static InetAddress address(Record r) {
    if (r instanceof ARecord a) {
      return a.getAddress();
    }
    if (r instanceof AAAARecord aaaa) {
      return aaaa.getAddress();
    }
    return null;
  }

  /**
   * The CNAME lookup of a name: only its own CNAME record, whose DNSSEC status an address lookup
   * through a CNAME into an unsigned zone does not tell (RFC 7672 2.1.3).
   */
  public CompletableFuture<CnameAnswer> cname(String name, Deadline deadline) {
    return client
        .query(absolute(name), Type.CNAME, deadline)
        .thenApply(answer -> new CnameAnswer(answer.status(), answer.cut()));
  }

  /**
   * The TLSA lookups for candidate base domains, tried in order (RFC 7672 2.2.3) until {@code
   * searchEnds} says an answer ends the search; the candidates and the rule are the policy's.
   */
  public CompletableFuture<List<TlsaAnswer>> tlsa(
      List<String> baseDomains, int port, Deadline deadline, Predicate<LookupStatus> searchEnds) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is not 0 to 65535");
    }
    CompletableFuture<List<TlsaAnswer>> tried = CompletableFuture.completedFuture(List.of());
    for (String base : baseDomains) {
      tried =
          tried.thenCompose(
              before -> {
                if (!before.isEmpty() && searchEnds.test(before.get(before.size() - 1).lookup())) {
                  return CompletableFuture.completedFuture(before);
                }
                return client
                    .query(absolute(TlsaRecord.ownerName(base, port)), Type.TLSA, deadline)
                    .thenApply(
                        answer -> {
                          List<TlsaAnswer> all = new ArrayList<>(before);
                          all.add(tlsaAnswer(base, answer));
                          return List.copyOf(all);
                        });
              });
    }
    return tried;
  }

  private static TlsaAnswer tlsaAnswer(String base, DnsAnswer answer) {
    List<TlsaRecord> records = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (Record r : answer.records()) {
      if (records.size() == MAX_TLSA_RECORDS) {
        problems.add(
            Problem.of(
                ProblemCode.LIMIT_REACHED,
                base,
                answer.status().name()
                    + " has "
                    + answer.records().size()
                    + " TLSA records; only the first "
                    + MAX_TLSA_RECORDS
                    + " are examined"));
        break;
      }
      TLSARecord t = (TLSARecord) r;
      records.add(
          TlsaRecord.of(
              t.getCertificateUsage(),
              t.getSelector(),
              t.getMatchingType(),
              t.getCertificateAssociationData()));
    }
    return new TlsaAnswer(
        absolute(base), answer.status(), records, problems, answer.ttl(), answer.cut());
  }

  private static String absolute(String name) {
    String lower = name.strip().toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower : lower + ".";
  }

  /**
   * Stops every lookup (waiting futures complete at once as failed, no further query is sent) and
   * the threads. Returns at once.
   */
  @Override
  public void close() {
    client.stopAll();
    timer.shutdownNow();
    executor.shutdownNow();
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
