/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.danecheck.DaneVerdict;
import org.danecheck.DomainReport;
import org.danecheck.EndpointReport;
import org.danecheck.HostStatus;
import org.danecheck.LookupOutcome;
import org.danecheck.LookupStatus;
import org.danecheck.MtaAction;
import org.danecheck.MxHostReport;
import org.danecheck.PeerCertificate;
import org.danecheck.Problem;
import org.danecheck.ProblemCode;
import org.danecheck.Severity;
import org.danecheck.SmtpOutcome;
import org.danecheck.TlsaMatchResult;
import org.danecheck.TlsaRecord;
import org.danecheck.TlsaRecordEvaluation;
import org.danecheck.TlsaRecordStatus;

/**
 * check_dane's state mapping: a pure function of a {@link DomainReport}, the thresholds and the
 * current time. No I/O; the table in {@code docs/check_dane.md} describes it.
 *
 * <p>The state follows what a DANE MTA would do first ({@link DomainReport#mtaAction()}): mail it
 * would defer is CRITICAL, never OK; mail it delivers as DANE requires is OK, or WARNING when some
 * host or endpoint it has to skip makes delivery depend on fewer servers. Then the expiry and
 * rollover thresholds. Hints that do not change delivery (unusable records beside usable ones,
 * legacy TLS, an unsigned MX RRset whose hosts' TLSA records match) are notes in the long output,
 * WARNING with {@code --strict}.
 */
final class CheckDaneEvaluator {
  /** At most this many findings go into the status line; the rest are in the details. */
  static final int SUMMARY_FINDINGS = 3;

  private static final Duration DAY = Duration.ofDays(1);

  private final DomainReport report;
  private final PluginThresholds thresholds;
  private final Instant now;
  private final List<Finding> findings = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final List<String> hintedHosts = new ArrayList<>();

  /** One reason for a state, for people. */
  record Finding(PluginState state, String text) {}

  /**
   * A certificate's expiry and where it was seen; {@code informational} when no DANE MTA checks it
   * (a DANE-EE leaf), so it gets no thresholds in the performance data.
   */
  private record Expiry(Instant notAfter, String where, boolean informational) {
    Expiry(Instant notAfter, String where) {
      this(notAfter, where, false);
    }
  }

  private CheckDaneEvaluator(DomainReport report, PluginThresholds thresholds, Instant now) {
    this.report = report;
    this.thresholds = thresholds;
    this.now = now;
  }

  /** The plugin result for a report, judged at {@code now}. */
  static PluginResult evaluate(DomainReport report, PluginThresholds thresholds, Instant now) {
    return new CheckDaneEvaluator(report, thresholds, now).evaluate();
  }

  private PluginResult evaluate() {
    domainFindings();
    for (MxHostReport host : report.mxHosts()) {
      hostFindings(host);
    }
    Optional<Expiry> certificate = earliestCheckedExpiry();
    certificate.ifPresent(this::certificateExpiry);
    report.earliestSignatureExpiry().ifPresent(this::signatureExpiry);
    deliveryFindings();

    PluginState state =
        findings.stream().map(Finding::state).reduce(PluginState.OK, PluginState::worse);
    List<Finding> ordered = new ArrayList<>(findings);
    // Worst first; equal states in the order found (domain, then hosts in preference order).
    ordered.sort(Comparator.comparing((Finding f) -> -f.state().rank()));
    String summary = state == PluginState.OK ? okSummary(certificate) : problemSummary(ordered);
    return new PluginResult(
        state, summary, perfData(certificate.or(this::earliestDaneEeLeaf)), details(ordered));
  }

  /**
   * The state of a finding that makes a DANE MTA skip a host or endpoint: CRITICAL when that leaves
   * the mail deferred, or sent without the authentication DANE requires (verdict FAILED); WARNING
   * while the mail is still delivered as DANE requires, through the other servers.
   */
  private PluginState skipState() {
    return report.mtaAction() == MtaAction.DEFER || report.verdict() == DaneVerdict.FAILED
        ? PluginState.CRITICAL
        : PluginState.WARNING;
  }

  // --- domain level ----------------------------------------------------------------------------

