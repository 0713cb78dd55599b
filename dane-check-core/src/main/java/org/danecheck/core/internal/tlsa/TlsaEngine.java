/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.tlsa;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.danecheck.TlsaRecord;

/**
 * The offline TLSA matching engine: TLSA records against a presented certificate chain. Pure: no
 * I/O, no clock, no global state. Internal; the public entry point is {@code
 * org.danecheck.core.TlsaMatcher}.
 *
 * <p>The reference is what a DANE MTA does: Postfix, with OpenSSL's DANE code (ssl/ssl_lib.c
 * dane_tlsa_add, crypto/x509/x509_vfy.c dane_verify) at security level 1. Decisions worth knowing:
 *
 * <ul>
 *   <li>Usable records (RFC 7672 2.2): OpenSSL's dane_tlsa_add rules, see {@link #unusable}: a
 *       Full(0) record must hold one DER certificate or SubjectPublicKeyInfo with a key OpenSSL
 *       decodes.
 *   <li>Digest agility (RFC 7672 5, which defers to RFC 7671 9): per usage and selector, only the
 *       strongest digest among usable records counts (SHA2-512 over SHA2-256). Full(0) is not a
 *       digest and is always considered alongside it.
 *   <li>DANE-EE(3) (RFC 7672 3.1.1): the leaf only, no names, no dates; but the leaf key must meet
 *       security level 1, which OpenSSL checks before any matching.
 *   <li>DANE-TA(2) (RFC 7672 3.1.2): the chain is built once, as OpenSSL builds it ({@link
 *       ChainBuilder}), and each record is tried at the lowest depth it matches, from 1 up: the
 *       leaf (depth 0) is never a trust anchor, self-issued or not. The path to it is validated as
 *       OpenSSL validates it ({@link PathValidator}). A Full(0) record can be a trust anchor the
 *       server does not send: a "2 0 0" certificate joins the candidate issuers; a "2 1 0" key that
 *       signed the top of the chain anchors it, its depth one above that certificate.
 *   <li>Work is shared and capped per call ({@link Work}): signatures are checked once per
 *       (certificate, key), paths once per trust-anchor depth.
 * </ul>
 */
public final class TlsaEngine {
  private TlsaEngine() {}

  /**
   * Longest certification path tried, leaf and anchor certificate included: the leaf, up to ten
   * intermediates and the anchor, which is what OpenSSL accepts under Postfix's verify depth
   * (smtp_tls_scert_verifydepth 9, set as 9 + 1 in tls_client.c).
   */
  public static final int MAX_PATH_LENGTH = 12;

  /** Most presented certificates considered, as many as the probe keeps. */
  public static final int MAX_CHAIN_CERTIFICATES = 32;

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
    NOT_EVALUATED,
    /**
     * Usable, but the work limit stopped its evaluation: it may or may not match (OpenSSL, which
     * has no such limit, would have tried it).
     */
    LIMIT_REACHED
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
    NOT_YET_VALID,
    /** No record authenticated, and the work limit stopped at least one: the answer is unknown. */
    LIMIT_REACHED
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

    /** What the call cost: signature checks, paths, name-constraint comparisons. */
    public final Work work;

