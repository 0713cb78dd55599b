package org.danecheck.core.internal.tlsa;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.danecheck.TlsaRecord;

/**
 * The offline TLSA matching engine: TLSA records against a presented certificate chain. Pure: no
 * I/O, no clock, no global state. Internal; the public entry point is {@code
 * org.danecheck.core.TlsaMatcher}.
 *
 * <p>Decisions worth knowing:
 *
 * <ul>
 *   <li>Digest agility (RFC 7671 9): per usage and selector, only the strongest digest present
 *       among usable records counts (SHA2-512 over SHA2-256). Full(0) is not a digest and is always
 *       considered alongside it: with "3 1 0", "3 1 1" and "3 1 2" a key matching the "3 1 0" or
 *       the "3 1 2" record is accepted, one matching only "3 1 1" is not.
 *   <li>DANE-TA(2) at the leaf: a TA record matching the leaf makes the leaf its own trust anchor
 *       only if the leaf is self-issued (subject equals issuer), as OpenSSL's DANE code does; a TA
 *       record matching a leaf issued by someone else is not a match. Name checks and the validity
 *       period still apply (unlike DANE-EE).
 *   <li>DANE-TA(2) with Full(0) data, "2 1 0" (a public key) or "2 0 0" (a certificate), can be a
 *       trust anchor the server does not send (RFC 7671 5.2.3); its depth is reported as one above
 *       the highest certificate of the path.
 *   <li>Trust-anchor certificates have their validity period and CA constraints checked like the
 *       rest of the path, again as OpenSSL does.
 * </ul>
 */
public final class TlsaEngine {
  private TlsaEngine() {}

  /** Longest certification path tried, leaf and anchor certificate included. */
  public static final int MAX_PATH_LENGTH = PathBuilder.MAX_PATH_LENGTH;

  /** A TLSA record in numbers. Data is not copied; callers keep it unchanged. */
  public static final class Rec {
    final int usage;
    final int selector;
    final int matchingType;
    final byte[] data;

    public Rec(int usage, int selector, int matchingType, byte[] data) {
      this.usage = usage;
      this.selector = selector;
      this.matchingType = matchingType;
      this.data = Objects.requireNonNull(data, "data");
    }

    String label() {
      return usage + " " + selector + " " + matchingType;
    }
  }

  /** What became of one record. */
  public enum Status {
    MATCHED,
    NO_MATCH,
    NAME_MISMATCH,
    CHAIN_INVALID,
    EXPIRED,
    NOT_YET_VALID,
    UNUSABLE,
    /** Usable, but ignored for a stronger digest of the same usage and selector (RFC 7671 9). */
    SUPERSEDED,
    /** Usable, but the chain could not be examined (malformed or empty). */
    NOT_EVALUATED
  }

  /** The overall result. */
  public enum Outcome {
    AUTHENTICATED,
    NO_RECORDS,
    ALL_UNUSABLE,
    MALFORMED_CHAIN,
    NO_MATCH,
    NAME_MISMATCH,
    CHAIN_INVALID,
    EXPIRED,
    NOT_YET_VALID
  }

  /** One record's verdict; depth is -1 unless the record matched a certificate. */
  public static final class Verdict {
    public final int index;
    public final Status status;
    public final int depth;
    public final String reason;

    Verdict(int index, Status status, int depth, String reason) {
      this.index = index;
      this.status = status;
      this.depth = depth;
      this.reason = reason;
    }

    @Override
    public String toString() {
      return "#" + index + " " + status + (depth >= 0 ? "@" + depth : "") + ": " + reason;
    }
  }

  /** The engine's answer. {@code matchedIndex} and {@code matchedDepth} are -1 if none. */
  public static final class Result {
    public final Outcome outcome;
    public final int matchedIndex;
    public final int matchedDepth;
    public final Optional<String> matchedName;
    public final List<Verdict> verdicts;
    public final List<String> chainProblems;
    public final String summary;

    Result(
        Outcome outcome,
        int matchedIndex,
        int matchedDepth,
        Optional<String> matchedName,
        List<Verdict> verdicts,
        List<String> chainProblems,
        String summary) {
      this.outcome = outcome;
      this.matchedIndex = matchedIndex;
      this.matchedDepth = matchedDepth;
      this.matchedName = matchedName;
      this.verdicts = Collections.unmodifiableList(verdicts);
      this.chainProblems = Collections.unmodifiableList(chainProblems);
      this.summary = summary;
    }

