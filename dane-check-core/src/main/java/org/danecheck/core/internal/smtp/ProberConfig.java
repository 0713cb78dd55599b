/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.smtp;

import java.time.Duration;
import java.util.Objects;
import org.danecheck.core.internal.pkix.PkixTrust;

/**
 * Settings of an {@link SmtpProber}.
 *
 * @param ehloName the name sent in {@code EHLO}
 * @param connectTimeout the longest a TCP connect may take
 * @param commandTimeout the longest one SMTP reply may take to arrive in full (greeting, EHLO,
 *     STARTTLS, QUIT), counted from when it is awaited, so a server trickling bytes cannot stretch
 *     it
 * @param handshakeTimeout the longest the whole TLS handshake may take
 * @param trust the CAs for the PKIX classification of the chain
 */
public record ProberConfig(
    String ehloName,
    Duration connectTimeout,
    Duration commandTimeout,
    Duration handshakeTimeout,
    PkixTrust trust) {
  /** Checks the components. */
  public ProberConfig {
    Objects.requireNonNull(ehloName, "ehloName");
    if (ehloName.isBlank() || ehloName.chars().anyMatch(c -> c <= ' ' || c >= 127)) {
      throw new IllegalArgumentException("EHLO name must be printable ASCII: '" + ehloName + "'");
    }
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(commandTimeout, "commandTimeout");
    requirePositive(handshakeTimeout, "handshakeTimeout");
    Objects.requireNonNull(trust, "trust");
  }

  private static void requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + duration);
    }
  }

  /**
   * EHLO {@code dane-check.invalid}, 10 s connect, 30 s per reply and per handshake, the JDK's
   * trust store.
   */
  public static ProberConfig defaults() {
    return new ProberConfig(
        "dane-check.invalid",
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(30),
        PkixTrust.jdkDefault());
  }

  /** A copy with these timeouts. */
  public ProberConfig withTimeouts(Duration connect, Duration command, Duration handshake) {
    return new ProberConfig(ehloName, connect, command, handshake, trust);
  }

  /** A copy with another trust store. */
  public ProberConfig withTrust(PkixTrust otherTrust) {
    return new ProberConfig(ehloName, connectTimeout, commandTimeout, handshakeTimeout, otherTrust);
  }

  /** A copy with another EHLO name. */
  public ProberConfig withEhloName(String name) {
    return new ProberConfig(name, connectTimeout, commandTimeout, handshakeTimeout, trust);
  }
}
