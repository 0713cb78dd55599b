package org.danecheck.examples;

import java.util.List;
import org.danecheck.DomainReport;
import org.danecheck.EndpointReport;
import org.danecheck.LookupStatus;
import org.danecheck.MxHostReport;
import org.danecheck.PeerCertificate;
import org.danecheck.Problem;
import org.danecheck.Severity;

/**
 * The readable report: the verdict first, then domain → MX host → endpoint, then the problems.
 * Every string from the report passes through {@link SafeText#of}: the line breaks are ours.
 */
final class ReportPrinter {
  private ReportPrinter() {}

  static String render(DomainReport report) {
    StringBuilder out = new StringBuilder();
    out.append(t(report.domain()))
        .append(": ")
        .append(report.verdict())
        .append(" — a DANE MTA would: ")
        .append(describeAction(report))
        .append('\n');
    out.append("  MX: ").append(report.mxSource());
    report.mxLookup().ifPresent(l -> out.append(" (").append(lookup(l)).append(')'));
    out.append(", validation: ").append(report.validationMode());
    out.append(", ").append(report.elapsed().toMillis()).append(" ms\n");
    for (MxHostReport host : report.mxHosts()) {
      out.append("  ├─ MX ")
          .append(host.preference())
          .append(' ')
          .append(t(host.name()))
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
            .append(t(host.tlsaBaseDomain()))
            .append(" (")
            .append(t(host.tlsaBaseDomainReason()))
            .append(")\n");
        for (LookupStatus l : host.tlsaLookups()) {
          out.append("  │    TLSA ")
              .append(t(l.name()))
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
    List<Problem> problems = report.allProblems();
    if (!problems.isEmpty()) {
      out.append("  Problems:\n");
      for (Problem p : problems) {
        out.append("    ")
            .append(marker(p.severity()))
            .append(' ')
            .append(p.code())
            .append(p.subject().isEmpty() ? "" : " " + t(p.subject()))
            .append(": ")
            .append(t(p.message()))
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

  private static String lookup(LookupStatus l) {
    String text = l.outcome() + ", " + l.dnssec();
    return l.reason().isEmpty() ? text : text + ": " + t(l.reason());
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