    public boolean authenticated() {
      return outcome == Outcome.AUTHENTICATED;
    }

    @Override
    public String toString() {
      return outcome + ": " + summary + " " + verdicts;
    }
  }

  /**
   * Evaluates {@code records} against {@code chain} (leaf first, as sent).
   *
   * @param smtp true for the RFC 7672 SMTP profile (PKIX usages unusable), false for RFC 6698
   * @param trustAnchors DER certificates for PKIX-TA/PKIX-EE outside SMTP; ignored for SMTP
   */
  public static Result evaluate(
      List<Rec> records,
      List<byte[]> chain,
      Set<String> referenceNames,
      Instant now,
      boolean smtp,
      List<byte[]> trustAnchors) {
    Objects.requireNonNull(records, "records");
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(referenceNames, "referenceNames");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(trustAnchors, "trustAnchors");

    List<String> problems = new ArrayList<>();
    List<ParsedCertificate> store = new ArrayList<>();
    if (!smtp) {
      for (int i = 0; i < trustAnchors.size(); i++) {
        try {
          store.add(ParsedCertificate.parse(Objects.requireNonNull(trustAnchors.get(i))));
        } catch (MalformedCertificateException e) {
          problems.add("trust anchor " + i + " ignored: " + e.getMessage());
        }
      }
    }

    Verdict[] verdicts = new Verdict[records.size()];
    // 1. Usability (RFC 7672 2.2, 3.1.3; RFC 6698 2.1).
    for (int i = 0; i < records.size(); i++) {
      String why =
          unusable(Objects.requireNonNull(records.get(i), "record"), smtp, !store.isEmpty());
      if (why != null) {
        verdicts[i] = new Verdict(i, Status.UNUSABLE, -1, why);
      }
    }
    // 2. Digest algorithm agility (RFC 7671 9).
    Map<Integer, Integer> strongest = new HashMap<>();
    for (int i = 0; i < records.size(); i++) {
      Rec r = records.get(i);
      if (verdicts[i] == null && r.matchingType != 0) {
        strongest.merge(r.usage * 2 + r.selector, r.matchingType, Math::max);
      }
    }
    for (int i = 0; i < records.size(); i++) {
      Rec r = records.get(i);
      if (verdicts[i] == null && r.matchingType != 0) {
        int best = strongest.get(r.usage * 2 + r.selector);
        if (r.matchingType < best) {
          verdicts[i] =
              new Verdict(
                  i,
                  Status.SUPERSEDED,
                  -1,
                  "ignored: a stronger digest ("
                      + mtypeName(best)
                      + ") is published for usage "
                      + r.usage
                      + " selector "
                      + r.selector
                      + " (RFC 7671 9)");
        }
      }
    }

    // 3. The chain.
    ParsedCertificate leaf = null;
    List<ParsedCertificate> others = new ArrayList<>();
    String chainFailure = null;
    if (chain.isEmpty()) {
      chainFailure = "no certificates presented";
    } else {
      for (int i = 0; i < chain.size(); i++) {
        try {
          ParsedCertificate c = ParsedCertificate.parse(Objects.requireNonNull(chain.get(i)));
          if (i == 0) {
            leaf = c;
          } else {
            others.add(c);
          }
        } catch (MalformedCertificateException e) {
          if (i == 0) {
            chainFailure = "the leaf certificate is malformed: " + e.getMessage();
          } else {
            problems.add("certificate " + i + " ignored, malformed: " + e.getMessage());
          }
        }
      }
    }

    if (records.isEmpty()) {
      return finish(Outcome.NO_RECORDS, verdicts, problems, "no TLSA records");
    }
    boolean anyUsable = false;
    for (Verdict v : verdicts) {
      anyUsable |= v == null || v.status == Status.SUPERSEDED;
    }
    if (!anyUsable) {
      // RFC 7672 2.2: TLS is still required, but the peer cannot be authenticated.
      return finish(Outcome.ALL_UNUSABLE, verdicts, problems, "every TLSA record is unusable");
    }
    if (chainFailure != null) {
      for (int i = 0; i < verdicts.length; i++) {
        if (verdicts[i] == null) {
          verdicts[i] = new Verdict(i, Status.NOT_EVALUATED, -1, chainFailure);
        }
      }
      problems.add(0, chainFailure);
      return finish(Outcome.MALFORMED_CHAIN, verdicts, problems, chainFailure);
    }

    // 4. Match.
    Context ctx = new Context(leaf, others, referenceNames, now, store);
    String matchedName = null;
    for (int i = 0; i < records.size(); i++) {
      if (verdicts[i] == null) {
        Evaluation e = ctx.evaluate(records.get(i));
        verdicts[i] = new Verdict(i, e.status, e.depth, e.reason);
        if (e.status == Status.MATCHED && matchedName == null) {
          matchedName = e.name;
        }
      }
    }
    int matched = -1;
    Outcome outcome = Outcome.NO_MATCH;
    for (Verdict v : verdicts) {
      if (v.status == Status.MATCHED) {
        matched = v.index;
        outcome = Outcome.AUTHENTICATED;
        break;
      }
    }
    if (matched < 0) {
      outcome = worstFailure(verdicts);
    }
    String summary;
    if (matched >= 0) {
      summary =
          "authenticated by record "
              + records.get(matched).label()
              + " at depth "
              + verdicts[matched].depth
              + (matchedName != null ? " for " + matchedName : "");
    } else {
      summary = summaryOf(outcome);
    }
    return new Result(
        outcome,
        matched,
        matched >= 0 ? verdicts[matched].depth : -1,
        Optional.ofNullable(matchedName),
        List.of(verdicts),
        problems,
        summary);
  }

