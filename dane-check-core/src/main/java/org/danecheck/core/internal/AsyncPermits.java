/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * At most a fixed number of permits per key, handed out in order of asking, and waited for without
 * a thread: {@link #acquire} returns a future that completes when a permit is free, or with {@link
 * Permit#NONE} when the waiter's deadline is cancelled or has passed by the time one frees up.
 * Releasing hands the permit straight to the next live waiter. Only keys in use are remembered, so
 * a scan of a million servers keeps no state for idle ones.
 *
 * @param <K> what permits are counted per (a server address; one constant for a global bound)
 */
public final class AsyncPermits<K> {
  private final int perKey;
  private final Map<K, State> states = new HashMap<>(); // guarded by this

  private final class State {
    int inUse;
    final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
  }

  private final class Waiter {
    final K key;
    final Deadline deadline;
    final CompletableFuture<Permit> future = new CompletableFuture<>();
    Runnable unhook = () -> {};

    Waiter(K key, Deadline deadline) {
      this.key = key;
      this.deadline = deadline;
    }
  }

  /** A granted permit; {@link #release()} is idempotent. */
  public static class Permit {
    /** No permit: the waiter's deadline ended first. */
    public static final Permit NONE = new Permit();

    private Permit() {}

    /** Whether a permit was granted. */
    public boolean granted() {
      return this != NONE;
    }

    /** Gives the permit back (to the next waiter); nothing for {@link #NONE}. */
    public void release() {}
  }

  private final class Granted extends Permit {
    private final K key;
    private boolean released; // guarded by AsyncPermits.this

    Granted(K key) {
      this.key = key;
    }

    @Override
    public void release() {
      List<Runnable> completions = new ArrayList<>(1);
      synchronized (AsyncPermits.this) {
        if (released) {
          return;
        }
        released = true;
        State state = states.get(key);
        state.inUse--;
        handOver(state, completions);
        if (state.inUse == 0 && state.waiters.isEmpty()) {
          states.remove(key);
        }
      }
      completions.forEach(Runnable::run);
    }
  }

  /**
   * Permits per key.
   *
   * @throws IllegalArgumentException when {@code perKey} is below 1
   */
  public AsyncPermits(int perKey) {
    if (perKey < 1) {
      throw new IllegalArgumentException("permits per key " + perKey + " is below 1");
    }
    this.perKey = perKey;
  }

  /**
   * A permit for {@code key} now or when one frees up; {@link Permit#NONE} if the deadline ends.
   */
  public CompletableFuture<Permit> acquire(K key, Deadline deadline) {
    Waiter waiter;
    synchronized (this) {
      if (deadline.expired()) {
        return CompletableFuture.completedFuture(Permit.NONE);
      }
      State state = states.computeIfAbsent(key, k -> new State());
      if (state.inUse < perKey && state.waiters.isEmpty()) {
        state.inUse++;
        return CompletableFuture.completedFuture(new Granted(key));
      }
      waiter = new Waiter(key, deadline);
      state.waiters.add(waiter);
    }
    // Outside the lock: a cancelled deadline runs the hook at once.
    Runnable unhook = deadline.onCancel(() -> giveUp(waiter));
    synchronized (this) {
      waiter.unhook = unhook;
    }
    return waiter.future;
  }

  /** How many waiters wait for {@code key} now (for tests and metrics). */
  public synchronized int waiting(K key) {
    State state = states.get(key);
    return state == null ? 0 : state.waiters.size();
  }

  private void giveUp(Waiter waiter) {
    synchronized (this) {
      State state = states.get(waiter.key);
      if (state == null || !state.waiters.remove(waiter)) {
        return; // granted meanwhile: the holder releases it
      }
      if (state.inUse == 0 && state.waiters.isEmpty()) {
        states.remove(waiter.key);
      }
    }
    waiter.future.complete(Permit.NONE);
  }

  /** Grants free permits to live waiters in order; skips (and ends) those whose time is up. */
  private void handOver(State state, List<Runnable> completions) {
    while (state.inUse < perKey && !state.waiters.isEmpty()) {
      Waiter next = state.waiters.poll();
      Runnable unhook = next.unhook;
      if (next.deadline.expired()) {
        completions.add(
            () -> {
              unhook.run();
              next.future.complete(Permit.NONE);
            });
        continue;
      }
      state.inUse++;
      Granted permit = new Granted(next.key);
      completions.add(
          () -> {
            unhook.run();
            if (!next.future.complete(permit)) {
              permit.release(); // the waiter's future was completed otherwise: give it back
            }
          });
    }
  }
}
