/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.danecheck.LookupStatus;
import org.danecheck.MxSource;
import org.danecheck.Problem;
import org.danecheck.core.internal.dns.MxHost;

/**
 * What the MX step decided (RFC 7672 2.2.1): where the hosts come from and in which order an MTA
 * tries them.
 *
 * @param source how the host list was found
 * @param lookup the MX lookup; empty when the caller named the host
 * @param secure whether the MX RRset (and any CNAME leading to it) is secure
 * @param nextHop the original next-hop domain (absolute), the "initial name" of RFC 5321 5.1
 * @param expandedNextHop the CNAME-expanded next-hop domain: the name the MX records were found at
 *     (the next hop itself without CNAME)
 * @param hosts the hosts in the order an MTA tries them: by preference, each target once with its
 *     best preference, at most {@link Rfc7672Policy#MAX_MX_HOSTS}; the domain itself for an
 *     implicit MX; empty for a null MX, a missing domain or a failed lookup
 * @param problems findings of the MX step
 */
public record MxPlan(
    MxSource source,
    Optional<LookupStatus> lookup,
    boolean secure,
    String nextHop,
    String expandedNextHop,
    List<MxHost> hosts,
    List<Problem> problems) {
  /** Copies the lists and checks for nulls. */
  public MxPlan {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(lookup, "lookup");
    Objects.requireNonNull(nextHop, "nextHop");
    Objects.requireNonNull(expandedNextHop, "expandedNextHop");
    hosts = List.copyOf(hosts);
    problems = List.copyOf(problems);
  }
}