  private static Result finish(
      Outcome outcome, Verdict[] verdicts, List<String> problems, String summary) {
    for (int i = 0; i < verdicts.length; i++) {
      if (verdicts[i] == null) {
        verdicts[i] = new Verdict(i, Status.NOT_EVALUATED, -1, summary);
      }
    }
    return new Result(outcome, -1, -1, Optional.empty(), List.of(verdicts), problems, summary);
  }

  // The most specific explanation wins: the closer a record came to authenticating.
  private static Outcome worstFailure(Verdict[] verdicts) {
    Status[] order = {
      Status.NAME_MISMATCH, Status.EXPIRED, Status.NOT_YET_VALID, Status.CHAIN_INVALID
    };
    for (Status s : order) {
      for (Verdict v : verdicts) {
        if (v.status == s) {
          return Outcome.valueOf(s.name());
        }
      }
    }
    return Outcome.NO_MATCH;
  }

  private static String summaryOf(Outcome outcome) {
    switch (outcome) {
      case NAME_MISMATCH:
        return "a trust anchor matched, but the certificate is not valid for any reference name";
      case EXPIRED:
        return "a trust anchor matched, but a certificate of the chain has expired";
      case NOT_YET_VALID:
        return "a trust anchor matched, but a certificate of the chain is not yet valid";
      case CHAIN_INVALID:
        return "a trust anchor matched, but the chain to it does not verify";
      default:
        return "no usable TLSA record matches the presented chain";
    }
  }

  static String unusable(Rec r, boolean smtp, boolean haveTrustAnchors) {
    if (r.usage < 0 || r.usage > 3) {
      return "unusable: unknown certificate usage " + r.usage;
    }
    if (r.selector < 0 || r.selector > 1) {
      return "unusable: unknown selector " + r.selector;
    }
    if (r.matchingType < 0 || r.matchingType > 2) {
      return "unusable: unknown matching type " + r.matchingType;
    }
    int expected = TlsaDigests.expectedLength(r.matchingType);
    if (expected > 0 && r.data.length != expected) {
      return "unusable: "
          + mtypeName(r.matchingType)
          + " data must be "
          + expected
          + " bytes, got "
          + r.data.length;
    }
    if (r.data.length == 0) {
      return "unusable: empty association data";
    }
    if (r.usage <= 1 && smtp) {
      return "unusable: PKIX-TA(0) and PKIX-EE(1) are not used with SMTP (RFC 7672 3.1.3)";
    }
    if (r.usage <= 1 && !haveTrustAnchors) {
      return "unusable: PKIX usages need trust anchors, and none were given";
    }
    return null;
  }

