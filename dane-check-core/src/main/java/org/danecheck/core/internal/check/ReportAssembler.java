/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.check;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.danecheck.DomainReport;
import org.danecheck.EndpointReport;
import org.danecheck.HostStatus;
import org.danecheck.IncompleteStep;
import org.danecheck.IncompleteStep.Kind;
import org.danecheck.LookupStatus;
import org.danecheck.MxHostReport;
import org.danecheck.MxSource;
import org.danecheck.PeerCertificate;
import org.danecheck.Problem;
import org.danecheck.ProblemCode;
import org.danecheck.TlsaMatchResult;
import org.danecheck.TlsaProfile;
import org.danecheck.TlsaRecord;
import org.danecheck.ValidationMode;
import org.danecheck.core.internal.policy.AddressPlan;
import org.danecheck.core.internal.policy.DomainDecision;
import org.danecheck.core.internal.policy.HostOutcome;
import org.danecheck.core.internal.policy.HostPolicy;
import org.danecheck.core.internal.policy.MxPlan;
import org.danecheck.core.internal.policy.Rfc7672Policy;
import org.danecheck.core.internal.policy.TlsaResult;
import org.danecheck.core.internal.policy.TlsaState;

/**
 * Turns a check's state into its report, complete or cut by the deadline. Pure: the same state
 * gives the same report. Steps that did not finish are named in {@code incompleteSteps} and make
 * the verdict {@link org.danecheck.DaneVerdict#INDETERMINATE}: never a better one. Every RFC
 * decision is {@link Rfc7672Policy}'s; this class only gathers and copies.
 */
final class ReportAssembler {
  private final CheckOptions options;
  private final ValidationMode mode;
  private final List<Problem> configurationProblems;
  private final boolean pkixTrustAnchors;

  ReportAssembler(
      CheckOptions options,
      ValidationMode mode,
      List<Problem> configurationProblems,
      boolean pkixTrustAnchors) {
    this.options = options;
    this.mode = mode;
    this.configurationProblems = List.copyOf(configurationProblems);
    this.pkixTrustAnchors = pkixTrustAnchors;
  }

  DomainReport assemble(CheckRun run, boolean finished, Optional<Throwable> error) {
    List<IncompleteStep> incomplete = new ArrayList<>();
    List<Problem> problems = new ArrayList<>(configurationProblems);
    Optional<MxPlan> mx = run.mx();
    if (mx.isEmpty()) {
      // Say whom the check waited for: a silent resolver is the usual cause.
      incomplete.add(
          step(
              Kind.MX_LOOKUP,
              run.domain,
              "MX lookup of "
                  + run.domain
                  + " (no answer yet from "
                  + options.dns().resolversText()
                  + ")"));
    } else {
      problems.addAll(mx.get().problems());
    }
    List<MxHostReport> hosts = new ArrayList<>();
    List<HostOutcome> outcomes = new ArrayList<>();
    for (HostRun host : run.hosts) {
      HostRun.Snapshot snapshot = host.snapshot();
      MxHostReport report = hostReport(snapshot, incomplete);
      hosts.add(report);
      outcomes.add(
          new HostOutcome(
              report.preference(),
              report.name(),
              report.status(),
              snapshot.endpoints().stream().anyMatch(e -> e.session().greeted()),
              !report.tlsaRecords().isEmpty()));
    }
    error.ifPresent(e -> incomplete.add(ABORTED_STEP));
    Optional<CheckRun.Cut> cut = run.cut();
    if (!finished && incomplete.isEmpty()) {
      incomplete.add(
          step(
              Kind.CUT_SHORT,
              Problem.DOMAIN,
              cut.orElse(CheckRun.Cut.DEADLINE) == CheckRun.Cut.DEADLINE
                  ? "steps that ran into the deadline (their timeouts are not the servers' fault)"
                  : "steps still running when the check was stopped"));
    }
    boolean complete = finished && incomplete.isEmpty();
    if (!complete && !(finished && limitOnly(incomplete))) {
      problems.add(
          Problem.ofDomain(
              ProblemCode.DEADLINE_EXCEEDED,
              (finished && error.isEmpty()
                      // Work that ended in time with steps missing: a DNS answer was cut.
                      ? "DNS lookups of the check were cut short by a deadline, not by the servers"
                      : cutMessage(cut.orElse(CheckRun.Cut.DEADLINE)))
                  + "; not checked: "
                  + String.join(
                      "; ", incomplete.stream().map(IncompleteStep::description).toList())));
    }
    // An MX step cut by the deadline is decided as a failed lookup (the verdict is INDETERMINATE).
    MxPlan plan =
        mx.orElseGet(
            () ->
                new MxPlan(
                    MxSource.LOOKUP_FAILED,
                    Optional.empty(),
                    false,
                    run.domain,
                    run.domain,
                    List.of(),
                    List.of()));
    DomainDecision decision = Rfc7672Policy.decide(plan, outcomes, complete);
    problems.addAll(decision.problems());
    return DomainReport.builder()
        .domain(run.domain)
        .checkedAt(run.startedAt)
        .elapsed(Duration.ofNanos(System.nanoTime() - run.startNanos))
        .validationMode(mode)
        .mxSource(plan.source())
        .mxLookup(plan.lookup())
        .mxHosts(hosts)
        .verdict(decision.verdict())
        .mtaAction(decision.action())
        .problems(dedupe(problems))
        .incomplete(incomplete)
        .earliestCertificateExpiry(earliestCertificateExpiry(hosts))
        .earliestSignatureExpiry(earliestSignatureExpiry(plan.lookup(), hosts))
        .build();
  }

