/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.policy;

import java.util.List;
import java.util.Objects;
import org.danecheck.LookupStatus;
import org.danecheck.Problem;
import org.danecheck.TlsaRecord;

/**
 * The TLSA step of RFC 7672 2.2.3 for one host and port: what the search found.
 *
 * @param baseDomain the TLSA base domain whose records (or secure denial) decided the state; the
 *     host name when nothing was asked
 * @param baseDomainReason why that base domain, for people
 * @param lookups the TLSA lookups made, in order (none when not queried); the lookup of the host's
 *     CNAME, when it decided the search, comes first
 * @param records the TLSA records (at most {@link
 *     org.danecheck.core.internal.dns.MailDns#MAX_TLSA_RECORDS}), only for SECURE_RECORDS
 * @param state the outcome
 * @param problems findings
 */
public record TlsaResult(
    String baseDomain,
    String baseDomainReason,
    List<LookupStatus> lookups,
    List<TlsaRecord> records,
    TlsaState state,
    List<Problem> problems) {
  /** Copies the lists and checks for nulls. */
  public TlsaResult {
    Objects.requireNonNull(baseDomain, "baseDomain");
    Objects.requireNonNull(baseDomainReason, "baseDomainReason");
    Objects.requireNonNull(state, "state");
    lookups = List.copyOf(lookups);
    records = List.copyOf(records);
    problems = List.copyOf(problems);
  }
}
