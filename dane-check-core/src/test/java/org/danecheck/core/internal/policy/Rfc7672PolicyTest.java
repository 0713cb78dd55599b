package org.danecheck.core.internal.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.danecheck.CertificateAlgorithm;
import org.danecheck.DaneVerdict;
import org.danecheck.EndpointReport;
import org.danecheck.HostStatus;
import org.danecheck.MtaAction;
import org.danecheck.MxHostReport;
import org.danecheck.MxSource;
import org.danecheck.NameMatch;
import org.danecheck.PkixStatus;
import org.danecheck.ProblemCode;
import org.danecheck.SmtpOutcome;
import org.danecheck.TlsLevel;
import org.danecheck.TlsaMatchOutcome;
import org.danecheck.TlsaMatchResult;
import org.danecheck.TlsaProfile;
import org.danecheck.TlsaRecord;
import org.danecheck.core.internal.dns.TlsaState;
import org.danecheck.core.internal.policy.Rfc7672Policy.SessionAssessment;
import org.junit.jupiter.api.Test;

class Rfc7672PolicyTest {
  private static final TlsaRecord DANE_EE = TlsaRecord.parse("3 1 1 " + "ab".repeat(32));
  private static final TlsaRecord PKIX_EE = TlsaRecord.parse("1 1 1 " + "ab".repeat(32));
  private static final TlsaRecord SHORT_DIGEST = TlsaRecord.parse("3 1 1 abab");
  private static final TlsaRecord UNKNOWN_USAGE = TlsaRecord.parse("7 1 1 " + "ab".repeat(32));

  @Test
  void nullMxMeansNoMailAndFailedMxLookupDefers() {
    // RFC 7505 3: a null MX says the domain accepts no mail.
    assertThat(Rfc7672Policy.actionFromMx(MxSource.NULL_MX)).contains(MtaAction.NO_MAIL);
    // RFC 7672 2.1: a failed MX lookup defers; never a fallback to the implicit MX.
    assertThat(Rfc7672Policy.actionFromMx(MxSource.LOOKUP_FAILED)).contains(MtaAction.DEFER);
    assertThat(Rfc7672Policy.verdict(MxSource.LOOKUP_FAILED, false, List.of(), true))
        .isEqualTo(DaneVerdict.FAILED);
    assertThat(Rfc7672Policy.actionFromMx(MxSource.IMPLICIT_MX)).isEmpty();
  }

  @Test
  void pkixUsagesAreUnusableForSmtpButNotForGenericProfile() {
    // RFC 7672 3.1.3: PKIX-TA(0) and PKIX-EE(1) are unusable in SMTP.
    assertThat(Rfc7672Policy.isUsable(PKIX_EE, TlsaProfile.SMTP)).isFalse();
    assertThat(Rfc7672Policy.isUsable(PKIX_EE, TlsaProfile.GENERIC)).isTrue();
    assertThat(Rfc7672Policy.isUsable(DANE_EE, TlsaProfile.SMTP)).isTrue();
  }

  @Test
  void unknownFieldsAndWrongDigestLengthsAreUnusable() {
    // RFC 7671 4 / RFC 6698 2.1.3: a digest must have the length of its matching type.
    assertThat(Rfc7672Policy.isUsable(SHORT_DIGEST, TlsaProfile.SMTP)).isFalse();
    assertThat(Rfc7672Policy.isUsable(UNKNOWN_USAGE, TlsaProfile.SMTP)).isFalse();
    assertThat(
            Rfc7672Policy.isUsable(TlsaRecord.parse("3 2 1 " + "ab".repeat(32)), TlsaProfile.SMTP))
        .isFalse();
    assertThat(Rfc7672Policy.isUsable(TlsaRecord.parse("3 1 3 abcd"), TlsaProfile.SMTP)).isFalse();
  }

  @Test
  void hostPolicyFollowsTlsaState() {
    // RFC 7672 2.2: secure usable TLSA -> authenticated TLS; all unusable -> TLS, unauthenticated.
    assertThat(hostPolicy(TlsaState.SECURE_RECORDS, DANE_EE, PKIX_EE))
        .isEqualTo(HostPolicy.AUTHENTICATE);
    assertThat(hostPolicy(TlsaState.SECURE_RECORDS, PKIX_EE, SHORT_DIGEST))
        .isEqualTo(HostPolicy.ENCRYPT);
    // RFC 7672 2.2: a failed TLSA lookup is not "no TLSA".
    assertThat(hostPolicy(TlsaState.FAILED)).isEqualTo(HostPolicy.SKIP_TLSA_FAILED);
    assertThat(hostPolicy(TlsaState.SECURE_NONE)).isEqualTo(HostPolicy.OPPORTUNISTIC);
    assertThat(hostPolicy(TlsaState.INSECURE, DANE_EE)).isEqualTo(HostPolicy.OPPORTUNISTIC);
    assertThat(hostPolicy(TlsaState.NOT_QUERIED)).isEqualTo(HostPolicy.OPPORTUNISTIC);
    assertThat(
            Rfc7672Policy.hostPolicy(
                false, TlsaState.SECURE_RECORDS, List.of(DANE_EE), TlsaProfile.SMTP))
        .isEqualTo(HostPolicy.SKIP_NO_ADDRESSES);
  }

