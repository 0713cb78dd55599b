package org.danecheck.core.internal.tlsa;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Builds certification paths from the leaf up to a trust anchor, using only the certificates given
 * (the presented chain, in any order and with extras, plus the anchor). Nothing is taken from a
 * local CA store: with DANE-TA(2) the anchor comes from DNS (RFC 7671 5.2.2).
 *
 * <p>The search is bounded: paths have at most {@link #MAX_PATH_LENGTH} certificates including the
 * leaf and a certificate anchor, and at most {@link #MAX_PATHS} complete paths are examined.
 */
final class PathBuilder {
  /** Longest path tried, leaf and trust anchor certificate included. */
  static final int MAX_PATH_LENGTH = 10;

  /** Most complete candidate paths validated per search. */
  static final int MAX_PATHS = 16;

  private PathBuilder() {}

  /** How a path check ended. */
  enum Failure {
    NONE,
    CHAIN_INVALID,
    EXPIRED,
    NOT_YET_VALID
  }

  /**
   * A candidate path: {@code certs.get(0)} is the leaf. If {@code keyAnchor}, the trust anchor is a
   * bare public key above the last certificate; else the last certificate is the anchor.
   */
  static final class Path {
    final List<ParsedCertificate> certs;
    final boolean keyAnchor;
    Failure failure = Failure.NONE;
    String problem = "";

    Path(List<ParsedCertificate> certs, boolean keyAnchor) {
      this.certs = Collections.unmodifiableList(new ArrayList<>(certs));
      this.keyAnchor = keyAnchor;
    }

    /** Depth of the trust anchor: index of the anchor certificate, or one above for a key. */
    int anchorDepth() {
      return keyAnchor ? certs.size() : certs.size() - 1;
    }

    boolean valid() {
      return failure == Failure.NONE;
    }
  }

  /** The outcome of a search: valid paths first; if none, the failed candidates. */
  static final class Search {
    final List<Path> paths;
    final String noPathReason;

    Search(List<Path> paths, String noPathReason) {
      this.paths = paths;
      this.noPathReason = noPathReason;
    }

    List<Path> validPaths() {
      List<Path> out = new ArrayList<>();
      for (Path p : paths) {
        if (p.valid()) {
          out.add(p);
        }
      }
      return out;
    }
  }

  /**
   * Finds paths from {@code leaf} to any certificate in {@code anchors} or, if {@code anchorKey} is
   * not null, to a certificate signed by that SubjectPublicKeyInfo; each is validated at {@code
   * now}.
   *
   * @param pool candidate issuers; anchor certificates are candidates too
   */
  static Search search(
      ParsedCertificate leaf,
      List<ParsedCertificate> pool,
      Set<ParsedCertificate> anchors,
      byte[] anchorKey,
      Instant now) {
    List<ParsedCertificate> candidates = new ArrayList<>(pool);
    for (ParsedCertificate a : anchors) {
      if (!candidates.contains(a)) {
        candidates.add(a);
      }
    }
    List<Path> found = new ArrayList<>();
    List<ParsedCertificate> path = new ArrayList<>();
    path.add(leaf);
    boolean[] truncated = {false};
    dfs(path, candidates, anchors, anchorKey, found, truncated);
    for (Path p : found) {
      validate(p, now);
    }
    // Valid paths first, so callers can take the first.
    List<Path> ordered = new ArrayList<>(found);
    ordered.sort((a, b) -> Boolean.compare(b.valid(), a.valid()));
    String reason = "";
    if (found.isEmpty()) {
      ParsedCertificate top = leaf;
      reason =
          truncated[0]
              ? "no path to the trust anchor within " + MAX_PATH_LENGTH + " certificates"
              : "no chain from the leaf to the trust anchor: no presented certificate named "
                  + top.issuer()
                  + " with a key that verifies the signature";
    }
    return new Search(ordered, reason);
  }

  private static void dfs(
      List<ParsedCertificate> path,
      List<ParsedCertificate> candidates,
      Set<ParsedCertificate> anchors,
      byte[] anchorKey,
      List<Path> found,
      boolean[] truncated) {
    if (found.size() >= MAX_PATHS) {
      return;
    }
    ParsedCertificate top = path.get(path.size() - 1);
    if (anchors.contains(top)) {
      found.add(new Path(path, false));
      return;
    }
    if (anchorKey != null && Signatures.verifies(top, anchorKey)) {
      found.add(new Path(path, true));
      return;
    }
    if (path.size() >= MAX_PATH_LENGTH) {
      truncated[0] = true;
      return;
    }
    for (ParsedCertificate issuer : candidates) {
      if (path.contains(issuer) || !top.issuer().equals(issuer.subject())) {
        continue;
      }
      if (Signatures.verifies(top, issuer.spkiNoCopy())) {
        path.add(issuer);
        dfs(path, candidates, anchors, anchorKey, found, truncated);
        path.remove(path.size() - 1);
      }
    }
  }

  /**
   * RFC 5280 6.1-style checks of a complete path: validity period of every certificate (anchor
   * certificate included, as OpenSSL does), and for every issuer basicConstraints cA, keyUsage
   * keyCertSign when present, and pathLenConstraint. Signatures were checked while building.
   */
  static void validate(Path path, Instant now) {
    List<ParsedCertificate> certs = path.certs;
    for (int depth = 0; depth < certs.size(); depth++) {
      ParsedCertificate c = certs.get(depth);
      if (now.isBefore(c.notBefore())) {
        fail(path, Failure.NOT_YET_VALID, depth, c, "is not valid before " + c.notBefore());
        return;
      }
      if (now.isAfter(c.notAfter())) {
        fail(path, Failure.EXPIRED, depth, c, "expired at " + c.notAfter());
        return;
      }
    }
    int intermediatesBelow = 0;
    for (int depth = 1; depth < certs.size(); depth++) {
      ParsedCertificate c = certs.get(depth);
      if (!c.isCa()) {
        fail(path, Failure.CHAIN_INVALID, depth, c, "issues certificates but is not a CA");
        return;
      }
      if (!c.keyUsageAllowsCertSign()) {
        fail(path, Failure.CHAIN_INVALID, depth, c, "has keyUsage without keyCertSign");
        return;
      }
      int pathLen = c.pathLenConstraint();
      if (pathLen >= 0 && intermediatesBelow > pathLen) {
        fail(
            path,
            Failure.CHAIN_INVALID,
            depth,
            c,
            "allows "
                + pathLen
                + " intermediate CA(s) below it but the path has "
                + intermediatesBelow);
        return;
      }
      // RFC 5280 4.2.1.9: self-issued intermediates do not count towards the limit.
      if (!c.selfIssued()) {
        intermediatesBelow++;
      }
    }
  }

  private static void fail(
      Path path, Failure failure, int depth, ParsedCertificate c, String what) {
    path.failure = failure;
    path.problem = "certificate at depth " + depth + " (" + c.subjectText() + ") " + what;
  }
}
