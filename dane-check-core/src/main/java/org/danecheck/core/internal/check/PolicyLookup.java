/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.check;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.danecheck.Problem;
import org.danecheck.ValidationMode;
import org.danecheck.core.internal.dns.MxHost;
import org.danecheck.core.internal.policy.HostPolicy;
import org.danecheck.core.internal.policy.MxPlan;
import org.danecheck.core.internal.policy.PolicyDecision;
import org.danecheck.core.internal.policy.ProbePlan;
import org.danecheck.core.internal.policy.TlsaResult;

/**
 * What the DNS-only policy lookup of a domain found: the MX step, each host's DNS steps and policy,
 * and the decision before connecting. Plain data for {@code org.danecheck.core.DomainPolicy}.
 *
 * @param mx the MX step
 * @param hosts the hosts in the order to try them (empty when the MX step decided)
 * @param decision the pre-connection decision
 * @param problems the domain-level findings: configuration, MX step, decision, and a cut lookup's
 * @param fetchedAt when the lookup started, by the checker's clock
 * @param ttlSeconds how long the answers may be kept: their smallest TTL (0 when one failed)
 * @param mode how DNSSEC status was established
 * @param session what a trust manager needs besides the host's data
 */
public record PolicyLookup(
    MxPlan mx,
    List<Host> hosts,
    PolicyDecision decision,
    List<Problem> problems,
    Instant fetchedAt,
    long ttlSeconds,
    ValidationMode mode,
    SessionContext session) {
  /** Copies the lists and checks for nulls. */
  public PolicyLookup {
    Objects.requireNonNull(mx, "mx");
    hosts = List.copyOf(hosts);
    Objects.requireNonNull(decision, "decision");
    problems = List.copyOf(problems);
    Objects.requireNonNull(fetchedAt, "fetchedAt");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(session, "session");
  }

  /**
   * One host, as its DNS steps left it.
   *
   * @param mxHost its preference and name (absolute)
   * @param addresses the addresses an MTA may connect to
   * @param tlsa the TLSA search's result
   * @param policy what its sessions must achieve
   * @param probe how to open its sessions: SNI, whether anonymous suites are allowed
   * @param referenceIdentifiers the names a DANE-TA(2) leaf must carry (RFC 7672 3.2.2)
   * @param problems the host's findings, as the full check's report lists them
   */
  public record Host(
      MxHost mxHost,
      List<InetAddress> addresses,
      TlsaResult tlsa,
      HostPolicy policy,
      ProbePlan probe,
      Set<String> referenceIdentifiers,
      List<Problem> problems) {
    /** Copies the collections and checks for nulls. */
    public Host {
      Objects.requireNonNull(mxHost, "mxHost");
      addresses = List.copyOf(addresses);
      Objects.requireNonNull(tlsa, "tlsa");
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(probe, "probe");
      // In the policy's order: the TLSA base domain first.
      referenceIdentifiers = Collections.unmodifiableSet(new LinkedHashSet<>(referenceIdentifiers));
      problems = List.copyOf(problems);
    }
  }
}