  @Test
  void missingStarttlsWithTlsaIsAnErrorButNotWithoutTlsa() {
    // RFC 7672 2.2: usable TLSA records make TLS mandatory.
    SessionAssessment withTlsa =
        Rfc7672Policy.assessSession(
            HostPolicy.AUTHENTICATE,
            true,
            SmtpOutcome.STARTTLS_NOT_OFFERED,
            false,
            PkixStatus.NOT_CHECKED,
            Optional.empty(),
            "mx");
    assertThat(withTlsa.level()).isEqualTo(TlsLevel.NONE);
    assertThat(withTlsa.problems())
        .extracting(p -> p.code())
        .containsExactly(ProblemCode.STARTTLS_NOT_OFFERED);
    SessionAssessment without =
        Rfc7672Policy.assessSession(
            HostPolicy.OPPORTUNISTIC,
            true,
            SmtpOutcome.STARTTLS_NOT_OFFERED,
            false,
            PkixStatus.NOT_CHECKED,
            Optional.empty(),
            "mx");
    assertThat(without.problems()).isEmpty();
  }

  @Test
  void levelsFollowPostfixNaming() {
    assertThat(level(HostPolicy.OPPORTUNISTIC, true, false, PkixStatus.NOT_CHECKED, null))
        .isEqualTo(TlsLevel.ANONYMOUS);
    assertThat(level(HostPolicy.OPPORTUNISTIC, true, true, PkixStatus.UNTRUSTED, null))
        .isEqualTo(TlsLevel.UNTRUSTED);
    assertThat(level(HostPolicy.OPPORTUNISTIC, true, true, PkixStatus.TRUSTED, null))
        .isEqualTo(TlsLevel.TRUSTED);
    assertThat(
            level(
                HostPolicy.AUTHENTICATE,
                true,
                true,
                PkixStatus.UNTRUSTED,
                TlsaMatchOutcome.AUTHENTICATED))
        .isEqualTo(TlsLevel.VERIFIED);
    assertThat(
            level(
                HostPolicy.AUTHENTICATE,
                true,
                true,
                PkixStatus.UNTRUSTED,
                TlsaMatchOutcome.NO_MATCH))
        .isEqualTo(TlsLevel.UNTRUSTED);
    // RFC 7672 2.2.1 (as Postfix's smtp_tls_dane_insecure_mx_policy=dane): with an insecure MX
    // RRset a TLSA match is only "Trusted": the MX host name may have been forged.
    assertThat(
            level(
                HostPolicy.AUTHENTICATE,
                false,
                true,
                PkixStatus.UNTRUSTED,
                TlsaMatchOutcome.AUTHENTICATED))
        .isEqualTo(TlsLevel.TRUSTED);
  }

  @Test
  void failedHostIsSkippedForTheNextInPreferenceOrder() {
    // RFC 7672 2.2: a host that fails authentication is skipped; TLSA never reorders the MX set.
    MxHostReport failed = host(10, HostStatus.DANE_FAILED, SmtpOutcome.TLS_ESTABLISHED);
    MxHostReport verified = host(20, HostStatus.DANE_VERIFIED, SmtpOutcome.TLS_ESTABLISHED);
    assertThat(Rfc7672Policy.mtaAction(MxSource.MX_RECORDS, List.of(failed, verified)))
        .isEqualTo(MtaAction.AUTHENTICATED_TLS);
    assertThat(Rfc7672Policy.verdict(MxSource.MX_RECORDS, true, List.of(failed, verified), true))
        .isEqualTo(DaneVerdict.PARTIALLY_VERIFIED);
    assertThat(Rfc7672Policy.mtaAction(MxSource.MX_RECORDS, List.of(failed)))
        .isEqualTo(MtaAction.DEFER);
    assertThat(Rfc7672Policy.verdict(MxSource.MX_RECORDS, true, List.of(failed), true))
        .isEqualTo(DaneVerdict.FAILED);
  }

