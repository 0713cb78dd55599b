package org.danecheck;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The report of a whole domain check: how the MX set was found, each MX host and endpoint, the
 * verdict and what a DANE-enforcing MTA would do.
 *
 * @param domain the domain checked (A-labels, lower case, no trailing dot)
 * @param checkedAt when the check started
 * @param elapsed how long it took
 * @param validationMode how DNSSEC status was established
 * @param mxSource how the MX host list was found
 * @param mxLookup the MX lookup and its status; empty when the caller named the MX host
 * @param mxHosts the MX hosts, in preference order
 * @param verdict the overall verdict
 * @param mtaAction what a DANE-enforcing MTA would do
 * @param problems domain-level problems (host and endpoint problems are in those reports)
 * @param incompleteSteps steps that the deadline cut short, for people; empty when complete
 * @param earliestCertificateExpiry the earliest notAfter of the certificates that authenticated
 * @param earliestSignatureExpiry the earliest RRSIG expiration over the MX and TLSA RRsets
 */
public record DomainReport(
    String domain,
    Instant checkedAt,
    Duration elapsed,
    ValidationMode validationMode,
    MxSource mxSource,
    Optional<LookupStatus> mxLookup,
    List<MxHostReport> mxHosts,
    DaneVerdict verdict,
    MtaAction mtaAction,
    List<Problem> problems,
    List<String> incompleteSteps,
    Optional<Instant> earliestCertificateExpiry,
    Optional<Instant> earliestSignatureExpiry) {
  /** Checks that no component is null and copies the lists. */
  public DomainReport {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(checkedAt, "checkedAt");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(validationMode, "validationMode");
    Objects.requireNonNull(mxSource, "mxSource");
    Objects.requireNonNull(mxLookup, "mxLookup");
    mxHosts = List.copyOf(mxHosts);
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(mtaAction, "mtaAction");
    problems = List.copyOf(problems);
    incompleteSteps = List.copyOf(incompleteSteps);
    Objects.requireNonNull(earliestCertificateExpiry, "earliestCertificateExpiry");
    Objects.requireNonNull(earliestSignatureExpiry, "earliestSignatureExpiry");
  }

  /** Every problem of the check: the domain's, then each host's and each of its endpoints'. */
  public List<Problem> allProblems() {
    List<Problem> all = new ArrayList<>(problems);
    for (MxHostReport host : mxHosts) {
      all.addAll(host.problems());
      for (EndpointReport endpoint : host.endpoints()) {
        all.addAll(endpoint.problems());
      }
    }
    return List.copyOf(all);
  }

  /** Whether the check finished before its deadline. */
  public boolean complete() {
    return incompleteSteps.isEmpty();
  }
}
