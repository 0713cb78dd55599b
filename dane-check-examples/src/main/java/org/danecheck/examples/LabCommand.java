/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.danecheck.testkit.DaneLab;
import org.danecheck.testkit.MailPersona;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dane-check lab serve}: runs the demo lab (signed DNS and STARTTLS servers on loopback)
 * until stopped, so other programs (check_dane, scanners, scripts) can be pointed at it.
 */
@Command(
    name = "lab",
    header = "Serve the embedded lab (signed DNS, STARTTLS servers on loopback).",
    mixinStandardHelpOptions = true,
    description = "The embedded lab (signed DNS + STARTTLS servers on loopback).",
    subcommands = {LabCommand.Serve.class})
public final class LabCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** The lab's domains that the demo does not check: cases for monitoring. */
  static final List<String> MONITORING_DOMAINS =
      List.of(
          "expiring.demo.test",
          "trickle.demo.test",
          "null-mx.demo.test",
          "silent.demo.test",
          "never-reads.demo.test");

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return DaneCheckCommand.EXIT_BAD_INPUT;
  }

  /**
   * The demo lab plus monitoring cases: a DANE-EE {@code 3 0 1} host whose certificate expires in
   * 10 days, a null MX, and hostile servers that hold a connection for two minutes: one that never
   * finishes its greeting, one that never says anything, one that greets and never reads.
   */
  public static DaneLab.Builder lab() {
    return DemoCommand.lab()
        .sessionTimeout(Duration.ofMinutes(2))
        .domain(
            "expiring.demo.test",
            d -> d.mx(10, "mx", h -> h.tlsa(3, 0, 1).leaf(b -> b.validFor(Duration.ofDays(10)))))
        .domain(
            "trickle.demo.test",
            d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1).persona(MailPersona.Behaviour.TRICKLE)))
        .domain("null-mx.demo.test", d -> d.nullMx())
        .domain(
            "silent.demo.test",
            d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1).persona(MailPersona.Behaviour.SILENT)))
        .domain(
            "never-reads.demo.test",
            d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1).persona(MailPersona.Behaviour.NEVER_READS)));
  }

  /** {@code dane-check lab serve}. */
  @Command(
      name = "serve",
      header = "Start the lab and serve it until stopped.",
      mixinStandardHelpOptions = true,
      description = {
        "Start the lab and serve it until stopped (Ctrl-C). Prints the resolver address, the SMTP",
        "port and the trust anchor file as key=value lines, e.g. for",
        "  check_dane -H verified.demo.test --resolver R --trust-anchor F -p P"
      })
  static final class Serve implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--trust-anchor-out",
        paramLabel = "FILE",
        description = "Write the lab's trust anchor (DS records) here; default: a temporary file.")
    Path trustAnchorOut;

    @Option(
        names = "--port-file",
        paramLabel = "FILE",
        description =
            "Also write the key=value lines to FILE (atomically, once the lab serves): for"
                + " scripts that wait for it.")
    Path portFile;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      try (DaneLab lab = lab().start()) {
        Path anchor = trustAnchorOut;
        if (anchor == null) {
          anchor = Files.createTempFile("dane-lab-anchor", ".ds");
          anchor.toFile().deleteOnExit();
        }
        Files.writeString(anchor, lab.trustAnchor(), StandardCharsets.US_ASCII);
        String settings =
            "resolver="
                + lab.dnsAddress().getAddress().getHostAddress()
                + ":"
                + lab.dnsAddress().getPort()
                + "\nsmtp-port="
                + lab.smtpPort()
                + "\ntrust-anchor="
                + anchor.toAbsolutePath()
                + "\ndomains="
                + String.join(",", domains())
                + "\n";
        if (portFile != null) {
          Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
          Files.writeString(tmp, settings, StandardCharsets.US_ASCII);
          Files.move(tmp, portFile, StandardCopyOption.REPLACE_EXISTING);
        }
        out.print(settings);
        out.flush();
        try {
          Thread.currentThread().join(); // until interrupted or the JVM stops
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return 0;
      } finally {
        if (portFile != null) {
          Files.deleteIfExists(portFile);
        }
      }
    }

    private static List<String> domains() {
      return java.util.stream.Stream.concat(
              DemoCommand.EXPECTED.keySet().stream(), MONITORING_DOMAINS.stream())
          .toList();
    }
  }
}