  private MxHostReport hostReport(HostRun.Snapshot host, List<IncompleteStep> incomplete) {
    String name = host.mxHost().name();
    List<Problem> problems =
        new ArrayList<>(
            hostProblems(
                name,
                host.addressPlan(),
                host.tlsa(),
                host.policy(),
                options.tlsaProfile(),
                pkixTrustAnchors));
    if (host.addresses() == null) {
      incomplete.add(step(Kind.ADDRESS_LOOKUP, name, "addresses of " + name));
    }
    if (host.addresses() != null && host.tlsa() == null) {
      incomplete.add(step(Kind.TLSA_LOOKUP, name, "TLSA lookup for " + name));
    }
    List<EndpointReport> endpoints =
        host.endpoints().stream().map(HostRun.Endpoint::report).toList();
    int missing = host.expectedEndpoints() - endpoints.size() - host.limitCut().size();
    if (missing > 0) {
      incomplete.add(
          step(
              Kind.ENDPOINT_PROBES,
              name,
              missing + " of " + host.expectedEndpoints() + " endpoint probes of " + name));
    }
    if (!host.limitCut().isEmpty()) {
      // Not probed on purpose, so not verified: the host cannot count as complete.
      String cutText =
          host.limitCut().size()
              + " of "
              + host.expectedEndpoints()
              + " endpoints of "
              + name
              + LIMIT_SUFFIX;
      incomplete.add(step(Kind.PROBE_LIMIT, name, cutText));
      problems.add(
          Problem.of(
              ProblemCode.LIMIT_REACHED,
              name,
              "Not probed: "
                  + String.join(", ", host.limitCut())
                  + ": a check makes at most "
                  + CheckEngine.MAX_PROBES_PER_SERVER
                  + " probes to one server address"));
    }
    for (HostRun.Endpoint endpoint : host.endpoints()) {
      if (endpoint.session().undetermined()) {
        // Not decided on purpose (a bound on hostile work), so not verified nor failed.
        incomplete.add(
            step(
                Kind.MATCH_LIMIT,
                name,
                "TLSA matching for "
                    + endpoint.report().address()
                    + " of "
                    + name
                    + MATCH_LIMIT_SUFFIX));
      }
    }
    boolean hostComplete = host.done() && host.limitCut().isEmpty();
    HostPolicy policy = host.policy();
    HostStatus status =
        policy == null
            ? HostStatus.INCOMPLETE
            : Rfc7672Policy.hostStatus(
                policy,
                host.endpoints().stream().map(HostRun.Endpoint::session).toList(),
                host.addressPlan().allLookupsAnswered(),
                hostComplete);
    List<TlsaRecord> records = List.of();
    String baseDomain = name;
    String baseReason = "no TLSA lookup was made";
    List<LookupStatus> tlsaLookups = List.of();
    if (host.tlsa() != null) {
      baseDomain = host.tlsa().baseDomain();
      baseReason = host.tlsa().baseDomainReason();
      tlsaLookups = host.tlsa().lookups();
      if (host.tlsa().state() == TlsaState.SECURE_RECORDS) {
        records = host.tlsa().records();
      }
    }
    List<String> addresses =
        host.addresses() == null
            ? List.of()
            : host.addresses().rrsets().stream()
                .flatMap(r -> r.addresses().stream())
                .map(InetAddress::getHostAddress)
                .toList();
    return MxHostReport.builder()
        .preference(host.mxHost().preference())
        .name(name)
        .cnameChain(host.addresses() == null ? List.of() : host.addresses().cnameChain())
        .addressLookups(host.addresses() == null ? List.of() : host.addresses().lookups())
        .addresses(addresses)
        .tlsaBaseDomain(baseDomain)
        .tlsaBaseDomainReason(baseReason)
        .tlsaLookups(tlsaLookups)
        .tlsaRecords(records)
        .status(status)
        .endpoints(endpoints)
        .problems(dedupe(problems))
        .build();
  }