  private void domainFindings() {
    if (report.mxLookup().map(l -> l.outcome() == LookupOutcome.NXDOMAIN).orElse(false)) {
      add(PluginState.CRITICAL, domain() + " does not exist (NXDOMAIN): mail to it bounces");
    }
    for (Problem p : report.problems()) {
      // Each endpoint's "unreachable" finding says it, with the reason: once, not twice.
      if (p.code() != ProblemCode.NO_HOST_REACHABLE) {
        genericProblem(p, "");
      }
    }
  }

  /** What a DANE MTA does with the mail decides first (the table in docs/check_dane.md). */
  private void deliveryFindings() {
    if (report.verdict() == DaneVerdict.INDETERMINATE) {
      // A deadline, or only a work limit (a hostile chain or RRset): say which.
      add(
          PluginState.UNKNOWN,
          (timedOut() ? "the check did not finish in time" : "the check stopped at a work limit")
              + (report.incompleteSteps().isEmpty()
                  ? ""
                  : ": " + String.join(", ", report.incompleteSteps())));
      return;
    }
    switch (report.mtaAction()) {
      case DEFER -> {
        // Never OK: no MX host can take the mail as the domain's DNS requires.
        if (worst() != PluginState.CRITICAL) {
          add(
              PluginState.CRITICAL,
              "a DANE MTA would defer mail for "
                  + domain()
                  + firstReason().map(r -> ": " + r).orElse(""));
        }
      }
      case NO_MAIL -> noMail();
      case AUTHENTICATED_TLS -> authenticated();
      case UNAUTHENTICATED_TLS, OPPORTUNISTIC -> unauthenticated();
    }
  }

  private void noMail() {
    Optional<Problem> mixed = problem(report.problems(), ProblemCode.NULL_MX_MIXED);
    if (mixed.isPresent()) {
      // RFC 7505 3 forbids it; Postfix bounces: a misconfiguration, not a choice.
      add(PluginState.CRITICAL, mixed.get().message());
    } else if (hasProblem(report.problems(), ProblemCode.NULL_MX)) {
      String why = domain() + " accepts no mail (null MX, RFC 7505)";
      if (thresholds.requireDane()) {
        add(PluginState.CRITICAL, why + ", but --require-dane");
      } else {
        notes.add(why);
      }
    } else if (worst() != PluginState.CRITICAL) {
      add(PluginState.CRITICAL, domain() + " accepts no mail");
    }
  }

  private void authenticated() {
    if (report.verdict() == DaneVerdict.VERIFIED) {
      return;
    }
    // NO_DANE here: the hosts' DANE authenticates, but the MX RRset is not signed (RFC 7672 2.2.1).
    boolean onlyTheMx =
        report.verdict() == DaneVerdict.NO_DANE
            && report.mxHosts().stream().allMatch(h -> h.status() == HostStatus.DANE_VERIFIED);
    if (onlyTheMx) {
      // RFC 7672 2.2.1: delivered over the hosts' DANE, but the choice of host is not signed.
      String why =
          domain()
              + ": the MX records are not DNSSEC-signed, so the MX hosts' TLSA records protect"
              + " their sessions, not the choice of host (RFC 7672 2.2.1)";
      if (thresholds.requireDane()) {
        add(PluginState.CRITICAL, why + ", but --require-dane");
      } else if (thresholds.strict()) {
        add(PluginState.WARNING, why);
      } else {
        notes.add(why);
      }
    } else if (worst() == PluginState.OK) {
      add(PluginState.WARNING, "some MX hosts or endpoints are not DANE-verified");
    }
  }

  private void unauthenticated() {
    switch (report.verdict()) {
      case FAILED -> {
        if (worst() != PluginState.CRITICAL) {
          add(
              PluginState.CRITICAL,
              "DANE fails for "
                  + domain()
                  + ": a DANE MTA skips the failing MX hosts and sends the mail without"
                  + " authentication"
                  + firstReason().map(r -> " (" + r + ")").orElse(""));
        }
      }
      case UNAUTHENTICATED -> {
        if (thresholds.requireDane()) {
          add(PluginState.CRITICAL, domain() + " publishes only unusable TLSA records");
        }
      }
      case NO_DANE -> {
        String why = "no DANE (" + noDaneReason() + ")";
        if (thresholds.requireDane()) {
          add(PluginState.CRITICAL, domain() + ": " + why + ", but --require-dane");
        } else {
          notes.add(domain() + ": " + why + "; a DANE MTA uses opportunistic TLS");
        }
      }
      // Not with these actions: verdicts follow the weakest way the mail may go.
      case VERIFIED, PARTIALLY_VERIFIED, NO_MAIL, INDETERMINATE -> {}
    }
  }

