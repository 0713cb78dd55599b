package org.danecheck.core.internal.check;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.danecheck.core.internal.Deadline;
import org.danecheck.core.internal.policy.MxPlan;

/** The state of one domain check: the MX step's result and each host's progress. */
final class CheckRun {
  final String domain;
  final Instant startedAt;
  final long startNanos;
  final Deadline deadline;
  private volatile MxPlan mx;
  final List<HostRun> hosts = new CopyOnWriteArrayList<>();

  CheckRun(String domain, Instant startedAt, Deadline deadline) {
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
}
