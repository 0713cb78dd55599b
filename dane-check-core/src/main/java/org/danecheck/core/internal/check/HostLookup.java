/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.check;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import org.danecheck.TlsaProfile;
import org.danecheck.core.internal.Deadline;
import org.danecheck.core.internal.dns.CnameAnswer;
import org.danecheck.core.internal.dns.HostAddresses;
import org.danecheck.core.internal.dns.MailDns;
import org.danecheck.core.internal.dns.TlsaAnswer;
import org.danecheck.core.internal.policy.AddressPlan;
import org.danecheck.core.internal.policy.HostPolicy;
import org.danecheck.core.internal.policy.Rfc7672Policy;
import org.danecheck.core.internal.policy.TlsaResult;
import org.danecheck.core.internal.policy.TlsaSearch;

/**
 * The DNS steps of one host (RFC 7672 2.2.2, 2.2.3, 2.2): its addresses, the DNSSEC status of its
 * CNAME when the policy needs it, the TLSA search over the policy's candidates, then the host's
 * policy. The full check and the DNS-only policy lookup both run exactly this, so they make the
 * same queries and the same decisions; every decision is {@link Rfc7672Policy}'s.
 */
final class HostLookup {
  private HostLookup() {}

  /**
   * What the DNS steps found for one host.
   *
   * @param addresses the address lookups as answered
   * @param addressPlan the policy's reading of them
   * @param tlsa the TLSA search's result
   * @param policy what the host's sessions must achieve
   * @param ttl the smallest TTL of the answers used, in seconds (0 when a lookup failed)
   */
  record Result(
      HostAddresses addresses,
      AddressPlan addressPlan,
      TlsaResult tlsa,
      HostPolicy policy,
      long ttl) {}

  /**
   * Runs the DNS steps of a host; continuations run on {@code coordinator}. A DNS answer that a
   * deadline or a stop cut ({@code cut()}) is no data: the steps end there, unfinished, and the
   * result is empty; no policy is decided from it (so none is cached).
   *
   * @param pkixTrustAnchors whether PKIX trust anchors exist (the flag the matcher shares)
   * @param onAddresses told the address step's result as soon as it is known (a check records it,
   *     so that a report cut by the deadline still shows it)
   */
  static CompletableFuture<Optional<Result>> run(
      MailDns dns,
      int port,
      TlsaProfile profile,
      boolean pkixTrustAnchors,
      Executor coordinator,
      String name,
      Deadline deadline,
      BiConsumer<HostAddresses, AddressPlan> onAddresses) {
    return dns.addresses(name, deadline)
        .thenComposeAsync(
            addresses -> {
              if (addresses.cut()) {
                return CUT;
              }
              AddressPlan plan = Rfc7672Policy.addresses(addresses);
              onAddresses.accept(addresses, plan);
              CompletableFuture<Optional<CnameAnswer>> cname =
                  Rfc7672Policy.needsCnameStatus(addresses, plan)
                      ? dns.cname(name, deadline).thenApply(Optional::of)
                      : CompletableFuture.completedFuture(Optional.empty());
              return cname.thenComposeAsync(
                  answer -> {
                    if (answer.isPresent() && answer.get().cut()) {
                      return CUT;
                    }
                    TlsaSearch search =
                        Rfc7672Policy.tlsaSearch(addresses, plan, answer.map(CnameAnswer::lookup));
                    return dns.tlsa(
                            search.baseDomains(), port, deadline, Rfc7672Policy::tlsaSearchEnds)
                        .thenApply(
                            answers -> {
                              if (answers.stream().anyMatch(TlsaAnswer::cut)) {
                                return Optional.<Result>empty();
                              }
                              TlsaResult tlsa = Rfc7672Policy.tlsaResult(name, search, answers);
                              return Optional.of(
                                  new Result(
                                      addresses,
                                      plan,
                                      tlsa,
                                      Rfc7672Policy.hostPolicy(
                                          plan, tlsa, profile, pkixTrustAnchors),
                                      ttl(addresses, answers)));
                            });
                  },
                  coordinator);
            },
            coordinator);
  }

  private static final CompletableFuture<Optional<Result>> CUT =
      CompletableFuture.completedFuture(Optional.empty());

  private static long ttl(HostAddresses addresses, List<TlsaAnswer> answers) {
    long ttl = addresses.ttl();
    for (TlsaAnswer answer : answers) {
      ttl = Math.min(ttl, answer.ttl());
    }
    return ttl;
  }
}
