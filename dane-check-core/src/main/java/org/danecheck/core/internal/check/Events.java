/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.check;

import static org.danecheck.core.DomainNames.relative;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.danecheck.CheckListener;
import org.danecheck.DomainReport;
import org.danecheck.EndpointReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the caller's {@link CheckListener}, on the caller's executor when one was given. A
 * listener's exception, or an executor that refuses, is logged: neither may change a check.
 */
final class Events {
  private static final Logger log = LoggerFactory.getLogger(Events.class);

  private final CheckListener listener;
  private final Optional<Executor> executor;

  Events(CheckListener listener, Optional<Executor> executor) {
    this.listener = listener;
    this.executor = executor;
  }

  void mxFound(String domain, List<String> hosts) {
    if (listener != CheckListener.NONE) {
      emit(() -> listener.mxFound(relative(domain), hosts));
    }
  }

  void hostResolved(String domain, String host, List<String> addresses) {
    if (listener != CheckListener.NONE) {
      emit(() -> listener.hostResolved(relative(domain), relative(host), addresses));
    }
  }

  void probeStarted(String domain, String host, String endpoint) {
    if (listener != CheckListener.NONE) {
      emit(() -> listener.probeStarted(relative(domain), relative(host), endpoint));
    }
  }

  void probeFinished(String domain, String host, EndpointReport endpoint) {
    if (listener != CheckListener.NONE) {
      emit(() -> listener.probeFinished(relative(domain), relative(host), endpoint));
    }
  }

  void reportReady(DomainReport report) {
    if (listener != CheckListener.NONE) {
      emit(() -> listener.reportReady(report));
    }
  }

  private void emit(Runnable call) {
    Runnable guarded =
        () -> {
          try {
            call.run();
          } catch (RuntimeException e) {
            log.warn("a check listener failed; ignored", e);
          }
        };
    if (executor.isEmpty()) {
      guarded.run();
      return;
    }
    try {
      executor.get().execute(guarded);
    } catch (RejectedExecutionException e) {
      log.debug("the caller's executor refused a listener call", e);
    }
  }
}
