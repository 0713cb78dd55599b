package org.danecheck.core.internal.check;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.danecheck.core.internal.smtp.ProbeRequest;
import org.danecheck.core.internal.smtp.ProbeResult;

/**
 * Endpoint probe results shared across checks, for scanners: keyed by the whole probe request (host
 * name, address, port, SNI, certificate algorithm, anonymous suites), kept for a maximum age, least
 * recently used evicted first. A probe in flight is shared by everyone who asks for the same key,
 * so a scan contacts each mail server once.
 */
final class ProbeCache {
  private final long maxAgeNanos;
  private final int maxEntries;
  private final Map<ProbeRequest, Entry> entries;

  private record Entry(CompletableFuture<ProbeResult> result, long createdNanos) {}

  ProbeCache(Duration maxAge, int maxEntries) {
    this.maxAgeNanos = maxAge.toNanos();
    this.maxEntries = maxEntries;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<ProbeRequest, Entry> eldest) {
            return size() > ProbeCache.this.maxEntries;
          }
        };
  }

  /** The cached or in-flight probe for this request, or a new one from the supplier. */
  CompletableFuture<ProbeResult> get(
      ProbeRequest request, Supplier<CompletableFuture<ProbeResult>> probe) {
    long now = System.nanoTime();
    CompletableFuture<ProbeResult> created;
    synchronized (this) {
      Entry entry = entries.get(request);
      if (entry != null && now - entry.createdNanos() < maxAgeNanos) {
        return entry.result();
      }
      created = new CompletableFuture<>();
      entries.put(request, new Entry(created, now));
    }
    // Started outside the lock; the placeholder makes concurrent askers share this probe.
    probe
        .get()
        .whenComplete(
            (r, e) -> {
              if (e != null) {
                created.completeExceptionally(e);
              } else {
                created.complete(r);
              }
            });
    return created;
  }
}
