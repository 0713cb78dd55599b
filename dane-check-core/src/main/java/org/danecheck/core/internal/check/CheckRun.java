/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.check;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.danecheck.core.internal.Deadline;
import org.danecheck.core.internal.policy.MxPlan;
import org.danecheck.core.internal.smtp.ProbeRequest;
import org.danecheck.core.internal.smtp.ProbeResult;

/**
 * The state of one domain check: the MX step's result, each host's progress, and whether (and why)
 * the check was cut short. Cutting cancels the check's {@link Deadline}, which stops its probes and
 * DNS waits.
 */
final class CheckRun {
  final String domain;
  final Instant startedAt;
  final long startNanos;
  final Deadline deadline;
  private volatile MxPlan mx;
  final List<HostRun> hosts = new CopyOnWriteArrayList<>();
  private final AtomicReference<Cut> cut = new AtomicReference<>();
  private final Map<InetAddress, AtomicInteger> probesPerServer = new ConcurrentHashMap<>();

  /** Why a check ended before its work did. */
  enum Cut {
    /** Its deadline passed. */
    DEADLINE,
    /** Its checker was closed. */
    CLOSED,
    /** Its caller cancelled the report's future. */
    CANCELLED
  }

  /** When present, answers the check's probes in place of connections. */
  final Optional<Function<ProbeRequest, Optional<ProbeResult>>> probes;

  CheckRun(
      String domain,
      Instant startedAt,
      Deadline deadline,
      Optional<Function<ProbeRequest, Optional<ProbeResult>>> probes) {
    this.probes = probes;
    this.domain = domain;
    this.startedAt = startedAt;
    this.startNanos = System.nanoTime();
    this.deadline = deadline;
  }

  void mx(MxPlan plan) {
    this.mx = plan;
  }

  /** The MX step, or empty when it did not finish. */
  Optional<MxPlan> mx() {
    return Optional.ofNullable(mx);
  }

  /** Marks the check cut; true for the first cut only. */
  boolean cut(Cut reason) {
    return cut.compareAndSet(null, reason);
  }

  /** Why the check was cut, if it was. */
  Optional<Cut> cut() {
    return Optional.ofNullable(cut.get());
  }

  /** Counts a probe to this server; false when the check already has {@code max} of them. */
  boolean claimProbe(InetAddress server, int max) {
    return probesPerServer.computeIfAbsent(server, a -> new AtomicInteger()).incrementAndGet()
        <= max;
  }
}
