/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import tools.jackson.databind.JsonNode;

/**
 * The Spark schema of the per-domain reports, derived from {@code docs/report.schema.json} (copied
 * into the jar) rather than written a second time: the result line is one of the schema's {@code
 * domainReport} or {@code invalidEntry}, so the Spark schema is the union of their properties, in
 * the schema's order. Mapping: object with properties to struct, array to array, string and enum to
 * string, integer to long, number to double, boolean to boolean, {@code [T, "null"]} and {@code
 * oneOf [T, null]} to T; a {@code const} to its value's type. Every field is nullable, as a Parquet
 * column must be for the union (an invalid entry has no verdict) and for JSON {@code null}s; which
 * fields are required stays the JSON schema's business.
 */
final class SparkReportSchema {
  private SparkReportSchema() {}

  private static final String RESOURCE = "/report.schema.json";

  /** The schema of a result line. */
  static StructType resultLine() {
    JsonNode root;
    try (InputStream in = SparkReportSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("report.schema.json is not in the jar");
      }
      root = ScanJson.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JsonNode defs = root.get("$defs");
    Map<String, DataType> fields = new LinkedHashMap<>();
    for (String def : List.of("domainReport", "invalidEntry")) {
      StructType t = (StructType) type(defs.get(def), defs);
      for (StructField f : t.fields()) {
        fields.putIfAbsent(f.name(), f.dataType());
      }
    }
    return struct(fields);
  }

  private static StructType struct(Map<String, DataType> fields) {
    List<StructField> list = new ArrayList<>();
    fields.forEach((name, type) -> list.add(DataTypes.createStructField(name, type, true)));
    return DataTypes.createStructType(list);
  }

  private static DataType type(JsonNode node, JsonNode defs) {
    if (node.has("$ref")) {
      String ref = node.get("$ref").stringValue();
      return type(defs.get(ref.substring(ref.lastIndexOf('/') + 1)), defs);
    }
    if (node.has("oneOf")) {
      for (JsonNode alternative : node.get("oneOf")) {
        if (!"null".equals(alternative.path("type").stringValue(""))) {
          return type(alternative, defs);
        }
      }
    }
    if (node.has("const")) {
      JsonNode c = node.get("const");
      return c.isIntegralNumber()
          ? DataTypes.LongType
          : c.isBoolean() ? DataTypes.BooleanType : DataTypes.StringType;
    }
    JsonNode t = node.get("type");
    String name = "string";
    if (t != null && t.isArray()) {
      for (JsonNode each : t) {
        if (!"null".equals(each.stringValue())) {
          name = each.stringValue();
        }
      }
    } else if (t != null) {
      name = t.stringValue();
    }
    return switch (name) {
      case "object" -> {
        Map<String, DataType> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> p : node.path("properties").properties()) {
          fields.put(p.getKey(), type(p.getValue(), defs));
        }
        yield struct(fields);
      }
      case "array" -> DataTypes.createArrayType(type(node.get("items"), defs), true);
      case "integer" -> DataTypes.LongType;
      case "number" -> DataTypes.DoubleType;
      case "boolean" -> DataTypes.BooleanType;
      default -> DataTypes.StringType;
    };
  }
}