    Result(
        Outcome outcome,
        int matchedIndex,
        int matchedDepth,
        Optional<String> matchedName,
        List<Verdict> verdicts,
        List<String> chainProblems,
        String summary,
        Work work) {
      this.outcome = outcome;
      this.matchedIndex = matchedIndex;
      this.matchedDepth = matchedDepth;
      this.matchedName = matchedName;
      this.verdicts = Collections.unmodifiableList(verdicts);
      this.chainProblems = Collections.unmodifiableList(chainProblems);
      this.summary = summary;
      this.work = work;
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
   * @param trustAnchors DER certificates for PKIX-TA/PKIX-EE outside SMTP; ignored for SMTP, and so
   *     are those that do not parse ({@link #usableTrustAnchors} tells which remain)
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
    Work work = new Work();

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
    // 1. Usability (RFC 7672 2.2: "usable" in the sense of RFC 6698 4.1; 3.1.3).
    for (int i = 0; i < records.size(); i++) {
      String why =
          unusable(Objects.requireNonNull(records.get(i), "record"), smtp, !store.isEmpty());
      if (why != null) {
        verdicts[i] = new Verdict(i, Status.UNUSABLE, -1, why);
      }
    }
    // 2. Digest algorithm agility (RFC 7672 5, RFC 7671 9).
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
      int considered = Math.min(chain.size(), MAX_CHAIN_CERTIFICATES);
      if (considered < chain.size()) {
        problems.add(
            "only the first "
                + considered
                + " of "
                + chain.size()
                + " certificates were considered");
      }
      for (int i = 0; i < considered; i++) {
        try {
          ParsedCertificate c = ParsedCertificate.parse(Objects.requireNonNull(chain.get(i)));
          if (i == 0) {
            leaf = c;
          } else {
            others.add(c);
          }
        } catch (MalformedCertificateException e) {
          // OpenSSL decodes every certificate of the Certificate message: one that does not
          // decode fails the handshake, so an OpenSSL-based MTA (Postfix) never gets to match.
          if (chainFailure == null) {
            chainFailure =
                i == 0
                    ? "the leaf certificate is malformed: " + e.getMessage()
                    : "presented certificate "
                        + i
                        + " is malformed ("
                        + e.getMessage()
                        + "): an OpenSSL-based MTA fails the handshake on it";
          }
        }
      }
    }

    if (records.isEmpty()) {
      return finish(Outcome.NO_RECORDS, verdicts, problems, "no TLSA records", work);
    }
    boolean anyUsable = false;
    for (Verdict v : verdicts) {
      anyUsable |= v == null || v.status == Status.SUPERSEDED;
    }
    if (!anyUsable) {
      // RFC 7672 2.2: TLS is still required, but the peer cannot be authenticated.
      return finish(
          Outcome.ALL_UNUSABLE, verdicts, problems, "every TLSA record is unusable", work);
    }
    if (chainFailure != null) {
      for (int i = 0; i < verdicts.length; i++) {
        if (verdicts[i] == null) {
          verdicts[i] = new Verdict(i, Status.NOT_EVALUATED, -1, chainFailure);
        }
      }
      problems.add(0, chainFailure);
      return finish(Outcome.MALFORMED_CHAIN, verdicts, problems, chainFailure, work);
    }

    // 4. Match.
    Context ctx = new Context(leaf, others, records, verdicts, referenceNames, now, store, work);
    String matchedName = null;
    // Bare "2 1 0" keys not found on the chain cost a signature check each: they go last, as in
    // OpenSSL (check_dane_pkeys after build_chain), so that they cannot use up the work budget
    // before the other records are tried, and the cheapest first, so that one dear key cannot
    // keep the budget from the others.
    List<Integer> bareKeys = new ArrayList<>();
    for (int pass = 0; pass < 2; pass++) {
      List<Integer> indexes = new ArrayList<>();
      if (pass == 0) {
        for (int i = 0; i < records.size(); i++) {
          indexes.add(i);
        }
      } else {
        indexes = bareKeys;
        indexes.sort(Comparator.comparingLong(i -> ctx.bareKeyCost(records.get(i))));
      }
      for (int i : indexes) {
        if (verdicts[i] != null) {
          continue;
        }
        Evaluation e = ctx.evaluate(records.get(i), pass == 1);
        if (e == null) {
          bareKeys.add(i);
          continue;
        }
        verdicts[i] = new Verdict(i, e.status, e.depth, e.reason);
        if (e.status == Status.MATCHED && matchedName == null) {
          matchedName = e.name;
        }
      }
    }
    if (work.limitReached() != null) {
      problems.add("work limit: " + work.limitReached() + "; not every check was made");
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
      // A record the limit stopped might have authenticated: no failure can be claimed.
      boolean stopped = false;
      for (Verdict v : verdicts) {
        stopped |= v.status == Status.LIMIT_REACHED;
      }
      outcome = stopped ? Outcome.LIMIT_REACHED : worstFailure(verdicts);
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
        summary,
        work);
  }

  private static Result finish(
      Outcome outcome, Verdict[] verdicts, List<String> problems, String summary, Work work) {
    for (int i = 0; i < verdicts.length; i++) {
      if (verdicts[i] == null) {
        verdicts[i] = new Verdict(i, Status.NOT_EVALUATED, -1, summary);
      }
    }
    return new Result(
        outcome, -1, -1, Optional.empty(), List.of(verdicts), problems, summary, work);
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
        return "a record matched, but the chain to its trust anchor (or the leaf itself)"
            + " fails validation";
      case LIMIT_REACHED:
        return "no record authenticated before the work limit stopped matching: whether one"
            + " would have is not known";
      default:
        return "no usable TLSA record matches the presented chain";
    }
  }

