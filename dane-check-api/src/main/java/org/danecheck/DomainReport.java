/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
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
 * <p>Instances are immutable and made by {@link #builder()} (or {@link #toBuilder()} from another):
 * new fields can be added in later releases without breaking callers, which a record's canonical
 * constructor would not allow. Lists are copies and never null; absent values are empty {@code
 * Optional}s.
 */
public final class DomainReport {
  private final String domain;
  private final Instant checkedAt;
  private final Duration elapsed;
  private final ValidationMode validationMode;
  private final MxSource mxSource;
  private final Optional<LookupStatus> mxLookup;
  private final List<MxHostReport> mxHosts;
  private final DaneVerdict verdict;
  private final MtaAction mtaAction;
  private final List<Problem> problems;
  private final List<IncompleteStep> incomplete;
  private final List<String> incompleteSteps;
  private final Optional<Instant> earliestCertificateExpiry;
  private final Optional<Instant> earliestSignatureExpiry;

  private DomainReport(Builder b) {
    this.domain = Objects.requireNonNull(b.domain, "DomainReport.domain is required");
    this.checkedAt = Objects.requireNonNull(b.checkedAt, "DomainReport.checkedAt is required");
    this.elapsed = Objects.requireNonNull(b.elapsed, "DomainReport.elapsed is required");
    this.validationMode =
        Objects.requireNonNull(b.validationMode, "DomainReport.validationMode is required");
    this.mxSource = Objects.requireNonNull(b.mxSource, "DomainReport.mxSource is required");
    this.mxLookup = b.mxLookup;
    this.mxHosts = List.copyOf(b.mxHosts);
    this.verdict = Objects.requireNonNull(b.verdict, "DomainReport.verdict is required");
    this.mtaAction = Objects.requireNonNull(b.mtaAction, "DomainReport.mtaAction is required");
    this.problems = List.copyOf(b.problems);
    this.incomplete = List.copyOf(b.incomplete);
    this.incompleteSteps = incomplete.stream().map(IncompleteStep::description).toList();
    this.earliestCertificateExpiry = b.earliestCertificateExpiry;
    this.earliestSignatureExpiry = b.earliestSignatureExpiry;
  }

  /** A builder with every list empty and every optional value absent. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this report's values, to make a changed copy. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The domain checked (A-labels, lower case, no trailing dot). */
  public String domain() {
    return domain;
  }

  /** When the check started. */
  public Instant checkedAt() {
    return checkedAt;
  }

  /** How long it took. */
  public Duration elapsed() {
    return elapsed;
  }

  /** How DNSSEC status was established. */
  public ValidationMode validationMode() {
    return validationMode;
  }

  /** How the MX host list was found. */
  public MxSource mxSource() {
    return mxSource;
  }

  /** The MX lookup and its status; empty when the caller named the MX host. */
  public Optional<LookupStatus> mxLookup() {
    return mxLookup;
  }

  /** The MX hosts, in preference order. */
  public List<MxHostReport> mxHosts() {
    return mxHosts;
  }

  /** The overall verdict. */
  public DaneVerdict verdict() {
    return verdict;
  }

  /** What a DANE-enforcing MTA would do. */
  public MtaAction mtaAction() {
    return mtaAction;
  }

  /**
   * Domain-level problems (host and endpoint problems are in those reports; all of them:
   * allProblems()).
   */
  public List<Problem> problems() {
    return problems;
  }

  /**
   * The steps that did not finish (cut by the deadline, stopped, or left out at the probe limit);
   * empty when complete.
   */
  public List<IncompleteStep> incomplete() {
    return incomplete;
  }

  /** The {@linkplain IncompleteStep#description() descriptions} of {@link #incomplete()}. */
  public List<String> incompleteSteps() {
    return incompleteSteps;
  }

  /** The earliest notAfter of the certificates that authenticated. */
  public Optional<Instant> earliestCertificateExpiry() {
    return earliestCertificateExpiry;
  }

  /** The earliest RRSIG expiration over the MX and TLSA RRsets. */
  public Optional<Instant> earliestSignatureExpiry() {
    return earliestSignatureExpiry;
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
    return incomplete.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DomainReport other
        && domain.equals(other.domain)
        && checkedAt.equals(other.checkedAt)
        && elapsed.equals(other.elapsed)
        && validationMode.equals(other.validationMode)
        && mxSource.equals(other.mxSource)
        && mxLookup.equals(other.mxLookup)
        && mxHosts.equals(other.mxHosts)
        && verdict.equals(other.verdict)
        && mtaAction.equals(other.mtaAction)
        && problems.equals(other.problems)
        && incomplete.equals(other.incomplete)
        && earliestCertificateExpiry.equals(other.earliestCertificateExpiry)
        && earliestSignatureExpiry.equals(other.earliestSignatureExpiry);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        domain,
        checkedAt,
        elapsed,
        validationMode,
        mxSource,
        mxLookup,
        mxHosts,
        verdict,
        mtaAction,
        problems,
        incomplete,
        earliestCertificateExpiry,
        earliestSignatureExpiry);
  }

  @Override
  public String toString() {
    return "DomainReport["
        + "domain="
        + domain
        + ", checkedAt="
        + checkedAt
        + ", elapsed="
        + elapsed
        + ", validationMode="
        + validationMode
        + ", mxSource="
        + mxSource
        + ", mxLookup="
        + mxLookup
        + ", mxHosts="
        + mxHosts
        + ", verdict="
        + verdict
        + ", mtaAction="
        + mtaAction
        + ", problems="
        + problems
        + ", incomplete="
        + incomplete
        + ", earliestCertificateExpiry="
        + earliestCertificateExpiry
        + ", earliestSignatureExpiry="
        + earliestSignatureExpiry
        + "]";
  }

  /**
   * Collects the values of a {@link DomainReport}; {@link #build()} checks that the required ones
   * are set.
   */
  public static final class Builder {
    private String domain;
    private Instant checkedAt;
    private Duration elapsed;
    private ValidationMode validationMode;
    private MxSource mxSource;
    private Optional<LookupStatus> mxLookup = Optional.empty();
    private List<MxHostReport> mxHosts = List.of();
    private DaneVerdict verdict;
    private MtaAction mtaAction;
    private List<Problem> problems = List.of();
    private List<IncompleteStep> incomplete = List.of();
    private Optional<Instant> earliestCertificateExpiry = Optional.empty();
    private Optional<Instant> earliestSignatureExpiry = Optional.empty();

    private Builder() {}

    private Builder(DomainReport from) {
      domain = from.domain;
      checkedAt = from.checkedAt;
      elapsed = from.elapsed;
      validationMode = from.validationMode;
      mxSource = from.mxSource;
      mxLookup = from.mxLookup;
      mxHosts = from.mxHosts;
      verdict = from.verdict;
      mtaAction = from.mtaAction;
      problems = from.problems;
      incomplete = from.incomplete;
      earliestCertificateExpiry = from.earliestCertificateExpiry;
      earliestSignatureExpiry = from.earliestSignatureExpiry;
    }

    /** Sets {@link DomainReport#domain()}, without a trailing dot. */
    public Builder domain(String domain) {
      this.domain = Names.relative(Objects.requireNonNull(domain, "domain"));
      return this;
    }

    /** Sets {@link DomainReport#checkedAt()}. */
    public Builder checkedAt(Instant checkedAt) {
      this.checkedAt = Objects.requireNonNull(checkedAt, "checkedAt");
      return this;
    }

    /** Sets {@link DomainReport#elapsed()}. */
    public Builder elapsed(Duration elapsed) {
      this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
      return this;
    }

    /** Sets {@link DomainReport#validationMode()}. */
    public Builder validationMode(ValidationMode validationMode) {
      this.validationMode = Objects.requireNonNull(validationMode, "validationMode");
      return this;
    }

    /** Sets {@link DomainReport#mxSource()}. */
    public Builder mxSource(MxSource mxSource) {
      this.mxSource = Objects.requireNonNull(mxSource, "mxSource");
      return this;
    }

    /** Sets {@link DomainReport#mxLookup()}. */
    public Builder mxLookup(LookupStatus mxLookup) {
      this.mxLookup = Optional.of(mxLookup);
      return this;
    }

    /** Sets {@link DomainReport#mxLookup()}, or clears it with an empty {@code Optional}. */
    public Builder mxLookup(Optional<LookupStatus> mxLookup) {
      this.mxLookup = Objects.requireNonNull(mxLookup, "mxLookup");
      return this;
    }

    /** Sets {@link DomainReport#mxHosts()} (copied). */
    public Builder mxHosts(List<MxHostReport> mxHosts) {
      this.mxHosts = List.copyOf(mxHosts);
      return this;
    }

    /** Sets {@link DomainReport#verdict()}. */
    public Builder verdict(DaneVerdict verdict) {
      this.verdict = Objects.requireNonNull(verdict, "verdict");
      return this;
    }

    /** Sets {@link DomainReport#mtaAction()}. */
    public Builder mtaAction(MtaAction mtaAction) {
      this.mtaAction = Objects.requireNonNull(mtaAction, "mtaAction");
      return this;
    }

    /** Sets {@link DomainReport#problems()} (copied). */
    public Builder problems(List<Problem> problems) {
      this.problems = List.copyOf(problems);
      return this;
    }

    /** Sets {@link DomainReport#incomplete()} (copied). */
    public Builder incomplete(List<IncompleteStep> incomplete) {
      this.incomplete = List.copyOf(incomplete);
      return this;
    }

    /** Sets {@link DomainReport#earliestCertificateExpiry()}. */
    public Builder earliestCertificateExpiry(Instant earliestCertificateExpiry) {
      this.earliestCertificateExpiry = Optional.of(earliestCertificateExpiry);
      return this;
    }

    /**
     * Sets {@link DomainReport#earliestCertificateExpiry()}, or clears it with an empty {@code
     * Optional}.
     */
    public Builder earliestCertificateExpiry(Optional<Instant> earliestCertificateExpiry) {
      this.earliestCertificateExpiry =
          Objects.requireNonNull(earliestCertificateExpiry, "earliestCertificateExpiry");
      return this;
    }

    /** Sets {@link DomainReport#earliestSignatureExpiry()}. */
    public Builder earliestSignatureExpiry(Instant earliestSignatureExpiry) {
      this.earliestSignatureExpiry = Optional.of(earliestSignatureExpiry);
      return this;
    }

    /**
     * Sets {@link DomainReport#earliestSignatureExpiry()}, or clears it with an empty {@code
     * Optional}.
     */
    public Builder earliestSignatureExpiry(Optional<Instant> earliestSignatureExpiry) {
      this.earliestSignatureExpiry =
          Objects.requireNonNull(earliestSignatureExpiry, "earliestSignatureExpiry");
      return this;
    }

    /**
     * The domainReport.
     *
     * @throws NullPointerException when a required value (domain, checkedAt, elapsed,
     *     validationMode, mxSource, verdict, mtaAction) is not set
     */
    public DomainReport build() {
      return new DomainReport(this);
    }
  }
}
