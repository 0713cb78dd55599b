/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.danecheck.DomainReport;
import org.danecheck.EndpointReport;
import org.danecheck.LookupStatus;
import org.danecheck.MxHostReport;
import org.danecheck.PeerCertificate;
import org.danecheck.Problem;
import org.danecheck.TlsaMatchResult;
import org.danecheck.TlsaRecord;
import org.danecheck.TlsaRecordEvaluation;
import org.danecheck.core.internal.json.JsonWriter;

/**
 * The stable JSON forms of a {@link DomainReport} and of a {@link TlsaMatchResult}, both described
 * by {@code docs/report.schema.json}: the one writer of the reports' JSON (the command line's
 * {@code check --json} and {@code tlsa match --json}, and dane-scan's result lines). A match result
 * has one shape wherever it appears, alone or in an endpoint. Absent values are {@code null}, never
 * omitted; times are ISO-8601 UTC; durations are whole milliseconds; names follow the API's rule
 * (no trailing dot); the top-level {@code problems} list holds every problem of the check, each
 * naming its subject.
 *
 * <p>Core writes JSON with its own small writer rather than a JSON library: the two shapes are flat
 * and fixed, and a library user should not get Jackson on their class path for them.
 */
public final class DomainReportJson {
  /** The schema version written in {@code schemaVersion}; raised on incompatible changes. */
  public static final int SCHEMA_VERSION = 1;

  private DomainReportJson() {}

  /** The report as one line of JSON. */
  public static String toJson(DomainReport report) {
    Objects.requireNonNull(report, "report");
    JsonWriter w = new JsonWriter();
    w.beginObject();
    w.field("schemaVersion", SCHEMA_VERSION);
    w.field("domain", report.domain());
    w.field("verdict", report.verdict().name());
    w.field("mtaAction", report.mtaAction().name());
    w.field("checkedAt", report.checkedAt().toString());
    w.field("elapsedMillis", report.elapsed().toMillis());
    w.field("validationMode", report.validationMode().name());
    w.field("mxSource", report.mxSource().name());
    w.name("mxLookup");
    if (report.mxLookup().isPresent()) {
      lookup(w, report.mxLookup().get());
    } else {
      w.nullValue();
    }
    w.name("mxHosts").beginArray();
    for (MxHostReport host : report.mxHosts()) {
      host(w, host);
    }
    w.endArray();
    instant(w, "earliestCertificateExpiry", report.earliestCertificateExpiry());
    instant(w, "earliestSignatureExpiry", report.earliestSignatureExpiry());
    strings(w, "incompleteSteps", report.incompleteSteps());
    w.name("problems").beginArray();
    for (Problem problem : report.allProblems()) {
      w.beginObject()
          .field("code", problem.code().name())
          .field("severity", problem.severity().name())
          .field("subject", problem.subject())
          .field("scope", problem.scope().name())
          .field("message", problem.message())
          .endObject();
    }
    w.endArray();
    w.endObject();
    return w.toString();
  }

  /** A TLSA match result as one line of JSON, the shape it has inside an endpoint's report. */
  public static String toJson(TlsaMatchResult result) {
    Objects.requireNonNull(result, "result");
    JsonWriter w = new JsonWriter();
    match(w, result);
    return w.toString();
  }

  private static void host(JsonWriter w, MxHostReport host) {
    w.beginObject();
    w.field("preference", host.preference());
    w.field("name", host.name());
    w.field("status", host.status().name());
    strings(w, "cnameChain", host.cnameChain());
    w.name("addressLookups").beginArray();
    host.addressLookups().forEach(l -> lookup(w, l));
    w.endArray();
    strings(w, "addresses", host.addresses());
    w.field("tlsaBaseDomain", host.tlsaBaseDomain());
    w.field("tlsaBaseDomainReason", host.tlsaBaseDomainReason());
    w.name("tlsaLookups").beginArray();
    host.tlsaLookups().forEach(l -> lookup(w, l));
    w.endArray();
    strings(w, "tlsaRecords", host.tlsaRecords().stream().map(TlsaRecord::toString).toList());
    w.name("endpoints").beginArray();
    host.endpoints().forEach(e -> endpoint(w, e));
    w.endArray();
    w.endObject();
  }

