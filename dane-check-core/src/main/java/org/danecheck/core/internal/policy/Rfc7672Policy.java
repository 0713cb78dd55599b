package org.danecheck.core.internal.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.danecheck.DaneVerdict;
import org.danecheck.EndpointReport;
import org.danecheck.HostStatus;
import org.danecheck.MtaAction;
import org.danecheck.MxHostReport;
import org.danecheck.MxSource;
import org.danecheck.PkixStatus;
import org.danecheck.Problem;
import org.danecheck.ProblemCode;
import org.danecheck.Severity;
import org.danecheck.SmtpOutcome;
import org.danecheck.TlsLevel;
import org.danecheck.TlsaMatchResult;
import org.danecheck.TlsaProfile;
import org.danecheck.TlsaRecord;
import org.danecheck.core.internal.dns.TlsaState;
import org.danecheck.core.internal.tlsa.TlsaEngine;

/**
 * The RFC 7672 decision path, top to bottom: from the DNS answers to what each session must
 * achieve, from each session to its level, from the endpoints to each host, and from the hosts in
 * MX preference order to what a DANE-enforcing MTA does with the mail. Pure functions over plain
 * data; the I/O that feeds them lives in the DNS layer and the prober.
 */
public final class Rfc7672Policy {
  private Rfc7672Policy() {}

  // ---------------------------------------------------------------------------------------------
  // Step 1: the MX RRset (RFC 7672 2.1, RFC 7505, RFC 5321 5.1)
  // ---------------------------------------------------------------------------------------------

