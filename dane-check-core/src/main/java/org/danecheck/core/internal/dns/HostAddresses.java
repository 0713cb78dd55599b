/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.dns;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import org.danecheck.LookupStatus;
import org.danecheck.Problem;

/**
 * The address lookups of one MX host as the resolver answered them; what they mean (which addresses
 * are usable, whether and where to look for TLSA records) is {@code Rfc7672Policy}'s.
 *
 * @param host the host name asked, absolute, lower case, with a trailing dot
 * @param rrsets the A and/or AAAA lookups, in that order
 * @param problems what the fetch cut ({@link org.danecheck.ProblemCode#LIMIT_REACHED})
 */
public record HostAddresses(String host, List<Rrset> rrsets, List<Problem> problems) {
  /** Copies the lists and checks for nulls. */
  public HostAddresses {
    Objects.requireNonNull(host, "host");
    rrsets = List.copyOf(rrsets);
    problems = List.copyOf(problems);
  }

  /**
   * One address lookup.
   *
   * @param lookup its outcome and DNSSEC status (the status of the whole answer, CNAMEs included)
   * @param cnameChain the CNAME targets followed from the host, in order (empty without CNAME)
   * @param cnameChainInvalid whether the chain looped or was too long (the lookup is then FAILED)
   * @param addresses the addresses (at most {@link MailDns#MAX_ADDRESSES_PER_FAMILY}); empty unless
   *     the outcome is DATA
   * @param ttl how long the answer may be kept, in seconds (0 for a failed lookup)
   * @param cut whether a deadline or a stop ended the lookup rather than the servers (the lookup is
   *     then FAILED and says nothing about the host: the step did not finish)
   */
  public record Rrset(
      LookupStatus lookup,
      List<String> cnameChain,
      boolean cnameChainInvalid,
      List<InetAddress> addresses,
      long ttl,
      boolean cut) {
    /** Copies the lists and checks for nulls. */
    public Rrset {
      Objects.requireNonNull(lookup, "lookup");
      cnameChain = List.copyOf(cnameChain);
      addresses = List.copyOf(addresses);
    }

    /** An answer the servers gave (not cut), not to be kept (TTL 0). */
    public Rrset(
        LookupStatus lookup,
        List<String> cnameChain,
        boolean cnameChainInvalid,
        List<InetAddress> addresses) {
      this(lookup, cnameChain, cnameChainInvalid, addresses, 0, false);
    }
  }

  /** The smallest TTL of the address answers, in seconds. */
  public long ttl() {
    return rrsets.stream().mapToLong(Rrset::ttl).min().orElse(0);
  }

  /** Whether a deadline or a stop ended one of the lookups: the step did not finish. */
  public boolean cut() {
    return rrsets.stream().anyMatch(Rrset::cut);
  }

  /** The lookups, in order. */
  public List<LookupStatus> lookups() {
    return rrsets.stream().map(Rrset::lookup).toList();
  }

  /** The CNAME chain the host led to (the first lookup's that has one), empty without CNAME. */
  public List<String> cnameChain() {
    return rrsets.stream()
        .map(Rrset::cnameChain)
        .filter(c -> !c.isEmpty())
        .findFirst()
        .orElse(List.of());
  }

  /** The fully CNAME-expanded name: the chain's last target, or the host. */
  public String expandedName() {
    List<String> chain = cnameChain();
    return chain.isEmpty() ? host : chain.get(chain.size() - 1);
  }
}
