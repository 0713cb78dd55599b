package org.danecheck.examples;

import java.nio.file.Path;
import org.danecheck.core.DaneChecker;
import picocli.CommandLine.Option;

/**
 * The connection options {@code check} and {@code send} share ({@code --ad-trust}, {@code --port},
 * {@code --ca-file}, {@code -4}, {@code -6}, {@code --ehlo}), as a picocli mixin, so that a
 * delivery runs under the same settings as the check of the same domain.
 */
final class ConnectionOptions {
  @Option(names = "--ad-trust", description = "Trust the resolver's AD bit (as Postfix does).")
  boolean adTrust;

  @Option(
      names = {"-p", "--port"},
      paramLabel = "PORT",
      description = "SMTP port (default ${DEFAULT-VALUE}).")
  int port = 25;

  @Option(
      names = "--ca-file",
      paramLabel = "PEM",
      description = "PKIX trust store (PEM bundle), for the Trusted/Untrusted level.")
  Path caFile;

  @Option(names = "-4", description = "IPv4 only.")
  boolean ipv4Only;

  @Option(names = "-6", description = "IPv6 only.")
  boolean ipv6Only;

  @Option(names = "--ehlo", paramLabel = "NAME", description = "The name sent in EHLO.")
  String ehloName;

  /**
   * Sets these options on the checker, {@code --ad-trust} aside: {@link ResolverOptions#applyTo}
   * sets the validation mode (it excludes {@code --trust-anchor}), given {@link #adTrust}.
   *
   * @throws BadInputException for -4 together with -6, or a port out of range (a usage error)
   */
  DaneChecker.Builder applyTo(DaneChecker.Builder builder) {
    if (ipv4Only && ipv6Only) {
      throw new BadInputException("-4 and -6 exclude each other: give one, or neither for both");
    }
    UserMessages.port("--port", port);
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
