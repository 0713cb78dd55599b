package org.danecheck.core.internal.check;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.danecheck.core.internal.AsyncPermits.Permit;
import org.danecheck.core.internal.Deadline;
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
  private final Map<ProbeRequest, Shared> inFlight = new ConcurrentHashMap<>();
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
    if (cache.isEmpty()) {
      return start(request).join(caller);
    }
    Optional<ProbeResult> cached = cache.get().get(request);
    if (cached.isPresent()) {
      return CompletableFuture.completedFuture(cached.get());
    }
    while (true) {
      Shared shared = inFlight.compute(request, (k, s) -> s == null || s.stopped() ? start(k) : s);
      CompletableFuture<ProbeResult> joined = shared.join(caller);
      if (joined != null) {
        return joined;
      }
      inFlight.remove(request, shared); // stopped between compute and join: start afresh
    }
  }

  /** Stops every probe (the checker closes): slot waits end, sockets close. */
  void stopAll() {
    for (Shared shared : running) {
      shared.stop.cancel();
    }
  }

  private Shared start(ProbeRequest request) {
    Shared shared = new Shared(request);
    running.add(shared);
    shared.result.whenComplete(
        (r, e) -> {
          running.remove(shared);
          if (r != null) {
            cache.ifPresent(c -> c.put(r));
          }
          inFlight.remove(request, shared);
        });
    slots
        .acquire(request.address(), shared.stop)
        .thenAccept(
            permit -> {
              if (!permit.granted()) {
                shared.result.complete(
                    ProbeResult.notProbed(request, "no connection slot before its checks ended"));
                return;
              }
              try {
                pool.execute(() -> shared.run(permit));
              } catch (RejectedExecutionException e) {
                permit.release();
                shared.result.complete(ProbeResult.notProbed(request, "the checker was closed"));
              }
            });
    return shared;
  }

  /** One probe and the callers waiting for it. */
  private final class Shared {
    final ProbeRequest request;

    /** Cancelled when no caller waits any more; no time limit of its own. */
    final Deadline stop = Deadline.after(Duration.ofDays(3650));

    final CompletableFuture<ProbeResult> result = new CompletableFuture<>();
    private int waiters; // guarded by this

    Shared(ProbeRequest request) {
      this.request = request;
    }

    boolean stopped() {
      return stop.cancelled();
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

    /** A future for this caller, or null when the probe was stopped already. */
    CompletableFuture<ProbeResult> join(Deadline caller) {
      synchronized (this) {
        if (stop.cancelled()) {
          return null;
        }
        waiters++;
      }
      CompletableFuture<ProbeResult> mine = new CompletableFuture<>();
      Runnable unhook = caller.onCancel(() -> leave(mine));
      result.whenComplete(
          (r, e) -> {
            unhook.run();
            if (e != null) {
              mine.completeExceptionally(e);
            } else {
              mine.complete(r);
            }
          });
      return mine;
    }

    private void leave(CompletableFuture<ProbeResult> mine) {
      if (!mine.complete(ProbeResult.notProbed(request, "its check ended first"))) {
        return; // the result came first
      }
      synchronized (this) {
        // Under the lock, so no caller joins a probe that is being stopped.
        if (--waiters == 0 && !result.isDone()) {
          stop.cancel();
        }
      }
    }
  }
}
