/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A row of {@code width} int counters per string key (a server address, an MX host name), held in
 * flat arrays: the keys' UTF-8 bytes one after another in one {@code byte[]}, the counters in pages
 * of {@value #PAGE} rows (so that a million rows never need one big array, nor its copy when it
 * grows), and an open-addressing index. About {@code key bytes + 4 * width + 12} bytes an entry
 * (the key bytes and index up to twice that while they grow), against ~180 plus the counters for a
 * {@code HashMap<String, int[]>}. Not thread-safe: {@link ScanSummary} guards it.
 */
final class CountTable {
  /** Rows per page of counters. */
  static final int PAGE = 4096;

  private final int width;
  private byte[] keyBytes = new byte[1024];
  private int keyEnd;
  private int[] keyStart = new int[64]; // entry -> offset in keyBytes; entry + 1 -> its end
  private int[][] pages = new int[0][]; // entry -> pages[entry / PAGE][(entry % PAGE) * width]
  private int[] slots = new int[128]; // entry + 1, 0 for free
  private int size;

  CountTable(int width) {
    this.width = width;
  }

  int size() {
    return size;
  }

  int width() {
    return width;
  }

  /** The entry of a key, or -1 when absent. */
  int find(String key) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    int slot = slotOf(k, hash(k, 0, k.length));
    return slots[slot] - 1;
  }

  /** The entry of a key, added with zero counts when absent. */
  int findOrAdd(String key) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    int slot = slotOf(k, hash(k, 0, k.length));
    if (slots[slot] != 0) {
      return slots[slot] - 1;
    }
    int entry = size++;
    if (entry + 2 > keyStart.length) {
      keyStart = Arrays.copyOf(keyStart, keyStart.length * 2);
    }
    if (entry / PAGE == pages.length) {
      pages = Arrays.copyOf(pages, pages.length + 1);
      pages[pages.length - 1] = new int[PAGE * width];
    }
    if (keyEnd + k.length > keyBytes.length) {
      keyBytes = Arrays.copyOf(keyBytes, Math.max(keyBytes.length * 2, keyEnd + k.length));
    }
    System.arraycopy(k, 0, keyBytes, keyEnd, k.length);
    keyStart[entry] = keyEnd;
    keyEnd += k.length;
    keyStart[entry + 1] = keyEnd;
    slots[slot] = entry + 1;
    if (size * 2 > slots.length) {
      rehash(slots.length * 2);
    }
    return entry;
  }

  void add(int entry, int column, int n) {
    pages[entry / PAGE][(entry % PAGE) * width + column] += n;
  }

  int get(int entry, int column) {
    return pages[entry / PAGE][(entry % PAGE) * width + column];
  }

  /** A copy of an entry's counters. */
  int[] counts(int entry) {
    int from = (entry % PAGE) * width;
    return Arrays.copyOfRange(pages[entry / PAGE], from, from + width);
  }

  String key(int entry) {
    return new String(
        keyBytes, keyStart[entry], keyStart[entry + 1] - keyStart[entry], StandardCharsets.UTF_8);
  }

  /**
   * The entries in the order of their keys' UTF-8 bytes (unsigned), which is {@link
   * String#compareTo}'s order for the ASCII names and addresses a scan sees.
   */
  int[] sortedEntries() {
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(order, this::compareKeys);
    int[] sorted = new int[size];
    for (int i = 0; i < size; i++) {
      sorted[i] = order[i];
    }
    return sorted;
  }

  private int compareKeys(int a, int b) {
    return Arrays.compareUnsigned(
        keyBytes, keyStart[a], keyStart[a + 1], keyBytes, keyStart[b], keyStart[b + 1]);
  }

  /** The bytes the table's arrays take now (for the memory figures in docs/benchmarks.md). */
  long arrayBytes() {
    return keyBytes.length
        + 4L * (keyStart.length + slots.length)
        + (long) pages.length * (16 + 4L * PAGE * width)
        + 4 * 16;
  }

  private int slotOf(byte[] k, int hash) {
    int mask = slots.length - 1;
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      int e = slots[slot] - 1;
      if (e < 0 || Arrays.equals(k, 0, k.length, keyBytes, keyStart[e], keyStart[e + 1])) {
        return slot;
      }
    }
  }

  private void rehash(int length) {
    slots = new int[length];
    int mask = length - 1;
    for (int e = 0; e < size; e++) {
      int slot = hash(keyBytes, keyStart[e], keyStart[e + 1]) & mask;
      while (slots[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = e + 1;
    }
  }

  private static int hash(byte[] bytes, int from, int to) {
    int h = 0x9747b28c;
    for (int i = from; i < to; i++) {
      h = (h ^ bytes[i]) * 0x01000193;
    }
    return h ^ (h >>> 16);
  }
}
