/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.dns;

import java.util.List;
import java.util.Objects;
import org.danecheck.LookupStatus;

/**
 * The MX lookup of a domain as the resolver answered it; what it means is {@code Rfc7672Policy}'s.
 *
 * @param lookup the lookup's outcome and DNSSEC status
 * @param records the MX records in answer order, targets absolute and lower case ({@code "."} for a
 *     null MX); empty unless the outcome is DATA
 * @param cnameChain the CNAME targets the lookup followed from the domain, in order; the last is
 *     the CNAME-expanded next-hop domain (RFC 7672 2.2.1)
 * @param ttl how long the answer may be kept, in seconds (0 for a failed lookup)
 * @param cut whether a deadline or a stop ended the lookup rather than the servers (the lookup is
 *     then FAILED and says nothing about the domain: the step did not finish)
 */
public record MxAnswer(
    LookupStatus lookup, List<MxHost> records, List<String> cnameChain, long ttl, boolean cut) {
  /** Copies the lists and checks for nulls. */
  public MxAnswer {
    Objects.requireNonNull(lookup, "lookup");
    records = List.copyOf(records);
    cnameChain = List.copyOf(cnameChain);
  }

  /** An answer the servers gave (not cut), not to be kept (TTL 0). */
  public MxAnswer(LookupStatus lookup, List<MxHost> records, List<String> cnameChain) {
    this(lookup, records, cnameChain, 0, false);
  }
}
