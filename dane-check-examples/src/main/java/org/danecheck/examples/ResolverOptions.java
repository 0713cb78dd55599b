/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.danecheck.ValidationMode;
import org.danecheck.core.DaneChecker;
import picocli.CommandLine.Option;

/**
 * The DNS options every command that runs checks shares ({@code --resolver}, {@code
 * --trust-anchor}), as a picocli mixin, and how they configure a checker.
 */
public final class ResolverOptions {
  @Option(
      names = "--resolver",
      paramLabel = "HOST[:PORT]",
      description = "A recursive resolver (repeatable); default: /etc/resolv.conf.")
  List<String> resolvers = new ArrayList<>();

  @Option(
      names = "--trust-anchor",
      paramLabel = "FILE",
      description = "DS or DNSKEY records replacing the built-in root trust anchors.")
  Path trustAnchor;

  /**
   * The tools verify ECDSA with Bouncy Castle ({@link DaneChecker.Builder#fastEcdsa(boolean)}): a
   * tool owns its JVM, so changing the provider list is theirs to do. {@code
   * -Ddane-check.jdk-ecdsa=true} keeps the JDK's SunEC (for benchmarks' A/B runs).
   */
  static final boolean FAST_ECDSA = !Boolean.getBoolean("dane-check.jdk-ecdsa");

  /** The resolvers given, in order; empty for the system's. */
  public List<String> resolvers() {
    return List.copyOf(resolvers);
  }

  /** The trust anchor file given, if any. */
  public Optional<Path> trustAnchorFile() {
    return Optional.ofNullable(trustAnchor);
  }

  /** Whether the tools verify ECDSA with Bouncy Castle in this JVM ({@link #FAST_ECDSA}). */
  public static boolean fastEcdsa() {
    return FAST_ECDSA;
  }

  /**
   * Sets the resolvers, the validation mode and the trust anchors given on the command line, and
   * Bouncy Castle's ECDSA verification ({@link #FAST_ECDSA}).
   *
   * @throws IllegalArgumentException for {@code --ad-trust} with {@code --trust-anchor}
   */
  public DaneChecker.Builder applyTo(DaneChecker.Builder builder, boolean adTrust) {
    builder.fastEcdsa(FAST_ECDSA);
    if (!resolvers.isEmpty()) {
      builder.resolvers(resolvers);
    }
    if (adTrust && trustAnchor != null) {
      throw new IllegalArgumentException(
          "--ad-trust and --trust-anchor exclude each other: with --ad-trust the resolver's AD bit"
              + " is trusted and no trust anchor is used");
    }
    builder.validationMode(adTrust ? ValidationMode.AD_TRUST : ValidationMode.IN_PROCESS);
    if (trustAnchor != null) {
      builder.trustAnchorFile(trustAnchor);
    }
    return builder;
  }
}