  /**
   * A host's findings from its DNS steps, in the order its report lists them: the address step's,
   * the TLSA search's, then the policy's about the records. Null steps did not finish. The DNS-only
   * policy lookup lists the same.
   */
  static List<Problem> hostProblems(
      String name,
      AddressPlan addresses,
      TlsaResult tlsa,
      HostPolicy policy,
      TlsaProfile profile,
      boolean pkixTrustAnchors) {
    List<Problem> problems = new ArrayList<>();
    if (addresses != null) {
      problems.addAll(addresses.problems());
    }
    if (tlsa != null) {
      problems.addAll(tlsa.problems());
      if (policy != null) {
        problems.addAll(Rfc7672Policy.tlsaProblems(name, policy, tlsa, profile, pkixTrustAnchors));
      }
    }
    return dedupe(problems);
  }

  /** The step an internal error (a bug: the log has it) left undone: everything after it. */
  private static final IncompleteStep ABORTED_STEP =
      new IncompleteStep(
          Kind.INTERNAL_ERROR,
          Problem.DOMAIN,
          "the rest of the check: it was aborted by an internal error (a bug, logged by dane-check)");

  /**
   * The least report of a run, when assembling the real one failed (a bug): INDETERMINATE, the
   * check aborted, nothing else claimed. It reads nothing of the run's steps.
   */
  static DomainReport aborted(CheckRun run, CheckOptions options) {
    return DomainReport.builder()
        .domain(run.domain)
        .checkedAt(run.startedAt)
        .elapsed(Duration.ofNanos(System.nanoTime() - run.startNanos))
        .validationMode(
            options.dns().adTrust() ? ValidationMode.AD_TRUST : ValidationMode.IN_PROCESS)
        .mxSource(MxSource.LOOKUP_FAILED)
        .verdict(org.danecheck.DaneVerdict.INDETERMINATE)
        .mtaAction(org.danecheck.MtaAction.DEFER)
        .problems(
            List.of(
                Problem.ofDomain(
                    ProblemCode.DEADLINE_EXCEEDED,
                    "The check could not be finished; not checked: " + ABORTED_STEP.description())))
        .incomplete(List.of(ABORTED_STEP))
        .build();
  }

  private static final String LIMIT_SUFFIX =
      " not probed (at most " + CheckEngine.MAX_PROBES_PER_SERVER + " probes per server address)";

  private static final String MATCH_LIMIT_SUFFIX = " stopped at its work limit";

  /** Steps left out on purpose (bounds on work), not cut: the check itself finished. */
  private static boolean limitOnly(List<IncompleteStep> incomplete) {
    return incomplete.stream()
        .allMatch(step -> step.kind() == Kind.PROBE_LIMIT || step.kind() == Kind.MATCH_LIMIT);
  }

  private static IncompleteStep step(Kind kind, String subject, String description) {
    return new IncompleteStep(kind, subject, description);
  }

  private String cutMessage(CheckRun.Cut cut) {
    return switch (cut) {
      case DEADLINE -> "The check did not finish within " + seconds(options.deadline());
      case CLOSED -> "The checker was closed before the check finished";
      case CANCELLED -> "The check was cancelled before it finished";
    };
  }

  /** "60 s", or "2.7 s" for a deadline that is not whole seconds (a CLI's time left). */
  private static String seconds(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0
        ? millis / 1000 + " s"
        : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  private static Optional<Instant> earliestCertificateExpiry(List<MxHostReport> hosts) {
    return hosts.stream()
        .flatMap(h -> h.endpoints().stream())
        .flatMap(ReportAssembler::authenticatingCertificates)
        .map(PeerCertificate::notAfter)
        .flatMap(Optional::stream)
        .min(Comparator.naturalOrder());
  }

  /** The certificates from the leaf up to the one the matching TLSA record named. */
  private static Stream<PeerCertificate> authenticatingCertificates(EndpointReport endpoint) {
    Optional<TlsaMatchResult> match = endpoint.tlsaMatch().filter(TlsaMatchResult::authenticated);
    if (match.isEmpty()) {
      return Stream.empty();
    }
    int depth = match.get().matchedDepth().orElse(0);
    return endpoint.certificates().stream().filter(c -> c.depth() <= depth);
  }

  private static Optional<Instant> earliestSignatureExpiry(
      Optional<LookupStatus> mxLookup, List<MxHostReport> hosts) {
    return Stream.concat(mxLookup.stream(), hosts.stream().flatMap(h -> h.tlsaLookups().stream()))
        .map(LookupStatus::signatureExpiry)
        .flatMap(Optional::stream)
        .min(Comparator.naturalOrder());
  }

  /** The problems without repeats (same code, subject and message), in order. */
  static List<Problem> dedupe(List<Problem> problems) {
    Map<String, Problem> unique = new LinkedHashMap<>();
    for (Problem p : problems) {
      unique.putIfAbsent(p.code() + "\u0000" + p.subject() + "\u0000" + p.message(), p);
    }
    return List.copyOf(unique.values());
  }
}
