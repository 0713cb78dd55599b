/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.check;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import org.danecheck.core.internal.smtp.ProbeRequest;
import org.danecheck.core.internal.smtp.ProbeResult;

/**
 * Completed endpoint probe results shared across checks, for scanners: keyed by the whole probe
 * request (host name, address, port, SNI, certificate algorithm, anonymous suites), kept for a
 * maximum age and bounded by the bytes they hold ({@link ProbeResult#weightBytes()}: a hostile
 * server's megabyte chain weighs what it costs). Results cut short by their callers ({@link
 * ProbeResult#cut()}) are never kept: they say nothing about the server. Probes in flight are
 * shared by {@link SharedProbes}, not here.
 */
final class ProbeCache {
  private final Cache<ProbeRequest, ProbeResult> results;

  ProbeCache(Duration maxAge, long maxBytes) {
    this.results =
        Caffeine.newBuilder()
            .expireAfterWrite(maxAge)
            .maximumWeight(maxBytes)
            .weigher((ProbeRequest k, ProbeResult v) -> weight(v))
            // Maintenance on the calling thread: Caffeine's default is the common pool.
            .executor(Runnable::run)
            .build();
  }

  private static int weight(ProbeResult result) {
    return (int) Math.min(Integer.MAX_VALUE, result.weightBytes());
  }

  Optional<ProbeResult> get(ProbeRequest request) {
    return Optional.ofNullable(results.getIfPresent(request));
  }

  void put(ProbeResult result) {
    if (!result.cut()) {
      results.put(result.request(), result);
    }
  }

  /** How many results are kept now (after pending evictions). */
  long size() {
    results.cleanUp();
    return results.estimatedSize();
  }

  /** The estimated bytes the kept results hold now. */
  long weightBytes() {
    results.cleanUp();
    return results.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
  }
}
