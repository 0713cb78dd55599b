/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.check;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.danecheck.core.internal.AsyncPermits.Permit;
import org.danecheck.core.internal.Deadline;
import org.danecheck.core.internal.Waiters;
import org.danecheck.core.internal.smtp.ProbeRequest;
import org.danecheck.core.internal.smtp.ProbeResult;
import org.danecheck.core.internal.smtp.SmtpProber;

/**
 * Runs endpoint probes for checks.
 *
 * <ul>
 *   <li>A probe first waits for a slot to its server ({@link ServerSlots}) in a queue, holding no
 *       thread; only then does it take a probe thread.
 *   <li>A probe runs under its own limits, not its callers' deadlines: the prober's connect and
 *       command timeouts, and a budget counted from when it got its slot. Each caller waits for it
 *       until its own deadline only.
 *   <li>With a {@link ProbeCache}, checks asking for the same endpoint share the probe in flight,
 *       then its result.
 *   <li>When every caller is gone (deadline, cancel, close), the probe is stopped: its slot wait
 *       ends, its socket is closed, and its result, being {@link ProbeResult#cut() cut}, is never
 *       cached.
 * </ul>
 */
final class SharedProbes {
  private final SmtpProber prober;
  private final Executor pool;
  private final ServerSlots slots;
  private final Duration budget;
  private final Optional<ProbeCache> cache;
  private final ConcurrentMap<ProbeRequest, Shared> inFlight = new ConcurrentHashMap<>();
  private final Set<Shared> running = ConcurrentHashMap.newKeySet();

  SharedProbes(
      SmtpProber prober,
      Executor pool,
      ServerSlots slots,
      Duration budget,
      Optional<ProbeCache> cache) {
    this.prober = prober;
    this.pool = pool;
    this.slots = slots;
    this.budget = budget;
    this.cache = cache;
  }

  /**
   * The probe's result for one caller. When the caller's deadline ends first, the future completes
   * with a {@link ProbeResult#cut() cut} result the caller no longer needs.
   */
  CompletableFuture<ProbeResult> probe(ProbeRequest request, Deadline caller) {
    if (caller.expired()) {
      return CompletableFuture.completedFuture(
          ProbeResult.notProbed(request, "its check ended first"));
    }
    if (cache.isEmpty()) {
      Shared shared = create(request);
      shared.begin();
      CompletableFuture<ProbeResult> joined = shared.join(caller);
      return joined != null ? joined : shared.published;
    }
    Optional<ProbeResult> cached = cache.get().get(request);
    if (cached.isPresent()) {
      return CompletableFuture.completedFuture(cached.get());
    }
    return Waiters.joinOrStart(
        inFlight, request, shared -> !shared.waiters.stopped(), this::create, s -> s.join(caller));
  }

  /** Stops every probe (the checker closes): slot waits end, sockets close. */
  void stopAll() {
    for (Shared shared : running) {
      shared.stop.cancel();
    }
  }

  private Shared create(ProbeRequest request) {
    Shared shared = new Shared(request);
    running.add(shared);
    // Bookkeeping before any caller sees the result: a caller that asks again at once finds it
    // cached, not a probe that is still in the map.
    shared.result.whenComplete(
        (r, e) -> {
          running.remove(shared);
          if (r != null) {
            cache.ifPresent(c -> c.put(r));
          }
          inFlight.remove(request, shared);
          if (e != null) {
            shared.published.completeExceptionally(e);
          } else {
            shared.published.complete(r);
          }
        });
    return shared;
  }

  /** One probe and the callers waiting for it. */
  private final class Shared implements Waiters.Work<ProbeResult> {
    final ProbeRequest request;

    /** Cancelled when no caller waits any more; no time limit of its own. */
    final Deadline stop = Deadline.after(Duration.ofDays(3650));

    /** Completed by the probe. */
    final CompletableFuture<ProbeResult> result = new CompletableFuture<>();

    /** What callers get: {@link #result}, once it is cached and out of the map. */
    final CompletableFuture<ProbeResult> published = new CompletableFuture<>();

    final Waiters<ProbeResult> waiters = new Waiters<>(stop, published);

    Shared(ProbeRequest request) {
      this.request = request;
    }

    void run(Permit permit) {
      try {
        Deadline own = Deadline.after(budget);
        Runnable unhook = stop.onCancel(own::cancel);
        try {
          result.complete(prober.probe(request, own));
        } finally {
          unhook.run();
        }
      } catch (RuntimeException | Error e) {
        result.completeExceptionally(e);
        throw e;
      } finally {
        permit.release();
      }
    }

    @Override
    public CompletableFuture<ProbeResult> result() {
      return published;
    }

    @Override
    public void begin() {
      if (result.isDone()) {
        return; // stopped before it began
      }
      slots
          .acquire(request.address(), stop)
          .thenAccept(
              permit -> {
                if (!permit.granted()) {
                  result.complete(
                      ProbeResult.notProbed(request, "no connection slot before its checks ended"));
                  return;
                }
                try {
                  pool.execute(() -> run(permit));
                } catch (RejectedExecutionException e) {
                  permit.release();
                  result.complete(ProbeResult.notProbed(request, "the checker was closed"));
                }
              });
    }

    /** A future for this caller, or null when the probe was stopped already. */
    CompletableFuture<ProbeResult> join(Deadline caller) {
      // Probe callers leave when their checks cut them (the engine cancels their deadlines).
      return waiters.join(caller, why -> ProbeResult.notProbed(request, why), null);
    }
  }
}
