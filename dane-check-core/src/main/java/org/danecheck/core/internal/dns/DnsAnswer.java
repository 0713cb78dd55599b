/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.dns;

import java.util.List;
import org.danecheck.LookupStatus;
import org.xbill.DNS.Record;

/**
 * One validated DNS answer: its status, the records of the asked type at the end of the CNAME
 * chain, and that chain.
 *
 * @param status the outcome and DNSSEC status
 * @param records the records of the asked type (empty unless the outcome is DATA)
 * @param cnameChain the CNAME targets followed from the asked name, in order (empty without CNAME)
 * @param cnameChainInvalid whether the chain looped or was longer than {@link
 *     DnsClient#MAX_CNAME_DEPTH} (the status is then FAILED)
 * @param ttl the smallest TTL of the answer, in seconds; from the cache, what is left of it
 * @param cut whether a deadline or a stop ended the lookup before its answer (a caller's deadline,
 *     the checker's close), rather than the servers: the status is then FAILED, it says nothing
 *     about the domain, and it is never cached
 */
record DnsAnswer(
    LookupStatus status,
    List<Record> records,
    List<String> cnameChain,
    boolean cnameChainInvalid,
    long ttl,
    boolean cut) {
  DnsAnswer {
    records = List.copyOf(records);
    cnameChain = List.copyOf(cnameChain);
  }

  /** The same answer with another TTL (what is left of it in the cache). */
  DnsAnswer withTtl(long seconds) {
    return new DnsAnswer(status, records, cnameChain, cnameChainInvalid, seconds, cut);
  }

  /** This answer, marked cut. */
  DnsAnswer asCut() {
    return cut ? this : new DnsAnswer(status, records, cnameChain, cnameChainInvalid, ttl, true);
  }
}
