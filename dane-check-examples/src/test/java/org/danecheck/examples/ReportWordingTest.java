/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import org.danecheck.DomainReport;
import org.danecheck.core.DaneChecker;
import org.danecheck.testkit.junit5.DaneLabExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The text report's wording, point by point as issue 14 found it ("a reader must not need the
 * source to understand a line"), against the lab's domains.
 */
class ReportWordingTest {
  @RegisterExtension static final DaneLabExtension LAB = new DaneLabExtension(LabCommand.lab());

  private static DaneChecker checker;

  @BeforeAll
  static void start() {
    checker =
        DaneChecker.builder()
            .environment(LAB.lab())
            .commandTimeout(Duration.ofSeconds(1))
            .deadline(Duration.ofSeconds(20))
            .build();
  }

  @AfterAll
  static void stop() {
    checker.close();
  }

  private static String report(String domain) {
    return ReportPrinter.render(checker.check(domain));
  }

  private static long count(String text, String part) {
    return Arrays.stream(text.split("\n")).filter(l -> l.contains(part)).count();
  }

  @Test
  void theTimeIsTheWholeChecksAndStandsOnTheVerdictLine() {
    DomainReport r = checker.check("verified.demo.test");
    String text = ReportPrinter.render(r);

    // Was "validation: IN_PROCESS, 812 ms", as if validating took that long.
    assertThat(text.lines().findFirst().orElseThrow())
        .endsWith("(checked in " + r.elapsed().toMillis() + " ms)");
    assertThat(text)
        .doesNotContain("IN_PROCESS")
        .contains("DNSSEC validated by dane-check from the trust anchors");
  }

  @Test
  void aFailedLookupSaysSoOnce() {
    String text = report("tlsa-servfail.demo.test");

    // Was "TLSA _25._tcp.mx...: FAILED, FAILED: the resolver answered SERVFAIL".
    assertThat(text).doesNotContain("FAILED, FAILED");
    assertThat(text)
        .contains(
            "TLSA at _"
                + LAB.lab().smtpPort()
                + "._tcp.mx.tlsa-servfail.demo.test: lookup failed:"
                + " the resolver answered SERVFAIL");
    assertThat(text).contains("A: records found, DNSSEC-signed");
  }

  @Test
  void aProblemReportedByTheEndpointAndTheHostIsListedOnce() {
    String text = report("no-starttls.demo.test");

    // Was listed twice: the endpoint's warning and the policy's error.
    assertThat(count(text, "STARTTLS_NOT_OFFERED at")).isEqualTo(2); // "because of" + the list
    assertThat(count(text, "✗ STARTTLS_NOT_OFFERED")).isEqualTo(1);
    assertThat(text)
        .contains("  because of STARTTLS_NOT_OFFERED at mx.no-starttls.demo.test[")
        .contains("TLS is mandatory")
        .contains("does not advertise STARTTLS")
        .doesNotContain("! STARTTLS_NOT_OFFERED");
  }

  @Test
  void anUnsignedHostWithoutAaaaRecordsIsNotSaidToHaveThem() {
    String text = report("unsigned.demo.test");

    // Was "the A and AAAA records of mx.unsigned.demo.test. are not DNSSEC-signed".
    assertThat(text)
        .contains("HOST_INSECURE at mx.unsigned.demo.test: the A records and the denial of AAAA")
        .doesNotContain("A and AAAA records");
  }

  @Test
  void aDeferralNamesTheErrorThatCausesIt() {
    // The "trickle": FAILED ("defer the mail") with only the SMTP_TIMEOUT warning listed.
    DomainReport r = checker.check("trickle.demo.test");
    String text = ReportPrinter.render(r);

    assertThat(text)
        .startsWith("trickle.demo.test: FAILED — a DANE MTA would defer the mail")
        .contains("  because of NO_HOST_REACHABLE (the first problem below)")
        .contains("✗ NO_HOST_REACHABLE: No MX host answered over SMTP (mx.trickle.demo.test)")
        .contains("! SMTP_TIMEOUT at mx.trickle.demo.test[");

    // check_dane: CRITICAL, and the unreachable server said once (the endpoint's finding with its
    // reason), not again as the domain's NO_HOST_REACHABLE.
    PluginResult plugin =
        CheckDaneEvaluator.evaluate(r, PluginThresholds.DEFAULTS, java.time.Instant.now());
    assertThat(plugin.state()).isEqualTo(PluginState.CRITICAL);
    assertThat(plugin.summary())
        .startsWith("mx.trickle.demo.test[")
        .contains("unreachable: timed out")
        .doesNotContain("No MX host answered");
    assertThat(count(plugin.summary().replace("; ", "\n"), "trickle")).isEqualTo(1);
  }

  @Test
  void everyDeferralOfTheLabNamesAnError() {
    for (String domain :
        LabCommand.MONITORING_DOMAINS.stream()
            .filter(d -> !d.startsWith("silent") && !d.startsWith("never"))
            .toList()) {
      assertErrorNamedWhenDeferred(domain);
    }
    for (String domain : DemoCommand.EXPECTED.keySet()) {
      assertErrorNamedWhenDeferred(domain);
    }
  }

  private static void assertErrorNamedWhenDeferred(String domain) {
    DomainReport r = checker.check(domain);
    String text = ReportPrinter.render(r);
    if (text.contains("would defer the mail")) {
      assertThat(ReportPrinter.cause(r))
          .as(domain)
          .hasValueSatisfying(
              p -> assertThat(p.severity()).isEqualTo(org.danecheck.Severity.ERROR));
      assertThat(text).as(domain).contains("  because of ").contains("✗ ");
    }
  }
}