  @Test
  void firstDeliveringHostDecidesTheAction() {
    MxHostReport unusable = host(10, HostStatus.TLSA_UNUSABLE, SmtpOutcome.TLS_ESTABLISHED);
    MxHostReport verified = host(20, HostStatus.DANE_VERIFIED, SmtpOutcome.TLS_ESTABLISHED);
    assertThat(Rfc7672Policy.mtaAction(MxSource.MX_RECORDS, List.of(unusable, verified)))
        .isEqualTo(MtaAction.UNAUTHENTICATED_TLS);
    MxHostReport noDane = host(10, HostStatus.NO_DANE, SmtpOutcome.STARTTLS_NOT_OFFERED);
    assertThat(Rfc7672Policy.mtaAction(MxSource.MX_RECORDS, List.of(noDane, verified)))
        .isEqualTo(MtaAction.OPPORTUNISTIC);
    assertThat(Rfc7672Policy.verdict(MxSource.MX_RECORDS, true, List.of(noDane, verified), true))
        .isEqualTo(DaneVerdict.NO_DANE);
    MxHostReport unreachable = host(10, HostStatus.NO_DANE, SmtpOutcome.CONNECT_FAILED);
    assertThat(Rfc7672Policy.mtaAction(MxSource.MX_RECORDS, List.of(unreachable, verified)))
        .isEqualTo(MtaAction.AUTHENTICATED_TLS);
  }

  @Test
  void allVerifiedNeedsASecureMx() {
    MxHostReport verified = host(10, HostStatus.DANE_VERIFIED, SmtpOutcome.TLS_ESTABLISHED);
    assertThat(Rfc7672Policy.verdict(MxSource.MX_RECORDS, true, List.of(verified), true))
        .isEqualTo(DaneVerdict.VERIFIED);
    assertThat(Rfc7672Policy.verdict(MxSource.MX_RECORDS, false, List.of(verified), true))
        .isEqualTo(DaneVerdict.PARTIALLY_VERIFIED);
    assertThat(Rfc7672Policy.verdict(MxSource.MX_RECORDS, true, List.of(verified), false))
        .isEqualTo(DaneVerdict.INDETERMINATE);
  }

  @Test
  void hostStatusFromEndpoints() {
    EndpointReport ok = endpoint(SmtpOutcome.TLS_ESTABLISHED, TlsaMatchOutcome.AUTHENTICATED);
    EndpointReport bad = endpoint(SmtpOutcome.TLS_ESTABLISHED, TlsaMatchOutcome.NO_MATCH);
    assertThat(Rfc7672Policy.hostStatus(HostPolicy.AUTHENTICATE, List.of(ok, ok), true))
        .isEqualTo(HostStatus.DANE_VERIFIED);
    assertThat(Rfc7672Policy.hostStatus(HostPolicy.AUTHENTICATE, List.of(ok, bad), true))
        .isEqualTo(HostStatus.DANE_PARTIAL);
    assertThat(Rfc7672Policy.hostStatus(HostPolicy.AUTHENTICATE, List.of(bad), true))
        .isEqualTo(HostStatus.DANE_FAILED);
    assertThat(Rfc7672Policy.hostStatus(HostPolicy.AUTHENTICATE, List.of(bad), false))
        .isEqualTo(HostStatus.INCOMPLETE);
    assertThat(Rfc7672Policy.hostStatus(HostPolicy.ENCRYPT, List.of(bad), true))
        .isEqualTo(HostStatus.TLSA_UNUSABLE);
  }

  private static HostPolicy hostPolicy(TlsaState answer, TlsaRecord... records) {
    return Rfc7672Policy.hostPolicy(true, answer, List.of(records), TlsaProfile.SMTP);
  }

  private static TlsLevel level(
      HostPolicy policy, boolean mxSecure, boolean cert, PkixStatus pkix, TlsaMatchOutcome match) {
    return Rfc7672Policy.assessSession(
            policy,
            mxSecure,
            SmtpOutcome.TLS_ESTABLISHED,
            cert,
            pkix,
            Optional.ofNullable(match).map(Rfc7672PolicyTest::result),
            "mx")
        .level();
  }

  private static TlsaMatchResult result(TlsaMatchOutcome outcome) {
    return new TlsaMatchResult(
        outcome,
        Optional.empty(),
        OptionalInt.empty(),
        Optional.empty(),
        List.of(),
        outcome.name());
  }

  private static EndpointReport endpoint(SmtpOutcome outcome, TlsaMatchOutcome match) {
    return new EndpointReport(
        "127.0.0.1",
        25,
        CertificateAlgorithm.ANY,
        "",
        outcome,
        "220 hi",
        true,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        Optional.ofNullable(match).map(Rfc7672PolicyTest::result),
        PkixStatus.NOT_CHECKED,
        NameMatch.NOT_CHECKED,
        TlsLevel.NONE,
        Duration.ZERO,
        List.of());
  }

  private static MxHostReport host(int preference, HostStatus status, SmtpOutcome outcome) {
    return new MxHostReport(
        preference,
        "mx" + preference + ".example.",
        List.of(),
        List.of(),
        List.of("127.0.0.1"),
        "mx" + preference + ".example.",
        "",
        List.of(),
        List.of(),
        status,
        List.of(endpoint(outcome, null)),
        List.of());
  }
}
