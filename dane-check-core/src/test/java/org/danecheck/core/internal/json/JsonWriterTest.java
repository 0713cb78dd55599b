/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonWriterTest {
  @Test
  void writesNestedStructures() {
    String json =
        new JsonWriter()
            .beginObject()
            .field("a", 1)
            .name("b")
            .beginArray()
            .value("x")
            .value(true)
            .nullValue()
            .endArray()
            .field("c", "y")
            .endObject()
            .toString();
    assertThat(json).isEqualTo("{\"a\":1,\"b\":[\"x\",true,null],\"c\":\"y\"}");
  }

  @Test
  void escapesWhatHostileServersSend() {
    // A greeting may carry quotes, backslashes, control characters and broken UTF-16.
    String json = new JsonWriter().value("a\"b\\c\nd\u0001e\ud800f").toString();
    assertThat(json).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001e\\ud800f\"");
  }

  @Test
  void rejectsAValueAfterANameIsDue() {
    JsonWriter w = new JsonWriter().beginObject().name("a");
    assertThatThrownBy(() -> w.name("b")).isInstanceOf(IllegalStateException.class);
  }
}
