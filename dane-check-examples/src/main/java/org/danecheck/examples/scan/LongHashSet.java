/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

/**
 * A set of 64-bit hashes in one {@code long[]} with open addressing (linear probing), for
 * deduplicating inputs of millions of names in little memory: 8 bytes per slot, at most 80% full,
 * grown by half, so 10 to 15 bytes per name (10M names: 100 to 150 MB, plus the old array while
 * growing). Two names whose hashes collide (probability about n²/2⁶⁵: 3·10⁻⁶ for 10M names) count
 * as one: the second would be skipped as a duplicate.
 */
final class LongHashSet {
  private static final long EMPTY = 0;
  private long[] slots;
  private int size;
  private boolean hasZero;

  LongHashSet(int expected) {
    slots = new long[Math.max(16, (int) (expected / 0.8) + 1)];
  }

  /** Adds the value; whether it was new. */
  boolean add(long value) {
    if (value == EMPTY) {
      boolean added = !hasZero;
      hasZero = true;
      return added;
    }
    if (size + 1 > slots.length * 0.8) {
      grow();
    }
    if (insert(slots, value)) {
      size++;
      return true;
    }
    return false;
  }

  boolean contains(long value) {
    if (value == EMPTY) {
      return hasZero;
    }
    int i = index(value, slots.length);
    while (slots[i] != EMPTY) {
      if (slots[i] == value) {
        return true;
      }
      i = i + 1 == slots.length ? 0 : i + 1;
    }
    return false;
  }

  int size() {
    return size + (hasZero ? 1 : 0);
  }

  private static boolean insert(long[] table, long value) {
    int i = index(value, table.length);
    while (table[i] != EMPTY) {
      if (table[i] == value) {
        return false;
      }
      i = i + 1 == table.length ? 0 : i + 1;
    }
    table[i] = value;
    return true;
  }

  private static int index(long value, int length) {
    long mixed = value * 0x9E3779B97F4A7C15L;
    return (int) (((mixed >>> 32) * length) >>> 32);
  }

  private void grow() {
    long[] bigger = new long[slots.length + slots.length / 2];
    for (long v : slots) {
      if (v != EMPTY) {
        insert(bigger, v);
      }
    }
    slots = bigger;
  }
}