  /**
   * The first thing that went wrong, for the deferral line: the worst problem of the hosts in MX
   * order, a host's own before its endpoints'; notes (INFO) do not explain a deferral.
   */
  private Optional<String> firstReason() {
    Optional<String> reason = Optional.empty();
    Severity worst = Severity.INFO;
    for (MxHostReport host : report.mxHosts()) {
      for (Problem p : host.problems()) {
        if (p.severity().compareTo(worst) > 0) {
          worst = p.severity();
          reason = Optional.of(strip(host.name()) + ": " + p.message());
        }
      }
      for (EndpointReport e : host.endpoints()) {
        for (Problem p : authenticated(e) ? List.<Problem>of() : e.problems()) {
          if (p.severity().compareTo(worst) > 0) {
            worst = p.severity();
            reason = Optional.of(subject(host, e) + ": " + p.message());
          }
        }
      }
    }
    return reason;
  }

  // --- host and endpoint level -----------------------------------------------------------------

  private void hostFindings(MxHostReport host) {
    String name = strip(host.name());
    switch (host.status()) {
      case DANE_VERIFIED, DANE_PARTIAL, DANE_FAILED -> {
        host.endpoints().forEach(e -> endpointFindings(host, e, false));
        rolloverFindings(host);
      }
      case TLSA_UNUSABLE -> {
        // RFC 7672 2.2: all records unusable: TLS stays mandatory, without authentication.
        add(
            thresholds.requireDane() ? PluginState.CRITICAL : PluginState.WARNING,
            name
                + ": every TLSA record is unusable ("
                + describe(host.tlsaRecords())
                + "): TLS is not authenticated");
        host.endpoints().forEach(e -> endpointFindings(host, e, true));
      }
      case TLSA_LOOKUP_FAILED ->
          // RFC 7672 2.1.2: a failed TLSA lookup makes a DANE MTA skip the host.
          add(
              skipState(),
              name
                  + ": TLSA lookup failed"
                  + host.tlsaLookup()
                      .map(LookupStatus::reason)
                      .filter(r -> !r.isEmpty())
                      .map(r -> " (" + r + ")")
                      .orElse(""));
      case ADDRESS_LOOKUP_FAILED ->
          // RFC 7672 2.1.2: its TLSA records cannot be known either: a DANE MTA skips the host.
          add(
              skipState(),
              name
                  + ": address lookup failed"
                  + firstMessage(host.problems()).map(m -> " (" + m + ")").orElse(""));
      case NO_DANE -> {
        if (report.mxHosts().stream().anyMatch(h -> !h.tlsaRecords().isEmpty())) {
          add(
              PluginState.WARNING,
              name + ": no DANE (" + hostNoDaneReason(host) + ") while other MX hosts use it");
        }
      }
      case NO_ADDRESSES ->
          add(
              skipState(),
              name
                  + ": no addresses"
                  + firstMessage(host.problems()).map(m -> " (" + m + ")").orElse(""));
      case INCOMPLETE ->
          add(
              PluginState.UNKNOWN,
              name
                  + (timedOut()
                      ? ": not checked before the time limit"
                      : ": stopped at a work limit"));
    }
    boolean statusSaysIt =
        host.status() == HostStatus.TLSA_LOOKUP_FAILED
            || host.status() == HostStatus.ADDRESS_LOOKUP_FAILED
            || host.status() == HostStatus.NO_ADDRESSES;
    for (Problem p : host.problems()) {
      switch (p.code()) {
        case TLSA_LOOKUP_FAILED, TLSA_ALL_UNUSABLE, NO_ADDRESSES -> {}
        // The status finding already carries the lookup's reason.
        case DNSSEC_BOGUS, CNAME_CHAIN_INVALID, ADDRESS_LOOKUP_FAILED -> {
          if (!statusSaysIt) {
            genericProblem(p, name);
          }
        }
        default -> genericProblem(p, name);
      }
    }
  }

