/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.danecheck.LookupStatus;

/**
 * Where to look for a host's TLSA records (RFC 7672 2.2.2): the candidate base domains in the order
 * they are tried, or the result when no TLSA lookup is to be made.
 *
 * @param candidates the candidate TLSA base domains, in order; empty when {@code decided} is set
 * @param decided the result without a TLSA lookup (not queried, or failed before it)
 * @param cnameStatus the lookup of the host's CNAME, when its status made the host a candidate
 */
public record TlsaSearch(
    List<Candidate> candidates, Optional<TlsaResult> decided, Optional<LookupStatus> cnameStatus) {
  /** Copies the list and checks for nulls. */
  public TlsaSearch {
    candidates = List.copyOf(candidates);
    Objects.requireNonNull(decided, "decided");
    Objects.requireNonNull(cnameStatus, "cnameStatus");
  }

  /**
   * One candidate TLSA base domain.
   *
   * @param baseDomain the name (absolute)
   * @param reason why it is a candidate, for people
   */
  public record Candidate(String baseDomain, String reason) {
    /** Checks for nulls. */
    public Candidate {
      Objects.requireNonNull(baseDomain, "baseDomain");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The candidates' names, in order. */
  public List<String> baseDomains() {
    return candidates.stream().map(Candidate::baseDomain).toList();
  }
}
