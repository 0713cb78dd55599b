/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.danecheck.CertificateAlgorithm;
import org.danecheck.DaneVerdict;
import org.danecheck.DnsRecordType;
import org.danecheck.DnssecStatus;
import org.danecheck.DomainReport;
import org.danecheck.EndpointReport;
import org.danecheck.HostStatus;
import org.danecheck.IncompleteStep;
import org.danecheck.LookupOutcome;
import org.danecheck.LookupStatus;
import org.danecheck.MtaAction;
import org.danecheck.MxHostReport;
import org.danecheck.MxSource;
import org.danecheck.NameMatch;
import org.danecheck.PeerCertificate;
import org.danecheck.PkixStatus;
import org.danecheck.Problem;
import org.danecheck.SmtpOutcome;
import org.danecheck.TlsLevel;
import org.danecheck.TlsaMatchOutcome;
import org.danecheck.TlsaMatchResult;
import org.danecheck.TlsaRecord;
import org.danecheck.TlsaRecordEvaluation;
import org.danecheck.TlsaRecordStatus;
import org.danecheck.ValidationMode;

/** Hand-made reports for the plugin's state mapping: only the fields it reads are meaningful. */
final class PluginReports {
  static final Instant NOW = Instant.parse("2030-03-01T12:00:00Z");
  static final TlsaRecord EE_SPKI = TlsaRecord.parse("3 1 1 " + "11".repeat(32));
  static final TlsaRecord EE_SPKI_NEXT = TlsaRecord.parse("3 1 1 " + "22".repeat(32));
  static final TlsaRecord EE_CERT = TlsaRecord.parse("3 0 1 " + "33".repeat(32));
  static final TlsaRecord TA_SPKI = TlsaRecord.parse("2 1 1 " + "44".repeat(32));
  static final TlsaRecord UNUSABLE = TlsaRecord.parse("3 1 1 " + "55".repeat(20));

  private PluginReports() {}

  static PeerCertificate certificate(int depth, Instant notAfter) {
    return new PeerCertificate(
        depth,
        new byte[] {(byte) depth, 1, 2, 3},
        depth == 0 ? "CN=mx.example.org" : "CN=Example CA",
        "CN=Example CA",
        List.of("mx.example.org"),
        Optional.of(NOW.minus(Duration.ofDays(60))),
        Optional.of(notAfter),
        "EC P-256",
        256,
        "aa".repeat(32),
        "bb".repeat(32),
        Optional.empty());
  }

  /** A match in which {@code matched} authenticated at {@code depth}, the others did not. */
  static TlsaMatchResult authenticated(List<TlsaRecord> rrset, int depth, TlsaRecord... matched) {
    List<TlsaRecord> hits = List.of(matched);
    List<TlsaRecordEvaluation> evaluations = new ArrayList<>();
    for (TlsaRecord r : rrset) {
      evaluations.add(
          hits.contains(r)
              ? new TlsaRecordEvaluation(r, TlsaRecordStatus.MATCHED, OptionalInt.of(depth), "ok")
              : new TlsaRecordEvaluation(
                  r, TlsaRecordStatus.NOT_MATCHED, OptionalInt.empty(), "differs"));
    }
    return new TlsaMatchResult(
        TlsaMatchOutcome.AUTHENTICATED,
        Optional.of(matched[0]),
        OptionalInt.of(depth),
        Optional.empty(),
        evaluations,
        "authenticated");
  }

  static TlsaMatchResult noMatch(List<TlsaRecord> rrset) {
    return new TlsaMatchResult(
        TlsaMatchOutcome.NO_MATCH,
        Optional.empty(),
        OptionalInt.empty(),
        Optional.empty(),
        rrset.stream()
            .map(
                r ->
                    new TlsaRecordEvaluation(
                        r, TlsaRecordStatus.NOT_MATCHED, OptionalInt.empty(), "differs"))
            .toList(),
        "no usable TLSA record matches the presented chain");
  }

  static EndpointReport endpoint(
      String address,
      SmtpOutcome outcome,
      TlsLevel level,
      Optional<TlsaMatchResult> match,
      List<PeerCertificate> chain,
      Problem... problems) {
    return EndpointReport.builder()
        .address(address)
        .port(25)
        .certificateAlgorithm(CertificateAlgorithm.ANY)
        .sni("mx.example.org")
        .smtpOutcome(outcome)
        .greeting(outcome == SmtpOutcome.CONNECT_FAILED ? "" : "220 mx.example.org ESMTP")
        .starttlsOffered(
            outcome != SmtpOutcome.STARTTLS_NOT_OFFERED && outcome != SmtpOutcome.CONNECT_FAILED)
        .tlsVersion(outcome.tlsEstablished() ? Optional.of("TLSv1.3") : Optional.empty())
        .certificates(chain)
        .tlsaMatch(match)
        .pkix(PkixStatus.UNTRUSTED)
        .nameMatch(NameMatch.MATCHES)
        .level(level)
        .elapsed(Duration.ofMillis(30))
        .problems(List.of(problems))
        .build();
  }

