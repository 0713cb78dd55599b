package org.danecheck.core.internal.check;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import org.danecheck.core.internal.Deadline;

/**
 * Politeness: at most a fixed number of connections at once to one IP address, across all checks of
 * a checker. Only addresses in use are remembered, so a scan of a million servers keeps no state
 * for idle ones.
 */
final class ServerSlots {
  private final int maxPerServer;
  private final Map<InetAddress, Integer> inUse = new HashMap<>();

  ServerSlots(int maxPerServer) {
    this.maxPerServer = maxPerServer;
  }

  /** Takes a slot, waiting at most until the deadline; false when none was free in time. */
  synchronized boolean acquire(InetAddress address, Deadline deadline) throws InterruptedException {
    while (inUse.getOrDefault(address, 0) >= maxPerServer) {
      long millis = deadline.remaining().toMillis();
      if (millis <= 0) {
        return false;
      }
      wait(millis);
    }
    inUse.merge(address, 1, Integer::sum);
    return true;
  }

  synchronized void release(InetAddress address) {
    inUse.computeIfPresent(address, (a, n) -> n == 1 ? null : n - 1);
    notifyAll();
  }
}
