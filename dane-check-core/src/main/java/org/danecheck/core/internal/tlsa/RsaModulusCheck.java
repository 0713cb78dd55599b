/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.tlsa;

import org.bouncycastle.util.Properties;

/**
 * Bouncy Castle tests every new RSA modulus for compositeness (Miller-Rabin rounds, each an
 * exponentiation as dear as a private-key operation: ~0.8 ms for 2048 bits, seconds for 16384)
 * unless told not to. OpenSSL makes no such test; the key's owner alone would suffer from a bad
 * modulus. Switched off per thread, so the JVM's other Bouncy Castle users keep it; callers bound
 * the key's size and exponent first ({@link ParsedCertificate#rsaKeyRefusal}, the path search's
 * work budget).
 */
public final class RsaModulusCheck {
  private static final String UNSAFE_MODULUS = "org.bouncycastle.rsa.allow_unsafe_mod";

  private RsaModulusCheck() {}

  /** Skips the test on this thread until {@link #restore()} (call it in a finally block). */
  public static void skip() {
    Properties.setThreadOverride(UNSAFE_MODULUS, true);
  }

  /** Makes the test run again on this thread. */
  public static void restore() {
    Properties.removeThreadOverride(UNSAFE_MODULUS);
  }
}
