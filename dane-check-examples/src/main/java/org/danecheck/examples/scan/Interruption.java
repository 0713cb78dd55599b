/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import java.util.ArrayList;
import java.util.List;

/**
 * SIGINT and SIGTERM during a scan: the first calls {@link DaneScanCommand#interrupt()}, which
 * stops the scan in order (the main thread writes what is done and exits 130); a second one exits
 * at once with 130 (the results file is then still whole lines; the summary may be missing). A
 * shutdown hook covers other exits (SIGHUP, System.exit elsewhere): it stops the scan the same way
 * and waits a little for the summary. Closing restores the previous handlers.
 *
 * <p>Signals are handled with {@code sun.misc.Signal} (module jdk.unsupported): a shutdown hook
 * alone cannot choose the exit code, nor let the main thread finish its work.
 */
final class Interruption implements AutoCloseable {
  private static final String[] SIGNALS = {"INT", "TERM"};

  private final List<Restore> restore = new ArrayList<>();
  private final Thread hook;
  private volatile boolean signalled;

  private record Restore(sun.misc.Signal signal, sun.misc.SignalHandler previous) {}

  private Interruption(DaneScanCommand command) {
    for (String name : SIGNALS) {
      try {
        sun.misc.Signal signal = new sun.misc.Signal(name);
        restore.add(new Restore(signal, sun.misc.Signal.handle(signal, s -> onSignal(command))));
      } catch (IllegalArgumentException e) {
        // not on this platform (or the JVM reserves it): the shutdown hook covers it
      }
    }
    hook =
        new Thread(
            () -> {
              command.interrupt();
              try {
                command.awaitFinished(10_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "dane-scan-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  static Interruption install(DaneScanCommand command) {
    return new Interruption(command);
  }

  private void onSignal(DaneScanCommand command) {
    if (signalled) {
      Runtime.getRuntime().halt(DaneScanCommand.EXIT_INTERRUPTED);
    }
    signalled = true;
    command.interrupt();
  }

  @Override
  public void close() {
    for (Restore r : restore) {
      sun.misc.Signal.handle(r.signal(), r.previous());
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook is running
    }
  }
}
