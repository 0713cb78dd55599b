/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.tlsa;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.danecheck.TlsaMatchOutcome;
import org.danecheck.TlsaMatchResult;
import org.danecheck.TlsaProfile;
import org.danecheck.TlsaRecord;
import org.danecheck.TlsaRecordEvaluation;
import org.danecheck.TlsaRecordStatus;

/**
 * {@link TlsaEngine} in the API's terms: records and chains in, a {@link TlsaMatchResult} out. The
 * public {@code TlsaMatcher} and the check engine both match through here, so the engine never
 * depends on the public package.
 */
public final class TlsaMatching {
  private TlsaMatching() {}

  /** Matches a chain (DER, as sent) against records; see {@code TlsaMatcher.match}. */
  public static TlsaMatchResult match(
      List<TlsaRecord> records,
      List<byte[]> chainDer,
      Set<String> referenceNames,
      Instant now,
      TlsaProfile profile,
      List<byte[]> trustAnchorsDer) {
    Objects.requireNonNull(records, "records must not be null");
    Objects.requireNonNull(chainDer, "chainDer must not be null");
    Objects.requireNonNull(referenceNames, "referenceNames must not be null");
    Objects.requireNonNull(now, "now must not be null");
    Objects.requireNonNull(profile, "profile must not be null");
    Objects.requireNonNull(trustAnchorsDer, "trustAnchorsDer must not be null");
    List<TlsaEngine.Rec> recs = new ArrayList<>(records.size());
    for (TlsaRecord r : records) {
      Objects.requireNonNull(r, "records must not contain null");
      recs.add(
          new TlsaEngine.Rec(
              r.usageNumber(), r.selectorNumber(), r.matchingTypeNumber(), r.associationData()));
    }
    List<byte[]> chain = copy(chainDer, "chainDer");
    List<byte[]> anchors = copy(trustAnchorsDer, "trustAnchorsDer");
    Set<String> names = new LinkedHashSet<>();
    for (String n : referenceNames) {
      names.add(Objects.requireNonNull(n, "referenceNames must not contain null"));
    }
    TlsaEngine.Result result =
        TlsaEngine.evaluate(recs, chain, names, now, profile == TlsaProfile.SMTP, anchors);
    return toApi(records, result, chain.isEmpty());
  }

  private static List<byte[]> copy(List<byte[]> list, String what) {
    List<byte[]> out = new ArrayList<>(list.size());
    for (byte[] b : list) {
      out.add(Objects.requireNonNull(b, what + " must not contain null").clone());
    }
    return out;
  }

  private static TlsaMatchResult toApi(
      List<TlsaRecord> records, TlsaEngine.Result r, boolean nothingSent) {
    List<TlsaRecordEvaluation> evaluations = new ArrayList<>();
    for (TlsaEngine.Verdict v : r.verdicts) {
      evaluations.add(
          new TlsaRecordEvaluation(
              records.get(v.index),
              status(v.status),
              v.depth >= 0 ? OptionalInt.of(v.depth) : OptionalInt.empty(),
              v.reason));
    }
    String message = r.summary;
    if (!r.chainProblems.isEmpty() && r.outcome != TlsaEngine.Outcome.MALFORMED_CHAIN) {
      message += " (" + String.join("; ", r.chainProblems) + ")";
    }
    return new TlsaMatchResult(
        nothingSent && r.outcome == TlsaEngine.Outcome.MALFORMED_CHAIN
            ? TlsaMatchOutcome.NO_CERTIFICATE
            : outcome(r.outcome),
        r.matchedIndex >= 0 ? Optional.of(records.get(r.matchedIndex)) : Optional.empty(),
        r.matchedDepth >= 0 ? OptionalInt.of(r.matchedDepth) : OptionalInt.empty(),
        r.matchedName,
        evaluations,
        message);
  }

  private static TlsaMatchOutcome outcome(TlsaEngine.Outcome o) {
    switch (o) {
      case AUTHENTICATED:
        return TlsaMatchOutcome.AUTHENTICATED;
      case NO_RECORDS:
        return TlsaMatchOutcome.NO_RECORDS;
      case ALL_UNUSABLE:
        return TlsaMatchOutcome.ALL_UNUSABLE;
      case MALFORMED_CHAIN:
        return TlsaMatchOutcome.MALFORMED_CHAIN;
      case NAME_MISMATCH:
        return TlsaMatchOutcome.NAME_MISMATCH;
      case CHAIN_INVALID:
        return TlsaMatchOutcome.CHAIN_INVALID;
      case EXPIRED:
      case NOT_YET_VALID:
        return TlsaMatchOutcome.OUTSIDE_VALIDITY_PERIOD;
      case LIMIT_REACHED:
        return TlsaMatchOutcome.LIMIT_REACHED;
      default:
        return TlsaMatchOutcome.NO_MATCH;
    }
  }

  private static TlsaRecordStatus status(TlsaEngine.Status s) {
    switch (s) {
      case MATCHED:
        return TlsaRecordStatus.MATCHED;
      case UNUSABLE:
        return TlsaRecordStatus.UNUSABLE;
      case SUPERSEDED:
        return TlsaRecordStatus.SUPERSEDED;
      case NAME_MISMATCH:
      case CHAIN_INVALID:
      case EXPIRED:
      case NOT_YET_VALID:
        return TlsaRecordStatus.MATCHED_BUT_REJECTED;
      case LIMIT_REACHED:
        return TlsaRecordStatus.NOT_EVALUATED;
      default:
        return TlsaRecordStatus.NOT_MATCHED;
    }
  }
}
