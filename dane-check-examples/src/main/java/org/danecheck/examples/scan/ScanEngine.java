/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.danecheck.DomainReport;
import org.danecheck.core.DomainReportJson;
import tools.jackson.databind.node.ObjectNode;

/**
 * The scan loop: reads entries one at a time, skips other shards' entries, duplicates and those
 * already done, waits for the rate limiter and for one of {@code concurrency} slots (so the reader
 * is held back while the checks are busy: nothing queues up in memory), starts the check, and
 * writes each result line and flushes it as it completes.
 *
 * <p>{@link #stop()} (an interrupted scan) closes the output first: from then on no line is
 * written, so the checks still in flight, which the checker's close then cuts short, leave no
 * trace, and {@code --resume} redoes them. A line and its summary facts are recorded together under
 * one lock, so the summary is made of exactly the lines written.
 */
final class ScanEngine {
  /**
   * How to scan.
   *
   * @param concurrency domains in flight at most
   * @param rate new domains a second at most, or null for no limit
   * @param shardIndex this shard, 0-based
   * @param shardCount the number of shards (1: no sharding)
   */
  record Options(int concurrency, TokenBucket rate, int shardIndex, int shardCount) {
    Options {
      if (concurrency < 1 || shardCount < 1 || shardIndex < 0 || shardIndex >= shardCount) {
        throw new IllegalArgumentException(
            "bad scan options: concurrency "
                + concurrency
                + ", shard "
                + shardIndex
                + "/"
                + shardCount);
      }
    }
  }

  private final Options options;
  private final Function<String, CompletableFuture<DomainReport>> check;
  private final Writer out;
  private final ScanSummary summary;
  private final LongHashSet seen;
  private final DomainHash hash = new DomainHash();
  private final Semaphore slots;
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private volatile IOException writeFailure;
  private volatile boolean stopping;

  /** Guarded by {@code out}: no line may be written any more. */
  private boolean closed;

  ScanEngine(
      Options options,
      Function<String, CompletableFuture<DomainReport>> check,
      Writer out,
      ScanSummary summary,
      LongHashSet seen) {
    this.options = options;
    this.check = check;
    this.out = out;
    this.summary = summary;
    this.seen = seen;
    this.slots = new Semaphore(options.concurrency());
  }

  /** The key of a result line for resume: the stable hash of its domain (or raw invalid text). */
  long keyHash(String key) {
    return hash.of(key);
  }

  /** Whether an entry with this key belongs to this shard. */
  boolean inShard(String key) {
    return options.shardCount() == 1
        || DomainHash.shardOf(hash.of(key), options.shardCount()) == options.shardIndex();
  }

  long done() {
    return done.get();
  }

  /** Entries skipped as duplicates or already in the output. */
  long skipped() {
    return skipped.get();
  }

  /**
   * Scans every entry and waits for the last check.
   *
   * @throws IOException when the output cannot be written
   */
  void run(Iterator<DomainInput.Entry> input) throws IOException, InterruptedException {
    while (!stopping && writeFailure == null && input.hasNext()) {
      DomainInput.Entry entry = input.next();
      long h = hash.of(entry.key());
      if (options.shardCount() > 1
          && DomainHash.shardOf(h, options.shardCount()) != options.shardIndex()) {
        continue;
      }
      if (!seen.add(h)) {
        skipped.incrementAndGet();
        continue;
      }
      if (!entry.valid()) {
        complete(
            invalidLine(entry.key(), entry.reason()),
            ScanFacts.invalid(entry.key(), entry.reason()));
        continue;
      }
      if (options.rate() != null) {
        options.rate().take();
      }
      slots.acquire();
      if (stopping) {
        break; // woken by stop(): this entry was not started
      }
      CompletableFuture<DomainReport> future;
      try {
        future = check.apply(entry.key());
      } catch (RuntimeException e) {
        slots.release();
        String reason = "not checked: " + e.getMessage();
        complete(invalidLine(entry.key(), reason), ScanFacts.invalid(entry.key(), reason));
        continue;
      }
      future.whenComplete(
          (report, error) -> {
            try {
              if (error != null) {
                String reason = "check failed: " + error;
                complete(invalidLine(entry.key(), reason), ScanFacts.invalid(entry.key(), reason));
              } else {
                complete(DomainReportJson.toJson(report), ScanFacts.of(report));
              }
            } catch (RuntimeException e) {
              writeFailure = new IOException("cannot record " + entry.key() + ": " + e, e);
            } finally {
              slots.release();
            }
          });
    }
    if (!stopping) {
      slots.acquire(options.concurrency());
      slots.release(options.concurrency());
    }
    if (writeFailure != null) {
      throw writeFailure;
    }
    synchronized (out) {
      out.flush();
    }
  }

  /**
   * Stops the scan (SIGINT, SIGTERM): no new entry is started, no line is written from now on (the
   * checks in flight are dropped: their reports would be cut short by the shutdown), and {@link
   * #run} returns without waiting for them. Idempotent; callable from any thread.
   */
  void stop() {
    stopping = true;
    synchronized (out) {
      closed = true;
      try {
        out.flush();
      } catch (IOException e) {
        writeFailure = e;
      }
    }
    slots.release(options.concurrency()); // wakes run() if it waits for a slot
  }

  /** Whether {@link #stop()} was called. */
  boolean stopped() {
    return stopping;
  }

  private void complete(String line, ScanFacts facts) {
    synchronized (out) {
      if (closed) {
        return;
      }
      try {
        out.write(line);
        out.write('\n');
        out.flush();
      } catch (IOException e) {
        writeFailure = e;
        throw new UncheckedIOException(e);
      }
      summary.add(facts, line);
      done.incrementAndGet();
    }
  }

  /** The result line of an entry that is not a domain name (or could not be checked). */
  static String invalidLine(String key, String reason) {
    ObjectNode line = ScanJson.object();
    line.put("schemaVersion", DomainReportJson.SCHEMA_VERSION);
    line.put("domain", key);
    line.put("invalid", true);
    line.put("reason", reason);
    return ScanJson.write(line);
  }
}
