/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.smtp;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How long each step of a probe took; empty for steps not completed.
 *
 * @param connect the TCP connect
 * @param greeting from connect to the full greeting
 * @param ehlo the first EHLO and its reply
 * @param starttls the STARTTLS command and its reply
 * @param handshake the TLS handshake
 * @param total the whole probe, including closing
 */
public record ProbeTimings(
    Optional<Duration> connect,
    Optional<Duration> greeting,
    Optional<Duration> ehlo,
    Optional<Duration> starttls,
    Optional<Duration> handshake,
    Duration total) {
  /** Checks that no component is null. */
  public ProbeTimings {
    Objects.requireNonNull(connect, "connect");
    Objects.requireNonNull(greeting, "greeting");
    Objects.requireNonNull(ehlo, "ehlo");
    Objects.requireNonNull(starttls, "starttls");
    Objects.requireNonNull(handshake, "handshake");
    Objects.requireNonNull(total, "total");
  }

  /** No step taken. */
  public static ProbeTimings none() {
    return new ProbeTimings(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Duration.ZERO);
  }
}
