/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DomainInputTest {
  private static List<DomainInput.Entry> read(String text) {
    List<DomainInput.Entry> out = new ArrayList<>();
    new DomainInput(new BufferedReader(new StringReader(text))).forEachRemaining(out::add);
    return out;
  }

  @Test
  void plainLinesAreNormalizedAndCommentsAndBlanksSkipped() {
    List<DomainInput.Entry> entries = read("# a list\n\nExample.ORG.\n  mail.example.net  \n");
    assertThat(entries)
        .extracting(DomainInput.Entry::key)
        .containsExactly("example.org", "mail.example.net");
    assertThat(entries).allMatch(DomainInput.Entry::valid);
    assertThat(entries.get(0).lineNumber()).isEqualTo(3);
  }

  @Test
  void csvRankDomainTakesTheDomainAndSkipsTheHeader() {
    assertThat(read("rank,domain\n1,google.com\n2,\"Facebook.com\"\n"))
        .extracting(DomainInput.Entry::key)
        .containsExactly("google.com", "facebook.com");
  }

  @Test
  void invalidNamesAreEntriesWithAReasonNotErrors() {
    List<DomainInput.Entry> entries = read("bad..name\nok.example\n" + "x".repeat(2000) + "\n");
    assertThat(entries).hasSize(3);
    assertThat(entries.get(0).valid()).isFalse();
    assertThat(entries.get(0).reason()).isNotEmpty();
    assertThat(entries.get(1).valid()).isTrue();
    assertThat(entries.get(2).valid()).isFalse();
    assertThat(entries.get(2).reason()).contains("longer");
  }

  @Test
  void longHashSetDeduplicatesAndGrows() {
    LongHashSet set = new LongHashSet(4);
    DomainHash hash = new DomainHash();
    for (int i = 0; i < 10_000; i++) {
      assertThat(set.add(hash.of("d" + i + ".example"))).isTrue();
    }
    assertThat(set.add(hash.of("d42.example"))).isFalse();
    assertThat(set.add(0)).isTrue();
    assertThat(set.add(0)).isFalse();
    assertThat(set.size()).isEqualTo(10_001);
    assertThat(set.contains(hash.of("d9999.example"))).isTrue();
    assertThat(set.contains(hash.of("nope.example"))).isFalse();
  }

  @Test
  void shardsAreStableAndPartitionTheInput() {
    DomainHash hash = new DomainHash();
    // Stable across runs and JVMs: SHA-256's first 8 bytes, not String.hashCode().
    assertThat(hash.of("example.org")).isEqualTo(hash.of("example.org"));
    assertThat(DomainHash.shardOf(hash.of("example.org"), 7))
        .isEqualTo(DomainHash.shardOf(new DomainHash().of("example.org"), 7));
    int n = 4;
    int[] sizes = new int[n];
    for (int i = 0; i < 4000; i++) {
      int s = DomainHash.shardOf(hash.of("d" + i + ".example"), n);
      assertThat(s).isBetween(0, n - 1); // exactly one shard each: disjoint, union is all
      sizes[s]++;
    }
    for (int size : sizes) {
      assertThat(size).isBetween(800, 1200);
    }
    assertThat(DaneScanCommand.parseShard("2/4")).containsExactly(1, 4);
    assertThat(DaneScanCommand.parseShard(null)).containsExactly(0, 1);
  }

  @Test
  void tokenBucketMathWithAnInjectedClock() {
    long[] now = {0};
    TokenBucket bucket = new TokenBucket(10, 2, () -> now[0]);
    assertThat(bucket.tryTake()).isZero(); // burst of 2
    assertThat(bucket.tryTake()).isZero();
    assertThat(bucket.tryTake()).isEqualTo(100_000_000L); // 1/10 s until the next
    now[0] += 50_000_000L;
    assertThat(bucket.tryTake()).isEqualTo(50_000_000L);
    now[0] += 50_000_000L;
    assertThat(bucket.tryTake()).isZero();
    now[0] += 10_000_000_000L; // long idle: at most the burst is saved
    assertThat(bucket.tryTake()).isZero();
    assertThat(bucket.tryTake()).isZero();
    assertThat(bucket.tryTake()).isPositive();
  }
}
