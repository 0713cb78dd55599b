/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * What happened to one TLSA record during matching, and why.
 *
 * @param record the record
 * @param status what became of it
 * @param depth the chain depth of the certificate it matched (0 = leaf), when it matched one
 * @param reason a sentence for people, e.g. "SHA2-256 of the leaf's SPKI differs"
 */
public record TlsaRecordEvaluation(
    TlsaRecord record, TlsaRecordStatus status, OptionalInt depth, String reason) {
  /** Checks that no component is null. */
  public TlsaRecordEvaluation {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(depth, "depth");
    Objects.requireNonNull(reason, "reason");
  }
}