  /** An endpoint that DANE-verified with {@code match}, leaf expiring at {@code leafExpiry}. */
  static EndpointReport verified(String address, TlsaMatchResult match, Instant leafExpiry) {
    return endpoint(
        address,
        SmtpOutcome.TLS_ESTABLISHED,
        TlsLevel.VERIFIED,
        Optional.of(match),
        List.of(certificate(0, leafExpiry), certificate(1, NOW.plus(Duration.ofDays(900)))));
  }

  static EndpointReport unreachable(String address, Problem... problems) {
    return endpoint(
        address, SmtpOutcome.CONNECT_FAILED, TlsLevel.NONE, Optional.empty(), List.of(), problems);
  }

  static MxHostReport host(
      String name,
      HostStatus status,
      List<TlsaRecord> rrset,
      List<Problem> problems,
      EndpointReport... endpoints) {
    return MxHostReport.builder()
        .preference(10)
        .name(name)
        .addressLookups(List.of(lookup(name, "A", LookupOutcome.DATA, Optional.empty())))
        .addresses(List.of(endpoints).stream().map(EndpointReport::address).toList())
        .tlsaBaseDomain(name)
        .tlsaBaseDomainReason("the MX host name")
        .tlsaLookups(
            rrset.isEmpty()
                ? List.of()
                : List.of(lookup("_25._tcp." + name, "TLSA", LookupOutcome.DATA, Optional.empty())))
        .tlsaRecords(rrset)
        .status(status)
        .endpoints(List.of(endpoints))
        .problems(problems)
        .build();
  }

  static LookupStatus lookup(
      String name, String type, LookupOutcome outcome, Optional<Instant> signatureExpiry) {
    return LookupStatus.builder()
        .name(name)
        .type(DnsRecordType.valueOf(type))
        .outcome(outcome)
        .dnssec(outcome.answered() ? DnssecStatus.SECURE : DnssecStatus.FAILED)
        .reason("")
        .signatureExpiry(signatureExpiry)
        .build();
  }

  /** A domain report with an MX lookup of {@code mxOutcome} and these hosts. */
  static DomainReport domain(
      DaneVerdict verdict,
      MtaAction action,
      LookupOutcome mxOutcome,
      Optional<Instant> signatureExpiry,
      List<Problem> problems,
      List<String> incomplete,
      MxHostReport... hosts) {
    Optional<Instant> certificates =
        List.of(hosts).stream()
            .flatMap(h -> h.endpoints().stream())
            .filter(EndpointReport::verified)
            .flatMap(e -> e.certificates().stream().filter(c -> c.depth() == 0))
            .flatMap(c -> c.notAfter().stream())
            .min(Instant::compareTo);
    return DomainReport.builder()
        .domain("example.org")
        .checkedAt(NOW.minusSeconds(1))
        .elapsed(Duration.ofMillis(432))
        .validationMode(ValidationMode.IN_PROCESS)
        .mxSource(MxSource.MX_RECORDS)
        .mxLookup(lookup("example.org", "MX", mxOutcome, signatureExpiry))
        .mxHosts(List.of(hosts))
        .verdict(verdict)
        .mtaAction(action)
        .problems(problems)
        .incomplete(
            incomplete.stream()
                .map(d -> new IncompleteStep(IncompleteStep.Kind.CUT_SHORT, Problem.DOMAIN, d))
                .toList())
        .earliestCertificateExpiry(certificates)
        .earliestSignatureExpiry(signatureExpiry)
        .build();
  }

  /** A verified one-host domain: RRset {@code rrset}, leaf expiry, RRSIG expiry. */
  static DomainReport verifiedDomain(
      List<TlsaRecord> rrset, TlsaMatchResult match, Instant leafExpiry, Instant rrsigExpiry) {
    return domain(
        DaneVerdict.VERIFIED,
        MtaAction.AUTHENTICATED_TLS,
        LookupOutcome.DATA,
        Optional.of(rrsigExpiry),
        List.of(),
        List.of(),
        host(
            "mx.example.org",
            HostStatus.DANE_VERIFIED,
            rrset,
            List.of(),
            verified("192.0.2.1", match, leafExpiry)));
  }
}
