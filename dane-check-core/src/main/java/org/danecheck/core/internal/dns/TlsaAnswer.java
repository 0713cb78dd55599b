/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.dns;

import java.util.List;
import java.util.Objects;
import org.danecheck.LookupStatus;
import org.danecheck.Problem;
import org.danecheck.TlsaRecord;

/**
 * One TLSA lookup, for one candidate TLSA base domain, as the resolver answered it.
 *
 * @param baseDomain the candidate base domain (absolute), not the owner name asked
 * @param lookup the lookup of {@code _port._tcp.baseDomain}
 * @param records its TLSA records (at most {@link MailDns#MAX_TLSA_RECORDS}); empty unless DATA
 * @param problems what the fetch cut ({@link org.danecheck.ProblemCode#LIMIT_REACHED})
 * @param ttl how long the answer may be kept, in seconds (0 for a failed lookup)
 * @param cut whether a deadline or a stop ended the lookup rather than the servers (the lookup is
 *     then FAILED and says nothing about the domain: the step did not finish)
 */
public record TlsaAnswer(
    String baseDomain,
    LookupStatus lookup,
    List<TlsaRecord> records,
    List<Problem> problems,
    long ttl,
    boolean cut) {
  /** Copies the lists and checks for nulls. */
  public TlsaAnswer {
    Objects.requireNonNull(baseDomain, "baseDomain");
    Objects.requireNonNull(lookup, "lookup");
    records = List.copyOf(records);
    problems = List.copyOf(problems);
  }

  /** An answer the servers gave (not cut), not to be kept (TTL 0). */
  public TlsaAnswer(
      String baseDomain, LookupStatus lookup, List<TlsaRecord> records, List<Problem> problems) {
    this(baseDomain, lookup, records, problems, 0, false);
  }
}
