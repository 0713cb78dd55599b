/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.check;

import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import org.danecheck.core.internal.AsyncPermits;
import org.danecheck.core.internal.AsyncPermits.Permit;
import org.danecheck.core.internal.Deadline;

/**
 * Politeness: at most a fixed number of connections at once to one IP address, across all checks of
 * a checker. A probe waits for its slot in a queue per server, holding no thread, so probes of a
 * slow server never keep the probe pool from other servers; a released slot goes to the next
 * waiter.
 */
final class ServerSlots {
  private final AsyncPermits<InetAddress> permits;

  ServerSlots(int maxPerServer) {
    this.permits = new AsyncPermits<>(maxPerServer);
  }

  /** A slot now or when one frees up; {@link Permit#NONE} when the deadline ends first. */
  CompletableFuture<Permit> acquire(InetAddress address, Deadline deadline) {
    return permits.acquire(address, deadline);
  }
}