  static String mtypeName(int matchingType) {
    switch (matchingType) {
      case 0:
        return "Full";
      case 1:
        return "SHA2-256";
      case 2:
        return "SHA2-512";
      default:
        return "matching type " + matchingType;
    }
  }

  private static final class Evaluation {
    final Status status;
    final int depth;
    final String reason;
    final String name;

    Evaluation(Status status, int depth, String reason, String name) {
      this.status = status;
      this.depth = depth;
      this.reason = reason;
      this.name = name;
    }

    static Evaluation of(Status status, String reason) {
      return new Evaluation(status, -1, reason, null);
    }
  }

  private static final class Context {
    final ParsedCertificate leaf;
    final List<ParsedCertificate> others;
    final Set<String> names;
    final Instant now;
    final List<ParsedCertificate> store;

    Context(
        ParsedCertificate leaf,
        List<ParsedCertificate> others,
        Set<String> names,
        Instant now,
        List<ParsedCertificate> store) {
      this.leaf = leaf;
      this.others = others;
      this.names = names;
      this.now = now;
      this.store = store;
    }

    Evaluation evaluate(Rec r) {
      switch (r.usage) {
        case 3:
          return daneEe(r);
        case 2:
          return daneTa(r);
        case 1:
          return pkixEe(r);
        default:
          return pkixTa(r);
      }
    }

    // RFC 7672 3.1.1: the leaf only; no name or validity-period checks.
    Evaluation daneEe(Rec r) {
      if (TlsaDigests.matches(leaf, r.selector, r.matchingType, r.data)) {
        return new Evaluation(Status.MATCHED, 0, "matches the leaf certificate", null);
      }
      for (int i = 0; i < others.size(); i++) {
        if (TlsaDigests.matches(others.get(i), r.selector, r.matchingType, r.data)) {
          return Evaluation.of(
              Status.NO_MATCH,
              "matches presented certificate "
                  + (i + 1)
                  + " ("
                  + others.get(i)
                  + "), but DANE-EE(3) applies to the leaf only (RFC 7672 3.1.1)");
        }
      }
      return Evaluation.of(Status.NO_MATCH, "does not match the leaf certificate");
    }

    // RFC 7672 3.1.2, RFC 7671 5.2: a trust anchor in (or, for Full(0), beside) the chain.
    Evaluation daneTa(Rec r) {
      Set<ParsedCertificate> anchors = new LinkedHashSet<>();
      for (ParsedCertificate c : others) {
        if (TlsaDigests.matches(c, r.selector, r.matchingType, r.data)) {
          anchors.add(c);
        }
      }
      String leafNote = null;
      if (TlsaDigests.matches(leaf, r.selector, r.matchingType, r.data)) {
        if (leaf.selfIssued()) {
          anchors.add(leaf);
        } else {
          leafNote =
              "matches the leaf, which is not self-issued: a DANE-TA(2) record names an issuer,"
                  + " use DANE-EE(3) to pin the leaf";
        }
      }
      byte[] anchorKey = null;
      if (r.matchingType == 0 && r.selector == 1) {
        // RFC 7671 5.2.3: "2 1 0" carries the whole key; the server need not send it.
        anchorKey = r.data;
      } else if (r.matchingType == 0 && r.selector == 0) {
        try {
          anchors.add(ParsedCertificate.parse(r.data));
        } catch (MalformedCertificateException e) {
          if (anchors.isEmpty()) {
            return Evaluation.of(
                Status.NO_MATCH, "association data is not a certificate: " + e.getMessage());
          }
        }
      }
      if (anchors.isEmpty() && anchorKey == null) {
        return Evaluation.of(
            Status.NO_MATCH,
            leafNote != null ? leafNote : "matches no certificate of the presented chain");
      }
      PathBuilder.Search search = PathBuilder.search(leaf, others, anchors, anchorKey, now);
      if (search.paths.isEmpty()) {
        if (anchors.isEmpty()) {
          return Evaluation.of(
              Status.NO_MATCH,
              "the public key in the record signs no certificate of the presented chain");
        }
        return Evaluation.of(Status.CHAIN_INVALID, search.noPathReason);
      }
      PathBuilder.Path path = search.paths.get(0);
      if (!path.valid()) {
        return Evaluation.of(statusOf(path.failure), path.problem);
      }
      return nameCheck(path.anchorDepth(), "trust anchor at depth " + path.anchorDepth());
    }

