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
  private final boolean anyVerified;

  /** One reason for a state, for people. */
  record Finding(PluginState state, String text) {}

  /** A certificate's expiry and where it was seen. */
  private record Expiry(Instant notAfter, String where) {}

  private CheckDaneEvaluator(DomainReport report, PluginThresholds thresholds, Instant now) {
    this.report = report;
    this.thresholds = thresholds;
    this.now = now;
    this.anyVerified =
        report.mxHosts().stream()
            .flatMap(h -> h.endpoints().stream())
            .anyMatch(EndpointReport::verified);
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
    Optional<Expiry> certificate = earliestCertificateExpiry();
    certificate.ifPresent(this::certificateExpiry);
    report.earliestSignatureExpiry().ifPresent(this::signatureExpiry);
    verdictFindings();

    PluginState state =
        findings.stream().map(Finding::state).reduce(PluginState.OK, PluginState::worse);
    List<Finding> ordered = new ArrayList<>(findings);
    // Worst first; equal states in the order found (domain, then hosts in preference order).
    ordered.sort(Comparator.comparing((Finding f) -> -f.state().rank()));
    String summary = state == PluginState.OK ? okSummary(certificate) : problemSummary(ordered);
    return new PluginResult(state, summary, perfData(certificate), details(ordered));
  }

  // --- domain level ----------------------------------------------------------------------------

  private void domainFindings() {
    if (report.mxLookup().map(l -> l.outcome() == LookupOutcome.NXDOMAIN).orElse(false)) {
      add(PluginState.CRITICAL, domain() + " does not exist (NXDOMAIN): mail to it bounces");
    }
    for (Problem p : report.problems()) {
      genericProblem(p, "");
    }
  }

  private void verdictFindings() {
    DaneVerdict verdict = report.verdict();
    switch (verdict) {
      case VERIFIED -> {}
      case PARTIALLY_VERIFIED -> {
        if (worst() == PluginState.OK) {
          add(PluginState.WARNING, "some MX hosts or endpoints are not DANE-verified");
        }
      }
      case FAILED -> {
        if (worst() != PluginState.CRITICAL) {
          add(PluginState.CRITICAL, "a DANE MTA would defer mail for " + domain());
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
      case NO_MAIL -> {
        if (hasProblem(report.problems(), ProblemCode.NULL_MX)) {
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
      case INDETERMINATE ->
          add(
              PluginState.UNKNOWN,
              "the check did not finish in time"
                  + (report.incompleteSteps().isEmpty()
                      ? ""
                      : ": " + String.join(", ", report.incompleteSteps())));
    }
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
          // RFC 7672 2.2: a failed TLSA lookup makes a DANE MTA skip the host.
          add(
              PluginState.CRITICAL,
              name
                  + ": TLSA lookup failed"
                  + host.tlsaLookup()
                      .map(LookupStatus::reason)
                      .filter(r -> !r.isEmpty())
                      .map(r -> " (" + r + ")")
                      .orElse(""));
      case NO_DANE -> {
        if (report.mxHosts().stream().anyMatch(h -> !h.tlsaRecords().isEmpty())) {
          add(
              PluginState.WARNING,
              name + ": no DANE (" + hostNoDaneReason(host) + ") while other MX hosts use it");
        }
      }
      case NO_ADDRESSES ->
          // Critical when it leaves a DANE domain without a host to deliver to.
          add(
              report.verdict() == DaneVerdict.FAILED ? PluginState.CRITICAL : PluginState.WARNING,
              name
                  + ": no addresses"
                  + firstMessage(host.problems()).map(m -> " (" + m + ")").orElse(""));
      case INCOMPLETE -> add(PluginState.UNKNOWN, name + ": not checked before the time limit");
    }
    boolean statusSaysIt =
        host.status() == HostStatus.TLSA_LOOKUP_FAILED || host.status() == HostStatus.NO_ADDRESSES;
    for (Problem p : host.problems()) {
      switch (p.code()) {
        case TLSA_LOOKUP_FAILED, TLSA_ALL_UNUSABLE, ADDRESS_LOOKUP_FAILED, NO_ADDRESSES -> {}
        // The status finding already carries the lookup's reason.
        case DNSSEC_BOGUS, CNAME_CHAIN_INVALID -> {
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
    boolean fine = unusableOnly ? e.smtpOutcome().tlsEstablished() : e.verified();
    if (fine) {
      for (Problem p : e.problems()) {
        genericProblem(p, subject);
      }
    } else if (cutShort(e)) {
      // In a check cut short, a timeout may be the deadline's, not the server's.
      add(PluginState.UNKNOWN, subject + ": not finished before the time limit");
    } else if (reachedServer(e.smtpOutcome())) {
      add(PluginState.CRITICAL, subject + ": " + whyNotVerified(e));
    } else {
      // Unreachable: a DANE MTA tries the next endpoint, so it matters most when none verifies.
      add(
          anyVerified ? PluginState.WARNING : PluginState.CRITICAL,
          subject + " unreachable: " + whyNotVerified(e));
    }
  }

  /**
   * Warnings before a certificate renewal breaks DANE: the only matching records bind the
   * certificate itself (selector 0), or the RRset has a single record, and the certificate they
   * match expires within the warning window.
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
      if (thresholds.requireRolloverKey()) {
        add(PluginState.WARNING, text);
      } else {
        notes.add(text);
      }
    }
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

  /** Whether the server answered and the failure is the server's setup, not reachability. */
  private static boolean reachedServer(SmtpOutcome outcome) {
    return switch (outcome) {
      case TLS_ESTABLISHED, STARTTLS_NOT_OFFERED, STARTTLS_REFUSED, TLS_HANDSHAKE_FAILED -> true;
      case CONNECT_FAILED, GREETING_REJECTED, PROTOCOL_ERROR, TIMEOUT, NOT_PROBED -> false;
    };
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
   * The earliest expiry of the certificates that authenticated and of every leaf on a host with
   * TLSA records: a leaf replaced when it expires breaks a {@code 3 0 x} record.
   */
  private Optional<Expiry> earliestCertificateExpiry() {
    List<Expiry> candidates = new ArrayList<>();
    report
        .earliestCertificateExpiry()
        .ifPresent(t -> candidates.add(new Expiry(t, "an authenticating certificate")));
    for (MxHostReport host : report.mxHosts()) {
      if (host.tlsaRecords().isEmpty()) {
        continue;
      }
      for (EndpointReport e : host.endpoints()) {
        int depth =
            e.tlsaMatch()
                .filter(TlsaMatchResult::authenticated)
                .map(m -> m.matchedDepth().orElse(0))
                .orElse(0);
        for (PeerCertificate c : e.certificates()) {
          if (c.depth() <= depth && c.notAfter().isPresent()) {
            String what = c.depth() == 0 ? "certificate" : "CA certificate";
            String who = c.subject().isEmpty() ? "" : " " + c.subject();
            candidates.add(new Expiry(c.notAfter().get(), subject(host, e) + ": " + what + who));
          }
        }
      }
    }
    // The first of the earliest, so a named certificate wins over the report's anonymous one.
    return candidates.stream()
        .min(
            Comparator.comparing(Expiry::notAfter)
                .thenComparing(x -> x.where().startsWith("an authenticating") ? 1 : 0));
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
        && (report.verdict() == DaneVerdict.NO_DANE || report.verdict() == DaneVerdict.NO_MAIL)) {
      return notes.get(0);
    }
    long endpoints = daneEndpoints().count();
    long verified = daneEndpoints().filter(EndpointReport::verified).count();
    StringBuilder s = new StringBuilder(domain()).append(": ");
    s.append(report.mxHosts().size())
        .append(report.mxHosts().size() == 1 ? " MX, " : " MX hosts, ");
    s.append(verified).append('/').append(endpoints).append(" endpoints DANE-verified");
    certificate.ifPresent(
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
    long failed = daneEndpoints().filter(e -> !e.verified() && !cutShort(e)).count();
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
                days(
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

  private PerfDatum days(String label, Instant when, double warn, double crit) {
    double days = Duration.between(now, when).toMillis() / 86_400_000d;
    return new PerfDatum(
        label,
        PerfDatum.decimal(days, 2),
        "",
        PerfDatum.below(warn),
        PerfDatum.below(crit),
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
   * Problems not covered by a status: errors are CRITICAL, warnings WARNING, notes nothing. The
   * core's own expiry warnings give way to the plugin's thresholds, and a deadline to UNKNOWN.
   */
  private void genericProblem(Problem p, String subject) {
    switch (p.code()) {
      case CERT_EXPIRING, SIGNATURE_EXPIRING, DEADLINE_EXCEEDED -> {
        return;
      }
      default -> {}
    }
    String where = subject.isEmpty() ? "" : subject + ": ";
    if (p.severity() == Severity.ERROR) {
      add(PluginState.CRITICAL, where + p.message());
    } else if (p.severity() == Severity.WARNING) {
      add(PluginState.WARNING, where + p.message());
    }
  }

  private String noDaneReason() {
    if (hasProblem(report.problems(), ProblemCode.MX_INSECURE)) {
      return "MX records not DNSSEC-signed";
    }
    return report.mxHosts().stream()
        .map(h -> strip(h.name()) + ": " + hostNoDaneReason(h))
        .findFirst()
        .orElse("no MX hosts");
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
    return problems.stream().anyMatch(p -> p.code() == code);
  }

  private static Optional<String> firstMessage(List<Problem> problems) {
    return problems.stream()
        .sorted(Comparator.comparing((Problem p) -> p.severity()).reversed())
        .map(Problem::message)
        .filter(m -> !m.isEmpty())
        .findFirst();
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