  /**
   * An endpoint of a host whose TLSA records make TLS mandatory. {@code unusableOnly}: the records
   * are all unusable, so TLS without authentication is all a DANE MTA asks for.
   */
  private void endpointFindings(MxHostReport host, EndpointReport e, boolean unusableOnly) {
    String subject = subject(host, e);
    boolean fine = unusableOnly ? e.smtpOutcome().tlsEstablished() : authenticated(e);
    if (fine) {
      for (Problem p : e.problems()) {
        genericProblem(p, subject);
      }
    } else if (cutShort(e)) {
      // In a check cut short, a timeout may be the deadline's, not the server's.
      add(PluginState.UNKNOWN, subject + ": not finished before the time limit");
    } else if (e.smtpOutcome().reachedEhlo()) {
      add(skipState(), subject + ": " + whyNotVerified(e));
    } else {
      // Unreachable: a DANE MTA tries the next endpoint.
      add(skipState(), subject + " unreachable: " + whyNotVerified(e));
    }
  }

  /** Whether a usable TLSA record authenticated the endpoint's TLS session (any MX security). */
  private static boolean authenticated(EndpointReport e) {
    return e.smtpOutcome().tlsEstablished()
        && e.tlsaMatch().map(TlsaMatchResult::authenticated).orElse(false);
  }

  /**
   * Warnings before a certificate renewal breaks DANE: the only matching records bind the
   * certificate itself (selector 0), or the RRset has a single record, and the certificate they
   * match expires within the warning window. A DANE-EE(3) match ignores the certificate's dates
   * (RFC 7672 3.1.1): an already expired leaf under it is a note, not a looming renewal.
   */
  private void rolloverFindings(MxHostReport host) {
    String name = strip(host.name());
    Optional<Duration> certBound = Optional.empty();
    Optional<Duration> singleKey = Optional.empty();
    List<String> boundFields = new ArrayList<>();
    for (EndpointReport e : host.endpoints()) {
      Optional<TlsaMatchResult> match = e.tlsaMatch().filter(TlsaMatchResult::authenticated);
      if (match.isEmpty()) {
        continue;
      }
      List<TlsaRecordEvaluation> matched =
          match.get().evaluations().stream()
              .filter(ev -> ev.status() == TlsaRecordStatus.MATCHED)
              .toList();
      Optional<Duration> soonest =
          matched.stream()
              .map(ev -> certificateAt(e, ev.depth().orElse(0)))
              .flatMap(Optional::stream)
              .map(c -> Duration.between(now, c))
              .min(Comparator.naturalOrder());
      if (soonest.isEmpty() || soonest.get().compareTo(thresholds.certWarn()) >= 0) {
        continue;
      }
      if (soonest.get().isNegative() && matched.stream().allMatch(CheckDaneEvaluator::daneEe)) {
        addOnce(
            notes,
            subject(host, e)
                + ": the certificate "
                + expires(soonest.get())
                + "; DANE-EE ignores certificate dates (RFC 7672 3.1.1), so mail is still"
                + " delivered");
        continue;
      }
      // RFC 6698 2.1.2: selector 0 matches the full certificate, which every renewal replaces.
      boolean allCertBound =
          !matched.isEmpty() && matched.stream().allMatch(ev -> ev.record().selectorNumber() == 0);
      if (allCertBound) {
        certBound = min(certBound, soonest.get());
        matched.forEach(ev -> addOnce(boundFields, fields(ev.record())));
      } else if (host.tlsaRecords().size() == 1) {
        singleKey = min(singleKey, soonest.get());
      }
    }
    if (certBound.isPresent() || singleKey.isPresent()) {
      hintedHosts.add(name);
    }
    if (certBound.isPresent()) {
      add(
          PluginState.WARNING,
          name
              + ": certificate "
              + expires(certBound.get())
              + " and only TLSA "
              + String.join(", ", boundFields)
              + " matches it, which binds this certificate: publish the renewed one's record"
              + " before deploying it");
    } else if (singleKey.isPresent()) {
      add(
          PluginState.WARNING,
          name
              + ": certificate "
              + expires(singleKey.get())
              + " and the TLSA RRset has one record: unless the renewal keeps the key,"
              + " publish the next key's record now");
    } else if (host.tlsaRecords().size() == 1) {
      String text = name + ": the TLSA RRset has one record: no next key published for a rollover";
      if (thresholds.requireRolloverKey() || thresholds.strict()) {
        add(PluginState.WARNING, text);
      } else {
        notes.add(text);
      }
    }
  }

