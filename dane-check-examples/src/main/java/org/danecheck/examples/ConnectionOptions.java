/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import java.nio.file.Path;
import java.util.Optional;
import org.danecheck.core.DaneChecker;
import picocli.CommandLine.Option;

/**
 * The connection options every command that runs checks shares ({@code --ad-trust}, {@code --port},
 * {@code --ca-file}, {@code -4}, {@code -6}, {@code --ehlo}), as a picocli mixin: the same names,
 * meanings and checks in {@code check}, {@code send}, {@code check_dane}, {@code dane-scan} and the
 * exporter, so that a delivery runs under the same settings as the check of the same domain.
 */
public final class ConnectionOptions {
  @Option(
      names = "--ad-trust",
      description =
          "Trust the resolver's AD bit (as Postfix does); use only a validating resolver on a"
              + " trusted path.")
  boolean adTrust;

  @Option(
      names = {"-p", "--port"},
      paramLabel = "PORT",
      description = "SMTP port (default ${DEFAULT-VALUE}).")
  int port = 25;

  @Option(
      names = "--ca-file",
      paramLabel = "PEM",
      description =
          "CAs (PEM bundle) for the PKIX level (Trusted/Untrusted); DANE never needs them.")
  Path caFile;

  @Option(names = "-4", description = "IPv4 only.")
  boolean ipv4Only;

  @Option(names = "-6", description = "IPv6 only.")
  boolean ipv6Only;

  @Option(names = "--ehlo", paramLabel = "NAME", description = "The name sent in EHLO.")
  String ehloName;

  /** Whether {@code --ad-trust} was given (for {@link ResolverOptions#applyTo}). */
  public boolean adTrust() {
    return adTrust;
  }

  /** The SMTP port. */
  public int port() {
    return port;
  }

  /** Whether {@code --ca-file} was given. */
  public boolean hasCaFile() {
    return caFile != null;
  }

  /** The PKIX trust store file given, if any. */
  public Optional<Path> caFile() {
    return Optional.ofNullable(caFile);
  }

  /** Whether IPv4 endpoints are probed (not {@code -6}). */
  public boolean ipv4() {
    return !ipv6Only;
  }

  /** Whether IPv6 endpoints are probed (not {@code -4}). */
  public boolean ipv6() {
    return !ipv4Only;
  }

  /** The EHLO name given, if any. */
  public Optional<String> ehloName() {
    return Optional.ofNullable(ehloName);
  }

  /**
   * Checks the options before anything starts.
   *
   * @throws IllegalArgumentException for -4 together with -6, or a port out of range (a usage
   *     error; the message names the option)
   */
  public void validate() {
    if (ipv4Only && ipv6Only) {
      throw new IllegalArgumentException(
          "-4 and -6 exclude each other: give one, or neither for both");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("-p/--port must be a port from 1 to 65535, not " + port);
    }
  }

  /**
   * Sets these options on the checker, {@code --ad-trust} aside: {@link ResolverOptions#applyTo}
   * sets the validation mode (it excludes {@code --trust-anchor}), given {@link #adTrust}.
   *
   * @throws IllegalArgumentException as {@link #validate()}
   */
  public DaneChecker.Builder applyTo(DaneChecker.Builder builder) {
    validate();
    builder.smtpPort(port).ipv4(!ipv6Only).ipv6(!ipv4Only);
    if (caFile != null) {
      builder.pkixTrustPem(caFile);
    }
    if (ehloName != null) {
      builder.ehloName(ehloName);
    }
    return builder;
  }
}
