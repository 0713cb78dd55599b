/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The result of matching a presented certificate chain against a TLSA RRset.
 *
 * @param outcome the outcome
 * @param matchedRecord the record that authenticated the peer, when one did
 * @param matchedDepth the chain depth of the certificate that record matched (0 = leaf; for a
 *     DANE-TA key that the server did not send, the depth it would have had)
 * @param matchedName the reference identifier the leaf matched, when a name check was made
 * @param evaluations one entry per record, in the order of the RRset
 * @param message a sentence for people that explains the outcome
 */
public record TlsaMatchResult(
    TlsaMatchOutcome outcome,
    Optional<TlsaRecord> matchedRecord,
    OptionalInt matchedDepth,
    Optional<String> matchedName,
    List<TlsaRecordEvaluation> evaluations,
    String message) {
  /** Checks that no component is null and copies the list. */
  public TlsaMatchResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(matchedRecord, "matchedRecord");
    Objects.requireNonNull(matchedDepth, "matchedDepth");
    Objects.requireNonNull(matchedName, "matchedName");
    evaluations = List.copyOf(evaluations);
    Objects.requireNonNull(message, "message");
  }

  /** Whether the peer was authenticated. */
  public boolean authenticated() {
    return outcome.authenticated();
  }

  /** The records that are unusable (reported, ignored for matching). */
  public List<TlsaRecord> unusableRecords() {
    return evaluations.stream()
        .filter(e -> e.status() == TlsaRecordStatus.UNUSABLE)
        .map(TlsaRecordEvaluation::record)
        .toList();
  }
}
