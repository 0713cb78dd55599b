package org.danecheck.core.internal.dns;

import java.util.List;
import java.util.Objects;
import org.danecheck.DnssecStatus;
import org.danecheck.LookupOutcome;
import org.danecheck.LookupStatus;
import org.danecheck.Problem;

/**
 * The address step of RFC 7672 2.2 for one MX host.
 *
 * @param host the host name asked, absolute, lower case, with a trailing dot
 * @param cnameChain the CNAME targets followed from the host, in order (empty without CNAME); the
 *     last is the fully expanded name
 * @param cnameChainSecure whether every link of the chain validated (true without CNAME)
 * @param lookups the A and/or AAAA lookups, in that order
 * @param addresses the addresses of the lookups that answered (at most {@link
 *     MailDns#MAX_ADDRESSES_PER_FAMILY} per family); failed and bogus RRsets are left out
 * @param problems findings (failures, bogus, insecure, no addresses, CNAME trouble, limits)
 */
public record HostAddresses(
    String host,
    List<String> cnameChain,
    boolean cnameChainSecure,
    List<LookupStatus> lookups,
    List<ResolvedAddress> addresses,
    List<Problem> problems) {
  /** Copies the lists and checks for nulls. */
  public HostAddresses {
    Objects.requireNonNull(host, "host");
    cnameChain = List.copyOf(cnameChain);
    lookups = List.copyOf(lookups);
    addresses = List.copyOf(addresses);
    problems = List.copyOf(problems);
  }

  /** The fully CNAME-expanded name: the chain's last target, or the host. */
  public String expandedName() {
    return cnameChain.isEmpty() ? host : cnameChain.get(cnameChain.size() - 1);
  }

  /**
   * Whether the addresses were obtained securely in the sense of RFC 7672 2.2: no address lookup
   * that answered was insecure, and at least one secure lookup returned addresses. Failed and bogus
   * lookups are ignored here (their addresses are unusable and left out).
   */
  public boolean addressesSecure() {
    boolean secureData = false;
    for (LookupStatus s : lookups) {
      if (!s.outcome().answered()) {
        continue;
      }
      if (s.dnssec() != DnssecStatus.SECURE) {
        return false;
      }
      secureData |= s.outcome() == LookupOutcome.DATA;
    }
    return secureData && cnameChainSecure;
  }
}