  private static boolean daneEe(TlsaRecordEvaluation evaluation) {
    return evaluation.record().usageNumber() == 3;
  }

  private static Optional<Instant> certificateAt(EndpointReport e, int depth) {
    return e.certificates().stream()
        .filter(c -> c.depth() == depth)
        .findFirst()
        .flatMap(PeerCertificate::notAfter);
  }

  /** Whether the endpoint's probe may have been ended by the check's deadline. */
  private boolean cutShort(EndpointReport e) {
    return !report.complete()
        && (e.smtpOutcome() == SmtpOutcome.TIMEOUT || e.smtpOutcome() == SmtpOutcome.NOT_PROBED);
  }

  private static String whyNotVerified(EndpointReport e) {
    return switch (e.smtpOutcome()) {
      case TLS_ESTABLISHED ->
          e.tlsaMatch()
              .map(TlsaMatchResult::message)
              .filter(m -> !m.isEmpty())
              .orElse("TLS session not authenticated");
      case STARTTLS_NOT_OFFERED -> "STARTTLS not offered, but TLSA records make TLS mandatory";
      case STARTTLS_REFUSED -> "STARTTLS refused, but TLSA records make TLS mandatory";
      case TLS_HANDSHAKE_FAILED -> "TLS handshake failed" + detail(e);
      case CONNECT_FAILED -> "connection failed" + detail(e);
      case TIMEOUT -> "timed out" + detail(e);
      case GREETING_REJECTED -> "greeting rejected" + detail(e);
      case PROTOCOL_ERROR -> "SMTP protocol error" + detail(e);
      case NOT_PROBED -> "not probed" + detail(e);
    };
  }

  private static String detail(EndpointReport e) {
    return firstMessage(e.problems()).map(m -> " (" + m + ")").orElse("");
  }

  // --- expiry ------------------------------------------------------------------------------

  /**
   * The earliest expiry among the certificates whose dates a DANE MTA checks: those on the path
   * from the leaf to a DANE-TA(2) trust anchor that authenticated (RFC 6698 2.1.1: the path is
   * validated, validity included). A DANE-EE(3) match ignores dates (RFC 7672 3.1.1).
   */
  private Optional<Expiry> earliestCheckedExpiry() {
    List<Expiry> candidates = new ArrayList<>();
    for (MxHostReport host : report.mxHosts()) {
      for (EndpointReport e : host.endpoints()) {
        Optional<TlsaMatchResult> match = e.tlsaMatch().filter(m -> authenticated(e));
        if (match.isEmpty()
            || match.get().matchedRecord().map(r -> r.usageNumber() == 3).orElse(true)) {
          continue;
        }
        int depth = match.get().matchedDepth().orElse(0);
        for (PeerCertificate c : e.certificates()) {
          if (c.depth() <= depth && c.notAfter().isPresent()) {
            candidates.add(new Expiry(c.notAfter().get(), where(host, e, c)));
          }
        }
      }
    }
    return candidates.stream().min(Comparator.comparing(Expiry::notAfter));
  }

  /** For the performance data only: the earliest leaf a DANE-EE record authenticated. */
  private Optional<Expiry> earliestDaneEeLeaf() {
    return report.mxHosts().stream()
        .flatMap(
            h ->
                h.endpoints().stream()
                    .filter(CheckDaneEvaluator::authenticated)
                    .flatMap(
                        e ->
                            e.certificates().stream()
                                .filter(c -> c.depth() == 0 && c.notAfter().isPresent())
                                .map(c -> new Expiry(c.notAfter().get(), where(h, e, c), true))))
        .min(Comparator.comparing(Expiry::notAfter));
  }

  private static String where(MxHostReport host, EndpointReport e, PeerCertificate c) {
    String what = c.depth() == 0 ? "certificate" : "CA certificate";
    String who = c.subject().isEmpty() ? "" : " " + c.subject();
    return subject(host, e) + ": " + what + who;
  }

  private void certificateExpiry(Expiry expiry) {
    Duration left = Duration.between(now, expiry.notAfter());
    // Range "w:" of the guidelines: an alert when the value is below w, not at w.
    PluginState state =
        left.compareTo(thresholds.certCrit()) < 0
            ? PluginState.CRITICAL
            : left.compareTo(thresholds.certWarn()) < 0 ? PluginState.WARNING : PluginState.OK;
    // A rollover hint for the host already says when its certificate expires.
    boolean hinted =
        state == PluginState.WARNING
            && hintedHosts.stream().anyMatch(h -> expiry.where().startsWith(h + "["));
    if (state != PluginState.OK && !hinted) {
      add(state, expiry.where() + " " + expires(left));
    }
  }

