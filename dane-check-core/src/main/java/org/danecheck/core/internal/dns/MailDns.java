package org.danecheck.core.internal.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import org.danecheck.DnssecStatus;
import org.danecheck.LookupOutcome;
import org.danecheck.LookupStatus;
import org.danecheck.MxSource;
import org.danecheck.Problem;
import org.danecheck.ProblemCode;
import org.danecheck.TlsaRecord;
import org.danecheck.ValidationMode;
import org.danecheck.core.internal.Deadline;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.Type;

/**
 * The DNS steps of RFC 7672 2.1 and 2.2: MX hosts, their addresses and their TLSA records, each
 * with its DNSSEC status. Lookups run in parallel and never fail: failures are data in the results.
 * Every future completes by the {@link Deadline} given.
 *
 * <p>Bounds: at most {@value #MAX_MX_HOSTS} MX hosts, {@value #MAX_ADDRESSES_PER_FAMILY} addresses
 * per family and host, {@value #MAX_TLSA_RECORDS} TLSA records, CNAME chains of at most {@value
 * DnsClient#MAX_CNAME_DEPTH} links; what is cut is reported as {@link ProblemCode#LIMIT_REACHED}.
 *
 * <p>Identical queries in flight at the same time are sent once (when the lookup in flight can
 * serve the new caller); with {@link DnsConfig.Builder#cache(boolean)} answers are also kept for
 * their TTL. Every lookup, DNSSEC sub-queries included, ends by its callers' deadlines plus the
 * resolver library's timer granularity, on this object's threads.
 */
