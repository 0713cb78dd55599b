/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A stable 64-bit hash of an input key: the first 8 bytes of its SHA-256 (UTF-8). Stable across
 * JVMs and machines (unlike {@link String#hashCode()}), so shards and resumed runs agree. Not
 * thread-safe: one per thread.
 */
final class DomainHash {
  private final MessageDigest sha256;

  DomainHash() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }

  long of(String key) {
    byte[] d = sha256.digest(key.getBytes(StandardCharsets.UTF_8));
    long h = 0;
    for (int i = 0; i < 8; i++) {
      h = (h << 8) | (d[i] & 0xff);
    }
    return h;
  }

  /** The shard (0 to count - 1) of a hash: the unsigned hash modulo the shard count. */
  static int shardOf(long hash, int count) {
    return (int) Long.remainderUnsigned(hash, count);
  }
}
