package org.danecheck.core.internal.check;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.danecheck.LookupStatus;
import org.danecheck.MxSource;
import org.danecheck.Problem;
import org.danecheck.core.internal.Deadline;

/** The state of one domain check: the MX step's result and each host's progress. */
final class CheckRun {
  final String domain;
  final Instant startedAt;
  final long startNanos;
  final Deadline deadline;
  private volatile MxStep mx;
  final List<HostRun> hosts = new CopyOnWriteArrayList<>();

  /** The MX step's result: how the host list was found. */
  record MxStep(
      MxSource source, Optional<LookupStatus> lookup, boolean secure, List<Problem> problems) {}

  CheckRun(String domain, Instant startedAt, Deadline deadline) {
    this.domain = domain;
    this.startedAt = startedAt;
    this.startNanos = System.nanoTime();
    this.deadline = deadline;
  }

  void mx(MxStep step) {
    this.mx = step;
  }

  /** The MX step, or empty when it did not finish. */
  Optional<MxStep> mx() {
    return Optional.ofNullable(mx);
  }
}
