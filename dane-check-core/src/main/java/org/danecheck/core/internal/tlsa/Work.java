package org.danecheck.core.internal.tlsa;

/**
 * The work one match call may do, counted and capped: every byte of a chain is hostile, so a
 * crafted chain or RRset must not buy unbounded CPU. Not thread-safe; one per call.
 *
 * <p>With OpenSSL's one-pass chain building (see {@link ChainBuilder}) the counts stay far below
 * the caps for anything the probe accepts (paths of 12 certificates, a 64-record RRset): a chain
 * needs at most one signature check per edge, shared by every record, plus one per distinct
 * DANE-TA(2) "2 1 0" key tried against the top certificate.
 */
public final class Work {
  /**
   * Most signature verifications per call: the eleven edges of the longest path and seven "2 1 0"
   * keys that are not on it; a few milliseconds of ECDSA P-256.
   */
  public static final int MAX_SIGNATURE_CHECKS = 18;

  /** Most candidate paths validated per call (one per trust-anchor depth, plus key and PKIX). */
  public static final int MAX_PATHS = 24;

  /** Most name-against-constraint comparisons per call. */
  public static final long MAX_NAME_CHECKS = 1L << 20;

  private int signatureChecks;
  private int signatureCacheHits;
  private int paths;
  private long nameChecks;
  private String limitReached;

  /** Counts one signature verification; false (and noted) if the cap is reached. */
  boolean signatureCheck() {
    if (signatureChecks >= MAX_SIGNATURE_CHECKS) {
      limit("at most " + MAX_SIGNATURE_CHECKS + " signature checks");
      return false;
    }
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

  /** Signature verifications done (cache hits not counted). */
  public int signatureChecks() {
    return signatureChecks;
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
        + " cached) paths="
        + paths
        + " nameChecks="
        + nameChecks
        + (limitReached != null ? " limit: " + limitReached : "");
  }
}
