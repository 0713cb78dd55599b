/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.danecheck.examples.PluginReports.EE_CERT;
import static org.danecheck.examples.PluginReports.EE_SPKI;
import static org.danecheck.examples.PluginReports.EE_SPKI_NEXT;
import static org.danecheck.examples.PluginReports.NOW;
import static org.danecheck.examples.PluginReports.TA_SPKI;
import static org.danecheck.examples.PluginReports.UNUSABLE;
import static org.danecheck.examples.PluginReports.authenticated;
import static org.danecheck.examples.PluginReports.domain;
import static org.danecheck.examples.PluginReports.endpoint;
import static org.danecheck.examples.PluginReports.host;
import static org.danecheck.examples.PluginReports.noMatch;
import static org.danecheck.examples.PluginReports.unreachable;
import static org.danecheck.examples.PluginReports.verified;
import static org.danecheck.examples.PluginReports.verifiedDomain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import org.danecheck.DaneVerdict;
import org.danecheck.DomainReport;
import org.danecheck.HostStatus;
import org.danecheck.LookupOutcome;
import org.danecheck.MtaAction;
import org.danecheck.Problem;
import org.danecheck.ProblemCode;
import org.danecheck.SmtpOutcome;
import org.danecheck.TlsLevel;
import org.danecheck.TlsaRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The state mapping, without sockets: hand-made reports judged at a fixed time. */
class CheckDaneEvaluatorTest {
  private static final PluginThresholds DEFAULTS = PluginThresholds.DEFAULTS;
  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final Instant FAR = NOW.plus(Duration.ofDays(80));

  private static PluginResult evaluate(DomainReport report) {
    return evaluate(report, DEFAULTS);
  }

  private static PluginResult evaluate(DomainReport report, PluginThresholds thresholds) {
    PluginResult result = CheckDaneEvaluator.evaluate(report, thresholds, NOW);
    PluginOutputFormat.assertValid(result.render(true));
    return result;
  }

  /**
   * A DANE-TA(2) match at depth 1, whose path validation checks the leaf's dates (RFC 6698 2.1.1);
   * two records and a long-lived CA, so that only the leaf's expiry (no rollover hint) decides.
   */
  private static DomainReport expiringIn(Duration left) {
    List<TlsaRecord> rrset = List.of(TA_SPKI, EE_SPKI_NEXT);
    return verifiedDomain(
        rrset, authenticated(rrset, 1, TA_SPKI), NOW.plus(left), NOW.plus(Duration.ofDays(20)));
  }

  /** The same expiry under a DANE-EE(3) match, which ignores certificate dates. */
  private static DomainReport daneEeExpiringIn(Duration left) {
    List<TlsaRecord> rrset = List.of(EE_SPKI, EE_SPKI_NEXT);
    return verifiedDomain(
        rrset, authenticated(rrset, 0, EE_SPKI), NOW.plus(left), NOW.plus(Duration.ofDays(20)));
  }

  private static DomainReport signaturesExpiringIn(Duration left) {
    List<TlsaRecord> rrset = List.of(EE_SPKI, EE_SPKI_NEXT);
    return verifiedDomain(rrset, authenticated(rrset, 0, EE_SPKI), FAR, NOW.plus(left));
  }

  // An INDETERMINATE verdict is UNKNOWN; the status line says whether time or a work bound (a
  // hostile chain or RRset, LIMIT_REACHED without DEADLINE_EXCEEDED) left the check undecided.
  @Test
  void undecidedChecksSayWhetherTimeOrAWorkLimitStoppedThem() {
    List<TlsaRecord> rrset = List.of(TA_SPKI);
    Problem limit = Problem.of(ProblemCode.LIMIT_REACHED, "mx.example.org.", "work limit");
    Problem deadline = Problem.of(ProblemCode.DEADLINE_EXCEEDED, "", "the deadline passed");
    String step = "TLSA matching at 192.0.2.1 (work limit)";
    for (boolean timedOut : new boolean[] {false, true}) {
      DomainReport report =
          domain(
              DaneVerdict.INDETERMINATE,
              MtaAction.DEFER,
              LookupOutcome.DATA,
              Optional.empty(),
              timedOut ? List.of(deadline) : List.of(),
              List.of(step),
              host("mx.example.org", HostStatus.INCOMPLETE, rrset, List.of(limit)));
      PluginResult result = evaluate(report);
      assertThat(result.state()).isEqualTo(PluginState.UNKNOWN);
      assertThat(result.render(false))
          .contains(
              timedOut
                  ? "the check did not finish in time: " + step
                  : "the check stopped at a work limit: " + step)
          .doesNotContain(timedOut ? "work limit:" : "in time");
    }
  }