public final class MailDns implements AutoCloseable {
  /** The most MX hosts considered. */
  public static final int MAX_MX_HOSTS = 16;

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
          Problem.of(
              ProblemCode.AD_TRUST_MODE,
              "",
              "DNSSEC status is taken from the resolver's AD bit, not validated in process"));
      for (InetSocketAddress resolver : config.resolvers()) {
        if (!resolver.getAddress().isLoopbackAddress()) {
          problems.add(
              Problem.of(
                  ProblemCode.AD_TRUST_REMOTE_RESOLVER,
                  "",
                  "resolver "
                      + resolver.getAddress().getHostAddress()
                      + " is not on loopback: its AD bit can be forged on the way"));
        }
      }
    }
    return problems;
  }

  /**
   * The MX hosts of a domain (RFC 7672 2.1): a failed or bogus lookup is a failure (an MTA defers;
   * never an implicit MX); a null MX (RFC 7505) means no mail; NODATA means the implicit MX, the
   * domain itself (RFC 5321 5.1); NXDOMAIN means no such domain.
   */
  public CompletableFuture<MxResult> mx(String domain, Deadline deadline) {
    String name = absolute(domain);
    return client.query(name, Type.MX, deadline).thenApply(answer -> mxResult(name, answer));
  }

  private static MxResult mxResult(String domain, DnsAnswer answer) {
    LookupStatus status = answer.status();
    List<Problem> problems = new ArrayList<>();
    if (!status.outcome().answered()) {
      problems.add(lookupProblem(ProblemCode.MX_LOOKUP_FAILED, domain, status, answer));
      return new MxResult(MxSource.LOOKUP_FAILED, status, List.of(), problems);
    }
    if (status.dnssec() != DnssecStatus.SECURE) {
      problems.add(
          Problem.of(
              ProblemCode.MX_INSECURE,
              domain,
              "the MX lookup for " + domain + " is not DNSSEC-signed: DANE does not apply"));
    }
    if (status.outcome() == LookupOutcome.NXDOMAIN) {
      // RFC 5321 5.1: the implicit MX applies only to a domain that exists.
      return new MxResult(MxSource.NO_SUCH_DOMAIN, status, List.of(), problems);
    }
    if (status.outcome() == LookupOutcome.NODATA) {
      problems.add(
          Problem.of(
              ProblemCode.IMPLICIT_MX,
              domain,
              domain + " has no MX records: the domain itself is the mail host (RFC 5321 5.1)"));
      return new MxResult(MxSource.IMPLICIT_MX, status, List.of(new MxHost(0, domain)), problems);
    }
    List<MxHost> hosts = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    boolean nullMx = false;
    for (Record r : answer.records()) {
      MXRecord mx = (MXRecord) r;
      if (mx.getTarget().equals(Name.root)) {
        nullMx = true; // RFC 7505 3: "." is no host
        continue;
      }
      String target = mx.getTarget().canonicalize().toString();
      if (seen.add(target)) {
        hosts.add(new MxHost(mx.getPriority(), target));
      }
    }
    if (nullMx && hosts.isEmpty()) {
      problems.add(
          Problem.of(
              ProblemCode.NULL_MX,
              domain,
              domain + " has a null MX: it accepts no mail (RFC 7505)"));
      return new MxResult(MxSource.NULL_MX, status, List.of(), problems);
    }
    hosts.sort(Comparator.comparingInt(MxHost::preference).thenComparing(MxHost::name));
    if (hosts.size() > MAX_MX_HOSTS) {
      problems.add(
          Problem.of(
              ProblemCode.LIMIT_REACHED,
              domain,
              domain
                  + " has "
                  + hosts.size()
                  + " MX hosts; only the first "
                  + MAX_MX_HOSTS
                  + " are examined"));
      hosts = hosts.subList(0, MAX_MX_HOSTS);
    }
    return new MxResult(MxSource.MX_RECORDS, status, hosts, problems);
  }

  /**
   * The A and/or AAAA records of a host (families as configured), each RRset with its own status.
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
    List<LookupStatus> lookups = new ArrayList<>();
    List<ResolvedAddress> addresses = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    List<String> chain = List.of();
    boolean chainSecure = true;
    for (DnsAnswer answer : answers) {
      LookupStatus status = answer.status();
      lookups.add(status);
      if (answer.cnameChainInvalid()) {
        problems.add(
            Problem.of(
                ProblemCode.CNAME_CHAIN_INVALID,
                host,
                status.type() + " lookup for " + host + ": " + status.reason()));
        continue;
      }
      if (!status.outcome().answered()) {
        problems.add(lookupProblem(ProblemCode.ADDRESS_LOOKUP_FAILED, host, status, answer));
        continue;
      }
      if (!answer.cnameChain().isEmpty() && chain.isEmpty()) {
        chain = answer.cnameChain();
      }
      if (!answer.cnameChain().isEmpty() && status.dnssec() != DnssecStatus.SECURE) {
        chainSecure = false; // RFC 7672 2.2.2: an insecure link makes the rest insecure
      }
      if (status.dnssec() != DnssecStatus.SECURE) {
        problems.add(
            Problem.of(
                ProblemCode.HOST_INSECURE,
                host,
                "the "
                    + status.type()
                    + " records of "
                    + host
                    + " are not DNSSEC-signed: no TLSA lookup (RFC 7672 2.2)"));
      }
      int kept = 0;
      for (Record r : answer.records()) {
        if (kept == MAX_ADDRESSES_PER_FAMILY) {
          problems.add(
              Problem.of(
                  ProblemCode.LIMIT_REACHED,
                  host,
                  host
                      + " has "
                      + answer.records().size()
                      + " "
                      + status.type()
                      + " records; only the first "
                      + MAX_ADDRESSES_PER_FAMILY
                      + " are examined"));
          break;
        }
        InetAddress address = address(r);
        if (address != null) {
          addresses.add(new ResolvedAddress(address, status.dnssec()));
          kept++;
        }
      }
    }
    if (addresses.isEmpty()) {
      problems.add(
          Problem.of(
              ProblemCode.NO_ADDRESSES,
              host,
              host + " has no usable address of the families asked"));
    }
    return new HostAddresses(host, chain, chainSecure, lookups, addresses, problems);
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
   * The TLSA records of a host and port (RFC 7672 2.2), asked only when {@link
   * HostAddresses#addressesSecure()}. With a secure CNAME chain the fully expanded name is tried
   * first and the original name second (RFC 7672 2.2.2, RFC 7671 7): the expanded name's secure
   * TLSA records win; its secure denial or insecure answer moves on to the original name; its
   * failure is a failure. A failed or bogus lookup is FAILED (an MTA defers), never "no TLSA".
   */
  public CompletableFuture<TlsaResult> tlsa(HostAddresses host, int port, Deadline deadline) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is not 0 to 65535");
    }
    String original = host.host();
    if (!host.addressesSecure()) {
      return CompletableFuture.completedFuture(
          new TlsaResult(
              original,
              "not queried: the addresses of " + original + " were not obtained securely",
              List.of(),
              List.of(),
              TlsaState.NOT_QUERIED,
              List.of()));
    }
    if (host.cnameChain().isEmpty()) {
      return query(original, port, deadline)
          .thenApply(
              a -> tlsaResult(original, "the MX host name, which is not a CNAME", List.of(a), a));
    }
    String expanded = host.expandedName();
    return query(expanded, port, deadline)
        .thenCompose(
            first -> {
              LookupStatus s = first.status();
              if (!s.outcome().answered() || s.outcome() == LookupOutcome.DATA && s.isSecure()) {
                return CompletableFuture.completedFuture(
                    tlsaResult(
                        original,
                        expanded,
                        "the fully CNAME-expanded name, tried first (RFC 7672 2.2.2)",
                        List.of(first),
                        first));
              }
              return query(original, port, deadline)
                  .thenApply(
                      second ->
                          tlsaResult(
                              original,
                              "the original MX host name: the expanded name "
                                  + expanded
                                  + " had no secure TLSA records (RFC 7672 2.2.2)",
                              List.of(first, second),
                              second));
            });
  }

  private CompletableFuture<DnsAnswer> query(String base, int port, Deadline deadline) {
    return client.query(TlsaRecord.ownerName(base, port), Type.TLSA, deadline);
  }

  private static TlsaResult tlsaResult(
      String base, String reason, List<DnsAnswer> tried, DnsAnswer decisive) {
    return tlsaResult(base, base, reason, tried, decisive);
  }

  private static TlsaResult tlsaResult(
      String host, String base, String reason, List<DnsAnswer> tried, DnsAnswer decisive) {
    List<LookupStatus> lookups = tried.stream().map(DnsAnswer::status).toList();
    LookupStatus s = decisive.status();
    List<Problem> problems = new ArrayList<>();
    if (!s.outcome().answered()) {
      problems.add(lookupProblem(ProblemCode.TLSA_LOOKUP_FAILED, host, s, decisive));
      return new TlsaResult(base, reason, lookups, List.of(), TlsaState.FAILED, problems);
    }
    if (s.dnssec() != DnssecStatus.SECURE) {
      problems.add(
          Problem.of(
              ProblemCode.TLSA_INSECURE,
              host,
              "the TLSA lookup for " + s.name() + " is not DNSSEC-signed: ignored (RFC 7672 2.2)"));
      return new TlsaResult(base, reason, lookups, List.of(), TlsaState.INSECURE, problems);
    }
    if (s.outcome() != LookupOutcome.DATA) {
      problems.add(
          Problem.of(
              ProblemCode.TLSA_NOT_FOUND,
              host,
              "no TLSA records at " + s.name() + " (securely denied): DANE does not apply"));
      return new TlsaResult(base, reason, lookups, List.of(), TlsaState.SECURE_NONE, problems);
    }
    List<TlsaRecord> records = new ArrayList<>();
    for (Record r : decisive.records()) {
      if (records.size() == MAX_TLSA_RECORDS) {
        problems.add(
            Problem.of(
                ProblemCode.LIMIT_REACHED,
                host,
                s.name()
                    + " has "
                    + decisive.records().size()
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
    return new TlsaResult(base, reason, lookups, records, TlsaState.SECURE_RECORDS, problems);
  }

  private static Problem lookupProblem(
      ProblemCode failure, String subject, LookupStatus status, DnsAnswer answer) {
    String what = status.type() + " lookup for " + status.name();
    if (status.dnssec() == DnssecStatus.BOGUS) {
      return Problem.of(
          ProblemCode.DNSSEC_BOGUS,
          subject,
          what
              + " failed DNSSEC validation"
              + (status.extendedDnsError().isPresent()
                  ? " (EDE " + status.extendedDnsError().getAsInt() + ")"
                  : "")
              + ": "
              + status.reason());
    }
    return Problem.of(failure, subject, what + " failed: " + status.reason());
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
