/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Parquet schema is docs/report.schema.json's: every property of a domain report and of an
 * invalid entry, at every depth, with the mapped type. The reference is the JSON schema file
 * itself, walked here independently of {@link SparkReportSchema}'s own walk.
 */
class SparkReportSchemaTest {
  @Test
  void everyPropertyOfTheJsonSchemaIsAColumn() throws IOException {
    JsonNode root =
        ScanJson.parseObject(Files.readString(Path.of("..", "docs", "report.schema.json")));
    JsonNode defs = root.get("$defs");
    StructType spark = SparkReportSchema.resultLine();
    List<String> expected = new ArrayList<>();
    paths(defs.get("domainReport"), defs, "", expected);
    paths(defs.get("invalidEntry"), defs, "", expected);
    List<String> actual = new ArrayList<>();
    paths(spark, "", actual);
    assertThat(actual).containsAll(expected);
    assertThat(expected).containsAll(actual);
  }

  @Test
  void typesAreMapped() {
    StructType s = SparkReportSchema.resultLine();
    assertThat(s.apply("elapsedMillis").dataType()).isEqualTo(DataTypes.LongType);
    assertThat(s.apply("invalid").dataType()).isEqualTo(DataTypes.BooleanType);
    assertThat(s.apply("verdict").dataType()).isEqualTo(DataTypes.StringType);
    StructType host = (StructType) ((ArrayType) s.apply("mxHosts").dataType()).elementType();
    StructType endpoint =
        (StructType) ((ArrayType) host.apply("endpoints").dataType()).elementType();
    assertThat(endpoint.apply("tlsVersion").dataType()).isEqualTo(DataTypes.StringType);
    assertThat(endpoint.apply("tlsaMatch").dataType()).isInstanceOf(StructType.class);
    assertThat(endpoint.apply("port").dataType()).isEqualTo(DataTypes.LongType);
  }

  private static void paths(JsonNode node, JsonNode defs, String prefix, List<String> out) {
    if (node.has("$ref")) {
      String ref = node.get("$ref").stringValue();
      paths(defs.get(ref.substring(ref.lastIndexOf('/') + 1)), defs, prefix, out);
      return;
    }
    if (node.has("oneOf")) {
      for (JsonNode alternative : node.get("oneOf")) {
        paths(alternative, defs, prefix, out);
      }
      return;
    }
    if (node.has("items")) {
      paths(node.get("items"), defs, prefix + "[]", out);
    }
    for (var p : node.path("properties").properties()) {
      String path = prefix + "." + p.getKey();
      if (!out.contains(path)) {
        out.add(path);
      }
      paths(p.getValue(), defs, path, out);
    }
  }

  private static void paths(DataType type, String prefix, List<String> out) {
    if (type instanceof ArrayType a) {
      paths(a.elementType(), prefix + "[]", out);
    } else if (type instanceof StructType s) {
      for (StructField f : s.fields()) {
        String path = prefix + "." + f.name();
        if (!out.contains(path)) {
          out.add(path);
        }
        paths(f.dataType(), path, out);
      }
    }
  }
}
