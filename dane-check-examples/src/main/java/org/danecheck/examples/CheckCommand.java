/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.danecheck.DaneVerdict;
import org.danecheck.DomainReport;
import org.danecheck.MtaAction;
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
    header = "Check a mail domain as a DANE-enforcing MTA (RFC 7672) would.",
    mixinStandardHelpOptions = true,
    description = {
      "Would a DANE-enforcing MTA (RFC 7672) deliver to DOMAIN securely, and if not, why?",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every MX host is DANE-verified",
      "1:no DANE (insecure MX, even when its hosts' TLSA records match; insecure hosts; no TLSA"
          + " records), or no mail (null MX)",
      "2:a DANE failure, or mail would be deferred: some host or endpoint fails, TLSA records"
          + " unusable",
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

  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Mixin TimeLimit limit = new TimeLimit(60);

  @Option(
      names = "--both-algorithms",
      description = "Probe RSA and ECDSA certificates separately on hosts with TLSA records.")
  boolean bothAlgorithms;

  @Override
  public Integer call() {
    DaneChecker.Builder builder =
        DaneChecker.builder().deadline(limit.checkDeadline()).bothAlgorithms(bothAlgorithms);
    dns.applyTo(builder, connection.adTrust);
    connection.applyTo(builder);
    DomainReport report;
    try (DaneChecker checker = builder.build()) {
      report = within(checker, limit.end());
    }
    spec.commandLine()
        .getOut()
        .println(json ? DomainReportJson.toJson(report) : ReportPrinter.render(report));
    spec.commandLine().getOut().flush();
    return exitCode(report);
  }

  /**
   * Runs the check; if it is not done by {@code end} (a slow start-up left its deadline too late),
   * closes the checker, which completes the check at once with what is known.
   */
  private DomainReport within(DaneChecker checker, Instant end) {
    CompletableFuture<DomainReport> report;
    if (mxHost == null) {
      report = checker.checkAsync(domain);
    } else {
      report = new CompletableFuture<>();
      CompletableFuture<DomainReport> host = report;
      Thread t = new Thread(() -> complete(host, () -> checker.checkHost(mxHost)), "check-host");
      t.setDaemon(true);
      t.start();
    }
    long millis = Math.max(1, Duration.between(Instant.now(), end).toMillis());
    try {
      return report.get(millis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      checker.close();
      spec.commandLine()
          .getErr()
          .println(
              "dane-check: --timeout "
                  + limit.seconds
                  + " s reached (a slow start left the check less time): the report shows what"
                  + " was known by then");
      return report.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      checker.close();
      return report.join();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  private static void complete(
      CompletableFuture<DomainReport> future, java.util.function.Supplier<DomainReport> check) {
    try {
      future.complete(check.get());
    } catch (RuntimeException e) {
      future.completeExceptionally(e);
    }
  }

  /**
   * The exit code, from what a DANE MTA would do with the mail ({@link DomainReport#mtaAction()})
   * and the verdict, which follows the weakest way the mail may go: mail it would defer is never 0
   * or 1; an insecure MX RRset is "no DANE" however its hosts' TLSA records fare, as for check_dane
   * (OK, noted: RFC 7672 2.2.1 forbids calling it secure delivery to the domain).
   */
  static int exitCode(DomainReport report) {
    if (report.verdict() == DaneVerdict.INDETERMINATE) {
      return 3;
    }
    if (report.mtaAction() == MtaAction.DEFER) {
      return 2;
    }
    return switch (report.verdict()) {
      case VERIFIED -> 0;
      case NO_DANE, NO_MAIL -> 1;
      case PARTIALLY_VERIFIED, FAILED, UNAUTHENTICATED -> 2;
      case INDETERMINATE -> 3;
    };
  }
}
