/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.testkit;

/**
 * A fault the lab DNS server injects for one name and type (see {@link LabZone#fault}).
 *
 * <p>Signature faults act on the RRset with that owner and type wherever it is served (also as a
 * link of a CNAME chain or as a DS in the parent); response faults act on queries for that name and
 * type.
 */
public enum LabFault {
  /** The RRset's RRSIG has a corrupted signature: a validator finds it bogus. */
  BOGUS_SIGNATURE,
  /** The RRset's RRSIG expired yesterday: a validator finds it bogus. */
  EXPIRED_SIGNATURE,
  /** NXDOMAIN and NODATA answers come without their NSEC records: the denial is bogus. */
  BROKEN_DENIAL,
  /**
   * NXDOMAIN and NODATA answers lack the last record of their denial proof: with NSEC3, the one
   * covering the wildcard (NXDOMAIN), the one covering the next closer name (an opt-out or wildcard
   * proof) or the matching one (NODATA, then no proof is left); with NSEC, the one covering the
   * wildcard, or the only one. A validator finds the denial bogus.
   */
  INCOMPLETE_DENIAL,
  /** The server answers SERVFAIL, as a recursive resolver does when it cannot resolve. */
  SERVFAIL,
  /** The server does not answer at all: the client times out. */
  DROP,
  /** Over UDP the server answers with the TC bit and no records, forcing a retry over TCP. */
  TRUNCATE
}
