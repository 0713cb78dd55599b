/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.exporter;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.danecheck.core.DaneChecker;
import org.danecheck.examples.ConnectionOptions;
import org.danecheck.examples.ResolverOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dane-check exporter}: the Prometheus exporter ({@link DaneExporter}) until stopped. */
@Command(
    name = "exporter",
    header = "Serve DANE checks to Prometheus (/probe?target=DOMAIN, /metrics).",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Serve DANE checks to Prometheus until stopped (Ctrl-C): /probe?target=DOMAIN checks one",
      "domain (the blackbox exporter's multi-target style), /metrics is the exporter's own.",
      "Scrape config and alert rules: docs/prometheus.md."
    })
public final class ExporterCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--listen",
      paramLabel = "ADDR:PORT",
      description =
          "Where to listen (default ${DEFAULT-VALUE}; loopback, since a probe makes this host"
              + " connect to the target's mail servers). IPv6 as [addr]:port.")
  String listen = "127.0.0.1:9552";

  @Option(
      names = "--max-probes",
      paramLabel = "N",
      description =
          "Checks at once; more scrapes wait for a slot, then get 503 (default ${DEFAULT-VALUE}).")
  int maxProbes = 16;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description =
          "The longest one check may take (default ${DEFAULT-VALUE}); a scrape's"
              + " X-Prometheus-Scrape-Timeout-Seconds, less 0.5 s, shortens it.")
  int timeoutSeconds = 30;

  @Mixin ResolverOptions dns = new ResolverOptions();

  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Option(
      names = "--port-file",
      paramLabel = "FILE",
      hidden = true,
      description = "Write the port listened on to FILE (for tests and scripts).")
  Path portFile;

  /** Stopped by tests; the JVM's shutdown otherwise. */
  final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() throws Exception {
    if (maxProbes < 1 || maxProbes > 1024) {
      throw new ParameterException(
          spec.commandLine(), "--max-probes must be 1 to 1024, not " + maxProbes);
    }
    if (timeoutSeconds < 1 || timeoutSeconds > 300) {
      throw new ParameterException(
          spec.commandLine(), "--timeout must be 1 to 300 seconds, not " + timeoutSeconds);
    }
    try {
      connection.validate();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    InetSocketAddress address = listenAddress(listen);
    Duration max = Duration.ofSeconds(timeoutSeconds);
    DaneChecker.Builder builder =
        DaneChecker.builder()
            .deadline(max)
            .dnsCache(10_000)
            .maxConcurrentProbes(Math.max(8, maxProbes * 2));
    dns.applyTo(builder, connection.adTrust());
    connection.applyTo(builder);
    DaneExporter exporter;
    try {
      exporter = DaneExporter.start(address, builder.build(), maxProbes, max);
    } catch (java.net.BindException e) {
      throw new ParameterException(
          spec.commandLine(), "cannot listen on " + listen + ": the address is in use or not ours");
    }
    try (exporter) {
      Thread hook = new Thread(stop::countDown, "dane-exporter-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      String where =
          (address.getAddress().getHostAddress().contains(":")
                  ? "[" + address.getAddress().getHostAddress() + "]"
                  : address.getAddress().getHostAddress())
              + ":"
              + exporter.port();
      if (portFile != null) {
        java.nio.file.Files.writeString(portFile, Integer.toString(exporter.port()));
      }
      spec.commandLine()
          .getErr()
          .println(
              "dane-check exporter: listening on http://"
                  + where
                  + "/ (/probe?target=DOMAIN, /metrics); Ctrl-C stops");
      spec.commandLine().getErr().flush();
      stop.await();
      return 0;
    }
  }

  /** {@code host:port} or {@code [v6]:port}; a name must resolve without the network (loopback). */
  InetSocketAddress listenAddress(String text) {
    int colon = text.lastIndexOf(':');
    String host = colon < 0 ? "" : text.substring(0, colon);
    String portText = colon < 0 ? text : text.substring(colon + 1);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw bad(text, "write an IPv6 address in brackets, e.g. [::1]:9552");
    }
    int p;
    try {
      p = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw bad(text, "the port '" + portText + "' is not a number");
    }
    if (p < 0 || p > 65535) {
      throw bad(text, "the port must be 0 to 65535");
    }
    try {
      return new InetSocketAddress(
          host.isEmpty() ? InetAddress.getByName("0.0.0.0") : InetAddress.getByName(host), p);
    } catch (UnknownHostException e) {
      throw bad(text, "'" + host + "' is not an address of this host");
    }
  }

  private ParameterException bad(String text, String why) {
    return new ParameterException(spec.commandLine(), "--listen " + text + ": " + why);
  }
}
