/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.smtp;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.danecheck.core.internal.Deadline;

/**
 * Closes a socket when a deadline passes or is cancelled (a check cut, cancelled or its checker
 * closed), for what per-read timeouts cannot stop (a blocked write, a slow connect on some
 * platforms, a read of a server that never sends). One shared daemon thread, which ends after a
 * second idle.
 */
final class SocketWatchdog {
  private static final ScheduledThreadPoolExecutor TIMER = newTimer();

  private SocketWatchdog() {}

  private static ScheduledThreadPoolExecutor newTimer() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "dane-check-smtp-watchdog");
              thread.setDaemon(true);
              return thread;
            });
    timer.setRemoveOnCancelPolicy(true);
    timer.setKeepAliveTime(1, TimeUnit.SECONDS);
    timer.allowCoreThreadTimeOut(true);
    return timer;
  }

  /** A guard that closes the resource at the deadline unless cancelled first. */
  static Guard guard(Closeable resource, Deadline deadline) {
    return new Guard(resource, deadline);
  }

  /** A scheduled close; {@link #close()} cancels it. */
  static final class Guard implements AutoCloseable {
    private final AtomicBoolean fired = new AtomicBoolean();
    private final ScheduledFuture<?> future;
    private final Runnable unhook;

    private Guard(Closeable resource, Deadline deadline) {
      Runnable fire =
          () -> {
            fired.set(true);
            try {
              resource.close();
            } catch (IOException e) {
              // closed anyway
            }
          };
      this.future = TIMER.schedule(fire, deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
      this.unhook = deadline.onCancel(fire);
    }

    /** Whether the deadline passed and the resource was closed. */
    boolean fired() {
      return fired.get();
    }

    @Override
    public void close() {
      future.cancel(false);
      unhook.run();
    }
  }
}