  @Test
  void verifiedDomainIsOkWithPerfData() {
    PluginResult result = evaluate(expiringIn(Duration.ofDays(80)));

    assertThat(result.state()).isEqualTo(PluginState.OK);
    String output = result.render(false);
    Matcher m = PluginOutputFormat.assertValid(output);
    assertThat(m.group(2))
        .isEqualTo(
            "example.org: 1 MX, 1/1 endpoints DANE-verified, certificate expires in 80 d,"
                + " RRSIG expires in 20 d");
    assertThat(m.group(3))
        .isEqualTo(
            "'time'=0.432s;;;0 'mx_hosts'=1;;;0 'endpoints_verified'=1;;;0;1"
                + " 'endpoints_failed'=0;;;0;1 'cert_expiry_days'=80.00;14:;7:"
                + " 'rrsig_expiry_days'=20.00;3:;1:");
    assertThat(output).hasLineCount(1);
  }

  // Thresholds are ranges "w:" (Monitoring Plugins guidelines, ranges): an alert below w, not at w.
  @ParameterizedTest(name = "{0} s left -> {1}")
  @CsvSource({
    "1209601, OK", // 14 d + 1 s
    "1209600, OK", // exactly 14 d
    "1209599, WARNING", // 14 d - 1 s
    "1123200, WARNING", // 13 d
    "604800, WARNING", // exactly 7 d
    "604799, CRITICAL", // 7 d - 1 s
    "0, CRITICAL",
    "-86400, CRITICAL" // expired a day ago
  })
  void certificateExpiryAtTheEdges(long secondsLeft, PluginState expected) {
    PluginResult result = evaluate(expiringIn(Duration.ofSeconds(secondsLeft)));

    assertThat(result.state()).isEqualTo(expected);
    if (expected != PluginState.OK) {
      assertThat(result.summary())
          .startsWith("mx.example.org[192.0.2.1]:25: certificate CN=mx.example.org expire");
    }
  }

  @ParameterizedTest(name = "{0} s left -> OK")
  @CsvSource({"1209599", "604799", "0", "-864000"})
  void daneEeIgnoresCertificateExpiry(long secondsLeft) {
    // RFC 7672 3.1.1: "the expiration date of the server certificate MUST be ignored" with
    // DANE-EE(3); mail is delivered whatever the leaf's dates, so no expiry state. Before, an
    // expired leaf under 3 1 1 was CRITICAL.
    PluginResult result = evaluate(daneEeExpiringIn(Duration.ofSeconds(secondsLeft)));

    assertThat(result.state()).isEqualTo(PluginState.OK);
    // informational in the performance data: no thresholds, since no state depends on it
    assertThat(result.render(false)).containsPattern("'cert_expiry_days'=-?[0-9.]+ ");
  }

  @Test
  void expiredDaneEeLeafOfASingleRecordIsANoteNotARenewalHint() {
    List<TlsaRecord> rrset = List.of(EE_SPKI);
    PluginResult result =
        evaluate(
            verifiedDomain(
                rrset,
                authenticated(rrset, 0, EE_SPKI),
                NOW.minus(Duration.ofDays(10)),
                NOW.plus(Duration.ofDays(20))));

    assertThat(result.state()).isEqualTo(PluginState.OK);
    assertThat(result.details())
        .anyMatch(d -> d.startsWith("[NOTE]") && d.contains("DANE-EE ignores certificate dates"));
  }

  @ParameterizedTest(name = "{0} s left -> {1}")
  @CsvSource({
    "259200, OK", // exactly 3 d
    "259199, WARNING",
    "86400, WARNING", // exactly 1 d
    "86399, CRITICAL",
    "-60, CRITICAL"
  })
  void signatureExpiryAtTheEdges(long secondsLeft, PluginState expected) {
    PluginResult result = evaluate(signaturesExpiringIn(Duration.ofSeconds(secondsLeft)));

    assertThat(result.state()).isEqualTo(expected);
    if (expected != PluginState.OK) {
      assertThat(result.summary()).startsWith("RRSIG over example.org MX expire");
    }
  }

