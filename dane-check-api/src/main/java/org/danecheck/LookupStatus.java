/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How one DNS lookup went: the question, its outcome and DNSSEC status, and why.
 *
 * <p>Instances are immutable and made by {@link #builder()} (or {@link #toBuilder()} from another):
 * new fields can be added in later releases without breaking callers, which a record's canonical
 * constructor would not allow. Lists are copies and never null; absent values are empty {@code
 * Optional}s.
 */
public final class LookupStatus {
  private final String name;
  private final DnsRecordType type;
  private final LookupOutcome outcome;
  private final DnssecStatus dnssec;
  private final String reason;
  private final OptionalInt extendedDnsError;
  private final Optional<Instant> signatureExpiry;

  private LookupStatus(Builder b) {
    this.name = Objects.requireNonNull(b.name, "LookupStatus.name is required");
    this.type = Objects.requireNonNull(b.type, "LookupStatus.type is required");
    this.outcome = Objects.requireNonNull(b.outcome, "LookupStatus.outcome is required");
    this.dnssec = Objects.requireNonNull(b.dnssec, "LookupStatus.dnssec is required");
    this.reason = Objects.requireNonNull(b.reason, "LookupStatus.reason is required");
    this.extendedDnsError = b.extendedDnsError;
    this.signatureExpiry = b.signatureExpiry;
  }

  /** A builder with every list empty and every optional value absent. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this status's values, to make a changed copy. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The name asked (A-labels, lower case, no trailing dot). */
  public String name() {
    return name;
  }

  /** The record type asked. */
  public DnsRecordType type() {
    return type;
  }

  /** The outcome. */
  public LookupOutcome outcome() {
    return outcome;
  }

  /** The DNSSEC status. */
  public DnssecStatus dnssec() {
    return dnssec;
  }

  /**
   * Why, for people: e.g. the validator's reason for a bogus answer, "timeout after 5 s", or the
   * empty string when there is nothing to say.
   */
  public String reason() {
    return reason;
  }

  /** The RFC 8914 Extended DNS Error code, when one was given. */
  public OptionalInt extendedDnsError() {
    return extendedDnsError;
  }

  /** The earliest expiration of the RRSIGs that covered the answer, when it was signed. */
  public Optional<Instant> signatureExpiry() {
    return signatureExpiry;
  }

  /** Whether the answer (records or their absence) is DNSSEC-secure. */
  public boolean isSecure() {
    return outcome.answered() && dnssec.isSecure();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LookupStatus other
        && name.equals(other.name)
        && type.equals(other.type)
        && outcome.equals(other.outcome)
        && dnssec.equals(other.dnssec)
        && reason.equals(other.reason)
        && extendedDnsError.equals(other.extendedDnsError)
        && signatureExpiry.equals(other.signatureExpiry);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, outcome, dnssec, reason, extendedDnsError, signatureExpiry);
  }

  @Override
  public String toString() {
    return "LookupStatus["
        + "name="
        + name
        + ", type="
        + type
        + ", outcome="
        + outcome
        + ", dnssec="
        + dnssec
        + ", reason="
        + reason
        + ", extendedDnsError="
        + extendedDnsError
        + ", signatureExpiry="
        + signatureExpiry
        + "]";
  }

  /**
   * Collects the values of a {@link LookupStatus}; {@link #build()} checks that the required ones
   * are set.
   */
  public static final class Builder {
    private String name;
    private DnsRecordType type;
    private LookupOutcome outcome;
    private DnssecStatus dnssec;
    private String reason;
    private OptionalInt extendedDnsError = OptionalInt.empty();
    private Optional<Instant> signatureExpiry = Optional.empty();

    private Builder() {}

    private Builder(LookupStatus from) {
      name = from.name;
      type = from.type;
      outcome = from.outcome;
      dnssec = from.dnssec;
      reason = from.reason;
      extendedDnsError = from.extendedDnsError;
      signatureExpiry = from.signatureExpiry;
    }

    /** Sets {@link LookupStatus#name()}, without a trailing dot. */
    public Builder name(String name) {
      this.name = Names.relative(Objects.requireNonNull(name, "name"));
      return this;
    }

    /** Sets {@link LookupStatus#type()}. */
    public Builder type(DnsRecordType type) {
      this.type = Objects.requireNonNull(type, "type");
      return this;
    }

    /** Sets {@link LookupStatus#outcome()}. */
    public Builder outcome(LookupOutcome outcome) {
      this.outcome = Objects.requireNonNull(outcome, "outcome");
      return this;
    }

    /** Sets {@link LookupStatus#dnssec()}. */
    public Builder dnssec(DnssecStatus dnssec) {
      this.dnssec = Objects.requireNonNull(dnssec, "dnssec");
      return this;
    }

    /** Sets {@link LookupStatus#reason()}. */
    public Builder reason(String reason) {
      this.reason = Objects.requireNonNull(reason, "reason");
      return this;
    }

    /** Sets {@link LookupStatus#extendedDnsError()}. */
    public Builder extendedDnsError(int extendedDnsError) {
      this.extendedDnsError = OptionalInt.of(extendedDnsError);
      return this;
    }

    /**
     * Sets {@link LookupStatus#extendedDnsError()}, or clears it with an empty {@code OptionalInt}.
     */
    public Builder extendedDnsError(OptionalInt extendedDnsError) {
      this.extendedDnsError = Objects.requireNonNull(extendedDnsError, "extendedDnsError");
      return this;
    }

    /** Sets {@link LookupStatus#signatureExpiry()}. */
    public Builder signatureExpiry(Instant signatureExpiry) {
      this.signatureExpiry = Optional.of(signatureExpiry);
      return this;
    }

    /** Sets {@link LookupStatus#signatureExpiry()}, or clears it with an empty {@code Optional}. */
    public Builder signatureExpiry(Optional<Instant> signatureExpiry) {
      this.signatureExpiry = Objects.requireNonNull(signatureExpiry, "signatureExpiry");
      return this;
    }

    /**
     * The lookupStatus.
     *
     * @throws NullPointerException when a required value (name, type, outcome, dnssec, reason) is
     *     not set
     */
    public LookupStatus build() {
      return new LookupStatus(this);
    }
  }
}
