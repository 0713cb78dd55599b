/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.danecheck.DnssecStatus;
import org.danecheck.DomainReport;
import org.danecheck.EndpointReport;
import org.danecheck.LookupOutcome;
import org.danecheck.LookupStatus;
import org.danecheck.MxHostReport;
import org.danecheck.PeerCertificate;
import org.danecheck.Problem;
import org.danecheck.Severity;

/**
 * The readable report: the verdict and what a DANE MTA would do first, with the error that makes it
 * so, then domain → MX host → endpoint, then the problems (each once). Lines are in words a mail
 * administrator reads without the source ("records found, DNSSEC-signed"); the enum names are the
 * JSON's. Every string from the report passes through {@link SafeText#of}: the line breaks are
 * ours.
 */
final class ReportPrinter {
  private ReportPrinter() {}

  static String render(DomainReport report) {
    StringBuilder out = new StringBuilder();
    out.append(t(report.domain()))
        .append(": ")
        .append(report.verdict())
        .append(" — a DANE MTA would ")
        .append(describeAction(report))
        .append(" (checked in ")
        .append(report.elapsed().toMillis())
        .append(" ms")
        .append(report.complete() ? "" : ", not finished")
        .append(")\n");
    Optional<Problem> cause = cause(report);
    cause.ifPresent(
        p ->
            out.append("  because of ")
                .append(p.code())
                .append(p.subject().isEmpty() ? "" : " at " + t(strip(p.subject())))
                .append(" (the first problem below)\n"));
    out.append("  MX: ").append(mxSource(report));
    report.mxLookup().ifPresent(l -> out.append(", ").append(lookup(l)));
    out.append("; ")
        .append(
            switch (report.validationMode()) {
              case IN_PROCESS -> "DNSSEC validated by dane-check from the trust anchors";
              case AD_TRUST -> "DNSSEC as the resolver's AD bit says (--ad-trust)";
            })
        .append('\n');
    for (MxHostReport host : report.mxHosts()) {
      out.append("  ├─ MX ")
          .append(host.preference())
          .append(' ')
          .append(t(strip(host.name())))
          .append(": ")
          .append(host.status())
          .append('\n');
      if (!host.cnameChain().isEmpty()) {
        out.append("  │    CNAME → ").append(t(String.join(" → ", host.cnameChain()))).append('\n');
      }
      for (LookupStatus l : host.addressLookups()) {
        out.append("  │    ").append(t(l.type())).append(": ").append(lookup(l)).append('\n');
      }
      if (!host.tlsaLookups().isEmpty()) {
        out.append("  │    TLSA base domain ")
            .append(t(strip(host.tlsaBaseDomain())))
            .append(" (")
            .append(t(host.tlsaBaseDomainReason()))
            .append(")\n");
        for (LookupStatus l : host.tlsaLookups()) {
          out.append("  │    TLSA at ")
              .append(t(strip(l.name())))
              .append(": ")
              .append(lookup(l))
              .append('\n');
        }
      }
      host.tlsaRecords()
          .forEach(
              r ->
                  out.append("  │      ")
                      .append(r)
                      .append("  (")
                      .append(r.describeFields())
                      .append(")\n"));
      for (EndpointReport e : host.endpoints()) {
        endpoint(out, e);
      }
    }
    List<Problem> problems = new ArrayList<>(distinct(report.allProblems()));
    // The cause first, so that the line "because of" points to it and nothing is said twice.
    cause.ifPresent(
        c -> {
          problems.remove(c);
          problems.add(0, c);
        });
    if (!problems.isEmpty()) {
      out.append("  Problems:\n");
      for (Problem p : problems) {
        out.append("    ")
            .append(marker(p.severity()))
            .append(' ')
            .append(problemText(p))
            .append('\n');
      }
    }
    if (!report.incompleteSteps().isEmpty()) {
      out.append("  Not finished before the deadline: ")
          .append(t(String.join("; ", report.incompleteSteps())))
          .append('\n');
    }
    return out.toString();
  }

  /**
   * The error behind a verdict that does not deliver as DANE requires: the first ERROR, else the
   * first WARNING (the policy's reason is then a warning-level finding), else none.
   */
  static Optional<Problem> cause(DomainReport report) {
    switch (report.mtaAction()) {
      case AUTHENTICATED_TLS, OPPORTUNISTIC, NO_MAIL:
        if (report.verdict() != org.danecheck.DaneVerdict.FAILED
            && report.verdict() != org.danecheck.DaneVerdict.PARTIALLY_VERIFIED) {
          return Optional.empty();
        }
        break;
      default:
        break;
    }
    List<Problem> all = distinct(report.allProblems());
    return all.stream()
        .filter(p -> p.severity() == Severity.ERROR)
        .findFirst()
        .or(() -> all.stream().filter(p -> p.severity() == Severity.WARNING).findFirst());
  }

