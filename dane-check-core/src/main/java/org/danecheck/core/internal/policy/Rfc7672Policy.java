/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.policy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.danecheck.CertificateAlgorithm;
import org.danecheck.DaneVerdict;
import org.danecheck.DnssecStatus;
import org.danecheck.HostStatus;
import org.danecheck.LookupOutcome;
import org.danecheck.LookupStatus;
import org.danecheck.MtaAction;
import org.danecheck.MxSource;
import org.danecheck.NameMatch;
import org.danecheck.PkixStatus;
import org.danecheck.PolicyAction;
import org.danecheck.Problem;
import org.danecheck.ProblemCode;
import org.danecheck.Severity;
import org.danecheck.SmtpOutcome;
import org.danecheck.TlsLevel;
import org.danecheck.TlsaMatchOutcome;
import org.danecheck.TlsaMatchResult;
import org.danecheck.TlsaProfile;
import org.danecheck.TlsaRecord;
import org.danecheck.core.DomainNames;
import org.danecheck.core.internal.dns.HostAddresses;
import org.danecheck.core.internal.dns.MxAnswer;
import org.danecheck.core.internal.dns.MxHost;
import org.danecheck.core.internal.dns.TlsaAnswer;
import org.danecheck.core.internal.tlsa.TlsaEngine;

/**
 * The RFC 7672 decision path, in the order an MTA walks it, each rule beside its section (as
 * Postfix's {@code tls_dane.c} and {@code smtp_tls_policy.c} read): the MX RRset, each host's
 * addresses and candidate TLSA base domains, its TLSA records, what its sessions must achieve and
 * with which names, each session, each host, and the domain in MX preference order.
 *
 * <p>Pure functions over plain data. The DNS layer and the prober only fetch what these functions
 * ask for and carry it back; nothing else decides. Where RFC 7672 leaves room, the rule is
 * Postfix's (3.10, the reference DANE MTA); deliberate differences are named where they are made.
 */
public final class Rfc7672Policy {
  /** The most MX hosts examined, after sorting (a bound on work; the rest are reported). */
  public static final int MAX_MX_HOSTS = 16;

  private Rfc7672Policy() {}

  // ---------------------------------------------------------------------------------------------
  // DNS errors (RFC 7672 2.1.1, 2.1.2): a lookup error, bogus or indeterminate answer is a failure
  // to obtain the RRset; secure or insecure non-existence is an answer.
  // ---------------------------------------------------------------------------------------------

  /** The problem for a lookup that failed: DNSSEC_BOGUS when bogus, else {@code failure}. */
  static Problem lookupProblem(
      ProblemCode failure, Severity severity, String subject, LookupStatus status, String then) {
    String what = status.type() + " lookup for " + status.name();
    if (status.dnssec() == DnssecStatus.BOGUS) {
      return new Problem(
          ProblemCode.DNSSEC_BOGUS,
          Severity.ERROR,
          subject,
          what
              + " failed DNSSEC validation"
              + (status.extendedDnsError().isPresent()
                  ? " (EDE " + status.extendedDnsError().getAsInt() + ")"
                  : "")
              + ": "
              + status.reason()
              + then);
    }
    return new Problem(failure, severity, subject, what + " failed: " + status.reason() + then);
  }

  // ---------------------------------------------------------------------------------------------
  // Step 1: MX resolution (RFC 7672 2.2.1; RFC 7505 3; RFC 5321 5.1)
  // ---------------------------------------------------------------------------------------------

  /**
   * The hosts an MTA tries for a domain, in order. A failed MX lookup leaves the MTA without
   * servers: it defers, never falls back to the implicit MX (RFC 7672 2.1.2). NODATA makes the
   * domain its own implicit MX; NXDOMAIN means no such domain (RFC 5321 5.1). A null MX anywhere in
   * the RRset means no mail, even beside other MX records (RFC 7505 3 forbids the mix; Postfix's
   * {@code dns_get_answer} returns DNS_NULLMX for the whole reply and {@code smtp_addr.c} bounces).
   * Otherwise the records are sorted by preference, then each target is kept once, with its best
   * preference (RFC 7672 2.2.1: "MX records MUST be sorted by preference"; {@code 20 a, 10 b, 5 a}
   * tries {@code a} first).
   *
   * @param domain the next-hop domain asked (absolute)
   */
  public static MxPlan mx(String domain, MxAnswer answer) {
    LookupStatus status = answer.lookup();
    List<Problem> problems = new ArrayList<>();
    // RFC 7672 2.2.1: the MX lookup of the initial name may follow CNAMEs; the name the MX records
    // are at is the CNAME-expanded next-hop domain (a reference identifier, 3.2.2).
    String expanded =
        answer.cnameChain().isEmpty()
            ? domain
            : answer.cnameChain().get(answer.cnameChain().size() - 1);
    if (!status.outcome().answered()) {
      problems.add(
          lookupProblem(
              ProblemCode.MX_LOOKUP_FAILED,
              Severity.ERROR,
              domain,
              status,
              ": the MX hosts cannot be determined, so an MTA defers (RFC 7672 2.1.2)"));
      return plan(MxSource.LOOKUP_FAILED, status, domain, domain, List.of(), problems);
    }
    if (status.outcome() == LookupOutcome.NXDOMAIN) {
      // RFC 5321 5.1: the implicit MX applies only to a domain that exists.
      return plan(MxSource.NO_SUCH_DOMAIN, status, domain, expanded, List.of(), problems);
    }
    if (status.outcome() == LookupOutcome.NODATA) {
      problems.add(
          Problem.of(
              ProblemCode.IMPLICIT_MX,
              domain,
              domain + " has no MX records: the domain itself is the mail host (RFC 5321 5.1)"));
      return plan(
          MxSource.IMPLICIT_MX, status, domain, expanded, List.of(new MxHost(0, domain)), problems);
    }
    List<MxHost> real = answer.records().stream().filter(h -> !h.name().equals(".")).toList();
    if (real.size() < answer.records().size()) {
      if (real.isEmpty()) {
        problems.add(
            Problem.of(
                ProblemCode.NULL_MX,
                domain,
                domain + " has a null MX: it accepts no mail (RFC 7505)"));
      } else {
        problems.add(
            Problem.of(
                ProblemCode.NULL_MX_MIXED,
                domain,
                domain
                    + " has a null MX beside other MX records ("
                    + real.stream()
                        .map(h -> h.preference() + " " + h.name())
                        .collect(Collectors.joining(", "))
                    + "), which RFC 7505 3 forbids: Postfix takes the null MX and bounces the"
                    + " mail; other MTAs may deliver to the other hosts. Remove one or the other."));
      }
      return plan(MxSource.NULL_MX, status, domain, expanded, List.of(), problems);
    }
    List<MxHost> sorted = new ArrayList<>(real);
    // Ties by name only to make reports stable: the outcome never depends on it (see mtaAction).
    sorted.sort(Comparator.comparingInt(MxHost::preference).thenComparing(MxHost::name));
    Map<String, MxHost> once = new LinkedHashMap<>();
    for (MxHost host : sorted) {
      once.putIfAbsent(host.name(), host);
    }
    List<MxHost> hosts = new ArrayList<>(once.values());
    if (hosts.size() > MAX_MX_HOSTS) {
      problems.add(
          Problem.of(
              ProblemCode.LIMIT_REACHED,
              domain,
              domain
                  + " has "
                  + hosts.size()
                  + " MX hosts; only the first "
                  + MAX_MX_HOSTS
                  + " are examined"));
      hosts = hosts.subList(0, MAX_MX_HOSTS);
    }
    return plan(MxSource.MX_RECORDS, status, domain, expanded, hosts, problems);
  }

