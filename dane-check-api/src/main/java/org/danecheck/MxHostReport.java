/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One MX host: its addresses and TLSA records with their DNSSEC status, and its endpoints.
 *
 * <p>Instances are immutable and made by {@link #builder()} (or {@link #toBuilder()} from another):
 * new fields can be added in later releases without breaking callers, which a record's canonical
 * constructor would not allow. Lists are copies and never null; absent values are empty {@code
 * Optional}s.
 */
public final class MxHostReport {
  private final int preference;
  private final String name;
  private final List<String> cnameChain;
  private final List<LookupStatus> addressLookups;
  private final List<String> addresses;
  private final String tlsaBaseDomain;
  private final String tlsaBaseDomainReason;
  private final List<LookupStatus> tlsaLookups;
  private final List<TlsaRecord> tlsaRecords;
  private final HostStatus status;
  private final List<EndpointReport> endpoints;
  private final List<Problem> problems;

  private MxHostReport(Builder b) {
    this.preference = b.preference;
    this.name = Objects.requireNonNull(b.name, "MxHostReport.name is required");
    this.cnameChain = List.copyOf(b.cnameChain);
    this.addressLookups = List.copyOf(b.addressLookups);
    this.addresses = List.copyOf(b.addresses);
    this.tlsaBaseDomain =
        Objects.requireNonNull(b.tlsaBaseDomain, "MxHostReport.tlsaBaseDomain is required");
    this.tlsaBaseDomainReason =
        Objects.requireNonNull(
            b.tlsaBaseDomainReason, "MxHostReport.tlsaBaseDomainReason is required");
    this.tlsaLookups = List.copyOf(b.tlsaLookups);
    this.tlsaRecords = List.copyOf(b.tlsaRecords);
    this.status = Objects.requireNonNull(b.status, "MxHostReport.status is required");
    this.endpoints = List.copyOf(b.endpoints);
    this.problems = List.copyOf(b.problems);
  }

  /** A builder with every list empty and every optional value absent. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this report's values, to make a changed copy. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The MX preference (lower is tried first); 0 for the implicit MX. */
  public int preference() {
    return preference;
  }

  /** The MX host name as published (A-labels, lower case, no trailing dot). */
  public String name() {
    return name;
  }

  /**
   * The names the host name led to through CNAMEs, in order, without the host name itself; empty
   * when there was no CNAME.
   */
  public List<String> cnameChain() {
    return cnameChain;
  }

  /** The A and AAAA lookups made, each with its status. */
  public List<LookupStatus> addressLookups() {
    return addressLookups;
  }

  /** The addresses found, in the order they were tried. */
  public List<String> addresses() {
    return addresses;
  }

  /**
   * The name the TLSA records were found at (RFC 7672 2.2.2, 2.2.3), or the host name when no TLSA
   * lookup was made.
   */
  public String tlsaBaseDomain() {
    return tlsaBaseDomain;
  }

  /** Why that name is the base domain, for people. */
  public String tlsaBaseDomainReason() {
    return tlsaBaseDomainReason;
  }

  /**
   * The lookups that located the TLSA records: the host's CNAME lookup first when its status
   * decided whether to search (RFC 7672 2.1.3, 2.2.2), then at most two TLSA lookups (expanded
   * name, then original name).
   */
  public List<LookupStatus> tlsaLookups() {
    return tlsaLookups;
  }

  /** The TLSA RRset that applies, when it is secure; empty otherwise. */
  public List<TlsaRecord> tlsaRecords() {
    return tlsaRecords;
  }

  /** What a DANE-enforcing MTA makes of this host. */
  public HostStatus status() {
    return status;
  }

  /** The endpoints probed, in the order tried. */
  public List<EndpointReport> endpoints() {
    return endpoints;
  }

  /** What went wrong at the host level (endpoint problems are in the endpoints). */
  public List<Problem> problems() {
    return problems;
  }

  /** The lookup whose answer was used, the last one made, when any was made. */
  public Optional<LookupStatus> tlsaLookup() {
    return tlsaLookups.isEmpty()
        ? Optional.empty()
        : Optional.of(tlsaLookups.get(tlsaLookups.size() - 1));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MxHostReport other
        && preference == other.preference
        && name.equals(other.name)
        && cnameChain.equals(other.cnameChain)
        && addressLookups.equals(other.addressLookups)
        && addresses.equals(other.addresses)
        && tlsaBaseDomain.equals(other.tlsaBaseDomain)
        && tlsaBaseDomainReason.equals(other.tlsaBaseDomainReason)
        && tlsaLookups.equals(other.tlsaLookups)
        && tlsaRecords.equals(other.tlsaRecords)
        && status.equals(other.status)
        && endpoints.equals(other.endpoints)
        && problems.equals(other.problems);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        preference,
        name,
        cnameChain,
        addressLookups,
        addresses,
        tlsaBaseDomain,
        tlsaBaseDomainReason,
        tlsaLookups,
        tlsaRecords,
        status,
        endpoints,
        problems);
  }

  @Override
  public String toString() {
    return "MxHostReport["
        + "preference="
        + preference
        + ", name="
        + name
        + ", cnameChain="
        + cnameChain
        + ", addressLookups="
        + addressLookups
        + ", addresses="
        + addresses
        + ", tlsaBaseDomain="
        + tlsaBaseDomain
        + ", tlsaBaseDomainReason="
        + tlsaBaseDomainReason
        + ", tlsaLookups="
        + tlsaLookups
        + ", tlsaRecords="
        + tlsaRecords
        + ", status="
        + status
        + ", endpoints="
        + endpoints
        + ", problems="
        + problems
        + "]";
  }

  /**
   * Collects the values of a {@link MxHostReport}; {@link #build()} checks that the required ones
   * are set.
   */
  public static final class Builder {
    private int preference;
    private String name;
    private List<String> cnameChain = List.of();
    private List<LookupStatus> addressLookups = List.of();
    private List<String> addresses = List.of();
    private String tlsaBaseDomain;
    private String tlsaBaseDomainReason;
    private List<LookupStatus> tlsaLookups = List.of();
    private List<TlsaRecord> tlsaRecords = List.of();
    private HostStatus status;
    private List<EndpointReport> endpoints = List.of();
    private List<Problem> problems = List.of();

    private Builder() {}

    private Builder(MxHostReport from) {
      preference = from.preference;
      name = from.name;
      cnameChain = from.cnameChain;
      addressLookups = from.addressLookups;
      addresses = from.addresses;
      tlsaBaseDomain = from.tlsaBaseDomain;
      tlsaBaseDomainReason = from.tlsaBaseDomainReason;
      tlsaLookups = from.tlsaLookups;
      tlsaRecords = from.tlsaRecords;
      status = from.status;
      endpoints = from.endpoints;
      problems = from.problems;
    }

    /** Sets {@link MxHostReport#preference()}. */
    public Builder preference(int preference) {
      this.preference = preference;
      return this;
    }

    /** Sets {@link MxHostReport#name()}, without a trailing dot. */
    public Builder name(String name) {
      this.name = Names.relative(Objects.requireNonNull(name, "name"));
      return this;
    }

    /** Sets {@link MxHostReport#cnameChain()} (copied); names lose a trailing dot. */
    public Builder cnameChain(List<String> cnameChain) {
      this.cnameChain = cnameChain.stream().map(Names::relative).toList();
      return this;
    }

    /** Sets {@link MxHostReport#addressLookups()} (copied). */
    public Builder addressLookups(List<LookupStatus> addressLookups) {
      this.addressLookups = List.copyOf(addressLookups);
      return this;
    }

    /** Sets {@link MxHostReport#addresses()} (copied). */
    public Builder addresses(List<String> addresses) {
      this.addresses = List.copyOf(addresses);
      return this;
    }

    /** Sets {@link MxHostReport#tlsaBaseDomain()}, without a trailing dot. */
    public Builder tlsaBaseDomain(String tlsaBaseDomain) {
      this.tlsaBaseDomain =
          Names.relative(Objects.requireNonNull(tlsaBaseDomain, "tlsaBaseDomain"));
      return this;
    }

    /** Sets {@link MxHostReport#tlsaBaseDomainReason()}. */
    public Builder tlsaBaseDomainReason(String tlsaBaseDomainReason) {
      this.tlsaBaseDomainReason =
          Objects.requireNonNull(tlsaBaseDomainReason, "tlsaBaseDomainReason");
      return this;
    }

    /** Sets {@link MxHostReport#tlsaLookups()} (copied). */
    public Builder tlsaLookups(List<LookupStatus> tlsaLookups) {
      this.tlsaLookups = List.copyOf(tlsaLookups);
      return this;
    }

    /** Sets {@link MxHostReport#tlsaRecords()} (copied). */
    public Builder tlsaRecords(List<TlsaRecord> tlsaRecords) {
      this.tlsaRecords = List.copyOf(tlsaRecords);
      return this;
    }

    /** Sets {@link MxHostReport#status()}. */
    public Builder status(HostStatus status) {
      this.status = Objects.requireNonNull(status, "status");
      return this;
    }

    /** Sets {@link MxHostReport#endpoints()} (copied). */
    public Builder endpoints(List<EndpointReport> endpoints) {
      this.endpoints = List.copyOf(endpoints);
      return this;
    }

    /** Sets {@link MxHostReport#problems()} (copied). */
    public Builder problems(List<Problem> problems) {
      this.problems = List.copyOf(problems);
      return this;
    }

    /**
     * The mxHostReport.
     *
     * @throws NullPointerException when a required value (name, tlsaBaseDomain,
     *     tlsaBaseDomainReason, status) is not set
     */
    public MxHostReport build() {
      return new MxHostReport(this);
    }
  }
}