  /**
   * What the MX lookup alone decides: {@link MtaAction#NO_MAIL} for a null MX (RFC 7505 3) or a
   * domain that does not exist, {@link MtaAction#DEFER} when the lookup failed or was bogus (RFC
   * 7672 2.1: never fall back to the implicit MX then), or empty when the hosts must be examined.
   */
  public static Optional<MtaAction> actionFromMx(MxSource source) {
    return switch (source) {
      // RFC 7505 3 (null MX); RFC 5321 5.1: a domain that does not exist has no implicit MX.
      case NULL_MX, NO_SUCH_DOMAIN -> Optional.of(MtaAction.NO_MAIL);
      case LOOKUP_FAILED -> Optional.of(MtaAction.DEFER);
      case MX_RECORDS, IMPLICIT_MX, GIVEN_HOST -> Optional.empty();
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Step 2: each host's TLSA RRset (RFC 7672 2.2, 3.1.3; RFC 7671 4)
  // ---------------------------------------------------------------------------------------------

  /**
   * What the sessions with a host must achieve. RFC 7672 2.2: secure usable TLSA records make
   * authenticated TLS mandatory; a secure RRset with only unusable records makes TLS mandatory
   * without authentication; a failed TLSA lookup for a host with secure addresses skips the host;
   * anything else (insecure, secure denial, addresses insecure) is opportunistic.
   */
  public static HostPolicy hostPolicy(
      boolean hasAddresses, TlsaState answer, List<TlsaRecord> records, TlsaProfile profile) {
    if (!hasAddresses) {
      return HostPolicy.SKIP_NO_ADDRESSES;
    }
    return switch (answer) {
      case SECURE_RECORDS ->
          records.stream().anyMatch(r -> isUsable(r, profile))
              ? HostPolicy.AUTHENTICATE
              : HostPolicy.ENCRYPT;
      case FAILED -> HostPolicy.SKIP_TLSA_FAILED;
      case SECURE_NONE, INSECURE, NOT_QUERIED -> HostPolicy.OPPORTUNISTIC;
    };
  }

  /**
   * Whether a record can take part in authentication. RFC 7672 3.1.3: PKIX-TA(0) and PKIX-EE(1) are
   * unusable for SMTP. RFC 6698 7.2-7.4 / RFC 7671 4: unknown usages, selectors and matching types
   * are unusable; so is a digest whose length does not fit its matching type. The TLSA engine
   * decides, so that the policy and the matcher never disagree.
   */
  public static boolean isUsable(TlsaRecord record, TlsaProfile profile) {
    return TlsaEngine.unusableReason(record, profile == TlsaProfile.SMTP, true).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // Step 3: each session (RFC 7672 2.2, 3, 8.1, 8.2)
  // ---------------------------------------------------------------------------------------------

  /** The level of a session and the problems the policy finds in it. */
  public record SessionAssessment(TlsLevel level, List<Problem> problems) {
    /** Copies the list. */
    public SessionAssessment {
      problems = List.copyOf(problems);
    }
  }

  /**
   * The level of one session and what is wrong with it under the host's policy.
   *
   * @param policy what the host's sessions must achieve
   * @param mxSecure whether the MX RRset was secure; with an insecure MX a DANE match is logged as
   *     "Trusted", not "Verified", since the MX host name could have been forged (as Postfix does)
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
      if (policy.tlsRequired() && reachedEhlo(outcome)) {
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
      return new SessionAssessment(TlsLevel.NONE, problems);
    }
    TlsLevel pkixLevel =
        !certificatePresented
            ? TlsLevel.ANONYMOUS
            : pkix == PkixStatus.TRUSTED ? TlsLevel.TRUSTED : TlsLevel.UNTRUSTED;
    if (policy != HostPolicy.AUTHENTICATE) {
      return new SessionAssessment(pkixLevel, problems);
    }
    if (match.isEmpty()) {
      // Never claim a match that was not made.
      return new SessionAssessment(pkixLevel, problems);
    }
    TlsaMatchResult result = match.get();
    if (result.authenticated()) {
      // RFC 7672 2.2.1 / Postfix: an insecure MX makes the DANE match tamper-evident only.
      return new SessionAssessment(mxSecure ? TlsLevel.VERIFIED : TlsLevel.TRUSTED, problems);
    }
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
            sentence(result.message()) + " A DANE MTA will not deliver here (RFC 7672 3)."));
    return new SessionAssessment(pkixLevel, problems);
  }

  private static String sentence(String text) {
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      return "";
    }
    String capitalized = Character.toUpperCase(trimmed.charAt(0)) + trimmed.substring(1);
    return capitalized.endsWith(".") ? capitalized : capitalized + ".";
  }

  private static boolean reachedEhlo(SmtpOutcome outcome) {
    return outcome == SmtpOutcome.STARTTLS_NOT_OFFERED
        || outcome == SmtpOutcome.STARTTLS_REFUSED
        || outcome == SmtpOutcome.TLS_HANDSHAKE_FAILED;
  }

  // ---------------------------------------------------------------------------------------------
  // Step 4: each host, from its endpoints (RFC 7672 2.2, 3)
  // ---------------------------------------------------------------------------------------------

  /**
   * What an MTA makes of a host, given its policy and its endpoints' reports.
   *
   * @param allAddressesUsable false when an address RRset of the host failed or was bogus: its
   *     endpoints are unknown, so the host cannot be fully verified (RFC 4035 5.5)
   * @param complete false when the deadline cut the host's checks short
   */
  public static HostStatus hostStatus(
      HostPolicy policy,
      List<EndpointReport> endpoints,
      boolean allAddressesUsable,
      boolean complete) {
    return switch (policy) {
      case SKIP_NO_ADDRESSES -> HostStatus.NO_ADDRESSES;
      case SKIP_TLSA_FAILED -> HostStatus.TLSA_LOOKUP_FAILED;
      case OPPORTUNISTIC -> complete ? HostStatus.NO_DANE : HostStatus.INCOMPLETE;
      case ENCRYPT ->
          endpoints.stream().anyMatch(e -> e.smtpOutcome().tlsEstablished())
              ? HostStatus.TLSA_UNUSABLE
              : complete ? HostStatus.DANE_FAILED : HostStatus.INCOMPLETE;
      case AUTHENTICATE -> {
        long authenticated = endpoints.stream().filter(Rfc7672Policy::authenticated).count();
        if (authenticated > 0) {
          yield authenticated == endpoints.size() && complete && allAddressesUsable
              ? HostStatus.DANE_VERIFIED
              : HostStatus.DANE_PARTIAL;
        }
        yield complete ? HostStatus.DANE_FAILED : HostStatus.INCOMPLETE;
      }
    };
  }

  private static boolean authenticated(EndpointReport endpoint) {
    return endpoint.tlsaMatch().map(TlsaMatchResult::authenticated).orElse(false)
        && endpoint.smtpOutcome().tlsEstablished();
  }

  // ---------------------------------------------------------------------------------------------
  // Step 5: the domain, hosts in MX preference order (RFC 7672 2.1, 2.2; RFC 5321 5.1)
  // ---------------------------------------------------------------------------------------------

  /**
   * What a DANE-enforcing MTA does: it tries the hosts in MX preference order (TLSA never changes
   * that order) and delivers through the first one that can take the mail under its own policy; a
   * host that fails its policy is skipped for the next (RFC 7672 2.2). When none can, it defers.
   */
  public static MtaAction mtaAction(MxSource source, List<MxHostReport> hostsInOrder) {
    Optional<MtaAction> fromMx = actionFromMx(source);
    if (fromMx.isPresent()) {
      return fromMx.get();
    }
    for (MxHostReport host : hostsInOrder) {
      switch (host.status()) {
        case DANE_VERIFIED, DANE_PARTIAL -> {
          return MtaAction.AUTHENTICATED_TLS;
        }
        case TLSA_UNUSABLE -> {
          return MtaAction.UNAUTHENTICATED_TLS;
        }
        case NO_DANE -> {
          if (host.endpoints().stream().anyMatch(e -> greeted(e.smtpOutcome()))) {
            return MtaAction.OPPORTUNISTIC;
          }
        }
        case DANE_FAILED, TLSA_LOOKUP_FAILED, NO_ADDRESSES, INCOMPLETE -> {
          // Skipped: try the next host.
        }
      }
    }
    return MtaAction.DEFER;
  }

  /** Whether an opportunistic MTA could send mail in this session (with or without TLS). */
  private static boolean greeted(SmtpOutcome outcome) {
    return outcome.tlsEstablished() || reachedEhlo(outcome);
  }

  /** The domain verdict. It never claims more than the hosts proved. */
  public static DaneVerdict verdict(
      MxSource source, boolean mxSecure, List<MxHostReport> hostsInOrder, boolean complete) {
    if (source == MxSource.NULL_MX || source == MxSource.NO_SUCH_DOMAIN) {
      return DaneVerdict.NO_MAIL;
    }
    if (!complete) {
      return DaneVerdict.INDETERMINATE;
    }
    if (source == MxSource.LOOKUP_FAILED) {
      return DaneVerdict.FAILED;
    }
    boolean anyDane = hostsInOrder.stream().anyMatch(Rfc7672Policy::daneInPlay);
    boolean anyDaneFailure = hostsInOrder.stream().anyMatch(Rfc7672Policy::daneFailed);
    return switch (mtaAction(source, hostsInOrder)) {
      case AUTHENTICATED_TLS ->
          mxSecure && hostsInOrder.stream().allMatch(h -> h.status() == HostStatus.DANE_VERIFIED)
              ? DaneVerdict.VERIFIED
              : DaneVerdict.PARTIALLY_VERIFIED;
      case UNAUTHENTICATED_TLS -> anyDaneFailure ? DaneVerdict.FAILED : DaneVerdict.UNAUTHENTICATED;
      // A DANE host that failed was skipped for a host without DANE: the domain's DANE failed.
      case OPPORTUNISTIC -> anyDaneFailure ? DaneVerdict.FAILED : DaneVerdict.NO_DANE;
      case DEFER -> anyDane ? DaneVerdict.FAILED : DaneVerdict.NO_DANE;
      case NO_MAIL -> DaneVerdict.NO_MAIL;
    };
  }

  private static boolean daneInPlay(MxHostReport host) {
    return switch (host.status()) {
      case DANE_VERIFIED, DANE_PARTIAL, DANE_FAILED, TLSA_UNUSABLE, TLSA_LOOKUP_FAILED -> true;
      case NO_DANE, NO_ADDRESSES, INCOMPLETE -> false;
    };
  }

  private static boolean daneFailed(MxHostReport host) {
    return host.status() == HostStatus.DANE_FAILED
        || host.status() == HostStatus.TLSA_LOOKUP_FAILED;
  }
}
