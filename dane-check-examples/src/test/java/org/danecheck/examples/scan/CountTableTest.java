/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CountTableTest {
  @Test
  void countsAsAMapOfArraysWouldThroughEveryGrowth() {
    CountTable table = new CountTable(3);
    Map<String, int[]> reference = new HashMap<>();
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 50_000; i++) {
      String key =
          random.nextInt(4) == 0
              ? "2001:db8::" + Integer.toHexString(random.nextInt(20_000))
              : "mx" + random.nextInt(20_000) + ".hoster-é.example.";
      int column = random.nextInt(3);
      table.add(table.findOrAdd(key), column, 1);
      reference.computeIfAbsent(key, k -> new int[3])[column]++;
    }
    assertThat(table.size()).isEqualTo(reference.size());
    reference.forEach(
        (key, counts) -> {
          int entry = table.find(key);
          assertThat(entry).isNotNegative();
          assertThat(table.key(entry)).isEqualTo(key);
          assertThat(table.counts(entry)).containsExactly(counts);
        });
    assertThat(table.find("absent.example.")).isEqualTo(-1);
    assertThat(table.size()).isGreaterThan(2 * CountTable.PAGE); // rows on several pages
  }

  @Test
  void sortsEntriesByKeyAsATreeMapWould() {
    CountTable table = new CountTable(1);
    List<String> keys = List.of("b.example.", "a.example.", "192.0.2.10", "192.0.2.9", "::1", "");
    keys.forEach(table::findOrAdd);
    List<String> sorted = new ArrayList<>();
    for (int e : table.sortedEntries()) {
      sorted.add(table.key(e));
    }
    assertThat(sorted)
        .containsExactlyElementsOf(
            new TreeMap<>(
                    Map.of(
                        "b.example.",
                        1,
                        "a.example.",
                        1,
                        "192.0.2.10",
                        1,
                        "192.0.2.9",
                        1,
                        "::1",
                        1,
                        "",
                        1))
                .keySet());
  }
}