  @Test
  void thresholdsAreTheUsers() {
    PluginThresholds wide = new PluginThresholds(30, 0.5, 10, 2, false, false);
    DomainReport report = expiringIn(Duration.ofDays(20));

    assertThat(evaluate(report, DEFAULTS).state()).isEqualTo(PluginState.OK);
    assertThat(evaluate(report, wide).state()).isEqualTo(PluginState.WARNING);
    assertThat(evaluate(expiringIn(Duration.ofHours(13)), wide).state())
        .isEqualTo(PluginState.WARNING);
    assertThat(evaluate(expiringIn(Duration.ofHours(11)), wide).state())
        .isEqualTo(PluginState.CRITICAL);
    assertThat(evaluate(report, wide).render(false)).contains("'cert_expiry_days'=20.00;30:;0.5:");
  }

  @Test
  void thresholdsMustBeOrdered() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> new PluginThresholds(7, 14, 3, 1, false, false))
        .withMessageContaining("-c");
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> new PluginThresholds(14, 7, -1, -2, false, false))
        .withMessageContaining("--rrsig-warn");
  }

  @Test
  void certBoundRecordBeforeRenewalWarns() {
    // RFC 6698 2.1.2: selector 0 binds the whole certificate; a renewed certificate differs.
    List<TlsaRecord> rrset = List.of(EE_CERT, TA_SPKI);
    DomainReport report =
        verifiedDomain(
            rrset,
            authenticated(rrset, 0, EE_CERT),
            NOW.plus(Duration.ofDays(10)),
            NOW.plus(Duration.ofDays(20)));

    PluginResult result = evaluate(report);

    assertThat(result.state()).isEqualTo(PluginState.WARNING);
    assertThat(result.summary())
        .startsWith("mx.example.org: certificate expires in 10 d and only TLSA 3 0 1 matches it");
    // The hint says when the certificate expires; no second finding for the same cause.
    assertThat(result.details()).filteredOn(d -> d.startsWith("[WARNING]")).hasSize(1);
  }

  @Test
  void certBoundRecordFarFromExpiryIsFine() {
    List<TlsaRecord> rrset = List.of(EE_CERT, EE_SPKI_NEXT);
    PluginResult result =
        evaluate(
            verifiedDomain(
                rrset, authenticated(rrset, 0, EE_CERT), FAR, NOW.plus(Duration.ofDays(20))));

    assertThat(result.state()).isEqualTo(PluginState.OK);
  }

  @Test
  void keyBoundRecordNextToACertBoundOneNeedsNoRolloverHint() {
    List<TlsaRecord> rrset = List.of(EE_CERT, EE_SPKI);
    PluginResult result =
        evaluate(
            verifiedDomain(
                rrset,
                authenticated(rrset, 0, EE_CERT, EE_SPKI),
                NOW.plus(Duration.ofDays(10)),
                NOW.plus(Duration.ofDays(20))));

    // DANE-EE ignores the expiry (RFC 7672 3.1.1), and the key-bound record survives a renewal
    // that keeps the key: nothing to warn about.
    assertThat(result.state()).isEqualTo(PluginState.OK);
    assertThat(result.details())
        .noneMatch(d -> d.contains("only TLSA") || d.contains("one record"));
  }

  @Test
  void singleRecordIsANoteUnlessRequiredOrExpiring() {
    List<TlsaRecord> rrset = List.of(EE_SPKI);
    DomainReport far =
        verifiedDomain(rrset, authenticated(rrset, 0, EE_SPKI), FAR, NOW.plus(Duration.ofDays(20)));

    PluginResult relaxed = evaluate(far);
    PluginResult strict = evaluate(far, new PluginThresholds(14, 7, 3, 1, false, true));
    PluginResult expiring =
        evaluate(
            verifiedDomain(
                rrset,
                authenticated(rrset, 0, EE_SPKI),
                NOW.plus(Duration.ofDays(12)),
                NOW.plus(Duration.ofDays(20))));

    assertThat(relaxed.state()).isEqualTo(PluginState.OK);
    assertThat(relaxed.details()).anyMatch(d -> d.startsWith("[NOTE] mx.example.org: the TLSA"));
    assertThat(strict.state()).isEqualTo(PluginState.WARNING);
    assertThat(strict.summary()).contains("no next key published");
    assertThat(expiring.state()).isEqualTo(PluginState.WARNING);
    assertThat(expiring.summary())
        .startsWith(
            "mx.example.org: certificate expires in 12 d and the TLSA RRset has one record");
  }

  @Test
  void endpointThatFailsToAuthenticateIsCritical() {
    // RFC 7672 3: no usable record matches: a DANE MTA does not deliver to this endpoint.
    List<TlsaRecord> rrset = List.of(EE_SPKI);
    DomainReport report =
        domain(
            DaneVerdict.FAILED,
            MtaAction.DEFER,
            LookupOutcome.DATA,
            Optional.empty(),
            List.of(),
            List.of(),
            host(
                "mx.example.org",
                HostStatus.DANE_FAILED,
                rrset,
                List.of(),
                endpoint(
                    "192.0.2.1",
                    SmtpOutcome.TLS_ESTABLISHED,
                    TlsLevel.UNTRUSTED,
                    Optional.of(noMatch(rrset)),
                    List.of(PluginReports.certificate(0, FAR)))));

    PluginResult result = evaluate(report);

    assertThat(result.state()).isEqualTo(PluginState.CRITICAL);
    assertThat(result.summary())
        .isEqualTo(
            "mx.example.org[192.0.2.1]:25: no usable TLSA record matches the presented chain");
    assertThat(result.render(false)).contains("'endpoints_verified'=0;;;0;1 'endpoints_failed'=1");
  }

  @Test
  void missingStartTlsWhereTlsaExistsIsCritical() {
    // RFC 7672 2.2: TLSA records make TLS mandatory.
    DomainReport report =
        domain(
            DaneVerdict.FAILED,
            MtaAction.DEFER,
            LookupOutcome.DATA,
            Optional.empty(),
            List.of(),
            List.of(),
            host(
                "mx.example.org",
                HostStatus.DANE_FAILED,
                List.of(EE_SPKI),
                List.of(),
                endpoint(
                    "192.0.2.1",
                    SmtpOutcome.STARTTLS_NOT_OFFERED,
                    TlsLevel.NONE,
                    Optional.empty(),
                    List.of())));

    PluginResult result = evaluate(report);

    assertThat(result.state()).isEqualTo(PluginState.CRITICAL);
    assertThat(result.summary()).contains("STARTTLS not offered");
  }

  @Test
  void unreachableEndpointIsAWarningWhileAnotherVerifies() {
    List<TlsaRecord> rrset = List.of(EE_SPKI, EE_SPKI_NEXT);
    Problem refused = Problem.of(ProblemCode.CONNECT_FAILED, "", "connection refused");
    DomainReport partial =
        domain(
            DaneVerdict.PARTIALLY_VERIFIED,
            MtaAction.AUTHENTICATED_TLS,
            LookupOutcome.DATA,
            Optional.empty(),
            List.of(),
            List.of(),
            host(
                "mx.example.org",
                HostStatus.DANE_PARTIAL,
                rrset,
                List.of(),
                verified("192.0.2.1", authenticated(rrset, 0, EE_SPKI), FAR),
                unreachable("2001:db8::1", refused)));
    DomainReport none =
        domain(
            DaneVerdict.FAILED,
            MtaAction.DEFER,
            LookupOutcome.DATA,
            Optional.empty(),
            List.of(),
            List.of(),
            host(
                "mx.example.org",
                HostStatus.DANE_FAILED,
                rrset,
                List.of(),
                unreachable("192.0.2.1", refused)));

    PluginResult warning = evaluate(partial);
    PluginResult critical = evaluate(none);

    assertThat(warning.state()).isEqualTo(PluginState.WARNING);
    assertThat(warning.summary())
        .isEqualTo(
            "mx.example.org[[2001:db8::1]]:25 unreachable: connection failed (connection refused)");
    assertThat(critical.state()).isEqualTo(PluginState.CRITICAL);
    assertThat(critical.summary()).startsWith("mx.example.org[192.0.2.1]:25 unreachable");
  }

  @Test
  void hostWithoutAddressesIsCriticalOnlyWhenMailWouldBeDeferred() {
    List<TlsaRecord> rrset = List.of(EE_SPKI, EE_SPKI_NEXT);
    Problem none = Problem.of(ProblemCode.NO_ADDRESSES, "mx2.example.org.", "no A or AAAA");
    DomainReport another =
        domain(
            DaneVerdict.PARTIALLY_VERIFIED,
            MtaAction.AUTHENTICATED_TLS,
            LookupOutcome.DATA,
            Optional.empty(),
            List.of(),
            List.of(),
            host(
                "mx1.example.org",
                HostStatus.DANE_VERIFIED,
                rrset,
                List.of(),
                verified("192.0.2.1", authenticated(rrset, 0, EE_SPKI), FAR)),
            host("mx2.example.org", HostStatus.NO_ADDRESSES, List.of(), List.of(none)));
    DomainReport deferred =
        domain(
            DaneVerdict.FAILED,
            MtaAction.DEFER,
            LookupOutcome.DATA,
            Optional.empty(),
            List.of(),
            List.of(),
            host("mx2.example.org", HostStatus.NO_ADDRESSES, List.of(), List.of(none)));

    assertThat(evaluate(another).state()).isEqualTo(PluginState.WARNING);
    assertThat(evaluate(another).summary())
        .isEqualTo("mx2.example.org: no addresses (no A or AAAA)");
    assertThat(evaluate(deferred).state()).isEqualTo(PluginState.CRITICAL);
  }

  @Test
  void tlsaLookupFailureIsCritical() {
    // RFC 7672 2.2: a failed TLSA lookup: the MTA skips the host.
    DomainReport report =
        domain(
            DaneVerdict.FAILED,
            MtaAction.DEFER,
            LookupOutcome.DATA,
            Optional.empty(),
            List.of(),
            List.of(),
            host(
                "mx.example.org",
                HostStatus.TLSA_LOOKUP_FAILED,
                List.of(),
                List.of(Problem.of(ProblemCode.TLSA_LOOKUP_FAILED, "mx.example.org.", "SERVFAIL")),
                endpoint(
                    "192.0.2.1",
                    SmtpOutcome.TLS_ESTABLISHED,
                    TlsLevel.UNTRUSTED,
                    Optional.empty(),
                    List.of())));

    PluginResult result = evaluate(report);

    assertThat(result.state()).isEqualTo(PluginState.CRITICAL);
    assertThat(result.summary()).isEqualTo("mx.example.org: TLSA lookup failed");
  }

  @Test
  void allRecordsUnusableWarnsAndRequiresTls() {
    // RFC 7672 2.2: all records unusable: TLS stays mandatory, unauthenticated.
    List<TlsaRecord> rrset = List.of(UNUSABLE);
    DomainReport withTls = unusableDomain(rrset, SmtpOutcome.TLS_ESTABLISHED);
    DomainReport withoutTls = unusableDomain(rrset, SmtpOutcome.STARTTLS_NOT_OFFERED);

    assertThat(evaluate(withTls).state()).isEqualTo(PluginState.WARNING);
    assertThat(evaluate(withTls).summary())
        .isEqualTo(
            "mx.example.org: every TLSA record is unusable (3 1 1): TLS is not authenticated");
    assertThat(evaluate(withTls, new PluginThresholds(14, 7, 3, 1, true, false)).state())
        .isEqualTo(PluginState.CRITICAL);
    assertThat(evaluate(withoutTls).state()).isEqualTo(PluginState.CRITICAL);
  }

  private static DomainReport unusableDomain(List<TlsaRecord> rrset, SmtpOutcome outcome) {
    return domain(
        outcome.tlsEstablished() ? DaneVerdict.UNAUTHENTICATED : DaneVerdict.FAILED,
        outcome.tlsEstablished() ? MtaAction.UNAUTHENTICATED_TLS : MtaAction.DEFER,
        LookupOutcome.DATA,
        Optional.empty(),
        List.of(),
        List.of(),
        host(
            "mx.example.org",
            HostStatus.TLSA_UNUSABLE,
            rrset,
            List.of(Problem.of(ProblemCode.TLSA_ALL_UNUSABLE, "mx.example.org.", "all unusable")),
            endpoint("192.0.2.1", outcome, TlsLevel.UNTRUSTED, Optional.empty(), List.of())));
  }

  @Test
  void someUnusableRecordsAreANoteUnlessStrict() {
    // RFC 7672 2.2: the usable record decides; an unusable one beside it changes nothing for a
    // DANE MTA, so it is a hint (before: WARNING), a WARNING with --strict.
    List<TlsaRecord> rrset = List.of(EE_SPKI, UNUSABLE);
    DomainReport report =
        domain(
            DaneVerdict.VERIFIED,
            MtaAction.AUTHENTICATED_TLS,
            LookupOutcome.DATA,
            Optional.empty(),
            List.of(),
            List.of(),
            host(
                "mx.example.org",
                HostStatus.DANE_VERIFIED,
                rrset,
                List.of(
                    Problem.of(
                        ProblemCode.TLSA_UNUSABLE,
                        "mx.example.org.",
                        "Ignored unusable TLSA records (3 1 1).")),
                verified("192.0.2.1", authenticated(rrset, 0, EE_SPKI), FAR)));

    PluginResult result = evaluate(report);
    PluginResult strict = evaluate(report, new PluginThresholds(14, 7, 3, 1, false, false, true));

    assertThat(result.state()).isEqualTo(PluginState.OK);
    assertThat(result.details())
        .contains("[NOTE] mx.example.org: Ignored unusable TLSA records (3 1 1).");
    assertThat(strict.state()).isEqualTo(PluginState.WARNING);
    assertThat(strict.summary())
        .isEqualTo("mx.example.org: Ignored unusable TLSA records (3 1 1).");
  }

  @Test
  void bogusDnssecIsCritical() {
    DomainReport report =
        domain(
            DaneVerdict.FAILED,
            MtaAction.DEFER,
            LookupOutcome.FAILED,
            Optional.empty(),
            List.of(
                Problem.of(ProblemCode.DNSSEC_BOGUS, "", "the MX RRset is bogus: bad signature"),
                Problem.of(ProblemCode.MX_LOOKUP_FAILED, "", "the MX lookup failed")),
            List.of());

    PluginResult result = evaluate(report);

    assertThat(result.state()).isEqualTo(PluginState.CRITICAL);
    assertThat(result.summary())
        .isEqualTo("the MX RRset is bogus: bad signature; the MX lookup failed");
  }

  @Test
  void domainWithoutDaneIsOkUnlessRequired() {
    DomainReport report =
        domain(
            DaneVerdict.NO_DANE,
            MtaAction.OPPORTUNISTIC,
            LookupOutcome.DATA,
            Optional.empty(),
            List.of(Problem.of(ProblemCode.MX_INSECURE, "example.org.", "not signed")),
            List.of(),
            host(
                "mx.example.org",
                HostStatus.NO_DANE,
                List.of(),
                List.of(),
                endpoint(
                    "192.0.2.1",
                    SmtpOutcome.TLS_ESTABLISHED,
                    TlsLevel.TRUSTED,
                    Optional.empty(),
                    List.of())));

    PluginResult relaxed = evaluate(report);
    PluginResult strict = evaluate(report, new PluginThresholds(14, 7, 3, 1, true, false));

    assertThat(relaxed.state()).isEqualTo(PluginState.OK);
    assertThat(relaxed.summary())
        .isEqualTo(
            "example.org: no DANE (MX records not DNSSEC-signed); a DANE MTA uses opportunistic"
                + " TLS");
    assertThat(strict.state()).isEqualTo(PluginState.CRITICAL);
    assertThat(strict.summary()).endsWith("but --require-dane");
  }

  @Test
  void hostWithoutDaneBesideDaneHostsWarns() {
    List<TlsaRecord> rrset = List.of(EE_SPKI, EE_SPKI_NEXT);
    DomainReport report =
        domain(
            DaneVerdict.PARTIALLY_VERIFIED,
            MtaAction.AUTHENTICATED_TLS,
            LookupOutcome.DATA,
            Optional.empty(),
            List.of(),
            List.of(),
            host(
                "mx1.example.org",
                HostStatus.DANE_VERIFIED,
                rrset,
                List.of(),
                verified("192.0.2.1", authenticated(rrset, 0, EE_SPKI), FAR)),
            host(
                "mx2.example.org",
                HostStatus.NO_DANE,
                List.of(),
                List.of(Problem.of(ProblemCode.TLSA_NOT_FOUND, "mx2.example.org.", "none")),
                endpoint(
                    "192.0.2.2",
                    SmtpOutcome.TLS_ESTABLISHED,
                    TlsLevel.TRUSTED,
                    Optional.empty(),
                    List.of())));

    PluginResult result = evaluate(report);

    assertThat(result.state()).isEqualTo(PluginState.WARNING);
    assertThat(result.summary())
        .isEqualTo("mx2.example.org: no DANE (no TLSA records) while other MX hosts use it");
  }

  @Test
  void nullMxIsOkUnlessDaneIsRequiredAndNxdomainIsCritical() {
    // RFC 7505: a null MX says the domain accepts no mail.
    DomainReport nullMx =
        domain(
            DaneVerdict.NO_MAIL,
            MtaAction.NO_MAIL,
            LookupOutcome.DATA,
            Optional.empty(),
            List.of(Problem.of(ProblemCode.NULL_MX, "example.org.", "null MX")),
            List.of());
    DomainReport nxdomain =
        domain(
            DaneVerdict.NO_MAIL,
            MtaAction.NO_MAIL,
            LookupOutcome.NXDOMAIN,
            Optional.empty(),
            List.of(),
            List.of());

    assertThat(evaluate(nullMx).state()).isEqualTo(PluginState.OK);
    assertThat(evaluate(nullMx).summary())
        .isEqualTo("example.org accepts no mail (null MX, RFC 7505)");
    assertThat(evaluate(nullMx, new PluginThresholds(14, 7, 3, 1, true, false)).state())
        .isEqualTo(PluginState.CRITICAL);
    assertThat(evaluate(nxdomain).state()).isEqualTo(PluginState.CRITICAL);
    assertThat(evaluate(nxdomain).summary()).startsWith("example.org does not exist (NXDOMAIN)");
  }

  @Test
  void unfinishedCheckIsUnknownButAFailureFoundStaysCritical() {
    List<TlsaRecord> rrset = List.of(EE_SPKI);
    DomainReport unfinished =
        domain(
            DaneVerdict.INDETERMINATE,
            MtaAction.DEFER,
            LookupOutcome.DATA,
            Optional.empty(),
            List.of(Problem.of(ProblemCode.DEADLINE_EXCEEDED, "", "deadline")),
            List.of("1 of 1 endpoint probes of mx.example.org."),
            host("mx.example.org", HostStatus.INCOMPLETE, rrset, List.of()));
    DomainReport partlyFailed =
        domain(
            DaneVerdict.INDETERMINATE,
            MtaAction.DEFER,
            LookupOutcome.DATA,
            Optional.empty(),
            List.of(),
            List.of("TLSA lookup for mx2.example.org."),
            host(
                "mx1.example.org",
                HostStatus.DANE_FAILED,
                rrset,
                List.of(),
                endpoint(
                    "192.0.2.1",
                    SmtpOutcome.TLS_ESTABLISHED,
                    TlsLevel.UNTRUSTED,
                    Optional.of(noMatch(rrset)),
                    List.of())),
            host("mx2.example.org", HostStatus.INCOMPLETE, List.of(), List.of()));

    DomainReport cutShort =
        domain(
            DaneVerdict.INDETERMINATE,
            MtaAction.DEFER,
            LookupOutcome.DATA,
            Optional.empty(),
            List.of(),
            List.of("steps that ran into the deadline"),
            host(
                "mx.example.org",
                HostStatus.DANE_FAILED,
                rrset,
                List.of(),
                endpoint(
                    "192.0.2.1",
                    SmtpOutcome.TIMEOUT,
                    TlsLevel.NONE,
                    Optional.empty(),
                    List.of(),
                    Problem.of(ProblemCode.SMTP_TIMEOUT, "", "The check's deadline passed."))));

    PluginResult unknown = evaluate(unfinished);
    PluginResult timedOut = evaluate(cutShort);
    PluginResult critical = evaluate(partlyFailed);

    assertThat(unknown.state()).isEqualTo(PluginState.UNKNOWN);
    assertThat(unknown.summary())
        .isEqualTo(
            "mx.example.org: not checked before the time limit; the check did not finish in"
                + " time: 1 of 1 endpoint probes of mx.example.org.");
    // A timeout in a check cut short may be the deadline's: not the server's failure.
    assertThat(timedOut.state()).isEqualTo(PluginState.UNKNOWN);
    assertThat(timedOut.summary())
        .startsWith("mx.example.org[192.0.2.1]:25: not finished before the time limit");
    // Monitoring Plugins max_state: CRITICAL outranks UNKNOWN.
    assertThat(critical.state()).isEqualTo(PluginState.CRITICAL);
  }

  @Test
  void statusLineNamesTheWorstFirstAndCountsTheRest() {
    List<TlsaRecord> rrset = List.of(EE_SPKI, EE_SPKI_NEXT);
    Problem refused = Problem.of(ProblemCode.CONNECT_FAILED, "", "refused");
    DomainReport report =
        domain(
            DaneVerdict.PARTIALLY_VERIFIED,
            MtaAction.AUTHENTICATED_TLS,
            LookupOutcome.DATA,
            Optional.of(NOW.plus(Duration.ofHours(30))),
            List.of(),
            List.of(),
            host(
                "mx.example.org",
                HostStatus.DANE_PARTIAL,
                rrset,
                List.of(),
                unreachable("192.0.2.2", refused),
                unreachable("192.0.2.3", refused),
                verified("192.0.2.1", authenticated(rrset, 0, EE_SPKI), FAR),
                unreachable("192.0.2.4", refused),
                endpoint(
                    "192.0.2.5",
                    SmtpOutcome.TLS_ESTABLISHED,
                    TlsLevel.UNTRUSTED,
                    Optional.of(noMatch(rrset)),
                    List.of())));

    PluginResult result = evaluate(report);

    // Mail is delivered through the endpoint that verifies: WARNING, failures in found order.
    assertThat(result.state()).isEqualTo(PluginState.WARNING);
    assertThat(result.summary())
        .startsWith("mx.example.org[192.0.2.2]:25 unreachable")
        .endsWith("; and 2 more (-v)");
    assertThat(result.details())
        .filteredOn(d -> d.startsWith("[WARNING]") || d.startsWith("[CRITICAL]"))
        .hasSize(5)
        .allMatch(d -> d.startsWith("[WARNING] "));
    assertThat(result.details())
        .contains(
            "[WARNING] mx.example.org[192.0.2.5]:25: no usable TLSA record matches the"
                + " presented chain");
    assertThat(result.details())
        .contains(
            "[WARNING] RRSIG over example.org MX expires in 30 h: re-sign the zone before DANE"
                + " fails");
  }

  @Test
  void remoteAdTrustResolverAndBoundsWarn() {
    // Table row 14 (the lab is loopback only, so it is tested here): the check's own trust and
    // completeness, not the domain's delivery.
    for (ProblemCode code :
        List.of(ProblemCode.AD_TRUST_REMOTE_RESOLVER, ProblemCode.LIMIT_REACHED)) {
      List<TlsaRecord> rrset = List.of(TA_SPKI, EE_SPKI_NEXT);
      DomainReport report =
          domain(
              DaneVerdict.VERIFIED,
              MtaAction.AUTHENTICATED_TLS,
              LookupOutcome.DATA,
              Optional.empty(),
              List.of(Problem.of(code, "", code.name())),
              List.of(),
              host(
                  "mx.example.org",
                  HostStatus.DANE_VERIFIED,
                  rrset,
                  List.of(),
                  verified("192.0.2.1", authenticated(rrset, 1, TA_SPKI), FAR)));

      PluginResult result = evaluate(report);

      assertThat(result.state()).isEqualTo(PluginState.WARNING);
      assertThat(result.summary()).isEqualTo(code.name());
    }
  }

  @Test
  void deferredMailIsCriticalEvenWithoutDane() {
    // The held-out case: the only MX refused connections; the verdict is NO_DANE (no TLSA at
    // _1._tcp), but a DANE MTA defers the mail: never OK.
    DomainReport report =
        domain(
            DaneVerdict.NO_DANE,
            MtaAction.DEFER,
            LookupOutcome.DATA,
            Optional.empty(),
            List.of(),
            List.of(),
            host(
                "mx.example.org",
                HostStatus.NO_DANE,
                List.of(),
                List.of(Problem.of(ProblemCode.TLSA_NOT_FOUND, "mx.example.org.", "no TLSA")),
                unreachable(
                    "192.0.2.1",
                    Problem.of(ProblemCode.CONNECT_FAILED, "", "connection refused"))));

    PluginResult result = evaluate(report);

    assertThat(result.state()).isEqualTo(PluginState.CRITICAL);
    assertThat(result.summary())
        .isEqualTo(
            "a DANE MTA would defer mail for example.org: mx.example.org[192.0.2.1]:25:"
                + " connection refused");
  }

  @Test
  void textCannotBreakTheOutputFormat() {
    DomainReport report =
        domain(
            DaneVerdict.FAILED,
            MtaAction.DEFER,
            LookupOutcome.FAILED,
            Optional.empty(),
            List.of(Problem.of(ProblemCode.MX_LOOKUP_FAILED, "", "resolver said |x\nDANE OK")),
            List.of());

    String output = evaluate(report).render(true);

    assertThat(output.lines().findFirst().orElseThrow())
        .startsWith("DANE CRITICAL - resolver said /x DANE OK |");
  }

  @Test
  void statesCombineAsMaxState() {
    assertThat(PluginState.OK.worse(PluginState.UNKNOWN)).isEqualTo(PluginState.UNKNOWN);
    assertThat(PluginState.UNKNOWN.worse(PluginState.WARNING)).isEqualTo(PluginState.WARNING);
    assertThat(PluginState.CRITICAL.worse(PluginState.UNKNOWN)).isEqualTo(PluginState.CRITICAL);
    assertThat(PluginState.WARNING.worse(PluginState.OK)).isEqualTo(PluginState.WARNING);
  }

  @Test
  void durationsForPeople() {
    assertThat(CheckDaneEvaluator.expires(Duration.ofDays(3))).isEqualTo("expires in 3 d");
    assertThat(CheckDaneEvaluator.expires(Duration.ofHours(47))).isEqualTo("expires in 47 h");
    assertThat(CheckDaneEvaluator.expires(Duration.ofMinutes(90))).isEqualTo("expires in 90 min");
    assertThat(CheckDaneEvaluator.expires(Duration.ofDays(-4).minus(SECOND)))
        .isEqualTo("expired 4 d ago");
  }
}
