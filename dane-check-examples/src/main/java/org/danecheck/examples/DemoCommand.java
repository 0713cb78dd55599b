/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.danecheck.DaneVerdict;
import org.danecheck.DomainReport;
import org.danecheck.core.DaneChecker;
import org.danecheck.testkit.DaneLab;
import org.danecheck.testkit.LabFault;
import org.danecheck.testkit.MailPersona;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dane-check demo}: starts a lab in this process (a DNSSEC-signed DNS server and STARTTLS
 * mail servers on loopback), checks a handful of representative domains and prints the reports.
 * Needs no network at all.
 */
@Command(
    name = "demo",
    header = "Check the embedded lab's domains (offline) and print the reports.",
    mixinStandardHelpOptions = true,
    description = {
      "Start an embedded lab (signed DNS + STARTTLS servers on loopback), check its",
      "domains, and print the reports. Works offline. Exit 0 when every verdict is the",
      "expected one."
    })
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print each report as one line of JSON.")
  boolean json;

  /** The demo's domains, in the order printed, with the verdict each must get. */
  public static final Map<String, DaneVerdict> EXPECTED = new LinkedHashMap<>();

  static {
    EXPECTED.put("verified.demo.test", DaneVerdict.VERIFIED);
    EXPECTED.put("dane-ta.demo.test", DaneVerdict.VERIFIED);
    EXPECTED.put("wrong-digest.demo.test", DaneVerdict.FAILED);
    EXPECTED.put("no-starttls.demo.test", DaneVerdict.FAILED);
    EXPECTED.put("tlsa-servfail.demo.test", DaneVerdict.FAILED);
    EXPECTED.put("no-tlsa.demo.test", DaneVerdict.NO_DANE);
    EXPECTED.put("unsigned.demo.test", DaneVerdict.NO_DANE);
  }

  /** The demo lab: one domain per case above. */
  public static DaneLab.Builder lab() {
    return DaneLab.builder()
        .domain("demo.test", d -> {})
        .domain("verified.demo.test", d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1)))
        .domain("dane-ta.demo.test", d -> d.mx(10, "mx", h -> h.tlsa(2, 0, 1)))
        .domain(
            "wrong-digest.demo.test", d -> d.mx(10, "mx", h -> h.tlsa("3 1 1 " + "00".repeat(32))))
        .domain(
            "no-starttls.demo.test",
            d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1).persona(MailPersona.Behaviour.NO_STARTTLS)))
        .domain(
            "tlsa-servfail.demo.test",
            d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1).fault("TLSA", LabFault.SERVFAIL)))
        .domain("no-tlsa.demo.test", d -> d.mx(10, "mx"))
        .domain("unsigned.demo.test", d -> d.unsigned().mx(10, "mx", h -> h.tlsa(3, 1, 1)));
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    int mismatches = 0;
    try (DaneLab lab = lab().start();
        DaneChecker checker =
            DaneChecker.builder()
                .environment(lab)
                .pkixTrustStore(lab.trustStore())
                .queryTimeout(Duration.ofSeconds(2))
                .deadline(Duration.ofSeconds(20))
                .build()) {
      List<CompletableFuture<DomainReport>> reports =
          EXPECTED.keySet().stream().map(checker::checkAsync).toList();
      int i = 0;
      for (Map.Entry<String, DaneVerdict> expected : EXPECTED.entrySet()) {
        DomainReport report = reports.get(i++).join();
        out.println(
            json
                ? org.danecheck.core.DomainReportJson.toJson(report)
                : ReportPrinter.render(report));
        if (report.verdict() != expected.getValue()) {
          mismatches++;
          out.println("  !! expected " + expected.getValue() + " for " + expected.getKey());
        }
      }
    }
    out.println(
        mismatches == 0
            ? "demo: all " + EXPECTED.size() + " verdicts as expected"
            : "demo: " + mismatches + " unexpected verdicts");
    out.flush();
    return mismatches == 0 ? 0 : 2;
  }
}
