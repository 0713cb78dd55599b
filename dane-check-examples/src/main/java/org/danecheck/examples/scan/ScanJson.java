/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The scanner's JSON (result lines, summaries), read and written with Jackson 3. Reading is bounded
 * (nesting, string and document length) and strict (duplicate names are an error), because {@code
 * --resume} and {@code merge} read files that may have been edited or truncated. The accessors turn
 * wrong types into {@link IllegalArgumentException}, the scanner's "not such a file".
 */
final class ScanJson {
  /** One result line is a few KB; a hostile server's certificates can make it a few MB. */
  private static final StreamReadConstraints LIMITS =
      StreamReadConstraints.builder()
          .maxNestingDepth(64)
          .maxStringLength(16 * 1024 * 1024)
          .maxDocumentLength(256L * 1024 * 1024)
          .build();

  static final JsonMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(LIMITS)
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .build())
          .build();

  private ScanJson() {}

  /** A new object to fill, members in insertion order. */
  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** One line of JSON. */
  static String write(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  /**
   * Parses one JSON text that must be an object.
   *
   * @throws IllegalArgumentException when the text is not JSON or not an object
   */
  static JsonNode parseObject(String text) {
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
    return object(node);
  }

  /** The node itself when it is an object. */
  static JsonNode object(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object: " + node);
    }
    return node;
  }

  /** The elements of an array; none when absent or null. */
  static List<JsonNode> array(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException("not a JSON array: " + node);
    }
    return List.copyOf(node.values());
  }

  /**
   * A string member, or null when absent or JSON null.
   *
   * @throws IllegalArgumentException when it is another type
   */
  static String string(JsonNode o, String name) {
    JsonNode v = o.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isString()) {
      throw new IllegalArgumentException("\"" + name + "\" is not a string: " + v);
    }
    return v.stringValue();
  }

  /**
   * The constant an enum has for a string member.
   *
   * @throws IllegalArgumentException when absent, not a string or no such constant
   */
  static <E extends Enum<E>> E constant(Class<E> type, JsonNode o, String name) {
    String v = string(o, name);
    if (v == null) {
      throw new IllegalArgumentException("\"" + name + "\" is missing");
    }
    try {
      return Enum.valueOf(type, v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"" + name + "\": unknown value '" + v + "'");
    }
  }

  /**
   * A whole number from 0 to {@code max}.
   *
   * @throws IllegalArgumentException when it is not one
   */
  static long count(JsonNode v, long max) {
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new IllegalArgumentException("not a whole number: " + v);
    }
    long n = v.longValue();
    if (n < 0 || n > max) {
      throw new IllegalArgumentException("a count out of range: " + n);
    }
    return n;
  }
}
