/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.danecheck.LookupStatus;
import org.danecheck.MxSource;
import org.danecheck.PolicyAction;
import org.danecheck.Problem;
import org.danecheck.ProblemCode;
import org.danecheck.SecurityLevel;
import org.danecheck.ValidationMode;
import org.danecheck.core.internal.check.PolicyLookup;

/**
 * What an RFC 7672 MTA needs before it connects to deliver mail for a domain, from DNS alone: the
 * MX hosts in the order to try them and, for each, its {@link SecurityLevel} with the usable TLSA
 * records, the TLSA base domain, the SNI name and the reference identifiers. Made by {@link
 * DaneChecker#policy(String)}, by the same decision path as {@link DaneChecker#check(String)} (same
 * DNSSEC statuses, same problem codes), without connecting anywhere. Immutable.
 *
 * <p>How an MTA uses it (RFC 7672 2.1.2, 2.2.1):
 *
 * <ul>
 *   <li>{@link PolicyAction#NO_MAIL}: return the mail (null MX, or the domain does not exist);
 *   <li>{@link PolicyAction#DEFER}: keep the mail and retry later, {@link #reason()} says why;
 *   <li>{@link PolicyAction#TRY_HOSTS}: try {@link #hostsToTry()} in order, each at its level (for
 *       the two TLS-required levels through {@link MxHostPolicy#trustManager()}); when none takes
 *       the mail, defer.
 * </ul>
 *
 * <p>The answers it is made of may be reused until {@link #expiresAt()}, the smallest of their
 * TTLs: with {@link DaneChecker.Builder#dnsCache(int)} a repeated call within that time is answered
 * from the checker's DNS cache, without a query. A policy made of a failed lookup expires at once.
 */
public final class DomainPolicy {
  private final String domain;
  private final PolicyAction action;
  private final MxSource mxSource;
  private final boolean mxSecure;
  private final Optional<LookupStatus> mxLookup;
  private final List<MxHostPolicy> hosts;
  private final List<Problem> problems;
  private final ValidationMode validation;
  private final Instant fetchedAt;
  private final Instant expiresAt;

  private DomainPolicy(String domain, PolicyLookup lookup) {
    this.domain = domain;
    this.action = lookup.decision().action();
    this.mxSource = lookup.mx().source();
    this.mxSecure = lookup.mx().secure();
    this.mxLookup = lookup.mx().lookup();
    List<MxHostPolicy> list = new ArrayList<>();
    for (PolicyLookup.Host host : lookup.hosts()) {
      list.add(MxHostPolicy.of(host, lookup.mx().secure(), lookup.session()));
    }
    this.hosts = List.copyOf(list);
    this.problems = lookup.problems();
    this.validation = lookup.mode();
    this.fetchedAt = lookup.fetchedAt();
    this.expiresAt = lookup.fetchedAt().plus(Duration.ofSeconds(lookup.ttlSeconds()));
  }

  static DomainPolicy of(String domain, PolicyLookup lookup) {
    return new DomainPolicy(Objects.requireNonNull(domain), Objects.requireNonNull(lookup));
  }

  /** The domain (A-labels, lower case, no trailing dot). */
  public String domain() {
    return domain;
  }

  /** What to do with the mail: try the hosts, defer, or return it. */
  public PolicyAction action() {
    return action;
  }

  /** How the host list was found (MX records, implicit MX, null MX, ...). */
  public MxSource mxSource() {
    return mxSource;
  }

  /**
   * Whether the MX RRset (and any CNAME leading to it) is DNSSEC-secure. When it is not, a DANE
   * match authenticates the host but not the delivery to the domain: log it as "Trusted", not
   * "Verified" (RFC 7672 2.2.1), as {@link DaneVerification#level()} does.
   */
  public boolean mxSecure() {
    return mxSecure;
  }

  /** The MX lookup; empty when it did not finish. */
  public Optional<LookupStatus> mxLookup() {
    return mxLookup;
  }

  /**
   * Every MX host, in the order an MTA tries them (by preference; TLSA records never change the
   * order, RFC 7672 2.2.1), skipped ones included; empty when {@link #action()} is decided by the
   * MX step.
   */
  public List<MxHostPolicy> hosts() {
    return hosts;
  }

  /** The hosts an MTA connects to, in order: those whose level is not a skip. */
  public List<MxHostPolicy> hostsToTry() {
    return hosts.stream().filter(h -> !h.level().skip()).toList();
  }

  /** Domain-level findings: the MX step's, the configuration's, a cut lookup's. */
  public List<Problem> problems() {
    return problems;
  }

  /** The domain's findings, then each host's. */
  public List<Problem> allProblems() {
    List<Problem> all = new ArrayList<>(problems);
    hosts.forEach(h -> all.addAll(h.problems()));
    return List.copyOf(all);
  }

  /** How DNSSEC status was established. */
  public ValidationMode validation() {
    return validation;
  }

  /** When the lookup was made, by the checker's clock. */
  public Instant fetchedAt() {
    return fetchedAt;
  }

  /**
   * Until when the policy may be reused: {@link #fetchedAt()} plus the smallest TTL of the answers
   * it was made of; {@link #fetchedAt()} itself when a lookup failed (a deferral is re-asked).
   */
  public Instant expiresAt() {
    return expiresAt;
  }

  /** Whether the policy is past {@link #expiresAt()} at this time. */
  public boolean expired(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /**
   * Why the action, in one sentence for logs and bounce or deferral notices: the MX step's finding
   * for {@link PolicyAction#NO_MAIL} and a failed MX lookup, each host's reason when every host is
   * skipped, the hosts to try otherwise.
   */
  public String reason() {
    Optional<Problem> decisive =
        problems.stream()
            .filter(
                p ->
                    p.code() == ProblemCode.NULL_MX
                        || p.code() == ProblemCode.NULL_MX_MIXED
                        || p.code() == ProblemCode.MX_LOOKUP_FAILED
                        || p.code() == ProblemCode.DNSSEC_BOGUS
                        || p.code() == ProblemCode.DEADLINE_EXCEEDED)
            .findFirst();
    return switch (action) {
      case NO_MAIL ->
          decisive
              .map(Problem::message)
              .orElse(domain + " does not exist (NXDOMAIN): it accepts no mail (RFC 5321 5.1)");
      case DEFER ->
          decisive.isPresent()
              ? decisive.get().message()
              : "no MX host of "
                  + domain
                  + " can be used, so an MTA defers (RFC 7672 2.1.2): "
                  + hosts.stream()
                      .map(h -> h.name() + ": " + h.reason())
                      .collect(Collectors.joining("; "));
      case TRY_HOSTS ->
          "try "
              + hostsToTry().stream()
                  .map(h -> h.name() + " (" + h.level() + ")")
                  .collect(Collectors.joining(", "))
              + " in this order";
    };
  }

  @Override
  public String toString() {
    return "DomainPolicy["
        + domain
        + " "
        + action
        + ", hosts="
        + hosts.stream().map(h -> h.name() + " " + h.level()).toList()
        + ", expires "
        + expiresAt
        + "]";
  }
}
