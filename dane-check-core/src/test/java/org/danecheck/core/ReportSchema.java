/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.danecheck.DomainReport;

/**
 * Issue 13, one JSON shape: the lab scenario tests pass every report they make through here, so
 * that the JSON of each scenario (what {@code check --json} and dane-scan write) validates against
 * {@code docs/report.schema.json} (networknt, draft 2020-12).
 */
final class ReportSchema {
  private static final Schema SCHEMA = load();

  private ReportSchema() {}

  /** The report, after checking that its JSON validates against the schema. */
  static DomainReport valid(DomainReport report) {
    String json = DomainReportJson.toJson(report);
    assertThat(SCHEMA.validate(json, InputFormat.JSON))
        .as("schema errors for %s", report.domain())
        .isEmpty();
    return report;
  }

  private static Schema load() {
    try {
      String text = Files.readString(Path.of("..", "docs", "report.schema.json"));
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(text, InputFormat.JSON);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