  /**
   * Why a record is unusable, or null: the rules of OpenSSL's dane_tlsa_add, which Postfix reports
   * as "unusable TLSA RR", plus the profile's: unknown usage, selector or matching type; a digest
   * of the wrong length; no data (Postfix drops such records); Full(0) data that is not exactly one
   * DER certificate (selector 0) or SubjectPublicKeyInfo (selector 1) with a key OpenSSL decodes,
   * whatever the usage; PKIX usages under SMTP (RFC 7672 3.1.3) or without trust anchors.
   */
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
    if (r.data.length == 0) {
      return "unusable: empty association data";
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
    if (r.matchingType == 0) {
      String problem = fullDataProblem(r.selector, r.data);
      if (problem != null) {
        return "unusable: " + problem;
      }
    }
    if (r.usage <= 1 && smtp) {
      return "unusable: PKIX-TA(0) and PKIX-EE(1) are not used with SMTP (RFC 7672 3.1.3)";
    }
    if (r.usage <= 1 && !haveTrustAnchors) {
      return "unusable: PKIX usages need trust anchors, and none were given";
    }
    return null;
  }

  // OpenSSL's dane_tlsa_add: d2i_X509 / d2i_PUBKEY over exactly the data, and a decoded key.
  private static String fullDataProblem(int selector, byte[] data) {
    SubjectPublicKeyInfo spki;
    if (selector == 0) {
      try {
        ParsedCertificate c = ParsedCertificate.parse(data);
        spki = SubjectPublicKeyInfo.getInstance(c.spkiNoCopy());
      } catch (MalformedCertificateException | RuntimeException e) {
        return "the Full(0) data is not a DER certificate (" + e.getMessage() + ")";
      }
    } else {
      spki = spki(data);
      if (spki == null) {
        return "the Full(0) data is not a DER SubjectPublicKeyInfo";
      }
    }
    if (!PublicKeys.decodesFully(spki)) {
      return "the Full(0) data holds "
          + PublicKeys.of(spki).description().replace("an undecodable", "an invalid");
    }
    return null;
  }

