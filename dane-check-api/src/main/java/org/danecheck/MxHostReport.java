package org.danecheck;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One MX host: its addresses and TLSA records with their DNSSEC status, and its endpoints.
 *
 * @param preference the MX preference (lower is tried first); 0 for the implicit MX
 * @param name the MX host name as published (absolute, lower case, trailing dot)
 * @param cnameChain the names the host name led to through CNAMEs, in order, without the host name
 *     itself; empty when there was no CNAME
 * @param addressLookups the A and AAAA lookups made, each with its status
 * @param addresses the addresses found, in the order they were tried
 * @param tlsaBaseDomain the name the TLSA records were found at (RFC 7672 2.2.2, 2.2.3), or the
 *     host name when no TLSA lookup was made
 * @param tlsaBaseDomainReason why that name is the base domain, for people
 * @param tlsaLookups the lookups that located the TLSA records: the host's CNAME lookup first when
 *     its status decided whether to search (RFC 7672 2.1.3, 2.2.2), then at most two TLSA lookups
 *     (expanded name, then original name)
 * @param tlsaRecords the TLSA RRset that applies, when it is secure; empty otherwise
 * @param status what a DANE-enforcing MTA makes of this host
 * @param endpoints the endpoints probed, in the order tried
 * @param problems what went wrong at the host level (endpoint problems are in the endpoints)
 */
public record MxHostReport(
    int preference,
    String name,
    List<String> cnameChain,
    List<LookupStatus> addressLookups,
    List<String> addresses,
    String tlsaBaseDomain,
    String tlsaBaseDomainReason,
    List<LookupStatus> tlsaLookups,
    List<TlsaRecord> tlsaRecords,
    HostStatus status,
    List<EndpointReport> endpoints,
    List<Problem> problems) {
  /** Checks that no component is null and copies the lists. */
  public MxHostReport {
    Objects.requireNonNull(name, "name");
    cnameChain = List.copyOf(cnameChain);
    addressLookups = List.copyOf(addressLookups);
    addresses = List.copyOf(addresses);
    Objects.requireNonNull(tlsaBaseDomain, "tlsaBaseDomain");
    Objects.requireNonNull(tlsaBaseDomainReason, "tlsaBaseDomainReason");
    tlsaLookups = List.copyOf(tlsaLookups);
    tlsaRecords = List.copyOf(tlsaRecords);
    Objects.requireNonNull(status, "status");
    endpoints = List.copyOf(endpoints);
    problems = List.copyOf(problems);
  }

  /** The lookup whose answer was used, the last one made, when any was made. */
  public Optional<LookupStatus> tlsaLookup() {
    return tlsaLookups.isEmpty()
        ? Optional.empty()
        : Optional.of(tlsaLookups.get(tlsaLookups.size() - 1));
  }
}
