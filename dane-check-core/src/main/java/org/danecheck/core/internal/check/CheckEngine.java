/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.check;

import java.net.InetAddress;
import java.security.cert.CertificateEncodingException;
import java.security.cert.TrustAnchor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.danecheck.CertificateAlgorithm;
import org.danecheck.DomainReport;
import org.danecheck.EndpointReport;
import org.danecheck.MxSource;
import org.danecheck.PolicyAction;
import org.danecheck.Problem;
import org.danecheck.ProblemCode;
import org.danecheck.TlsaMatchResult;
import org.danecheck.TlsaProfile;
import org.danecheck.core.DomainNames;
import org.danecheck.core.internal.Deadline;
import org.danecheck.core.internal.dns.HostAddresses;
import org.danecheck.core.internal.dns.MailDns;
import org.danecheck.core.internal.dns.MxHost;
import org.danecheck.core.internal.pkix.PkixTrust;
import org.danecheck.core.internal.policy.AddressPlan;
import org.danecheck.core.internal.policy.HostPolicy;
import org.danecheck.core.internal.policy.MxPlan;
import org.danecheck.core.internal.policy.PolicyDecision;
import org.danecheck.core.internal.policy.ProbePlan;
import org.danecheck.core.internal.policy.Rfc7672Policy;
import org.danecheck.core.internal.policy.SessionAssessment;
import org.danecheck.core.internal.policy.TlsaResult;
import org.danecheck.core.internal.policy.TlsaState;
import org.danecheck.core.internal.smtp.ProbeRequest;
import org.danecheck.core.internal.smtp.ProbeResult;
import org.danecheck.core.internal.smtp.ProberConfig;
import org.danecheck.core.internal.smtp.SmtpProber;
import org.danecheck.core.internal.tlsa.TlsaEngine;
import org.danecheck.core.internal.tlsa.TlsaMatching;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs checks: the I/O side of the RFC 7672 path. DNS answers and probe results flow in; the
 * decisions are {@link Rfc7672Policy}'s; {@link ReportAssembler} turns the state into a report.
 *
 * <p>Threads, all the checker's own: DNS is asynchronous on {@link MailDns}'s executor; every
 * continuation here runs on the coordinator, which never blocks and does no heavy work. Probes
 * block, on a fixed pool of {@code maxConcurrentProbes} threads, which they take only once they
 * hold a slot to their server ({@link SharedProbes}). TLSA matching, the one CPU-bound step (its
 * work is bounded per call, but a hostile chain and RRset take it to the bound), runs on a small
 * matching pool, so that it never holds up the coordinator and with it other checks. A timer cuts
 * each check at its deadline: the report is made of what is known, and the check's {@link Deadline}
 * is cancelled, which ends its probes and DNS waits.
 *
 * <p>{@link #close()} cuts every check in flight the same way and is idempotent; a cancelled report
 * future cuts its check.
 */
public final class CheckEngine implements AutoCloseable {
  /**
   * The most endpoint probes one check makes to one server address (e.g. 16 MX names on one
   * machine): the rest are reported as not probed ({@link org.danecheck.ProblemCode#LIMIT_REACHED})
   * and make the check incomplete. Eight covers four names with both certificate algorithms.
   */
  public static final int MAX_PROBES_PER_SERVER = 8;

  private static final Logger log = LoggerFactory.getLogger(CheckEngine.class);

  private final CheckOptions options;
  private final MailDns dns;
  private final ExecutorService probes;
  private final ExecutorService coordinator;
  private final ExecutorService matching;
  private final ScheduledExecutorService timer;
  private final SharedProbes sharedProbes;
  private final Assembly assembler;
  private final SessionContext session;
  private final Events events;
  private final Map<CheckRun, CompletableFuture<DomainReport>> running = new ConcurrentHashMap<>();
  private final Map<CompletableFuture<PolicyLookup>, String> policies = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  /** How a run's state becomes its report: {@link ReportAssembler#assemble}, or a test's. */
  @FunctionalInterface
  interface Assembly {
    DomainReport assemble(CheckRun run, boolean finished, Optional<Throwable> error);
  }

  public CheckEngine(CheckOptions options) {
    this(options, null);
  }

  /** For tests: {@code assembly} in place of the {@link ReportAssembler}, when not null. */
  CheckEngine(CheckOptions options, Assembly assembly) {
    this.options = options;
    // Read the PKIX trust (a file, perhaps) before starting any thread: a bad one starts nothing.
    PkixTrust trust = pkixTrust(options);
    this.events = new Events(options.listener(), options.executor());
    this.dns = new MailDns(options.dns());
    SmtpProber prober = new SmtpProber(proberConfig(options, trust));
    // RFC 6698 (generic profile): PKIX-TA/PKIX-EE records are checked against the same store.
    // Only anchors the matcher can use, so that the policy's "are there PKIX trust anchors" is
    // the matcher's.
    this.session =
        new SessionContext(
            options.tlsaProfile(),
            trust,
            options.tlsaProfile() == TlsaProfile.GENERIC
                ? TlsaEngine.usableTrustAnchors(anchorsDer(trust))
                : List.of(),
            options.clock());
    this.probes = Executors.newFixedThreadPool(options.maxConcurrentProbes(), daemon("dane-probe"));
    this.coordinator = Executors.newFixedThreadPool(2, daemon("dane-check"));
    this.matching =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())),
            daemon("dane-match"));
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemon("dane-deadline"));
    // Checks that finish early cancel their backstop; a scanner must not keep them queued.
    timer.setRemoveOnCancelPolicy(true);
    this.timer = timer;
    Optional<ProbeCache> probeCache =
        options.probeCacheEnabled()
            ? Optional.of(new ProbeCache(options.probeCacheAge(), options.probeCacheBytes()))
            : Optional.empty();
    // A probe may take as long as a whole check: its budget, whoever waits for it.
    this.sharedProbes =
        new SharedProbes(
            prober,
            probes,
            new ServerSlots(options.maxConnectionsPerServer()),
            options.deadline(),
            probeCache);
    this.assembler =
        assembly != null
            ? assembly
            : new ReportAssembler(
                    options, dns.mode(), dns.configurationProblems(), session.pkixTrustAnchors())
                ::assemble;
  }

  /**
   * Checks a domain: MX lookup, then every host.
   *
   * @throws IllegalStateException when the engine is closed
   */
  public CompletableFuture<DomainReport> checkDomain(String domain) {
    return checkDomain(domain, Optional.empty());
  }

  /**
   * Checks a domain as {@link #checkDomain(String)} does, with each probe answered by {@code
   * probes} instead of a connection (a distributed scan probes each server once, apart from the
   * checks): the DNS steps, the decisions and the report are the check's own. A request {@code
   * probes} has no result for is reported as not probed.
   *
   * @throws IllegalStateException when the engine is closed
   */
  public CompletableFuture<DomainReport> checkDomain(
      String domain, Function<ProbeRequest, Optional<ProbeResult>> probes) {
    return checkDomain(domain, Optional.of(probes));
  }

  private CompletableFuture<DomainReport> checkDomain(
      String domain, Optional<Function<ProbeRequest, Optional<ProbeResult>>> probes) {
    CheckRun run = newRun(domain, probes);
    CompletableFuture<DomainReport> report = register(run);
    String name = DomainNames.absolute(domain);
    // A cut answer is no data: the step stays unfinished (listed in the report, INDETERMINATE).
    CompletableFuture<Void> work =
        dns.mx(name, run.deadline)
            .thenComposeAsync(
                mx -> mx.cut() ? DONE : afterMx(run, Rfc7672Policy.mx(name, mx)), coordinator);
    return deliver(finish(run, report, work));
  }

  /**
   * Checks one named host as a relay host the caller configured (no MX lookup).
   *
   * @throws IllegalStateException when the engine is closed
   */
  public CompletableFuture<DomainReport> checkHost(String host) {
    CheckRun run = newRun(host, Optional.empty());
    MxPlan plan = Rfc7672Policy.givenHost(DomainNames.absolute(host));
    run.mx(plan);
    HostRun hostRun = new HostRun(plan.hosts().get(0));
    run.hosts.add(hostRun);
    CompletableFuture<DomainReport> report = register(run);
    return deliver(finish(run, report, checkHost(run, hostRun)));
  }

  /**
   * The report future the caller gets: completed on the caller's executor when one was given, and
   * cancelling it cancels the check's own future, which cuts the check.
   */
  private CompletableFuture<DomainReport> deliver(CompletableFuture<DomainReport> report) {
    if (options.executor().isEmpty()) {
      return report;
    }
    CompletableFuture<DomainReport> delivered = new CompletableFuture<>();
    report.whenCompleteAsync(
        (r, e) -> {
          if (e != null) {
            delivered.completeExceptionally(e);
          } else {
            delivered.complete(r);
          }
        },
        options.executor().get());
    delivered.whenComplete(
        (r, e) -> {
          if (delivered.isCancelled()) {
            report.cancel(false);
          }
        });
    return delivered;
  }

  private static PkixTrust pkixTrust(CheckOptions options) {
    return options
        .pkixTrustStore()
        .map(PkixTrust::fromKeyStore)
        .or(() -> options.pkixTrustPem().map(PkixTrust::fromPemFile))
        .orElseGet(PkixTrust::jdkDefault);
  }

  private static ProberConfig proberConfig(CheckOptions options, PkixTrust trust) {
    return new ProberConfig(
        options.ehloName(),
        options.connectTimeout(),
        options.commandTimeout(),
        options.commandTimeout(),
        trust);
  }

  private static List<byte[]> anchorsDer(PkixTrust trust) {
    List<byte[]> anchors = new ArrayList<>();
    for (TrustAnchor anchor : trust.anchors()) {
      try {
        if (anchor.getTrustedCert() != null) {
          anchors.add(anchor.getTrustedCert().getEncoded());
        }
      } catch (CertificateEncodingException e) {
        log.debug("skipping a trust anchor that cannot be encoded", e);
      }
    }
    return List.copyOf(anchors);
  }

  private CheckRun newRun(
      String domain, Optional<Function<ProbeRequest, Optional<ProbeResult>>> probes) {
    return new CheckRun(
        domain, options.clock().instant(), Deadline.after(options.deadline()), probes);
  }

  /** Tracks the run for {@link #close()}; the report is completed by the run's end or cut. */
  private CompletableFuture<DomainReport> register(CheckRun run) {
    CompletableFuture<DomainReport> report = new CompletableFuture<>();
    running.put(run, report);
    if (closed.get()) {
      running.remove(run);
      throw new IllegalStateException("the checker is closed");
    }
    report.whenComplete(
        (r, e) -> {
          running.remove(run);
          if (report.isCancelled()) {
            cut(run, report, CheckRun.Cut.CANCELLED);
          } else if (r != null) {
            events.reportReady(r);
          }
        });
    return report;
  }

  private CompletableFuture<DomainReport> finish(
      CheckRun run, CompletableFuture<DomainReport> report, CompletableFuture<Void> work) {
    ScheduledFuture<?> backstop;
    try {
      // The deadline backstop: whatever has not finished by then is reported as cut.
      backstop =
          timer.schedule(
              () -> cut(run, report, CheckRun.Cut.DEADLINE),
              Math.max(1, run.deadline.remaining().toMillis()),
              TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      cut(run, report, CheckRun.Cut.CLOSED); // closed meanwhile
      return report;
    }
    work.whenComplete(
        (v, error) -> {
          backstop.cancel(false);
          if (run.cut().isPresent()) {
            return; // reported when it was cut; what ended since is moot
          }
          if (error != null) {
            // A bug, not a network condition: say so in the report rather than lose the check.
            log.warn("check of {} failed", run.domain, error);
            complete(report, run, false, Optional.of(error));
          } else {
            // Work that ends after the deadline ended because of it: its timeouts are not data.
            complete(report, run, !run.deadline.expired(), Optional.empty());
          }
        });
    return report;
  }

  /**
   * Completes the report with what is known. If assembling it fails (a bug), the report says the
   * check was aborted, INDETERMINATE, rather than never completing: no check ever hangs on it.
   */
  private void complete(
      CompletableFuture<DomainReport> report,
      CheckRun run,
      boolean finished,
      Optional<Throwable> error) {
    try {
      report.complete(assembler.assemble(run, finished, error));
    } catch (RuntimeException | Error e) {
      log.warn("assembling the report of {} failed", run.domain, e);
      try {
        report.complete(ReportAssembler.aborted(run, options));
      } catch (RuntimeException | Error again) {
        report.completeExceptionally(again); // not even the minimal report: still, no hang
      }
    }
  }

  /**
   * Ends a check before its work: the report is made of what is known now, then the check's
   * deadline is cancelled, which stops its probes, slot waits and DNS waits.
   */
  private void cut(CheckRun run, CompletableFuture<DomainReport> report, CheckRun.Cut reason) {
    if (!run.cut(reason)) {
      return;
    }
    try {
      if (!report.isDone()) {
        complete(report, run, false, Optional.empty());
      }
    } finally {
      run.deadline.cancel();
    }
  }

  private CompletableFuture<Void> afterMx(CheckRun run, MxPlan mx) {
    run.mx(mx);
    if (Rfc7672Policy.actionFromMx(mx.source()).isPresent()) {
      events.mxFound(run.domain, List.of());
      return CompletableFuture.completedFuture(null);
    }
    events.mxFound(
        run.domain, mx.hosts().stream().map(h -> DomainNames.relative(h.name())).toList());
    List<CompletableFuture<Void>> hosts = new ArrayList<>();
    for (MxHost mxHost : mx.hosts()) {
      HostRun host = new HostRun(mxHost);
      run.hosts.add(host);
      hosts.add(checkHost(run, host));
    }
    return CompletableFuture.allOf(hosts.toArray(CompletableFuture[]::new));
  }

  /**
   * One host (RFC 7672 2.2.2, 2.2.3, 3): its DNS steps ({@link HostLookup}), then every endpoint.
   */
  private CompletableFuture<Void> checkHost(CheckRun run, HostRun host) {
    // Cut answers (see checkDomain) leave the host's remaining steps unfinished.
    String name = host.mxHost.name();
    return hostLookup(
            name,
            run.deadline,
            (addresses, plan) -> {
              host.addresses(addresses, plan);
              events.hostResolved(
                  run.domain,
                  DomainNames.relative(name),
                  plan.usable().stream().map(InetAddress::getHostAddress).toList());
            })
        .thenComposeAsync(
            found ->
                found.isEmpty()
                    ? DONE
                    : probeAll(
                        run,
                        host,
                        found.get().addressPlan(),
                        found.get().tlsa(),
                        found.get().policy()),
            coordinator)
        .thenRun(host::done);
  }

  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  /** A host's DNS steps; empty when a DNS answer was cut (the steps did not finish). */
  private CompletableFuture<Optional<HostLookup.Result>> hostLookup(
      String name, Deadline deadline, BiConsumer<HostAddresses, AddressPlan> onAddresses) {
    return HostLookup.run(
        dns,
        options.smtpPort(),
        options.tlsaProfile(),
        session.pkixTrustAnchors(),
        coordinator,
        name,
        deadline,
        onAddresses);
  }

  private CompletableFuture<Void> probeAll(
      CheckRun run, HostRun host, AddressPlan addresses, TlsaResult tlsa, HostPolicy policy) {
    ProbePlan plan = probePlan(host.mxHost, tlsa, policy);
    List<ProbeRequest> requests = requests(host.mxHost, plan, addresses.usable());
    host.tlsa(tlsa, policy, requests.size());
    List<CompletableFuture<Void>> endpoints = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      int index = i;
      endpoints.add(
          probeEndpoint(run, host, policy, tlsa, requests.get(i))
              .thenAccept(
                  endpoint -> {
                    if (endpoint != null) {
                      host.endpoint(index, endpoint);
                    }
                  }));
    }
    return CompletableFuture.allOf(endpoints.toArray(CompletableFuture[]::new));
  }

  private ProbePlan probePlan(MxHost mxHost, TlsaResult tlsa, HostPolicy policy) {
    return Rfc7672Policy.probePlan(
        policy, mxHost.name(), tlsa, options.bothAlgorithms(), options.offerAnonymous());
  }

  /** A host's probes, one per usable address and certificate algorithm, in that order. */
  private List<ProbeRequest> requests(MxHost mxHost, ProbePlan plan, List<InetAddress> usable) {
    String hostName = DomainNames.relative(mxHost.name());
    List<ProbeRequest> requests = new ArrayList<>();
    for (InetAddress address : usable) {
      for (CertificateAlgorithm algorithm : plan.algorithms()) {
        requests.add(
            new ProbeRequest(
                hostName, address, options.smtpPort(), plan.sni(), algorithm, plan.anonymous()));
      }
    }
    return requests;
  }

  /**
   * The probes a check of the looked-up domain makes ({@link #checkDomain(String)} with the same
   * DNS answers): each host's, as the check plans them, and at most {@link #MAX_PROBES_PER_SERVER}
   * to one server address. Distinct requests; for a scan that probes apart from its checks ({@link
   * #probe}, then {@link #checkDomain(String, Function)}).
   */
  public List<ProbeRequest> probeRequests(List<PolicyLookup.Host> hosts) {
    Map<InetAddress, Integer> perServer = new java.util.HashMap<>();
    Set<ProbeRequest> requests = new java.util.LinkedHashSet<>();
    for (PolicyLookup.Host host : hosts) {
      ProbePlan plan = probePlan(host.mxHost(), host.tlsa(), host.policy());
      for (ProbeRequest request : requests(host.mxHost(), plan, host.addresses())) {
        if (perServer.merge(request.address(), 1, Integer::sum) <= MAX_PROBES_PER_SERVER) {
          requests.add(request);
        }
      }
    }
    return List.copyOf(requests);
  }

  /**
   * Probes one endpoint as a check does: under the per-server connection limit, through the probe
   * cache when there is one, within the check deadline's budget.
   *
   * @throws IllegalStateException when the engine is closed
   */
  public CompletableFuture<ProbeResult> probe(ProbeRequest request) {
    if (closed.get()) {
      throw new IllegalStateException("the checker is closed");
    }
    return sharedProbes.probe(request, Deadline.after(options.deadline()));
  }

  private CompletableFuture<HostRun.Endpoint> probeEndpoint(
      CheckRun run, HostRun host, HostPolicy policy, TlsaResult tlsa, ProbeRequest request) {
    String hostName = request.hostName();
    InetAddress address = request.address();
    if (!run.claimProbe(address, MAX_PROBES_PER_SERVER)) {
      host.limitCut(request.endpoint());
      return CompletableFuture.completedFuture(null);
    }
    String text = address.getHostAddress();
    events.probeStarted(
        run.domain,
        hostName,
        (text.indexOf(':') >= 0 ? "[" + text + "]" : text) + ":" + request.port());
    CompletableFuture<ProbeResult> probed =
        run.probes.isPresent()
            ? CompletableFuture.completedFuture(
                run.probes
                    .get()
                    .apply(request)
                    .orElseGet(
                        () ->
                            ProbeResult.notProbed(request, "the scan's probe stage has no result")))
            : sharedProbes.probe(request, run.deadline);
    return probed.thenApplyAsync(
        // A cut result, or any result of a check cut meanwhile, reaches a check that is over:
        // nothing to report, nothing to match.
        result ->
            result.cut() || run.cut().isPresent()
                ? null
                : endpoint(run, policy, tlsa, request, result),
        matching);
  }

  private HostRun.Endpoint endpoint(
      CheckRun run, HostPolicy policy, TlsaResult tlsa, ProbeRequest request, ProbeResult result) {
    MxPlan mx = run.mx().orElseThrow(); // hosts are only probed after the MX step
    Set<String> referenceNames = Rfc7672Policy.referenceIdentifiers(mx, tlsa.baseDomain());
    List<byte[]> chain = result.chain();
    Optional<TlsaMatchResult> match = Optional.empty();
    if (Rfc7672Policy.matchesTlsa(policy, result.outcome())) {
      match =
          Optional.of(
              TlsaMatching.match(
                  tlsa.records(),
                  chain,
                  referenceNames,
                  options.clock().instant(),
                  options.tlsaProfile(),
                  session.pkixAnchorsDer()));
    }
    SessionAssessment assessment =
        Rfc7672Policy.assessSession(
            policy,
            mx.secure(),
            result.outcome(),
            result.certificatePresented(),
            result.pkix(),
            match,
            request.endpoint());
    List<Problem> problems = new ArrayList<>(result.problems());
    problems.addAll(assessment.problems());
    EndpointReport report =
        EndpointReport.builder()
            .address(request.address().getHostAddress())
            .port(request.port())
            .certificateAlgorithm(request.algorithm())
            .sni(request.sni())
            .smtpOutcome(result.outcome())
            .greeting(result.greeting())
            .starttlsOffered(result.starttlsOffered())
            .tlsVersion(result.tlsVersion())
            .cipherSuite(result.cipherSuite())
            .keyExchangeGroup(result.keyExchangeGroup())
            .certificates(result.certificates())
            .tlsaMatch(match)
            .pkix(result.pkix())
            .nameMatch(
                Rfc7672Policy.nameMatch(result.certificatePresented(), chain, referenceNames))
            .level(assessment.level())
            .elapsed(result.timings().total())
            .problems(problems)
            .build();
    events.probeFinished(run.domain, request.hostName(), report);
    return new HostRun.Endpoint(report, assessment);
  }

  /**
   * The DNS-only policy lookup of a domain (RFC 7672 2.1.2, 2.2): the MX step and every host's DNS
   * steps, exactly as a check makes them, then the decision before connecting. Bounded by the check
   * deadline; cut by it or by {@link #close()} it completes as deferred, saying why.
   *
   * @throws IllegalStateException when the engine is closed
   */
  public CompletableFuture<PolicyLookup> policy(String domain) {
    Instant fetchedAt = options.clock().instant();
    Deadline deadline = Deadline.after(options.deadline());
    String name = DomainNames.absolute(domain);
    CompletableFuture<PolicyLookup> result = new CompletableFuture<>();
    policies.put(result, name);
    result.whenComplete((r, e) -> policies.remove(result));
    if (closed.get()) {
      policies.remove(result);
      throw new IllegalStateException("the checker is closed");
    }
    ScheduledFuture<?> backstop;
    try {
      backstop =
          timer.schedule(
              () -> result.complete(cutPolicy(name, fetchedAt, false)),
              Math.max(1, deadline.remaining().toMillis()),
              TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      result.complete(cutPolicy(name, fetchedAt, true));
      return result;
    }
    result.whenComplete((r, e) -> backstop.cancel(false));
    dns.mx(name, deadline)
        .thenComposeAsync(
            answer -> {
              // A cut answer decides nothing (not a failed lookup, not a skipped host): the
              // lookup is cut as a whole, deferred and never cached.
              if (answer.cut()) {
                return CompletableFuture.completedFuture(cutPolicy(name, fetchedAt, closed.get()));
              }
              MxPlan mx = Rfc7672Policy.mx(name, answer);
              if (Rfc7672Policy.actionFromMx(mx.source()).isPresent()) {
                return CompletableFuture.completedFuture(
                    policyOf(mx, answer.ttl(), List.of(), fetchedAt));
              }
              List<CompletableFuture<Optional<HostLookup.Result>>> hosts = new ArrayList<>();
              for (MxHost host : mx.hosts()) {
                hosts.add(hostLookup(host.name(), deadline, (a, p) -> {}));
              }
              return CompletableFuture.allOf(hosts.toArray(CompletableFuture[]::new))
                  .thenApply(
                      v -> {
                        List<Optional<HostLookup.Result>> found =
                            hosts.stream().map(CompletableFuture::join).toList();
                        return found.stream().anyMatch(Optional::isEmpty)
                            ? cutPolicy(name, fetchedAt, closed.get())
                            : policyOf(
                                mx,
                                answer.ttl(),
                                found.stream().map(Optional::get).toList(),
                                fetchedAt);
                      });
            },
            coordinator)
        .whenComplete(
            (lookup, error) -> {
              if (error != null) {
                log.debug("policy lookup of {} failed", name, error);
                result.complete(cutPolicy(name, fetchedAt, closed.get()));
              } else if (deadline.expired() && !result.isDone()) {
                result.complete(cutPolicy(name, fetchedAt, false));
              } else {
                result.complete(lookup);
              }
            });
    return result;
  }

  private PolicyLookup policyOf(
      MxPlan mx, long mxTtl, List<HostLookup.Result> found, Instant fetchedAt) {
    List<PolicyLookup.Host> hosts = new ArrayList<>();
    long ttl = mxTtl;
    for (int i = 0; i < found.size(); i++) {
      HostLookup.Result r = found.get(i);
      MxHost mxHost = mx.hosts().get(i);
      ttl = Math.min(ttl, r.ttl());
      hosts.add(
          new PolicyLookup.Host(
              mxHost,
              r.addressPlan().usable(),
              r.tlsa(),
              r.policy(),
              // RFC 7672 8.2: whether anonymous suites may be offered, whatever this checker offers
              Rfc7672Policy.probePlan(r.policy(), mxHost.name(), r.tlsa(), false, true),
              Rfc7672Policy.referenceIdentifiers(mx, r.tlsa().baseDomain()),
              ReportAssembler.hostProblems(
                  mxHost.name(),
                  r.addressPlan(),
                  r.tlsa(),
                  r.policy(),
                  options.tlsaProfile(),
                  session.pkixTrustAnchors())));
    }
    PolicyDecision decision =
        Rfc7672Policy.beforeConnecting(
            mx,
            hosts.stream().map(PolicyLookup.Host::policy).toList(),
            hosts.stream().anyMatch(h -> h.tlsa().state() == TlsaState.SECURE_RECORDS));
    List<Problem> problems = new ArrayList<>(dns.configurationProblems());
    problems.addAll(mx.problems());
    problems.addAll(decision.problems());
    return new PolicyLookup(
        mx,
        hosts,
        decision,
        ReportAssembler.dedupe(problems),
        fetchedAt,
        Math.max(0, ttl),
        dns.mode(),
        session);
  }

  /** A policy lookup the deadline or {@link #close()} cut: deferred, as nothing is known. */
  private PolicyLookup cutPolicy(String name, Instant fetchedAt, boolean closing) {
    MxPlan mx =
        new MxPlan(
            MxSource.LOOKUP_FAILED, Optional.empty(), false, name, name, List.of(), List.of());
    List<Problem> problems = new ArrayList<>(dns.configurationProblems());
    problems.add(
        Problem.ofDomain(
            ProblemCode.DEADLINE_EXCEEDED,
            closing
                ? "The checker was closed before the policy lookup finished: defer"
                : "The policy lookup did not finish within "
                    + options.deadline().toMillis()
                    + " ms: defer (RFC 7672 2.1.2)"));
    return new PolicyLookup(
        mx,
        List.of(),
        new PolicyDecision(PolicyAction.DEFER, List.of()),
        problems,
        fetchedAt,
        0,
        dns.mode(),
        session);
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Cuts every check in flight (its report completes with what is known, INDETERMINATE, the steps
   * left listed), stops their probes (their sockets are closed before this returns) and DNS
   * lookups, and shuts the threads down. Idempotent and quick: it waits for no thread.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (Map.Entry<CheckRun, CompletableFuture<DomainReport>> entry : running.entrySet()) {
      cut(entry.getKey(), entry.getValue(), CheckRun.Cut.CLOSED);
    }
    Instant now = options.clock().instant();
    for (Map.Entry<CompletableFuture<PolicyLookup>, String> entry : policies.entrySet()) {
      entry.getKey().complete(cutPolicy(entry.getValue(), now, true));
    }
    sharedProbes.stopAll(); // probes no check waits for any more, e.g. cut a moment ago
    dns.close();
    timer.shutdownNow();
    coordinator.shutdownNow();
    matching.shutdownNow();
    // The probe threads see their closed sockets and end; nothing here needs to wait for them.
    probes.shutdownNow();
  }
}