    // RFC 6698 2.1.1: PKIX-EE(1) pins the leaf, which must also pass PKIX validation.
    Evaluation pkixEe(Rec r) {
      if (!TlsaDigests.matches(leaf, r.selector, r.matchingType, r.data)) {
        return Evaluation.of(Status.NO_MATCH, "does not match the leaf certificate");
      }
      PathBuilder.Search search = pkixSearch();
      List<PathBuilder.Path> valid = search.validPaths();
      if (valid.isEmpty()) {
        return pkixFailure(search);
      }
      return nameCheck(0, "leaf matched and PKIX-validated");
    }

    // RFC 6698 2.1.1: PKIX-TA(0) names a CA on a PKIX-valid path, possibly the store's anchor.
    Evaluation pkixTa(Rec r) {
      PathBuilder.Search search = pkixSearch();
      List<PathBuilder.Path> valid = search.validPaths();
      for (PathBuilder.Path p : valid) {
        for (int depth = 1; depth < p.certs.size(); depth++) {
          if (TlsaDigests.matches(p.certs.get(depth), r.selector, r.matchingType, r.data)) {
            return nameCheck(depth, "CA at depth " + depth + " of a PKIX-valid path");
          }
        }
      }
      if (valid.isEmpty()) {
        boolean anyMatch = false;
        for (ParsedCertificate c : others) {
          anyMatch |= TlsaDigests.matches(c, r.selector, r.matchingType, r.data);
        }
        for (ParsedCertificate c : store) {
          anyMatch |= TlsaDigests.matches(c, r.selector, r.matchingType, r.data);
        }
        if (anyMatch) {
          return pkixFailure(search);
        }
      }
      return Evaluation.of(
          Status.NO_MATCH, "matches no CA certificate of a PKIX-valid path to the trust store");
    }

    PathBuilder.Search pkixSearch() {
      return PathBuilder.search(leaf, others, new LinkedHashSet<>(store), null, now);
    }

    Evaluation pkixFailure(PathBuilder.Search search) {
      if (search.paths.isEmpty()) {
        return Evaluation.of(
            Status.CHAIN_INVALID,
            "no PKIX path to the given trust anchors: " + search.noPathReason);
      }
      PathBuilder.Path p = search.paths.get(0);
      return Evaluation.of(statusOf(p.failure), p.problem);
    }

    Evaluation nameCheck(int depth, String what) {
      Optional<String> name = HostnameMatcher.match(leaf, names);
      if (name.isEmpty()) {
        return Evaluation.of(
            Status.NAME_MISMATCH,
            what
                + ", but the leaf names "
                + HostnameMatcher.presentedNames(leaf)
                + " match none of "
                + names
                + " (RFC 7672 3.2.3)");
      }
      return new Evaluation(
          Status.MATCHED, depth, what + ", leaf valid for " + name.get(), name.get());
    }
  }

  private static Status statusOf(PathBuilder.Failure failure) {
    switch (failure) {
      case EXPIRED:
        return Status.EXPIRED;
      case NOT_YET_VALID:
        return Status.NOT_YET_VALID;
      default:
        return Status.CHAIN_INVALID;
    }
  }

  /**
   * Whether a leaf certificate carries one of the reference names (RFC 6125 rules, as for DANE-TA);
   * false when the bytes are not a readable certificate.
   */
  public static boolean leafCarriesName(byte[] leafDer, Set<String> referenceNames) {
    try {
      return HostnameMatcher.match(ParsedCertificate.parse(leafDer), referenceNames).isPresent();
    } catch (MalformedCertificateException e) {
      return false;
    }
  }

  /**
   * Why a record cannot take part in matching, or empty when it can: unknown fields, a digest of
   * the wrong length, PKIX usages under SMTP (RFC 7672 3.1.3) or without trust anchors.
   */
  public static Optional<String> unusableReason(
      TlsaRecord record, boolean smtp, boolean haveTrustAnchors) {
    Rec rec =
        new Rec(
            record.usageNumber(),
            record.selectorNumber(),
            record.matchingTypeNumber(),
            record.associationData());
    return Optional.ofNullable(unusable(rec, smtp, haveTrustAnchors));
  }
}
