package org.danecheck.examples;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.danecheck.DaneVerdict;
import org.danecheck.DomainReport;
import org.danecheck.core.DaneChecker;
import org.danecheck.core.DomainReportJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dane-check check DOMAIN}: the whole RFC 7672 check of one domain. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Would a DANE-enforcing MTA (RFC 7672) deliver to DOMAIN securely, and if not, why?",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every MX host is DANE-verified",
      "1:no DANE (insecure MX or hosts, no TLSA records), or no mail (null MX)",
      "2:a DANE failure: mail would be deferred, or some host or endpoint fails",
      "3:usage error, or the check could not finish"
    })
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DOMAIN", description = "The mail domain to check.")
  String domain;

  @Option(names = "--mx", paramLabel = "HOST", description = "Check only this MX host.")
  String mxHost;

  @Option(names = "--json", description = "Print the report as JSON (docs/report.schema.json).")
  boolean json;

  @Mixin ResolverOptions dns = new ResolverOptions();

  @Option(names = "--ad-trust", description = "Trust the resolver's AD bit (as Postfix does).")
  boolean adTrust;

  @Option(names = "--port", paramLabel = "N", description = "SMTP port (default ${DEFAULT-VALUE}).")
  int port = 25;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "Deadline of the whole check (default ${DEFAULT-VALUE}).")
  int timeoutSeconds = 60;

  @Option(names = "--ca-file", paramLabel = "PEM", description = "PKIX trust store (PEM bundle).")
  Path caFile;

  @Option(names = "-4", description = "IPv4 only.")
  boolean ipv4Only;

  @Option(names = "-6", description = "IPv6 only.")
  boolean ipv6Only;

  @Option(
      names = "--both-algorithms",
      description = "Probe RSA and ECDSA certificates separately on hosts with TLSA records.")
  boolean bothAlgorithms;

  @Option(names = "--ehlo", paramLabel = "NAME", description = "The name sent in EHLO.")
  String ehloName;

  @Override
  public Integer call() {
    if (ipv4Only && ipv6Only) {
      throw new IllegalArgumentException("-4 and -6 exclude each other");
    }
    DaneChecker.Builder builder =
        DaneChecker.builder()
            .smtpPort(port)
            .deadline(Duration.ofSeconds(timeoutSeconds))
            .adTrust(adTrust)
            .bothAlgorithms(bothAlgorithms)
            .ipv4(!ipv6Only)
            .ipv6(!ipv4Only);
    dns.applyTo(builder);
    if (caFile != null) {
      builder.pkixTrustPem(caFile);
    }
    if (ehloName != null) {
      builder.ehloName(ehloName);
    }
    DomainReport report;
    try (DaneChecker checker = builder.build()) {
      report = mxHost != null ? checker.checkHost(mxHost) : checker.check(domain);
    }
    spec.commandLine()
        .getOut()
        .println(json ? DomainReportJson.toJson(report) : ReportPrinter.render(report));
    spec.commandLine().getOut().flush();
    return exitCode(report.verdict());
  }

  static int exitCode(DaneVerdict verdict) {
    return switch (verdict) {
      case VERIFIED -> 0;
      case NO_DANE, NO_MAIL -> 1;
      case PARTIALLY_VERIFIED, FAILED, UNAUTHENTICATED -> 2;
      case INDETERMINATE -> 3;
    };
  }
}
