/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.danecheck.core.DaneChecker;

/**
 * One long-lived checker per executor JVM and configuration, made by the first task that needs it
 * and shared by every later task of every stage, so that its DNS cache (stage 1 fills it, stage 3
 * reads it), probe cache and per-server connection slots span the executor's tasks. Closed when the
 * JVM shuts down.
 */
final class ExecutorCheckers {
  private static final Map<CheckerConfig, DaneChecker> CHECKERS = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(ExecutorCheckers::closeAll, "dane-check-spark-close"));
  }

  private ExecutorCheckers() {}

  static DaneChecker get(CheckerConfig config) {
    return CHECKERS.computeIfAbsent(config, CheckerConfig::build);
  }

  /** Closes every checker of this JVM (the shutdown hook; tests, when they stop their lab). */
  static void closeAll() {
    for (CheckerConfig config : CHECKERS.keySet()) {
      DaneChecker checker = CHECKERS.remove(config);
      if (checker != null) {
        checker.close();
      }
    }
  }
}