  private static SubjectPublicKeyInfo spki(byte[] data) {
    try {
      Der.Tlv tlv = Der.read(data, 0, data.length);
      if (tlv.tag != 0x30 || tlv.end != data.length) {
        return null;
      }
      return SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(data));
    } catch (Der.MalformedException | java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  /** The key of exactly one DER SubjectPublicKeyInfo, or null if the bytes are not one. */
  static PublicKeys.Info spkiKey(byte[] data) {
    SubjectPublicKeyInfo spki = spki(data);
    return spki == null ? null : PublicKeys.of(spki);
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
    final List<Rec> records;
    final Verdict[] preliminary;
    final Set<String> names;
    final Instant now;
    final List<ParsedCertificate> store;
    final Work work;
    final Signatures signatures;
    final Map<ParsedCertificate, byte[][]> digests = new IdentityHashMap<>();
    final Map<Integer, PathValidator.Verdict> byDepth = new HashMap<>();
    ChainBuilder.Chain daneChain;
    PathValidator.Verdict bareKeyVerdict;
    ChainBuilder.Chain pkixChain;
    PathValidator.Verdict pkixVerdict;
    String leafKeyProblem;
    boolean leafKeyChecked;

    Context(
        ParsedCertificate leaf,
        List<ParsedCertificate> others,
        List<Rec> records,
        Verdict[] preliminary,
        Set<String> names,
        Instant now,
        List<ParsedCertificate> store,
        Work work) {
      this.leaf = leaf;
      this.others = others;
      this.records = records;
      this.preliminary = preliminary;
      this.names = names;
      this.now = now;
      this.store = store;
      this.work = work;
      this.signatures = new Signatures(work);
    }

    /** What checking a "2 1 0" key against the top of the chain costs, for ordering. */
    long bareKeyCost(Rec r) {
      PublicKeys.Info key = spkiKey(r.data);
      return key == null ? 0 : Signatures.cost(daneChain().top(), key);
    }

    /** The record's evaluation; null for a bare key to try later, if not {@code bareKeys}. */
    Evaluation evaluate(Rec r, boolean bareKeys) {
      switch (r.usage) {
        case 3:
          return daneEe(r);
        case 2:
          return daneTa(r, bareKeys);
        case 1:
          return pkixEe(r);
        default:
          return pkixTa(r);
      }
    }

    // Each digest of each certificate computed once per call.
    boolean matches(ParsedCertificate cert, Rec r) {
      byte[][] cached = digests.computeIfAbsent(cert, c -> new byte[6][]);
      int slot = r.selector * 3 + r.matchingType;
      if (cached[slot] == null) {
        cached[slot] = TlsaDigests.associationData(cert, r.selector, r.matchingType);
      }
      return MessageDigest.isEqual(cached[slot], r.data);
    }

    String leafKeyProblem() {
      if (!leafKeyChecked) {
        leafKeyProblem = PathValidator.leafKeyProblem(leaf);
        leafKeyChecked = true;
      }
      return leafKeyProblem;
    }

    // RFC 7672 3.1.1: the leaf only; no name or validity-period checks.
    Evaluation daneEe(Rec r) {
      if (matches(leaf, r)) {
        String weak = leafKeyProblem();
        if (weak != null) {
          // OpenSSL checks the leaf key before matching: "EE certificate key too weak".
          return Evaluation.of(
              Status.CHAIN_INVALID, "matches the leaf certificate, but the leaf " + weak);
        }
        return new Evaluation(Status.MATCHED, 0, "matches the leaf certificate", null);
      }
      for (int i = 0; i < others.size(); i++) {
        if (matches(others.get(i), r)) {
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

    // The one chain OpenSSL builds for DANE-TA: Full(0) certificates from the RRset first.
    ChainBuilder.Chain daneChain() {
      if (daneChain == null) {
        List<ParsedCertificate> candidates = new ArrayList<>(fullCertificates(2));
        candidates.addAll(fullCertificates(0));
        candidates.add(leaf);
        candidates.addAll(others);
        daneChain = ChainBuilder.build(leaf, candidates, now, MAX_PATH_LENGTH, c -> false);
      }
      return daneChain;
    }

    // The certificates of usable Full(0) Cert(0) records of one usage.
    List<ParsedCertificate> fullCertificates(int usage) {
      List<ParsedCertificate> out = new ArrayList<>();
      for (int i = 0; i < records.size(); i++) {
        Rec r = records.get(i);
        boolean usable = preliminary[i] == null || preliminary[i].status != Status.UNUSABLE;
        if (usable && r.usage == usage && r.selector == 0 && r.matchingType == 0) {
          try {
            out.add(ParsedCertificate.parse(r.data));
          } catch (MalformedCertificateException e) {
            // unusable, already reported
          }
        }
      }
      return out;
    }

    // RFC 7672 3.1.2: a trust anchor on the chain (depth 1 up) or, "2 1 0", a key above it.
    Evaluation daneTa(Rec r, boolean bareKeys) {
      ChainBuilder.Chain chain = daneChain();
      List<ParsedCertificate> certs = chain.certs();
      for (int d = 1; d < certs.size(); d++) {
        if (matches(certs.get(d), r)) {
          return outcome(pathVerdict(chain, d), d, "trust anchor at depth " + d);
        }
      }
      if (r.selector == 1 && r.matchingType == 0) {
        if (!bareKeys) {
          return null;
        }
        ParsedCertificate top = chain.top();
        PublicKeys.Info key = spkiKey(r.data);
        Boolean signed = key == null ? Boolean.FALSE : signatures.check(top, r.data, key);
        if (signed == null) {
          return Evaluation.of(
              Status.LIMIT_REACHED, "not checked: work limit (" + work.limitReached() + ")");
        }
        if (signed) {
          return outcome(
              bareKeyVerdict(chain),
              certs.size(),
              "the record's key signed the top certificate (" + top + ")");
        }
      }
      if (matches(leaf, r)) {
        return Evaluation.of(
            Status.NO_MATCH,
            "matches the leaf certificate, which is never a DANE-TA(2) trust anchor (OpenSSL"
                + " looks for trust anchors from depth 1 up); to pin the leaf, publish DANE-EE(3),"
                + " e.g. \"3 1 1\"");
      }
      for (int i = 0; i < others.size(); i++) {
        if (matches(others.get(i), r)) {
          String why =
              chain.truncated()
                  ? "no path to it within " + MAX_PATH_LENGTH + " certificates"
                  : "no chain from the leaf to it: the chain built from the leaf ends at "
                      + chain.top()
                      + ", which names "
                      + Names.text(chain.top().issuer())
                      + " as its issuer, with no matching certificate or key identifier";
          return Evaluation.of(
              Status.CHAIN_INVALID,
              "matches presented certificate " + (i + 1) + " (" + others.get(i) + "), but " + why);
        }
      }
      if (r.matchingType == 0) {
        PublicKeys.Info key = r.selector == 1 ? spkiKey(r.data) : null;
        if (key != null && key.unverifiable() != null) {
          return Evaluation.of(
              Status.NO_MATCH,
              "the public key in the record verifies nothing: " + key.unverifiable());
        }
        return Evaluation.of(
            Status.NO_MATCH,
            r.selector == 1
                ? "the public key in the record signs no certificate of the presented chain"
                : "the certificate in the record issued no certificate of the presented chain");
      }
      return Evaluation.of(Status.NO_MATCH, "matches no certificate of the presented chain");
    }

    PathValidator.Verdict pathVerdict(ChainBuilder.Chain chain, int depth) {
      PathValidator.Verdict v = byDepth.get(depth);
      if (v == null) {
        v = validate(chain.certs().subList(0, depth + 1), false);
        byDepth.put(depth, v);
      }
      return v;
    }

    PathValidator.Verdict bareKeyVerdict(ChainBuilder.Chain chain) {
      if (bareKeyVerdict == null) {
        bareKeyVerdict = validate(chain.certs(), true);
      }
      return bareKeyVerdict;
    }

    PathValidator.Verdict validate(List<ParsedCertificate> path, boolean bareKey) {
      if (!work.path()) {
        return new PathValidator.Verdict(
            PathValidator.Failure.LIMIT_REACHED,
            "the path was not checked: work limit (" + work.limitReached() + ")",
            null);
      }
      return PathValidator.validate(path, bareKey, now, names, signatures, work);
    }

    Evaluation outcome(PathValidator.Verdict v, int depth, String what) {
      if (v.valid()) {
        return new Evaluation(
            Status.MATCHED, depth, what + ", leaf valid for " + v.matchedName(), v.matchedName());
      }
      Status status;
      switch (v.failure()) {
        case NAME_MISMATCH:
          status = Status.NAME_MISMATCH;
          break;
        case EXPIRED:
          status = Status.EXPIRED;
          break;
        case NOT_YET_VALID:
          status = Status.NOT_YET_VALID;
          break;
        case LIMIT_REACHED:
          status = Status.LIMIT_REACHED;
          break;
        default:
          status = Status.CHAIN_INVALID;
      }
      return Evaluation.of(status, what + ", but " + v.problem());
    }

    // PKIX (RFC 6698 profile only): the chain OpenSSL builds trusted-first, to a store certificate.
    ChainBuilder.Chain pkixChain() {
      if (pkixChain == null) {
        List<ParsedCertificate> candidates = new ArrayList<>(store);
        candidates.addAll(fullCertificates(0));
        candidates.add(leaf);
        candidates.addAll(others);
        pkixChain = ChainBuilder.build(leaf, candidates, now, MAX_PATH_LENGTH, store::contains);
        if (store.contains(pkixChain.top()) && pkixChain.certs().size() > 1) {
          pkixVerdict = validate(pkixChain.certs(), false);
        }
      }
      return pkixChain;
    }

    // RFC 6698 2.1.1: PKIX-EE(1) pins the leaf, which must also pass PKIX validation.
    Evaluation pkixEe(Rec r) {
      if (!matches(leaf, r)) {
        return Evaluation.of(Status.NO_MATCH, "does not match the leaf certificate");
      }
      pkixChain();
      if (pkixVerdict == null) {
        return Evaluation.of(
            Status.CHAIN_INVALID,
            "matches the leaf, but there is no PKIX path to the given trust anchors");
      }
      return outcome(pkixVerdict, 0, "leaf matched and PKIX-validated");
    }

    // RFC 6698 2.1.1: PKIX-TA(0) names a CA on a PKIX-valid path, possibly the store's anchor.
    Evaluation pkixTa(Rec r) {
      ChainBuilder.Chain chain = pkixChain();
      if (pkixVerdict != null) {
        for (int d = 1; d < chain.certs().size(); d++) {
          if (matches(chain.certs().get(d), r)) {
            return outcome(pkixVerdict, d, "CA at depth " + d + " of the PKIX path");
          }
        }
      }
      boolean anyMatch = false;
      for (ParsedCertificate c : others) {
        anyMatch |= matches(c, r);
      }
      for (ParsedCertificate c : store) {
        anyMatch |= matches(c, r);
      }
      if (anyMatch) {
        return Evaluation.of(
            Status.CHAIN_INVALID,
            "matches a CA certificate that is not on a PKIX path from the leaf to the trust"
                + " anchors");
      }
      return Evaluation.of(
          Status.NO_MATCH, "matches no CA certificate of a PKIX path to the trust store");
    }
  }

  /**
   * The trust anchors (DER certificates) {@link #evaluate} can use, those that parse: a caller that
   * decides usability beforehand (the policy) passes these, so that "PKIX usages need trust
   * anchors" means the same to both.
   */
  public static List<byte[]> usableTrustAnchors(List<byte[]> anchors) {
    List<byte[]> out = new ArrayList<>();
    for (byte[] der : anchors) {
      try {
        ParsedCertificate.parse(der);
        out.add(der);
      } catch (MalformedCertificateException e) {
        // ignored by evaluate() too
      }
    }
    return List.copyOf(out);
  }

  /**
   * Why a certificate does not serve the TLS server purpose as OpenSSL's verifier applies it (the
   * same rule DANE-TA paths are held to: extendedKeyUsage serverAuth when present, on CAs too; a
   * leaf's keyUsage must allow TLS), or empty when it does. For the PKIX classification, so that
   * "Trusted" means what it means to an OpenSSL-based MTA; an unreadable certificate is a problem.
   */
  public static Optional<String> tlsServerPurposeProblem(byte[] der, boolean ca) {
    try {
      return Optional.ofNullable(PathValidator.purposeProblem(ParsedCertificate.parse(der), ca));
    } catch (MalformedCertificateException e) {
      return Optional.of("is malformed: " + e.getMessage());
    }
  }

  /**
   * Whether a leaf certificate carries one of the reference names (the DANE-TA(2) rules of RFC 7672
   * 3.2.3); false when the bytes are not a readable certificate.
   */
  public static boolean leafCarriesName(byte[] leafDer, Set<String> referenceNames) {
    try {
      return HostnameMatcher.match(ParsedCertificate.parse(leafDer), referenceNames).isPresent();
    } catch (MalformedCertificateException e) {
      return false;
    }
  }

  /**
   * Why a record cannot take part in matching, or empty when it can: see {@link #unusable}; the
   * policy uses this, so an RRset of only such records means TLS without authentication (RFC 7672
   * 2.2).
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
