/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.danecheck.DaneVerdict;
import org.danecheck.DnssecStatus;
import org.danecheck.DomainReport;
import org.danecheck.EndpointReport;
import org.danecheck.LookupOutcome;
import org.danecheck.LookupStatus;
import org.danecheck.MxHostReport;
import org.danecheck.MxSource;
import org.danecheck.Problem;
import org.danecheck.SmtpOutcome;
import org.danecheck.TlsLevel;
import tools.jackson.databind.JsonNode;

/**
 * What a scan summary needs from one domain's result, and nothing more: read from a {@link
 * DomainReport} while scanning, or from its JSON line when resuming, with the same outcome.
 *
 * @param domain the domain (or the raw text of an invalid entry)
 * @param invalidReason why the entry is not a domain name, or empty for a checked domain
 * @param verdict the verdict (NO_MAIL for invalid entries, which are never checked)
 * @param mxSource how the MX hosts were found
 * @param mxSecure whether the MX lookup's answer was DNSSEC-secure
 * @param complete whether the check finished before its deadline
 * @param problemCodes the distinct problem codes of the check
 * @param hosts the MX hosts
 */
record ScanFacts(
    String domain,
    Optional<String> invalidReason,
    DaneVerdict verdict,
    MxSource mxSource,
    boolean mxSecure,
    boolean complete,
    Set<String> problemCodes,
    List<Host> hosts) {

  /** How one endpoint session ended, in the survey's terms. */
  enum SessionClass {
    VERIFIED,
    TRUSTED,
    UNTRUSTED,
    ANONYMOUS,
    /** The TLS handshake failed. */
    HANDSHAKE_FAILED,
    /** STARTTLS offered but refused. */
    STARTTLS_REFUSED,
    /** No STARTTLS: cleartext. */
    NO_STARTTLS,
    /** No SMTP session: connect failure, rejection, protocol error or timeout. */
    UNREACHABLE;

    boolean tls() {
      return ordinal() <= ANONYMOUS.ordinal();
    }

    /** Bad TLS: STARTTLS offered but no session came of it. */
    boolean badTls() {
      return this == HANDSHAKE_FAILED || this == STARTTLS_REFUSED;
    }

    static SessionClass of(SmtpOutcome outcome, TlsLevel level) {
      return switch (outcome) {
        case TLS_ESTABLISHED ->
            switch (level) {
              case VERIFIED -> VERIFIED;
              case TRUSTED -> TRUSTED;
              case ANONYMOUS -> ANONYMOUS;
              case UNTRUSTED, NONE -> UNTRUSTED;
            };
        case TLS_HANDSHAKE_FAILED -> HANDSHAKE_FAILED;
        case STARTTLS_REFUSED -> STARTTLS_REFUSED;
        case STARTTLS_NOT_OFFERED -> NO_STARTTLS;
        default -> UNREACHABLE;
      };
    }
  }

  /**
   * One endpoint that was probed.
   *
   * @param address the IP address
   * @param sessionClass how the session ended
   * @param tlsVersion the protocol version, or the empty string
   */
  record Endpoint(String address, SessionClass sessionClass, String tlsVersion) {
    boolean ipv6() {
      return address.indexOf(':') >= 0;
    }
  }

  /**
   * One MX host.
   *
   * @param name the host name
   * @param addressDnssec the DNSSEC status of its address lookups (its own zone's signing)
   * @param hasTlsa whether a secure TLSA RRset applies to it
   * @param endpoints the endpoints probed (NOT_PROBED ones left out)
   */
  record Host(String name, DnssecStatus addressDnssec, boolean hasTlsa, List<Endpoint> endpoints) {}

  boolean invalid() {
    return invalidReason.isPresent();
  }

  static ScanFacts invalid(String raw, String reason) {
    return new ScanFacts(
        raw,
        Optional.of(reason),
        DaneVerdict.NO_MAIL,
        MxSource.LOOKUP_FAILED,
        false,
        true,
        Set.of(),
        List.of());
  }

  static ScanFacts of(DomainReport report) {
    List<Host> hosts = new ArrayList<>();
    for (MxHostReport h : report.mxHosts()) {
      List<Endpoint> endpoints = new ArrayList<>();
      for (EndpointReport e : h.endpoints()) {
        if (e.smtpOutcome() != SmtpOutcome.NOT_PROBED) {
          endpoints.add(
              new Endpoint(
                  e.address(),
                  SessionClass.of(e.smtpOutcome(), e.level()),
                  e.tlsVersion().orElse("")));
        }
      }
      hosts.add(
          new Host(
              h.name(),
              addressDnssec(
                  h.addressLookups().stream().map(LookupStatus::outcome).toList(),
                  h.addressLookups().stream().map(LookupStatus::dnssec).toList()),
              !h.tlsaRecords().isEmpty(),
              endpoints));
    }
    Set<String> codes = new TreeSet<>();
    for (Problem p : report.allProblems()) {
      codes.add(p.code().name());
    }
    return new ScanFacts(
        report.domain(),
        Optional.empty(),
        report.verdict(),
        report.mxSource(),
        report.mxLookup().map(LookupStatus::isSecure).orElse(false),
        report.complete(),
        codes,
        hosts);
  }

  /**
   * Reads the facts from a result line (the JSON of {@code DomainReportJson}, or an invalid entry).
   *
   * @throws IllegalArgumentException when the line is not such JSON
   */
  static ScanFacts ofJson(String line) {
    JsonNode o = ScanJson.parseObject(line);
    String domain = ScanJson.string(o, "domain");
    if (domain == null) {
      throw new IllegalArgumentException("a result line without a domain");
    }
    if (o.path("invalid").booleanValue(false)) {
      return invalid(domain, String.valueOf(ScanJson.string(o, "reason")));
    }
    List<Host> hosts = new ArrayList<>();
    for (JsonNode ho : ScanJson.array(o.get("mxHosts"))) {
      JsonNode h = ScanJson.object(ho);
      List<LookupOutcome> outcomes = new ArrayList<>();
      List<DnssecStatus> statuses = new ArrayList<>();
      for (JsonNode lo : ScanJson.array(h.get("addressLookups"))) {
        JsonNode l = ScanJson.object(lo);
        outcomes.add(ScanJson.constant(LookupOutcome.class, l, "outcome"));
        statuses.add(ScanJson.constant(DnssecStatus.class, l, "dnssec"));
      }
      List<Endpoint> endpoints = new ArrayList<>();
      for (JsonNode eo : ScanJson.array(h.get("endpoints"))) {
        JsonNode e = ScanJson.object(eo);
        SmtpOutcome outcome = ScanJson.constant(SmtpOutcome.class, e, "smtpOutcome");
        if (outcome != SmtpOutcome.NOT_PROBED) {
          String version = ScanJson.string(e, "tlsVersion");
          String address = ScanJson.string(e, "address");
          if (address == null) {
            throw new IllegalArgumentException("an endpoint without an address");
          }
          endpoints.add(
              new Endpoint(
                  address,
                  SessionClass.of(outcome, ScanJson.constant(TlsLevel.class, e, "level")),
                  version == null ? "" : version));
        }
      }
      String name = ScanJson.string(h, "name");
      if (name == null) {
        throw new IllegalArgumentException("an MX host without a name");
      }
      hosts.add(
          new Host(
              name,
              addressDnssec(outcomes, statuses),
              !ScanJson.array(h.get("tlsaRecords")).isEmpty(),
              endpoints));
    }
    Set<String> codes = new TreeSet<>();
    for (JsonNode po : ScanJson.array(o.get("problems"))) {
      String code = ScanJson.string(ScanJson.object(po), "code");
      if (code == null) {
        throw new IllegalArgumentException("a problem without a code");
      }
      codes.add(code);
    }
    boolean mxSecure = false;
    if (o.hasNonNull("mxLookup")) {
      JsonNode mx = ScanJson.object(o.get("mxLookup"));
      mxSecure =
          ScanJson.constant(LookupOutcome.class, mx, "outcome").answered()
              && ScanJson.constant(DnssecStatus.class, mx, "dnssec").isSecure();
    }
    return new ScanFacts(
        domain,
        Optional.empty(),
        ScanJson.constant(DaneVerdict.class, o, "verdict"),
        ScanJson.constant(MxSource.class, o, "mxSource"),
        mxSecure,
        ScanJson.array(o.get("incompleteSteps")).isEmpty(),
        codes,
        hosts);
  }

  /**
   * The DNSSEC status of a host's own records from its address lookups: BOGUS if any is bogus, else
   * FAILED if any failed, else SECURE if all are secure, else INSECURE.
   */
  static DnssecStatus addressDnssec(List<LookupOutcome> outcomes, List<DnssecStatus> statuses) {
    if (statuses.isEmpty()) {
      return DnssecStatus.FAILED;
    }
    if (statuses.contains(DnssecStatus.BOGUS)) {
      return DnssecStatus.BOGUS;
    }
    if (statuses.contains(DnssecStatus.FAILED) || outcomes.contains(LookupOutcome.FAILED)) {
      return DnssecStatus.FAILED;
    }
    return statuses.stream().allMatch(DnssecStatus::isSecure)
        ? DnssecStatus.SECURE
        : DnssecStatus.INSECURE;
  }
}
