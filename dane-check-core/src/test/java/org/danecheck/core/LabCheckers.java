package org.danecheck.core;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.danecheck.testkit.DaneLab;

/** For lab tests of the checker: a builder pointed at a lab, and waiting for a lab state. */
final class LabCheckers {
  private LabCheckers() {}

  /** A checker builder using the lab's DNS server, trust anchor and SMTP port. */
  static DaneChecker.Builder of(DaneLab lab) {
    return DaneChecker.builder()
        .resolver(lab.dnsAddress())
        .trustAnchors(lab.trustAnchor())
        .smtpPort(lab.smtpPort());
  }

  /** Waits up to 10 s for a condition; fails the test if it never holds. */
  static void await(BooleanSupplier condition, String what) {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - end > 0) {
        throw new AssertionError("timed out waiting until " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting until " + what);
      }
    }
  }
}
