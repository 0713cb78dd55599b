/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

/** What became of one TLSA record when a chain was matched against its RRset. */
public enum TlsaRecordStatus {
  /** The record matched and its usage's checks passed. */
  MATCHED,
  /** The record is usable but matched nothing it may match. */
  NOT_MATCHED,
  /** The record matched a certificate or key, but a check its usage requires failed. */
  MATCHED_BUT_REJECTED,
  /** Unknown usage, selector or matching type, wrong digest length, or a PKIX usage for SMTP. */
  UNUSABLE,
  /** Ignored because a stronger digest is present for the same usage and selector (RFC 7671 9). */
  SUPERSEDED,
  /** Usable, but not evaluated: the matcher's work limit stopped before it was decided. */
  NOT_EVALUATED
}