  private void signatureExpiry(Instant expiration) {
    Duration left = Duration.between(now, expiration);
    PluginState state =
        left.compareTo(thresholds.rrsigCrit()) < 0
            ? PluginState.CRITICAL
            : left.compareTo(thresholds.rrsigWarn()) < 0 ? PluginState.WARNING : PluginState.OK;
    if (state != PluginState.OK) {
      add(
          state,
          "RRSIG over "
              + signedRrset(expiration)
              + " "
              + expires(left)
              + ": re-sign the zone before DANE fails");
    }
  }

  /** Names the RRset whose signature expires at {@code expiration}. */
  private String signedRrset(Instant expiration) {
    List<LookupStatus> lookups = new ArrayList<>();
    report.mxLookup().ifPresent(lookups::add);
    report.mxHosts().forEach(h -> lookups.addAll(h.tlsaLookups()));
    return lookups.stream()
        .filter(l -> l.signatureExpiry().filter(expiration::equals).isPresent())
        .findFirst()
        .map(l -> strip(l.name()) + " " + l.type())
        .orElse("the MX or TLSA records");
  }

  // --- output ------------------------------------------------------------------------------

  private String okSummary(Optional<Expiry> certificate) {
    if (!notes.isEmpty()
        && report.mtaAction() != MtaAction.AUTHENTICATED_TLS
        && (report.verdict() == DaneVerdict.NO_DANE || report.verdict() == DaneVerdict.NO_MAIL)) {
      return notes.get(0);
    }
    long endpoints = daneEndpoints().count();
    long authenticated = daneEndpoints().filter(CheckDaneEvaluator::authenticated).count();
    StringBuilder s = new StringBuilder(domain()).append(": ");
    s.append(report.mxHosts().size())
        .append(report.mxHosts().size() == 1 ? " MX, " : " MX hosts, ");
    s.append(authenticated).append('/').append(endpoints);
    // RFC 7672 2.2.1: with an unsigned MX RRset, a match is not "verified" delivery to the domain.
    s.append(
        hasProblem(report.problems(), ProblemCode.MX_INSECURE)
            ? " endpoints DANE-authenticated, MX records not DNSSEC-signed"
            : " endpoints DANE-verified");
    certificate
        .or(this::earliestDaneEeLeaf)
        .ifPresent(
            c -> s.append(", certificate ").append(expires(Duration.between(now, c.notAfter()))));
    report
        .earliestSignatureExpiry()
        .ifPresent(t -> s.append(", RRSIG ").append(expires(Duration.between(now, t))));
    return s.toString();
  }

  private static String problemSummary(List<Finding> ordered) {
    List<String> texts = ordered.stream().map(Finding::text).toList();
    String head = texts.stream().limit(SUMMARY_FINDINGS).collect(Collectors.joining("; "));
    int more = texts.size() - SUMMARY_FINDINGS;
    return more > 0 ? head + "; and " + more + " more (-v)" : head;
  }

  private List<PerfDatum> perfData(Optional<Expiry> certificate) {
    long endpoints = report.mxHosts().stream().mapToLong(h -> h.endpoints().size()).sum();
    long verified =
        report.mxHosts().stream()
            .flatMap(h -> h.endpoints().stream())
            .filter(EndpointReport::verified)
            .count();
    long failed = daneEndpoints().filter(e -> !authenticated(e) && !cutShort(e)).count();
    List<PerfDatum> data = new ArrayList<>();
    data.add(
        new PerfDatum(
            "time",
            PerfDatum.decimal(report.elapsed().toMillis() / 1000d, 3),
            "s",
            "",
            "",
            "0",
            ""));
    data.add(PerfDatum.count("mx_hosts", report.mxHosts().size(), ""));
    data.add(PerfDatum.count("endpoints_verified", verified, Long.toString(endpoints)));
    data.add(PerfDatum.count("endpoints_failed", failed, Long.toString(endpoints)));
    certificate.ifPresent(
        c ->
            data.add(
                c.informational()
                    ? days("cert_expiry_days", c.notAfter(), Double.NaN, Double.NaN)
                    : days(
                        "cert_expiry_days",
                        c.notAfter(),
                        thresholds.certWarnDays(),
                        thresholds.certCritDays())));
    report
        .earliestSignatureExpiry()
        .ifPresent(
            t ->
                data.add(
                    days(
                        "rrsig_expiry_days",
                        t,
                        thresholds.rrsigWarnDays(),
                        thresholds.rrsigCritDays())));
    return data;
  }

