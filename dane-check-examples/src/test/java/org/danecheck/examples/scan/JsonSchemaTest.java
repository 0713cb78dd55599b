/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.danecheck.TlsaMatchResult;
import org.danecheck.TlsaMatchingType;
import org.danecheck.TlsaProfile;
import org.danecheck.TlsaRecord;
import org.danecheck.TlsaSelector;
import org.danecheck.TlsaUsage;
import org.danecheck.core.DaneChecker;
import org.danecheck.core.DomainReportJson;
import org.danecheck.core.TlsaGenerator;
import org.danecheck.core.TlsaMatcher;
import org.danecheck.examples.DaneCheckCommand;
import org.danecheck.examples.DemoCommand;
import org.danecheck.testkit.DaneLab;
import org.danecheck.testkit.TestCertificate;
import org.danecheck.testkit.junit5.DaneLabExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 13, one JSON shape: every JSON document the tools write validates against the one schema,
 * {@code docs/report.schema.json}, with a JSON Schema validator (networknt, draft 2020-12): domain
 * reports of every demo domain (verified, failing, unsigned, null MX, ...), {@code check --json},
 * {@code tlsa match --json} (authenticated and not), and dane-scan's line for an invalid entry. A
 * match result has the same shape alone as inside an endpoint.
 */
class JsonSchemaTest {
  @RegisterExtension static final DaneLabExtension LAB = new DaneLabExtension(DemoCommand.lab());

  private static Schema schema;

  @TempDir Path dir;

  @BeforeAll
  static void loadSchema() throws Exception {
    String text = Files.readString(Path.of("..", "docs", "report.schema.json"));
    schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(text, InputFormat.JSON);
  }

  private static void assertValid(String json) {
    List<Error> errors = schema.validate(json, InputFormat.JSON);
    assertThat(errors).as("schema errors for %s", json).isEmpty();
  }

  @Test
  void everyDemoDomainsReportValidates() {
    DaneLab lab = LAB.lab();
    try (DaneChecker checker =
        DaneChecker.builder()
            .resolver(lab.dnsAddress())
            .trustAnchors(lab.trustAnchor())
            .smtpPort(lab.smtpPort())
            .deadline(Duration.ofSeconds(30))
            .build()) {
      for (String domain : DemoCommand.EXPECTED.keySet()) {
        assertValid(DomainReportJson.toJson(checker.check(domain)));
      }
    }
  }

  @Test
  void checkJsonOnTheCommandLineValidates() throws Exception {
    DaneLab lab = LAB.lab();
    Path anchor = Files.writeString(dir.resolve("anchor.ds"), lab.trustAnchor());
    StringWriter out = new StringWriter();
    CommandLine cl = DaneCheckCommand.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(new StringWriter()));
    cl.execute(
        "check",
        "wrong-digest.demo.test",
        "--json",
        "--resolver",
        "127.0.0.1:" + lab.dnsAddress().getPort(),
        "--trust-anchor",
        anchor.toString(),
        "--port",
        Integer.toString(lab.smtpPort()),
        "--timeout",
        "120");
    assertThat(out.toString()).contains("\"verdict\"");
    assertValid(out.toString().strip());
  }

  @Test
  void aMatchResultHasOneShapeAloneAndInAReport() throws Exception {
    TestCertificate leaf = TestCertificate.builder().dnsNames("mx.example.org").build();
    TlsaRecord record =
        TlsaGenerator.forCertificate(
            leaf.certificateDer(), TlsaUsage.DANE_EE, TlsaSelector.SPKI, TlsaMatchingType.SHA2_256);
    Instant now = Instant.now();
    TlsaMatchResult matched =
        TlsaMatcher.match(
            List.of(record), List.of(leaf.certificateDer()), Set.of(), now, TlsaProfile.SMTP);
    TlsaMatchResult unmatched =
        TlsaMatcher.match(
            List.of(TlsaRecord.parse("3 1 1 " + "00".repeat(32))),
            List.of(leaf.certificateDer()),
            Set.of(),
            now,
            TlsaProfile.SMTP);
    assertValid(DomainReportJson.toJson(matched));
    assertValid(DomainReportJson.toJson(unmatched));
    assertThat(DomainReportJson.toJson(unmatched))
        .contains("\"authenticated\":false")
        .contains("\"matchedRecord\":null")
        .contains("\"evaluations\":[");

    Path cert = leaf.writeCertificatePem(dir.resolve("leaf.pem"));
    StringWriter out = new StringWriter();
    CommandLine cl = DaneCheckCommand.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(new StringWriter()));
    cl.execute(
        "tlsa",
        "match",
        "--cert",
        cert.toString(),
        "--tlsa",
        record.toString(),
        "--host",
        "mx.example.org",
        "--json");
    assertThat(out.toString().strip()).isEqualTo(DomainReportJson.toJson(matched));
  }

  @Test
  void theScannersLineForAnInvalidEntryValidates() {
    assertValid(ScanEngine.invalidLine("not a domain!", "'not a domain!' contains ' '"));
  }
}