  /**
   * The problems with those of the same code and subject told once: the most severe first, their
   * messages joined (an endpoint's warning "no STARTTLS" and the host's error "TLS is mandatory"
   * say one thing).
   */
  static List<Problem> distinct(List<Problem> problems) {
    Map<String, List<Problem>> groups = new LinkedHashMap<>();
    for (Problem p : problems) {
      groups.computeIfAbsent(p.code() + "\0" + p.subject(), k -> new ArrayList<>()).add(p);
    }
    List<Problem> out = new ArrayList<>();
    for (List<Problem> group : groups.values()) {
      Problem worst = group.get(0);
      for (Problem p : group) {
        if (p.severity().compareTo(worst.severity()) > 0) {
          worst = p;
        }
      }
      StringBuilder message = new StringBuilder(worst.message());
      for (Problem p : group) {
        if (p != worst && !message.toString().contains(p.message())) {
          message.append(' ').append(p.message());
        }
      }
      out.add(new Problem(worst.code(), worst.severity(), worst.subject(), message.toString()));
    }
    return out;
  }

  private static String problemText(Problem p) {
    return p.code()
        + (p.subject().isEmpty() ? "" : " at " + t(strip(p.subject())))
        + ": "
        + t(p.message());
  }

  private static void endpoint(StringBuilder out, EndpointReport e) {
    out.append("  │    └─ ")
        .append(t(e.endpoint()))
        .append(
            e.certificateAlgorithm().name().equals("ANY")
                ? ""
                : " (" + e.certificateAlgorithm() + ")")
        .append(": ")
        .append(e.level())
        .append(" — ")
        .append(e.smtpOutcome());
    e.tlsVersion().ifPresent(v -> out.append(", ").append(t(v)));
    e.cipherSuite().ifPresent(c -> out.append(", ").append(t(c)));
    out.append('\n');
    e.tlsaMatch()
        .ifPresent(
            m -> {
              out.append("  │         TLSA: ").append(m.outcome());
              m.matchedRecord().ifPresent(r -> out.append(" by ").append(r.describeFields()));
              m.matchedDepth().ifPresent(d -> out.append(" at depth ").append(d));
              out.append('\n');
            });
    for (PeerCertificate c : e.certificates()) {
      out.append("  │         [")
          .append(c.depth())
          .append("] ")
          .append(c.subject().isEmpty() ? "(unparseable)" : t(c.subject()));
      c.notAfter().ifPresent(t -> out.append(", expires ").append(t));
      out.append('\n');
    }
  }

  private static String mxSource(DomainReport report) {
    return switch (report.mxSource()) {
      case MX_RECORDS -> "MX records";
      case IMPLICIT_MX -> "no MX records, the domain's own address records are used (RFC 5321 5.1)";
      case NULL_MX -> "null MX: the domain accepts no mail (RFC 7505)";
      case NO_SUCH_DOMAIN -> "the domain does not exist (NXDOMAIN)";
      case LOOKUP_FAILED -> "the MX lookup failed";
      case GIVEN_HOST -> "the MX host given on the command line (no MX lookup)";
    };
  }

  /** "records found, DNSSEC-signed"; "lookup failed: why" (not "FAILED, FAILED: why"). */
  static String lookup(LookupStatus l) {
    String outcome =
        switch (l.outcome()) {
          case DATA -> "records found";
          case NODATA -> "no such records";
          case NXDOMAIN -> "the name does not exist";
          case FAILED -> "lookup failed";
        };
    String dnssec =
        l.outcome() == LookupOutcome.FAILED && l.dnssec() == DnssecStatus.FAILED
            ? ""
            : switch (l.dnssec()) {
              case SECURE -> ", DNSSEC-signed";
              case INSECURE -> ", not DNSSEC-signed";
              case BOGUS -> ", DNSSEC-bogus (signatures do not validate)";
              case FAILED -> ", DNSSEC not determined";
            };
    return outcome + dnssec + (l.reason().isEmpty() ? "" : ": " + t(l.reason()));
  }

  private static String strip(String name) {
    return name.endsWith(".") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
  }

  /** What the report says that came from outside (names, replies, messages), made safe. */
  private static String t(Object text) {
    return SafeText.of(text);
  }

  static String describeAction(DomainReport report) {
    return switch (report.mtaAction()) {
      case AUTHENTICATED_TLS -> "deliver over DANE-authenticated TLS";
      case UNAUTHENTICATED_TLS -> "deliver over TLS, required but not authenticated";
      case OPPORTUNISTIC -> "deliver without DANE (TLS if offered, else cleartext)";
      case DEFER -> "defer the mail";
      case NO_MAIL -> "not deliver: the domain accepts no mail";
    };
  }

  private static String marker(Severity severity) {
    return switch (severity) {
      case ERROR -> "✗";
      case WARNING -> "!";
      case INFO -> "i";
    };
  }
}
