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
import java.util.List;
import java.util.Optional;
import org.danecheck.ValidationMode;
import org.danecheck.core.DaneChecker;
import org.danecheck.examples.ConnectionOptions;
import org.danecheck.examples.ResolverOptions;
import org.danecheck.testkit.DaneLab;

/**
 * How the job's executors build their checker: dane-scan's settings ({@link
 * DaneScanCommand#scanBuilder}) and the same command-line options ({@link ResolverOptions}, {@link
 * ConnectionOptions}), so that both give the same reports. Plain values only, shipped with the
 * tasks; files named on the command line are read by the driver ({@link #of}).
 *
 * @param resolvers recursive resolvers, {@code host[:port]}; empty for /etc/resolv.conf
 * @param trustAnchor DS or DNSKEY records replacing the root trust anchors, or {@code ""}
 * @param adTrust whether the resolver's AD bit is trusted ({@code --ad-trust})
 * @param caPem the PKIX trust store as PEM, or {@code ""} for the JDK's
 * @param port the SMTP port
 * @param ipv4 whether IPv4 endpoints are probed
 * @param ipv6 whether IPv6 endpoints are probed
 * @param ehlo the name sent in EHLO, or {@code ""} for the default
 * @param timeoutSeconds the deadline of one domain's check
 * @param perServer connections at once to one server address, per executor
 * @param probeThreads SMTP probes at once, per executor
 * @param offerAnonymous whether anonymous suites are offered to hosts without TLSA (dane-scan's
 *     default)
 * @param fastEcdsa whether ECDSA is verified by Bouncy Castle, as in the driver's tools ({@link
 *     ResolverOptions#fastEcdsa()})
 */
record CheckerConfig(
    List<String> resolvers,
    String trustAnchor,
    boolean adTrust,
    String caPem,
    int port,
    boolean ipv4,
    boolean ipv6,
    String ehlo,
    int timeoutSeconds,
    int perServer,
    int probeThreads,
    boolean offerAnonymous,
    boolean fastEcdsa)
    implements Serializable {
  CheckerConfig {
    resolvers = List.copyOf(resolvers);
  }

  /**
   * The configuration the command-line options give; reads the trust anchor and CA files.
   *
   * @throws IllegalArgumentException for options that exclude each other or are out of range
   */
  static CheckerConfig of(
      ResolverOptions dns,
      ConnectionOptions connection,
      int timeoutSeconds,
      int perServer,
      int probeThreads,
      boolean offerAnonymous)
      throws IOException {
    // The tools' own refusals (-4 with -6, --ad-trust with --trust-anchor, ...), before any task
    // starts: applied to a builder that is thrown away.
    dns.applyTo(connection.applyTo(DaneChecker.builder()), connection.adTrust());
    return new CheckerConfig(
        dns.resolvers(),
        read(dns.trustAnchorFile()),
        connection.adTrust(),
        read(connection.caFile()),
        connection.port(),
        connection.ipv4(),
        connection.ipv6(),
        connection.ehloName().orElse(""),
        timeoutSeconds,
        perServer,
        probeThreads,
        offerAnonymous,
        ResolverOptions.fastEcdsa());
  }

  /** The configuration for a lab in this JVM (local mode), trusting its anchor and CA. */
  static CheckerConfig forLab(
      DaneLab lab, int timeoutSeconds, int perServer, int probeThreads, boolean offerAnonymous) {
    return new CheckerConfig(
        List.of(lab.dnsAddress().getAddress().getHostAddress() + ":" + lab.dnsAddress().getPort()),
        lab.trustAnchor(),
        false,
        lab.rootCa().certificatePem(),
        lab.smtpPort(),
        true,
        true,
        "",
        timeoutSeconds,
        perServer,
        probeThreads,
        offerAnonymous,
        ResolverOptions.fastEcdsa());
  }

  private static String read(Optional<Path> file) throws IOException {
    return file.isPresent() ? Files.readString(file.get()) : "";
  }

  /** A checker as {@code dane-scan} builds it (DaneScanCommand.scan). */
  DaneChecker build() {
    DaneChecker.Builder builder =
        DaneScanCommand.scanBuilder(timeoutSeconds, offerAnonymous, probeThreads, perServer)
            .smtpPort(port)
            .ipv4(ipv4)
            .ipv6(ipv6)
            .fastEcdsa(fastEcdsa)
            .validationMode(adTrust ? ValidationMode.AD_TRUST : ValidationMode.IN_PROCESS);
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
