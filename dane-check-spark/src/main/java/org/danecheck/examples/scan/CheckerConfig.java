/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.danecheck.ValidationMode;
import org.danecheck.core.DaneChecker;

/**
 * How the job's executors build their checker: the same settings as {@code dane-scan}'s (its
 * caches, deadline, per-server limit, anonymous suites), so that both give the same reports. Plain
 * text only, shipped with the tasks; files named on the command line are read by the driver.
 *
 * @param resolvers recursive resolvers, {@code host[:port]}; empty for /etc/resolv.conf
 * @param trustAnchor DS or DNSKEY records replacing the root trust anchors, or {@code ""}
 * @param caPem the PKIX trust store as PEM, or {@code ""} for the JDK's
 * @param port the SMTP port
 * @param timeoutSeconds the deadline of one domain's check
 * @param perServer connections at once to one server address, per executor
 * @param probeThreads SMTP probes at once, per executor
 * @param offerAnonymous whether anonymous suites are offered to hosts without TLSA (dane-scan's
 *     default)
 * @param ehlo the name sent in EHLO, or {@code ""} for the default
 */
record CheckerConfig(
    List<String> resolvers,
    String trustAnchor,
    String caPem,
    int port,
    int timeoutSeconds,
    int perServer,
    int probeThreads,
    boolean offerAnonymous,
    String ehlo)
    implements Serializable {
  CheckerConfig {
    resolvers = List.copyOf(resolvers);
  }

  /** A checker as {@code dane-scan} builds it (DaneScanCommand.scan). */
  DaneChecker build() {
    DaneChecker.Builder builder =
        DaneChecker.builder()
            .smtpPort(port)
            .deadline(Duration.ofSeconds(timeoutSeconds))
            .offerAnonymous(offerAnonymous)
            .dnsCacheBytes(DaneScanCommand.DNS_CACHE_BYTES)
            .probeCacheBytes(Duration.ofHours(6), DaneScanCommand.PROBE_CACHE_BYTES)
            .maxConcurrentProbes(probeThreads)
            .maxConnectionsPerServer(perServer)
            .validationMode(ValidationMode.IN_PROCESS);
    if (!resolvers.isEmpty()) {
      builder.resolvers(resolvers);
    }
    if (!trustAnchor.isEmpty()) {
      builder.trustAnchors(trustAnchor);
    }
    if (!caPem.isEmpty()) {
      try {
        Path file = Files.createTempFile("dane-check-spark-ca", ".pem");
        file.toFile().deleteOnExit();
        Files.writeString(file, caPem);
        builder.pkixTrustPem(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the CA file for the checker", e);
      }
    }
    if (!ehlo.isEmpty()) {
      builder.ehloName(ehlo);
    }
    return builder.build();
  }
}