  private static void endpoint(JsonWriter w, EndpointReport e) {
    w.beginObject();
    w.field("address", e.address());
    w.field("port", e.port());
    w.field("ipv6", e.isIpv6());
    w.field("certificateAlgorithm", e.certificateAlgorithm().name());
    w.field("sni", e.sni());
    w.field("smtpOutcome", e.smtpOutcome().name());
    w.field("greeting", e.greeting());
    w.field("starttlsOffered", e.starttlsOffered());
    optional(w, "tlsVersion", e.tlsVersion());
    optional(w, "cipherSuite", e.cipherSuite());
    optional(w, "keyExchangeGroup", e.keyExchangeGroup());
    w.field("level", e.level().name());
    w.field("pkix", e.pkix().name());
    w.field("nameMatch", e.nameMatch().name());
    w.field("elapsedMillis", e.elapsed().toMillis());
    w.name("tlsaMatch");
    if (e.tlsaMatch().isPresent()) {
      match(w, e.tlsaMatch().get());
    } else {
      w.nullValue();
    }
    w.name("certificates").beginArray();
    for (PeerCertificate c : e.certificates()) {
      w.beginObject();
      w.field("depth", c.depth());
      w.field("subject", c.subject());
      w.field("issuer", c.issuer());
      strings(w, "dnsNames", c.dnsNames());
      instant(w, "notBefore", c.notBefore());
      instant(w, "notAfter", c.notAfter());
      w.field("keyAlgorithm", c.keyAlgorithm());
      w.field("keySize", c.keySize());
      w.field("sha256", c.sha256());
      w.field("spkiSha256", c.spkiSha256());
      optional(w, "parseError", c.parseError());
      w.endObject();
    }
    w.endArray();
    w.endObject();
  }

  private static void match(JsonWriter w, TlsaMatchResult m) {
    w.beginObject();
    w.field("outcome", m.outcome().name());
    w.field("authenticated", m.authenticated());
    optional(w, "matchedRecord", m.matchedRecord().map(TlsaRecord::toString));
    optionalInt(w, "matchedDepth", m.matchedDepth());
    optional(w, "matchedName", m.matchedName());
    w.field("message", m.message());
    w.name("evaluations").beginArray();
    for (TlsaRecordEvaluation ev : m.evaluations()) {
      w.beginObject();
      w.field("record", ev.record().toString());
      w.field("status", ev.status().name());
      optionalInt(w, "depth", ev.depth());
      w.field("reason", ev.reason());
      w.endObject();
    }
    w.endArray();
    w.endObject();
  }

  private static void lookup(JsonWriter w, LookupStatus l) {
    w.beginObject();
    w.field("name", l.name());
    w.field("type", l.type().name());
    w.field("outcome", l.outcome().name());
    w.field("dnssec", l.dnssec().name());
    w.field("reason", l.reason());
    optionalInt(w, "extendedDnsError", l.extendedDnsError());
    instant(w, "signatureExpiry", l.signatureExpiry());
    w.endObject();
  }

  private static void strings(JsonWriter w, String name, List<String> values) {
    w.name(name).beginArray();
    values.forEach(w::value);
    w.endArray();
  }

  private static void optional(JsonWriter w, String name, Optional<String> value) {
    w.name(name);
    if (value.isPresent()) {
      w.value(value.get());
    } else {
      w.nullValue();
    }
  }

  private static void optionalInt(JsonWriter w, String name, OptionalInt value) {
    w.name(name);
    if (value.isPresent()) {
      w.value(value.getAsInt());
    } else {
      w.nullValue();
    }
  }

  private static void instant(JsonWriter w, String name, Optional<Instant> value) {
    optional(w, name, value.map(Instant::toString));
  }
}
