/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.check;

import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.danecheck.CheckListener;
import org.danecheck.TlsaProfile;
import org.danecheck.core.internal.dns.DnsConfig;

/**
 * The immutable settings of a checker, as {@code DaneChecker.Builder} validated them; the defaults
 * and the rules are documented there, the one place each setting is written.
 */
public record CheckOptions(
    DnsConfig dns,
    int smtpPort,
    Duration deadline,
    Duration connectTimeout,
    Duration commandTimeout,
    boolean ipv4,
    boolean ipv6,
    String ehloName,
    TlsaProfile tlsaProfile,
    Optional<KeyStore> pkixTrustStore,
    Optional<Path> pkixTrustPem,
    boolean bothAlgorithms,
    boolean offerAnonymous,
    Clock clock,
    Duration probeCacheAge,
    long probeCacheBytes,
    int maxConcurrentProbes,
    int maxConnectionsPerServer,
    Optional<Executor> executor,
    CheckListener listener) {

  /** Checks that nothing is null. */
  public CheckOptions {
    Objects.requireNonNull(dns, "dns");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(commandTimeout, "commandTimeout");
    Objects.requireNonNull(ehloName, "ehloName");
    Objects.requireNonNull(tlsaProfile, "tlsaProfile");
    Objects.requireNonNull(pkixTrustStore, "pkixTrustStore");
    Objects.requireNonNull(pkixTrustPem, "pkixTrustPem");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(probeCacheAge, "probeCacheAge");
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(listener, "listener");
  }

  /** Whether endpoint probes are cached. */
  public boolean probeCacheEnabled() {
    return probeCacheBytes > 0 && !probeCacheAge.isZero();
  }
}