  /** A days-left datum; NaN thresholds for a value no state depends on (none shown). */
  private PerfDatum days(String label, Instant when, double warn, double crit) {
    double days = Duration.between(now, when).toMillis() / 86_400_000d;
    return new PerfDatum(
        label,
        PerfDatum.decimal(days, 2),
        "",
        Double.isNaN(warn) ? "" : PerfDatum.below(warn),
        Double.isNaN(crit) ? "" : PerfDatum.below(crit),
        "",
        "");
  }

  private List<String> details(List<Finding> ordered) {
    List<String> lines = new ArrayList<>();
    ordered.forEach(f -> lines.add("[" + f.state() + "] " + f.text()));
    notes.forEach(n -> lines.add("[NOTE] " + n));
    lines.add(
        domain()
            + ": verdict "
            + report.verdict()
            + ", a DANE MTA would "
            + ReportPrinter.describeAction(report)
            + ", "
            + report.elapsed().toMillis()
            + " ms");
    for (MxHostReport host : report.mxHosts()) {
      lines.add(
          "MX "
              + host.preference()
              + " "
              + strip(host.name())
              + ": "
              + host.status()
              + (host.tlsaRecords().isEmpty()
                  ? ""
                  : ", TLSA at "
                      + strip(host.tlsaBaseDomain())
                      + ": "
                      + host.tlsaRecords().stream()
                          .map(CheckDaneEvaluator::shortRecord)
                          .collect(Collectors.joining(", "))));
      for (EndpointReport e : host.endpoints()) {
        lines.add("  " + subject(host, e) + ": " + endpointLine(e));
      }
    }
    return lines;
  }

  private String endpointLine(EndpointReport e) {
    StringBuilder s = new StringBuilder().append(e.level());
    s.append(", ").append(e.smtpOutcome());
    e.tlsVersion().ifPresent(v -> s.append(", ").append(v));
    e.tlsaMatch()
        .ifPresent(
            m ->
                s.append(", TLSA ")
                    .append(m.outcome())
                    .append(m.matchedRecord().map(r -> " by " + fields(r)).orElse(""))
                    .append(
                        m.matchedDepth().isPresent()
                            ? " at depth " + m.matchedDepth().getAsInt()
                            : ""));
    e.certificates().stream()
        .filter(c -> c.depth() == 0)
        .findFirst()
        .ifPresent(
            c ->
                s.append(", leaf ")
                    .append(c.subject())
                    .append(
                        c.notAfter()
                            .map(
                                t ->
                                    " notAfter "
                                        + t
                                        + " ("
                                        + expires(Duration.between(now, t))
                                        + ")")
                            .orElse("")));
    return s.toString();
  }

  // --- helpers -----------------------------------------------------------------------------

  private java.util.stream.Stream<EndpointReport> daneEndpoints() {
    return report.mxHosts().stream()
        .filter(h -> !h.tlsaRecords().isEmpty())
        .flatMap(h -> h.endpoints().stream());
  }

  /**
   * Problems not covered by a status. Hints that do not change delivery are notes (WARNING with
   * {@code --strict}); errors take the state of what they make a DANE MTA do ({@link #skipState});
   * warnings are WARNING. Expiry is the plugin's thresholds' (from the report's dates), a deadline
   * is UNKNOWN, and what the delivery finding says is not said twice.
   */
  private void genericProblem(Problem p, String subject) {
    String where = subject.isEmpty() ? "" : subject + ": ";
    switch (p.code()) {
      // said by the thresholds, the time limit or the delivery finding
      case DEADLINE_EXCEEDED, NULL_MX, NULL_MX_MIXED, MX_INSECURE -> {}
      case TLSA_UNUSABLE, TLS_LEGACY_PROTOCOL -> {
        if (p.severity() == Severity.INFO) {
          return;
        }
        if (thresholds.strict()) {
          add(PluginState.WARNING, where + p.message());
        } else {
          addOnce(notes, where + p.message());
        }
      }
      default -> {
        if (p.code() == ProblemCode.LIMIT_REACHED
            && report.verdict() == DaneVerdict.INDETERMINATE) {
          // Said by the delivery finding: the limit left the check undecided (UNKNOWN).
          addOnce(notes, where + p.message());
        } else if (p.severity() == Severity.ERROR) {
          add(skipState(), where + p.message());
        } else if (p.severity() == Severity.WARNING) {
          add(PluginState.WARNING, where + p.message());
        }
      }
    }
  }

