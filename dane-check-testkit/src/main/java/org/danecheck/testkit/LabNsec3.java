/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.testkit;

import java.util.HexFormat;
import java.util.Objects;

/**
 * The NSEC3 parameters of a lab zone (RFC 5155), filled in by the lambda given to {@link
 * LabZone#nsec3(java.util.function.Consumer)}. The defaults are those RFC 9276 recommends: hash
 * SHA-1 (the only one defined), no extra iterations, an empty salt, no opt-out.
 *
 * <pre>{@code
 * LabDnsServer.builder()
 *     .zone("test", z -> z.nsec3(n -> n.optOut(true)))   // as com and net sign
 *     .zone("example.test", LabZone::nsec3)
 * }</pre>
 */
public final class LabNsec3 {
  /**
   * The most extra iterations the lab accepts: RFC 5155 10.3's limit for the largest keys.
   * Validators treat far fewer as insecure (RFC 9276 3.2; Unbound and dnsjava above 150).
   */
  public static final int MAX_ITERATIONS = 2500;

  private boolean optOut;
  private int iterations;
  private byte[] salt = new byte[0];

  LabNsec3() {}

  /**
   * Whether the zone uses opt-out (RFC 5155 6): its unsigned delegations get no NSEC3 of their own,
   * every NSEC3 carries the Opt-Out flag, and a DS query for an unsigned delegation is denied by
   * the closest encloser's NSEC3 and the opt-out NSEC3 covering the next closer name. Validators
   * then find such delegations, and names denied by a covering opt-out NSEC3, insecure. Default
   * off.
   */
  public LabNsec3 optOut(boolean on) {
    this.optOut = on;
    return this;
  }

  /**
   * Extra hash iterations (default 0, as RFC 9276 3.1 recommends).
   *
   * @throws IllegalArgumentException when negative or above {@value #MAX_ITERATIONS}
   */
  public LabNsec3 iterations(int iterations) {
    if (iterations < 0 || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException(
          "NSEC3 iterations " + iterations + " are not 0 to " + MAX_ITERATIONS);
    }
    this.iterations = iterations;
    return this;
  }

  /**
   * The salt in hexadecimal, {@code ""} or {@code "-"} for none (the default, RFC 9276 3.1).
   *
   * @throws IllegalArgumentException when not hexadecimal or longer than 255 bytes
   */
  public LabNsec3 salt(String hex) {
    Objects.requireNonNull(hex, "salt");
    byte[] bytes;
    try {
      bytes = hex.equals("-") ? new byte[0] : HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("NSEC3 salt '" + hex + "' is not hexadecimal", e);
    }
    if (bytes.length > 255) {
      throw new IllegalArgumentException("NSEC3 salt is longer than 255 bytes");
    }
    this.salt = bytes;
    return this;
  }

  boolean optOut() {
    return optOut;
  }

  int iterations() {
    return iterations;
  }

  byte[] salt() {
    return salt.clone();
  }
}
