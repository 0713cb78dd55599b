package org.danecheck;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How one DNS lookup went: the question, its outcome and DNSSEC status, and why.
 *
 * @param name the name asked (absolute, lower case, trailing dot)
 * @param type the record type asked, e.g. {@code MX}, {@code A}, {@code TLSA}
 * @param outcome the outcome
 * @param dnssec the DNSSEC status
 * @param reason why, for people: e.g. the validator's reason for a bogus answer, "timeout after 5
 *     s", or the empty string when there is nothing to say
 * @param extendedDnsError the RFC 8914 Extended DNS Error code, when one was given
 * @param signatureExpiry the earliest expiration of the RRSIGs that covered the answer, when it was
 *     signed
 */
public record LookupStatus(
    String name,
    String type,
    LookupOutcome outcome,
    DnssecStatus dnssec,
    String reason,
    OptionalInt extendedDnsError,
    Optional<Instant> signatureExpiry) {
  /** Checks that no component is null. */
  public LookupStatus {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(dnssec, "dnssec");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(extendedDnsError, "extendedDnsError");
    Objects.requireNonNull(signatureExpiry, "signatureExpiry");
  }

  /** Whether the answer (records or their absence) is DNSSEC-secure. */
  public boolean isSecure() {
    return outcome.answered() && dnssec.isSecure();
  }
}
