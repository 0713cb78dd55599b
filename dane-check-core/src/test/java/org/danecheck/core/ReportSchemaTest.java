/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.danecheck.DaneVerdict;
import org.danecheck.HostStatus;
import org.danecheck.MtaAction;
import org.danecheck.MxSource;
import org.danecheck.ProblemCode;
import org.junit.jupiter.api.Test;

/** docs/report.schema.json names every value the report's enums can take. */
class ReportSchemaTest {
  @Test
  void schemaNamesEveryEnumValue() throws IOException {
    String schema = Files.readString(Path.of("..", "docs", "report.schema.json"));
    Stream.of(
            HostStatus.values(),
            MxSource.values(),
            MtaAction.values(),
            DaneVerdict.values(),
            ProblemCode.values())
        .flatMap(Stream::of)
        .forEach(v -> assertThat(schema).as("schema").contains("\"" + v.name() + "\""));
  }
}
