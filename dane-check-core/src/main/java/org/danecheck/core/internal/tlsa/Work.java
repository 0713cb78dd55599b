/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.tlsa;

import java.util.Locale;

/**
 * The work one match call may do, counted and capped: every byte of a chain is hostile, so a
 * crafted chain or RRset must not buy unbounded CPU. Not thread-safe; one per call.
 *
 * <p>Signature verifications are charged by what they cost ({@link PublicKeys.Cost}: key type and
 * size, exponent, the bytes hashed), not counted: one RSA-16384 key with a 64-bit exponent costs
 * what hundreds of P-256 signatures do. With OpenSSL's one-pass chain building (see {@link
 * ChainBuilder}) a chain needs at most one verification per edge, shared by every record, plus one
 * per distinct DANE-TA(2) "2 1 0" key tried against the top certificate; a check the budget cannot
 * pay for is not made, and the record is reported as not evaluated, never as a failure.
 */
public final class Work {
  /** One unit of verification cost: an RSA-2048 signature check with exponent 65537, x 1000. */
  public static final long UNIT = 1000;

  /**
   * The verification budget of one call: a hundred RSA-2048 checks (decoding included), eleven
   * ECDSA P-256 (the longest path), four P-384 or two P-521 ones; a few milliseconds of CPU
   * (docs/benchmarks.md). A realistic path (two or three CA signatures) takes a fraction of it; the
   * rest goes to "2 1 0" keys, cheapest first. What does not fit is not evaluated.
   */
  public static final long MAX_VERIFY_COST = 100 * UNIT;

  /** Most candidate paths validated per call (one per trust-anchor depth, plus key and PKIX). */
  public static final int MAX_PATHS = 24;

  /** Most name-against-constraint comparisons per call. */
  public static final long MAX_NAME_CHECKS = 1L << 20;

  private final long maxVerifyCost;
  private int signatureChecks;
  private int signatureCacheHits;
  private long verifyCost;
  private int paths;
  private long nameChecks;
  private String limitReached;

  /** A budget of {@link #MAX_VERIFY_COST}. */
  Work() {
    this(MAX_VERIFY_COST);
  }

  /** Another verification budget, for measurements. */
  Work(long maxVerifyCost) {
    this.maxVerifyCost = maxVerifyCost;
  }

  /**
   * Charges one signature verification of {@code cost}; false (and noted) if the budget cannot pay
   * for it. A cheaper check may still fit after a dear one was refused.
   */
  boolean signatureCheck(long cost) {
    if (cost > maxVerifyCost - verifyCost) {
      limit(
          "a verification budget of "
              + units(maxVerifyCost)
              + " RSA-2048 signature checks, "
              + units(verifyCost)
              + " spent, the next would cost "
              + units(cost));
      return false;
    }
    verifyCost += cost;
    signatureChecks++;
    return true;
  }

  void signatureCacheHit() {
    signatureCacheHits++;
  }

  /** Counts one candidate path; false (and noted) if the cap is reached. */
  boolean path() {
    if (paths >= MAX_PATHS) {
      limit("at most " + MAX_PATHS + " candidate paths");
      return false;
    }
    paths++;
    return true;
  }

  boolean nameChecks(long n) {
    if (nameChecks + n > MAX_NAME_CHECKS) {
      limit("at most " + MAX_NAME_CHECKS + " name constraint comparisons");
      return false;
    }
    nameChecks += n;
    return true;
  }

  private void limit(String what) {
    if (limitReached == null) {
      limitReached = what;
    }
  }

  private static String units(long cost) {
    return String.format(Locale.ROOT, "%.1f", cost / (double) UNIT).replace(".0", "");
  }

  /** Signature verifications done (cache hits not counted). */
  public int signatureChecks() {
    return signatureChecks;
  }

  /** What the verifications done cost, in {@link #UNIT}s. */
  public long verifyCost() {
    return verifyCost;
  }

  /** Signature checks answered from the per-call cache. */
  public int signatureCacheHits() {
    return signatureCacheHits;
  }

  /** Candidate paths validated. */
  public int paths() {
    return paths;
  }

  /** Name-against-constraint comparisons counted. */
  public long nameChecks() {
    return nameChecks;
  }

  /** The first cap reached, or null. */
  public String limitReached() {
    return limitReached;
  }

  @Override
  public String toString() {
    return "signatures="
        + signatureChecks
        + " (+"
        + signatureCacheHits
        + " cached, cost "
        + units(verifyCost)
        + ") paths="
        + paths
        + " nameChecks="
        + nameChecks
        + (limitReached != null ? " limit: " + limitReached : "");
  }
}