  /**
   * A host the caller names, checked as an administrator-configured relay host, not subject to MX
   * resolution (RFC 7672 2.2.2, second case): its name is not from DNS, so it is as trustworthy as
   * a secure MX host name.
   */
  public static MxPlan givenHost(String host) {
    return new MxPlan(
        MxSource.GIVEN_HOST,
        Optional.empty(),
        true,
        host,
        host,
        List.of(new MxHost(0, host)),
        List.of());
  }

  private static MxPlan plan(
      MxSource source,
      LookupStatus status,
      String domain,
      String expanded,
      List<MxHost> hosts,
      List<Problem> problems) {
    return new MxPlan(
        source, Optional.of(status), status.isSecure(), domain, expanded, hosts, problems);
  }

  /**
   * What the MX step alone decides: {@link MtaAction#NO_MAIL} for a null MX or a domain that does
   * not exist, {@link MtaAction#DEFER} when the MX lookup failed, or empty when the hosts must be
   * examined.
   */
  public static Optional<MtaAction> actionFromMx(MxSource source) {
    return switch (source) {
      case NULL_MX, NO_SUCH_DOMAIN -> Optional.of(MtaAction.NO_MAIL);
      case LOOKUP_FAILED -> Optional.of(MtaAction.DEFER);
      case MX_RECORDS, IMPLICIT_MX, GIVEN_HOST -> Optional.empty();
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Step 2: each host's addresses (RFC 7672 2.1.2, 2.2.2)
  // ---------------------------------------------------------------------------------------------

  /**
   * Which addresses of a host an MTA may use. RFC 7672 2.2.2 asks for the addresses before TLSA. A
   * failed or bogus address RRset gives no address (RFC 4035 5.5) and leaves the host's endpoints
   * in that family unknown; when no address is left, a DANE MTA cannot know whether the host has
   * TLSA records and skips it (RFC 7672 2.1.2), never treats it as "no DANE". When another family
   * answered, its addresses are used, as Postfix's {@code dns_lookup_rv} does with the RRsets that
   * answered.
   */
  public static AddressPlan addresses(HostAddresses host) {
    String name = host.host();
    List<InetAddress> usable = new ArrayList<>();
    List<Problem> problems = new ArrayList<>(host.problems());
    List<HostAddresses.Rrset> failed = new ArrayList<>();
    for (HostAddresses.Rrset rrset : host.rrsets()) {
      if (rrset.cnameChainInvalid() || !rrset.lookup().outcome().answered()) {
        failed.add(rrset);
      } else {
        usable.addAll(rrset.addresses());
      }
    }
    for (HostAddresses.Rrset rrset : failed) {
      String then =
          usable.isEmpty()
              ? ": no address of "
                  + name
                  + " is known, so a DANE MTA cannot tell whether it has TLSA records and skips"
                  + " it (RFC 7672 2.1.2)"
              : ": its "
                  + rrset.lookup().type()
                  + " addresses are unknown; the host is used through its other addresses, but an"
                  + " MTA that uses only this address family skips it (RFC 7672 2.1.2)";
      Severity severity = usable.isEmpty() ? Severity.ERROR : Severity.WARNING;
      if (rrset.cnameChainInvalid()) {
        problems.add(
            new Problem(
                ProblemCode.CNAME_CHAIN_INVALID,
                Severity.ERROR,
                name,
                rrset.lookup().type()
                    + " lookup for "
                    + name
                    + ": "
                    + rrset.lookup().reason()
                    + then));
      } else {
        problems.add(
            lookupProblem(ProblemCode.ADDRESS_LOOKUP_FAILED, severity, name, rrset.lookup(), then));
      }
    }
    if (usable.isEmpty() && failed.isEmpty()) {
      problems.add(
          Problem.of(
              ProblemCode.NO_ADDRESSES,
              name,
              name + " has no address of the families asked: it is unreachable (RFC 7672 2.2.2)"));
    }
    return new AddressPlan(usable, failed.size(), problems);
  }

  // ---------------------------------------------------------------------------------------------
  // Step 3: the candidate TLSA base domains (RFC 7672 2.2.2, 2.1.3)
  // ---------------------------------------------------------------------------------------------

  /**
   * Whether the DNSSEC status of the host's own CNAME record must be asked: the host is a CNAME
   * alias and the ultimate address RRset is insecure ("Insecure CNAME", RFC 7672 2.2.2). The
   * address answer's status covers the whole chain, so it cannot tell a signed first CNAME from an
   * unsigned one; a separate query of type CNAME can (RFC 7672 2.1.3; Postfix's {@code
   * qname_secure} in {@code tls_dane.c}).
   */
  public static boolean needsCnameStatus(HostAddresses host, AddressPlan addresses) {
    List<HostAddresses.Rrset> answered = answered(host);
    return !addresses.usable().isEmpty()
        && answered.stream().anyMatch(r -> !r.cnameChain().isEmpty())
        && !ultimateSecure(answered);
  }

  /**
   * Where to look for TLSA records, by the cases of RFC 7672 2.2.2:
   *
   * <ul>
   *   <li>no address: unreachable, nothing to look up;
   *   <li>Non-CNAME: secure addresses make the host name the candidate; insecure ones mean no TLSA
   *       lookup ("SHOULD NOT proceed to search for any associated TLSA records");
   *   <li>Secure CNAME: the fully CNAME-expanded name, then the host name;
   *   <li>Insecure CNAME: when the host's own CNAME is secure, the host name is the candidate
   *       ("treated just like the non-CNAME case ... with the original input domain as the
   *       candidate TLSA base domain"); when it is insecure, DANE does not apply; when its lookup
   *       fails, the host is skipped (2.1.2: a query used to locate TLSA records failed; Postfix:
   *       {@code qname_secure} returns -1, "TLSA lookup error", the message is deferred), and so
   *       when the name is "no longer a CNAME".
   * </ul>
   *
   * @param cnameStatus the lookup of the host's CNAME, made when {@link #needsCnameStatus} says so
   */
  public static TlsaSearch tlsaSearch(
      HostAddresses host, AddressPlan addresses, Optional<LookupStatus> cnameStatus) {
    String name = host.host();
    if (addresses.usable().isEmpty()) {
      return notQueried(name, "not queried: " + name + " has no usable address", List.of());
    }
    List<HostAddresses.Rrset> answered = answered(host);
    boolean cname = answered.stream().anyMatch(r -> !r.cnameChain().isEmpty());
    boolean secure = ultimateSecure(answered);
    if (!cname) {
      if (secure) {
        return candidates(new TlsaSearch.Candidate(name, "the MX host name, which is not a CNAME"));
      }
      return notQueried(
          name,
          "not queried: the addresses of " + name + " are not DNSSEC-signed",
          List.of(insecureHost(name, insecureTypes(answered, name))));
    }
    String expanded = host.expandedName();
    if (secure) {
      return candidates(
          new TlsaSearch.Candidate(
              expanded, "the fully CNAME-expanded name, tried first (RFC 7672 2.2.2)"),
          new TlsaSearch.Candidate(
              name,
              "the original MX host name: the expanded name "
                  + expanded
                  + " had no secure TLSA records (RFC 7672 2.2.2)"));
    }
    if (cnameStatus.isEmpty()) {
      throw new IllegalArgumentException("the CNAME status of " + name + " is needed first");
    }
    LookupStatus status = cnameStatus.get();
    if (!status.outcome().answered() || status.outcome() != LookupOutcome.DATA) {
      LookupStatus failed =
          status.outcome().answered()
              ? status.toBuilder()
                  .outcome(LookupOutcome.FAILED)
                  .dnssec(DnssecStatus.FAILED)
                  .reason("the address lookup went through a CNAME, the CNAME lookup found none")
                  .build()
              : status;
      Problem problem =
          lookupProblem(
              ProblemCode.TLSA_LOOKUP_FAILED,
              Severity.ERROR,
              name,
              failed,
              ": it decides whether "
                  + name
                  + " is a candidate TLSA base domain (RFC 7672 2.1.3, 2.2.2), so a DANE MTA skips"
                  + " the host (RFC 7672 2.1.2)");
      return new TlsaSearch(
          List.of(),
          Optional.of(
              new TlsaResult(
                  name,
                  "the DNSSEC status of the CNAME of " + name + " could not be determined",
                  List.of(status),
                  List.of(),
                  TlsaState.FAILED,
                  List.of(problem))),
          Optional.empty());
    }
    if (!status.isSecure()) {
      return notQueried(
          name,
          "not queried: the CNAME of " + name + " is not DNSSEC-signed",
          List.of(status),
          List.of(insecureHost(name, "CNAME of " + name)));
    }
    return new TlsaSearch(
        List.of(
            new TlsaSearch.Candidate(
                name,
                "the original MX host name: its CNAME is signed, but the addresses of "
                    + expanded
                    + " are not (RFC 7672 2.2.2, insecure CNAME)")),
        Optional.empty(),
        Optional.of(status));
  }

  private static List<HostAddresses.Rrset> answered(HostAddresses host) {
    return host.rrsets().stream()
        .filter(r -> !r.cnameChainInvalid() && r.lookup().outcome().answered())
        .toList();
  }

  /**
   * RFC 7672 2.1.3: secure only when every answered RRset, CNAMEs included, validated.
   *
   * <p>Per host, not per address family, and on purpose the weakest of Postfix's outcomes. Postfix
   * marks each address record with its own RRset's status and decides DANE from the record it tries
   * first ({@code tls_dane_resolve(iter->rr)} via {@code dane_init}), but caches that TLS policy
   * per next hop, host name and port ({@code smtp_tls_policy_cache_query}: no DNSSEC status in the
   * key), so the first address decides for all of the host's addresses. Which family comes first is
   * random by default ({@code smtp_address_preference = any}, {@code smtp_randomize_addresses =
   * yes}; RFC 7672 2.2.2 likewise speaks of "the first query response"). With a secure A and an
   * insecure AAAA RRset, Postfix therefore sometimes requires DANE for every address of the host
   * and sometimes uses opportunistic TLS for all of them: like hosts of equal preference (see
   * {@link #decide}), we report the weaker, no DANE (HOST_INSECURE names the insecure family). One
   * zone signs both families alike, so this takes a broken or attacked resolver path (AD-trust
   * mode) or a failed validation.
   */
  private static boolean ultimateSecure(List<HostAddresses.Rrset> answered) {
    return answered.stream().allMatch(r -> r.lookup().isSecure())
        && answered.stream().anyMatch(r -> r.lookup().outcome() == LookupOutcome.DATA);
  }

  /**
   * What was insecure, as a reader checks it: "A records of mx", or "A records and the denial of
   * AAAA records of mx" for an insecure NODATA (there are no AAAA records to speak of).
   */
  private static String insecureTypes(List<HostAddresses.Rrset> answered, String name) {
    String data =
        answered.stream()
            .filter(r -> !r.lookup().isSecure() && r.lookup().outcome() == LookupOutcome.DATA)
            .map(r -> r.lookup().type().name())
            .collect(Collectors.joining(" and "));
    String denied =
        answered.stream()
            .filter(r -> !r.lookup().isSecure() && r.lookup().outcome() != LookupOutcome.DATA)
            .map(r -> r.lookup().type().name())
            .collect(Collectors.joining(" and "));
    String what =
        data.isEmpty()
            ? "denial of " + denied + " records"
            : denied.isEmpty()
                ? data + " records"
                : data + " records and the denial of " + denied + " records";
    return what + " of " + name;
  }

  private static Problem insecureHost(String host, String what) {
    return Problem.of(
        ProblemCode.HOST_INSECURE,
        host,
        "the "
            + what
            + " are not DNSSEC-signed: no TLSA lookup, DANE does not apply (RFC 7672 2.2.2)");
  }

  private static TlsaSearch candidates(TlsaSearch.Candidate... candidates) {
    return new TlsaSearch(List.of(candidates), Optional.empty(), Optional.empty());
  }

  private static TlsaSearch notQueried(String host, String reason, List<Problem> problems) {
    return notQueried(host, reason, List.of(), problems);
  }

  private static TlsaSearch notQueried(
      String host, String reason, List<LookupStatus> lookups, List<Problem> problems) {
    return new TlsaSearch(
        List.of(),
        Optional.of(
            new TlsaResult(host, reason, lookups, List.of(), TlsaState.NOT_QUERIED, problems)),
        Optional.empty());
  }

  // ---------------------------------------------------------------------------------------------
  // Step 4: TLSA record lookup (RFC 7672 2.2.3)
  // ---------------------------------------------------------------------------------------------

  /**
   * Whether a TLSA answer ends the search: secure TLSA records make their candidate the TLSA base
   * domain; a failed lookup is a failure ("If the rname lookup fails we don't try the qname",
   * Postfix); insecure records or none move on to the next candidate.
   */
  public static boolean tlsaSearchEnds(LookupStatus answer) {
    return !answer.outcome().answered()
        || answer.outcome() == LookupOutcome.DATA && answer.isSecure();
  }

  /**
   * What the TLSA search found: the answer that ended it (or the last one) decides. A failed or
   * bogus lookup makes the host unreachable (RFC 7672 2.1.2), never "no TLSA"; insecure TLSA
   * records are ignored; a secure denial means DANE does not apply.
   *
   * @param host the MX host name (absolute)
   * @param answers the TLSA answers, in the order of the search's candidates
   */
  public static TlsaResult tlsaResult(String host, TlsaSearch search, List<TlsaAnswer> answers) {
    if (search.decided().isPresent()) {
      return search.decided().get();
    }
    if (answers.isEmpty()) {
      throw new IllegalArgumentException("no TLSA answer for " + host);
    }
    List<LookupStatus> lookups = new ArrayList<>();
    search.cnameStatus().ifPresent(lookups::add);
    answers.forEach(a -> lookups.add(a.lookup()));
    TlsaAnswer decisive = answers.get(answers.size() - 1);
    String base = decisive.baseDomain();
    String reason = search.candidates().get(answers.size() - 1).reason();
    LookupStatus s = decisive.lookup();
    List<Problem> problems = new ArrayList<>(decisive.problems());
    if (!s.outcome().answered()) {
      problems.add(
          lookupProblem(
              ProblemCode.TLSA_LOOKUP_FAILED,
              Severity.ERROR,
              host,
              s,
              ": a DANE MTA treats the host as unreachable (RFC 7672 2.1.2)"));
      return new TlsaResult(base, reason, lookups, List.of(), TlsaState.FAILED, problems);
    }
    if (!s.isSecure()) {
      problems.add(
          Problem.of(
              ProblemCode.TLSA_INSECURE,
              host,
              "the TLSA lookup for "
                  + s.name()
                  + " is not DNSSEC-signed: ignored (RFC 7672 2.2.3)"));
      return new TlsaResult(base, reason, lookups, List.of(), TlsaState.INSECURE, problems);
    }
    if (s.outcome() != LookupOutcome.DATA) {
      problems.add(
          Problem.of(
              ProblemCode.TLSA_NOT_FOUND,
              host,
              "no TLSA records at " + s.name() + " (securely denied): DANE does not apply"));
      return new TlsaResult(base, reason, lookups, List.of(), TlsaState.SECURE_NONE, problems);
    }
    return new TlsaResult(
        base, reason, lookups, decisive.records(), TlsaState.SECURE_RECORDS, problems);
  }

  // ---------------------------------------------------------------------------------------------
  // Step 5: TLS discovery, the four actions (RFC 7672 2.2; "usable" per RFC 6698 4.1)
  // ---------------------------------------------------------------------------------------------

  /**
   * What the sessions with a host must achieve. RFC 7672 2.2: secure usable TLSA records make
   * authenticated TLS mandatory; a secure RRset of only unusable records makes TLS mandatory
   * without authentication; a lookup error skips the host; insecure or no records mean
   * opportunistic TLS. A host without a usable address is skipped: as unreachable when it has none
   * (2.2.2, "Not found"), as of unknown DANE status when its address lookups failed (2.1.2).
   *
   * @param pkixTrustAnchors whether the matcher is given PKIX trust anchors (usable ones, {@link
   *     TlsaEngine#usableTrustAnchors}): without them PKIX usages are unusable under any profile
   */
  public static HostPolicy hostPolicy(
      AddressPlan addresses, TlsaResult tlsa, TlsaProfile profile, boolean pkixTrustAnchors) {
    if (addresses.usable().isEmpty()) {
      return addresses.allLookupsAnswered()
          ? HostPolicy.SKIP_NO_ADDRESSES
          : HostPolicy.SKIP_ADDRESSES_FAILED;
    }
    return switch (tlsa.state()) {
      case SECURE_RECORDS ->
          tlsa.records().stream().anyMatch(r -> isUsable(r, profile, pkixTrustAnchors))
              ? HostPolicy.AUTHENTICATE
              : HostPolicy.ENCRYPT;
      case FAILED -> HostPolicy.SKIP_TLSA_FAILED;
      case SECURE_NONE, INSECURE, NOT_QUERIED -> HostPolicy.OPPORTUNISTIC;
    };
  }

  /**
   * Whether a record can take part in authentication. RFC 7672 3.1.3: PKIX-TA(0) and PKIX-EE(1) are
   * unusable for SMTP; RFC 6698 4.1 and RFC 7671 9: unknown usages, selectors and matching types
   * are unusable, and so is association data that cannot be what its matching type says; RFC 6698
   * 2.1.1: PKIX usages need a trust store, so without PKIX trust anchors they are unusable under
   * the generic profile too. The TLSA engine decides, with the same flag the matcher is given (its
   * trust anchors), so that the policy and the matcher never disagree.
   */
  public static boolean isUsable(TlsaRecord record, TlsaProfile profile, boolean pkixTrustAnchors) {
    return unusableReason(record, profile, pkixTrustAnchors).isEmpty();
  }

  private static Optional<String> unusableReason(
      TlsaRecord record, TlsaProfile profile, boolean pkixTrustAnchors) {
    return TlsaEngine.unusableReason(record, profile == TlsaProfile.SMTP, pkixTrustAnchors);
  }

  /** What the policy reports about a host's TLSA records: the unusable ones, and why. */
  public static List<Problem> tlsaProblems(
      String host,
      HostPolicy policy,
      TlsaResult tlsa,
      TlsaProfile profile,
      boolean pkixTrustAnchors) {
    if (tlsa.state() != TlsaState.SECURE_RECORDS) {
      return List.of();
    }
    List<String> unusable = new ArrayList<>();
    for (TlsaRecord r : tlsa.records()) {
      unusableReason(r, profile, pkixTrustAnchors).ifPresent(why -> unusable.add(r + ": " + why));
    }
    if (policy == HostPolicy.ENCRYPT) {
      return List.of(
          Problem.of(
              ProblemCode.TLSA_ALL_UNUSABLE,
              host,
              "Every TLSA record is unusable ("
                  + String.join("; ", unusable)
                  + "): TLS is mandatory but cannot be authenticated (RFC 7672 2.2)."));
    }
    if (!unusable.isEmpty()) {
      return List.of(
          Problem.of(
              ProblemCode.TLSA_UNUSABLE,
              host,
              "Ignored unusable TLSA records ("
                  + String.join("; ", unusable)
                  + "); the usable ones decide (RFC 7672 2.2)."));
    }
    return List.of();
  }

  // ---------------------------------------------------------------------------------------------
  // Step 6: opening the sessions (RFC 7672 8.1, 8.2) and the names to check (3.2.2)
  // ---------------------------------------------------------------------------------------------

  /**
   * How to open the sessions with a host. RFC 7672 8.1: with TLSA records in play, SNI carries the
   * TLSA base domain (Postfix: "Per RFC7672 the SNI name is the TLSA base domain"). RFC 7672 8.2:
   * anonymous suites only when no authentication is needed. Both certificate algorithms are probed
   * separately only where a certificate must authenticate, when asked.
   *
   * @param host the MX host name (absolute)
   */
  public static ProbePlan probePlan(
      HostPolicy policy,
      String host,
      TlsaResult tlsa,
      boolean bothAlgorithms,
      boolean offerAnonymous) {
    String sni = relative(policy.tlsRequired() ? tlsa.baseDomain() : host);
    List<CertificateAlgorithm> algorithms =
        bothAlgorithms && policy.tlsRequired()
            ? List.of(CertificateAlgorithm.RSA, CertificateAlgorithm.ECDSA)
            : List.of(CertificateAlgorithm.ANY);
    boolean anonymous =
        offerAnonymous && (policy == HostPolicy.OPPORTUNISTIC || policy == HostPolicy.ENCRYPT);
    return new ProbePlan(sni, algorithms, anonymous);
  }

  /**
   * The reference identifiers for DANE-TA(2) name checks, RFC 7672 3.2.2, and no other name:
   *
   * <ul>
   *   <li>always the TLSA base domain;
   *   <li>MX hosts from a secure MX lookup: also the original next-hop domain and, when the MX
   *       lookup followed a CNAME, the CNAME-expanded next-hop domain (so the unexpanded MX host
   *       name is not one when the base domain is its CNAME target);
   *   <li>MX hosts from an insecure MX lookup: nothing else ("the MX hostname is the only reference
   *       identifier"; we read it with "In all DANE-TA(2) cases ... the TLSA base domain");
   *   <li>no MX records (implicit MX, or a host the caller named as a relay): also the original
   *       next-hop domain, which matters when the base domain is its CNAME expansion.
   * </ul>
   *
   * <p>Postfix ({@code dane_init} in {@code smtp_tls_policy.c}) passes the base domain and, for any
   * MX-resolved destination, the MX RR's qname and rname: the same list for a secure MX. It adds
   * them even for an insecure MX (level half-dane), where we follow the RFC and accept the base
   * domain only; and for a destination without MX records it passes the base domain only, where the
   * RFC's "MUST be included" adds the next-hop domain. Both differences are on purpose.
   *
   * @return names without the trailing dot
   */
  public static Set<String> referenceIdentifiers(MxPlan mx, String baseDomain) {
    Set<String> names = new LinkedHashSet<>();
    names.add(relative(baseDomain));
    switch (mx.source()) {
      case MX_RECORDS -> {
        if (mx.secure()) {
          names.add(relative(mx.nextHop()));
          names.add(relative(mx.expandedNextHop()));
        }
      }
      case IMPLICIT_MX, GIVEN_HOST -> names.add(relative(mx.nextHop()));
      case NULL_MX, NO_SUCH_DOMAIN, LOOKUP_FAILED -> {}
    }
    return names;
  }

  /**
   * Whether the leaf names a reference identifier (RFC 7672 3.2.3 rules), as information for any
   * session that presented a certificate; only DANE-TA(2) matches depend on it.
   */
  public static NameMatch nameMatch(
      boolean certificatePresented, List<byte[]> chain, Set<String> referenceIdentifiers) {
    if (!certificatePresented || chain.isEmpty()) {
      return NameMatch.NOT_CHECKED;
    }
    return TlsaEngine.leafCarriesName(chain.get(0), referenceIdentifiers)
        ? NameMatch.MATCHES
        : NameMatch.DOES_NOT_MATCH;
  }

  /**
   * Whether a session's chain is matched against the TLSA records: when TLS was made with a host
   * whose records make TLS mandatory (RFC 7672 3.2: "the SMTP client MUST use TLSA records to
   * authenticate the SMTP server"; with only unusable records the match says so).
   */
  public static boolean matchesTlsa(HostPolicy policy, SmtpOutcome outcome) {
    return policy.tlsRequired() && outcome.tlsEstablished();
  }

  // ---------------------------------------------------------------------------------------------
  // Before connecting: the domain from DNS alone (RFC 7672 2.1.2, 2.2.1), for an MTA's own delivery
  // ---------------------------------------------------------------------------------------------

  /**
   * What an MTA knows about the domain before it connects anywhere: no mail (a null MX, no such
   * domain), defer (the MX lookup failed; or every host is skipped, RFC 7672 2.1.2: "If no servers
   * are reachable, delivery is delayed"), or try the hosts that are not skipped, in MX order, each
   * under its {@link HostPolicy}. The sessions then decide as in {@link #decide}: a host that
   * cannot take the mail under its policy is skipped for the next one.
   *
   * @param hostsInOrder the hosts' policies in the order of {@link MxPlan#hosts()}
   * @param anyPublishesTlsa whether some host has a secure TLSA RRset (for the insecure MX finding)
   */
  public static PolicyDecision beforeConnecting(
      MxPlan mx, List<HostPolicy> hostsInOrder, boolean anyPublishesTlsa) {
    List<Problem> problems = new ArrayList<>();
    insecureMx(mx, anyPublishesTlsa).ifPresent(problems::add);
    Optional<MtaAction> fromMx = actionFromMx(mx.source());
    if (fromMx.isPresent()) {
      return new PolicyDecision(
          fromMx.get() == MtaAction.NO_MAIL ? PolicyAction.NO_MAIL : PolicyAction.DEFER, problems);
    }
    boolean anyUsable = hostsInOrder.stream().anyMatch(p -> !p.securityLevel().skip());
    return new PolicyDecision(anyUsable ? PolicyAction.TRY_HOSTS : PolicyAction.DEFER, problems);
  }

  // ---------------------------------------------------------------------------------------------
  // Step 7: each session (RFC 7672 2.2, 3.1, 3.2)
  // ---------------------------------------------------------------------------------------------

  /**
   * The level of one session and what is wrong with it under the host's policy.
   *
   * @param policy what the host's sessions must achieve
   * @param mxSecure whether the MX RRset was secure; with an insecure MX a DANE match is logged as
   *     "Trusted", not "Verified", since the MX host name could have been forged (RFC 7672 2.2.1:
   *     it "MUST NOT be misrepresented in the mail logs as secure delivery"; Postfix's half-dane)
   * @param outcome how far the SMTP dialogue got
   * @param certificatePresented whether the server sent a certificate
   * @param pkix the chain's PKIX status
   * @param match the TLSA match, when the host's policy is {@link HostPolicy#AUTHENTICATE} and a
   *     session was established
   * @param subject the endpoint, for problem messages
   */
  public static SessionAssessment assessSession(
      HostPolicy policy,
      boolean mxSecure,
      SmtpOutcome outcome,
      boolean certificatePresented,
      PkixStatus pkix,
      Optional<TlsaMatchResult> match,
      String subject) {
    List<Problem> problems = new ArrayList<>();
    if (!outcome.tlsEstablished()) {
      // RFC 7672 2.2: with TLSA records, no cleartext fallback; missing STARTTLS is a failure.
      if (policy.tlsRequired() && outcome.reachedEhlo()) {
        problems.add(
            new Problem(
                outcome == SmtpOutcome.STARTTLS_NOT_OFFERED
                    ? ProblemCode.STARTTLS_NOT_OFFERED
                    : outcome == SmtpOutcome.STARTTLS_REFUSED
                        ? ProblemCode.STARTTLS_REFUSED
                        : ProblemCode.TLS_HANDSHAKE_FAILED,
                Severity.ERROR,
                subject,
                "The host publishes TLSA records, so TLS is mandatory (RFC 7672 2.2), but no TLS"
                    + " session could be made: a DANE MTA will not deliver here."));
      }
      return new SessionAssessment(outcome, TlsLevel.NONE, false, problems);
    }
    TlsLevel pkixLevel =
        !certificatePresented
            ? TlsLevel.ANONYMOUS
            : pkix == PkixStatus.TRUSTED ? TlsLevel.TRUSTED : TlsLevel.UNTRUSTED;
    if (policy != HostPolicy.AUTHENTICATE || match.isEmpty()) {
      // Never claim a match that was not made.
      return new SessionAssessment(outcome, pkixLevel, false, problems);
    }
    TlsaMatchResult result = match.get();
    if (result.authenticated()) {
      return new SessionAssessment(
          outcome, mxSecure ? TlsLevel.VERIFIED : TlsLevel.TRUSTED, true, problems);
    }
    if (result.outcome() == TlsaMatchOutcome.LIMIT_REACHED) {
      // Not a failure: OpenSSL tries every record, so an MTA may well authenticate the session.
      // Unknown, so the host is not decided (and never reported as verified or failed).
      problems.add(
          Problem.of(
              ProblemCode.LIMIT_REACHED,
              subject,
              sentence(result.message())
                  + " Whether a DANE MTA would deliver here is not known: the check is"
                  + " incomplete."));
      return new SessionAssessment(outcome, pkixLevel, false, problems, true);
    }
    // RFC 7672 3.2: "Messages MUST NOT be delivered via the SMTP server if authentication fails".
    problems.add(
        new Problem(
            switch (result.outcome()) {
              case NAME_MISMATCH -> ProblemCode.CERT_NAME_MISMATCH;
              case CHAIN_INVALID -> ProblemCode.CERT_CHAIN_INVALID;
              case OUTSIDE_VALIDITY_PERIOD -> ProblemCode.CERT_EXPIRED;
              case MALFORMED_CHAIN -> ProblemCode.CERT_MALFORMED;
              default -> ProblemCode.TLSA_NO_MATCH;
            },
            Severity.ERROR,
            subject,
            sentence(result.message()) + " A DANE MTA will not deliver here (RFC 7672 3.2)."));
    return new SessionAssessment(outcome, pkixLevel, false, problems);
  }

  private static String sentence(String text) {
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      return "";
    }
    String capitalized = Character.toUpperCase(trimmed.charAt(0)) + trimmed.substring(1);
    return capitalized.endsWith(".") ? capitalized : capitalized + ".";
  }

  // ---------------------------------------------------------------------------------------------
  // Step 8: each host, from its sessions (RFC 7672 2.2, 3.2)
  // ---------------------------------------------------------------------------------------------

  /**
   * What an MTA makes of a host, given its policy and its sessions.
   *
   * @param allAddressesKnown false when an address RRset of the host failed or was bogus: some of
   *     its endpoints are unknown, so the host cannot be fully verified (RFC 4035 5.5)
   * @param complete false when the deadline cut the host's checks short
   */
  public static HostStatus hostStatus(
      HostPolicy policy,
      List<SessionAssessment> sessions,
      boolean allAddressesKnown,
      boolean complete) {
    return switch (policy) {
      case SKIP_NO_ADDRESSES -> HostStatus.NO_ADDRESSES;
      case SKIP_ADDRESSES_FAILED -> HostStatus.ADDRESS_LOOKUP_FAILED;
      case SKIP_TLSA_FAILED -> HostStatus.TLSA_LOOKUP_FAILED;
      case OPPORTUNISTIC -> complete ? HostStatus.NO_DANE : HostStatus.INCOMPLETE;
      case ENCRYPT ->
          sessions.stream().anyMatch(s -> s.outcome().tlsEstablished())
              ? HostStatus.TLSA_UNUSABLE
              : complete ? HostStatus.DANE_FAILED : HostStatus.INCOMPLETE;
      case AUTHENTICATE -> {
        long authenticated = sessions.stream().filter(SessionAssessment::authenticated).count();
        if (authenticated > 0) {
          yield authenticated == sessions.size() && complete && allAddressesKnown
              ? HostStatus.DANE_VERIFIED
              : HostStatus.DANE_PARTIAL;
        }
        // A session the matcher's work limit left undecided might have authenticated.
        boolean undecided = sessions.stream().anyMatch(SessionAssessment::undetermined);
        yield complete && !undecided ? HostStatus.DANE_FAILED : HostStatus.INCOMPLETE;
      }
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Step 9: the domain, hosts in MX preference order (RFC 7672 2.2.1, 2.1.2, 2.2)
  // ---------------------------------------------------------------------------------------------

  /**
   * What a DANE-enforcing MTA does with the mail, the verdict, and the domain-level findings, in
   * one place so they never disagree.
   *
   * <p>The MTA tries the hosts in MX preference order; TLSA records never change that order (RFC
   * 7672 2.2.1). A host that cannot take the mail under its own policy is skipped for the next (RFC
   * 7672 2.1.2, 2.2, 3.2); when none can, the mail is deferred. Hosts of equal preference may be
   * tried in any order ("Even with two equal-preference MX records, an MTA is not obligated to
   * choose the MX hostname that offers more security"), so among the first preference at which some
   * host can take the mail, the weakest such host decides, and the report says so.
   *
   * @param hostsInOrder the hosts in the order of {@link MxPlan#hosts()}
   * @param complete false when the deadline cut the check short
   */
  public static DomainDecision decide(MxPlan mx, List<HostOutcome> hostsInOrder, boolean complete) {
    List<Problem> problems = new ArrayList<>();
    insecureMx(mx, hostsInOrder.stream().anyMatch(HostOutcome::publishesTlsa))
        .ifPresent(problems::add);
    Optional<MtaAction> fromMx = actionFromMx(mx.source());
    if (fromMx.isPresent()) {
      DaneVerdict verdict =
          fromMx.get() == MtaAction.NO_MAIL
              ? DaneVerdict.NO_MAIL
              : complete ? DaneVerdict.FAILED : DaneVerdict.INDETERMINATE;
      return new DomainDecision(fromMx.get(), verdict, problems);
    }
    MtaAction action = MtaAction.DEFER;
    for (List<HostOutcome> group : byPreference(hostsInOrder)) {
      List<HostOutcome> delivering = group.stream().filter(h -> delivery(h).isPresent()).toList();
      if (delivering.isEmpty()) {
        continue;
      }
      HostOutcome weakest =
          delivering.stream()
              .min(Comparator.comparingInt(h -> strength(delivery(h).orElseThrow())))
              .orElseThrow();
      action = delivery(weakest).orElseThrow();
      if (delivering.stream().map(h -> delivery(h).orElseThrow()).distinct().count() > 1) {
        problems.add(equalPreferenceProblem(delivering, weakest));
      }
      break;
    }
    if (action == MtaAction.DEFER && complete) {
      unreachable(hostsInOrder).ifPresent(problems::add);
    }
    return new DomainDecision(action, verdict(mx, hostsInOrder, action, complete), problems);
  }

  /**
   * Why the mail is deferred when no host answered: every finding of the endpoints is then a
   * warning (a timeout is the server's state, not a DANE error), so the domain names the error that
   * makes the MTA defer. A host that was greeted or whose lookups failed has its own error.
   */
  private static Optional<Problem> unreachable(List<HostOutcome> hosts) {
    List<HostOutcome> tried =
        hosts.stream()
            .filter(h -> h.status() == HostStatus.DANE_FAILED || h.status() == HostStatus.NO_DANE)
            .toList();
    if (tried.isEmpty() || hosts.stream().anyMatch(HostOutcome::greeted)) {
      return Optional.empty();
    }
    return Optional.of(
        Problem.of(
            ProblemCode.NO_HOST_REACHABLE,
            "",
            "No MX host answered over SMTP ("
                + tried.stream().map(h -> relative(h.name())).collect(Collectors.joining(", "))
                + "): a DANE MTA, like any MTA, defers the mail and retries later (RFC 5321"
                + " 4.5.4.1)."));
  }

  /** How the host takes the mail, or empty when an MTA skips it. */
  private static Optional<MtaAction> delivery(HostOutcome host) {
    return switch (host.status()) {
      case DANE_VERIFIED, DANE_PARTIAL -> Optional.of(MtaAction.AUTHENTICATED_TLS);
      case TLSA_UNUSABLE -> Optional.of(MtaAction.UNAUTHENTICATED_TLS);
      case NO_DANE -> host.greeted() ? Optional.of(MtaAction.OPPORTUNISTIC) : Optional.empty();
      case DANE_FAILED, TLSA_LOOKUP_FAILED, ADDRESS_LOOKUP_FAILED, NO_ADDRESSES, INCOMPLETE ->
          Optional.empty();
    };
  }

  private static int strength(MtaAction action) {
    return switch (action) {
      case AUTHENTICATED_TLS -> 3;
      case UNAUTHENTICATED_TLS -> 2;
      case OPPORTUNISTIC -> 1;
      case DEFER, NO_MAIL -> 0;
    };
  }

  private static List<List<HostOutcome>> byPreference(List<HostOutcome> hosts) {
    Map<Integer, List<HostOutcome>> groups = new LinkedHashMap<>();
    hosts.stream()
        .sorted(Comparator.comparingInt(HostOutcome::preference))
        .forEach(h -> groups.computeIfAbsent(h.preference(), p -> new ArrayList<>()).add(h));
    return List.copyOf(groups.values());
  }

  private static Problem equalPreferenceProblem(List<HostOutcome> delivering, HostOutcome weakest) {
    return Problem.ofDomain(
        ProblemCode.MX_EQUAL_PREFERENCE_MIXED,
        "The MX hosts of preference "
            + weakest.preference()
            + " do not take mail alike ("
            + delivering.stream()
                .map(h -> relative(h.name()) + ": " + describe(delivery(h).orElseThrow()))
                .collect(Collectors.joining("; "))
            + "). An MTA may try them in any order (RFC 7672 2.2.1), so mail may go through "
            + relative(weakest.name())
            + ": the weakest of them is reported. Configure them alike.");
  }

  private static String describe(MtaAction action) {
    return switch (action) {
      case AUTHENTICATED_TLS -> "DANE-authenticated TLS";
      case UNAUTHENTICATED_TLS -> "TLS without authentication";
      case OPPORTUNISTIC -> "opportunistic TLS";
      case DEFER -> "defer";
      case NO_MAIL -> "no mail";
    };
  }

  /**
   * The verdict: never more than the hosts proved, and never more than the action, the weakest way
   * an MTA may take the mail, allows. Only {@link MtaAction#AUTHENTICATED_TLS} can be VERIFIED or
   * PARTIALLY_VERIFIED, and only under a secure MX RRset: with an insecure one the hosts' TLSA
   * records authenticate the sessions (Postfix's half-dane requires them to match), not the choice
   * of host, and RFC 7672 2.2.1 says such an authentication "MUST NOT be misrepresented ... as
   * secure delivery to the intended next-hop domain", so the domain has no DANE (NO_DANE, with
   * MX_INSECURE saying why). Equal-preference hosts of which one authenticates and the weakest does
   * not are judged by the weakest (RFC 7672 2.2.1: "an MTA is not obligated to choose the MX
   * hostname that offers more security"), with MX_EQUAL_PREFERENCE_MIXED.
   *
   * <p>A DANE failure (a host that fails authentication, or whose TLSA or address lookups failed,
   * so that its DANE status is unknown) makes the verdict FAILED unless mail still goes over
   * authenticated TLS. A failed address lookup counts as FAILED, not INDETERMINATE: like a failed
   * TLSA or MX lookup, it is the domain's DNS that makes a DANE MTA defer, while INDETERMINATE is
   * for checks our deadline cut short.
   */
  private static DaneVerdict verdict(
      MxPlan mx, List<HostOutcome> hosts, MtaAction action, boolean complete) {
    // A host left undecided (the deadline, or a work limit) could change the answer.
    if (!complete || hosts.stream().anyMatch(h -> h.status() == HostStatus.INCOMPLETE)) {
      return DaneVerdict.INDETERMINATE;
    }
    boolean anyDane = hosts.stream().anyMatch(Rfc7672Policy::daneInPlay);
    boolean anyDaneFailure = hosts.stream().anyMatch(Rfc7672Policy::daneFailed);
    return switch (action) {
      case AUTHENTICATED_TLS ->
          !mx.secure()
              ? DaneVerdict.NO_DANE
              : hosts.stream().allMatch(h -> h.status() == HostStatus.DANE_VERIFIED)
                  ? DaneVerdict.VERIFIED
                  : DaneVerdict.PARTIALLY_VERIFIED;
      // A DANE host that failed was skipped for one without authentication: DANE failed.
      case UNAUTHENTICATED_TLS -> anyDaneFailure ? DaneVerdict.FAILED : DaneVerdict.UNAUTHENTICATED;
      case OPPORTUNISTIC -> anyDaneFailure ? DaneVerdict.FAILED : DaneVerdict.NO_DANE;
      case DEFER -> anyDane ? DaneVerdict.FAILED : DaneVerdict.NO_DANE;
      case NO_MAIL -> DaneVerdict.NO_MAIL;
    };
  }

  /** Whether the host publishes DANE, or might: its DANE status is not known to be "none". */
  private static boolean daneInPlay(HostOutcome host) {
    return switch (host.status()) {
      case DANE_VERIFIED,
          DANE_PARTIAL,
          DANE_FAILED,
          TLSA_UNUSABLE,
          TLSA_LOOKUP_FAILED,
          ADDRESS_LOOKUP_FAILED ->
          true;
      case NO_DANE, NO_ADDRESSES, INCOMPLETE -> false;
    };
  }

  private static boolean daneFailed(HostOutcome host) {
    return host.status() == HostStatus.DANE_FAILED
        || host.status() == HostStatus.TLSA_LOOKUP_FAILED
        || host.status() == HostStatus.ADDRESS_LOOKUP_FAILED;
  }

  /**
   * RFC 7672 2.2.1: an insecure MX RRset means DANE cannot authenticate delivery to the next-hop
   * domain; TLSA records of its hosts (used as Postfix's half-dane does) only make forgery of the
   * sessions evident.
   */
  private static Optional<Problem> insecureMx(MxPlan mx, boolean anyPublishesTlsa) {
    Optional<LookupStatus> lookup = mx.lookup();
    if (lookup.isEmpty() || !lookup.get().outcome().answered() || mx.secure()) {
      return Optional.empty();
    }
    String domain = mx.nextHop();
    if (anyPublishesTlsa) {
      return Optional.of(
          new Problem(
              ProblemCode.MX_INSECURE,
              Severity.WARNING,
              Problem.DOMAIN,
              "The MX records of "
                  + domain
                  + " are not DNSSEC-signed: an attacker can substitute MX hosts, so the hosts'"
                  + " TLSA records protect only against tampering with their sessions (RFC 7672"
                  + " 2.2.1)."));
    }
    return Optional.of(
        Problem.ofDomain(
            ProblemCode.MX_INSECURE,
            "the MX lookup for "
                + domain
                + " is not DNSSEC-signed: DANE does not apply (RFC 7672 2.2.1)"));
  }

  private static String relative(String name) {
    return DomainNames.relative(name);
  }
}