  private String noDaneReason() {
    if (hasProblem(report.problems(), ProblemCode.MX_INSECURE)) {
      return "MX records not DNSSEC-signed";
    }
    // The first host without DANE (beside equal-preference DANE hosts, it is why).
    return report.mxHosts().stream()
        .filter(h -> h.status() == HostStatus.NO_DANE)
        .map(h -> strip(h.name()) + ": " + hostNoDaneReason(h))
        .findFirst()
        .orElse("no MX host uses DANE");
  }

  private static String hostNoDaneReason(MxHostReport host) {
    if (hasProblem(host.problems(), ProblemCode.HOST_INSECURE)) {
      return "addresses not DNSSEC-signed";
    }
    if (hasProblem(host.problems(), ProblemCode.TLSA_INSECURE)) {
      return "TLSA records not DNSSEC-signed";
    }
    return "no TLSA records";
  }

  private static boolean hasProblem(List<Problem> problems, ProblemCode code) {
    return problem(problems, code).isPresent();
  }

  private static Optional<Problem> problem(List<Problem> problems, ProblemCode code) {
    return problems.stream().filter(p -> p.code() == code).findFirst();
  }

  private static Optional<String> firstMessage(List<Problem> problems) {
    return problems.stream()
        .sorted(Comparator.comparing((Problem p) -> p.severity()).reversed())
        .map(Problem::message)
        .filter(m -> !m.isEmpty())
        .findFirst();
  }

  /** Whether the deadline cut the check, rather than only a work limit leaving it undecided. */
  private boolean timedOut() {
    return report.problems().stream().anyMatch(p -> p.code() == ProblemCode.DEADLINE_EXCEEDED);
  }

  private PluginState worst() {
    return findings.stream().map(Finding::state).reduce(PluginState.OK, PluginState::worse);
  }

  private void add(PluginState state, String text) {
    findings.add(new Finding(state, text));
  }

  private String domain() {
    return strip(report.domain());
  }

  private static String subject(MxHostReport host, EndpointReport e) {
    String address = e.isIpv6() ? "[" + e.address() + "]" : e.address();
    return strip(host.name()) + "[" + address + "]:" + e.port();
  }

  private static String strip(String name) {
    return name.endsWith(".") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
  }

  private static String fields(TlsaRecord r) {
    return r.usageNumber() + " " + r.selectorNumber() + " " + r.matchingTypeNumber();
  }

  private static String shortRecord(TlsaRecord r) {
    String hex = r.associationDataHex();
    return fields(r) + " " + (hex.length() > 16 ? hex.substring(0, 16) + "..." : hex);
  }

  private static String describe(List<TlsaRecord> records) {
    return records.stream().map(CheckDaneEvaluator::fields).collect(Collectors.joining(", "));
  }

  private static void addOnce(List<String> list, String value) {
    if (!list.contains(value)) {
      list.add(value);
    }
  }

  private static Optional<Duration> min(Optional<Duration> a, Duration b) {
    return Optional.of(a.filter(x -> x.compareTo(b) <= 0).orElse(b));
  }

  /** "expires in 12 d", "expires in 20 h", "expires in 5 min", or "expired 3 d ago". */
  static String expires(Duration left) {
    boolean past = left.isNegative();
    Duration d = left.abs();
    String amount;
    if (d.compareTo(DAY.multipliedBy(2)) >= 0) {
      amount = d.toDays() + " d";
    } else if (d.compareTo(Duration.ofHours(2)) >= 0) {
      amount = d.toHours() + " h";
    } else {
      amount = d.toMinutes() + " min";
    }
    return past ? "expired " + amount + " ago" : "expires in " + amount;
  }
}
