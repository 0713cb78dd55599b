/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.exporter;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.exporter.httpserver.HttpExchangeAdapter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.danecheck.DomainReport;
import org.danecheck.core.DaneChecker;
import org.danecheck.examples.SafeText;

/**
 * The Prometheus exporter: {@code /probe?target=DOMAIN} checks the domain with one long-lived
 * {@link DaneChecker} (its DNS cache and validated keys shared by all probes) and answers with the
 * probe's metrics ({@link ProbeMetrics}), in the blackbox exporter's multi-target style; {@code
 * /metrics} is the exporter's own health, {@code /-/healthy} a liveness check. The exposition and
 * the HTTP server are the Prometheus Java client's.
 *
 * <p>Bounds: at most {@code maxProbes} checks at once (a probe waits for a slot within its own time
 * limit, then gets 503); each probe's time limit is the scrape's {@code
 * X-Prometheus-Scrape-Timeout-Seconds} less {@link #TIMEOUT_OFFSET} (as the blackbox exporter's
 * {@code --timeout-offset}), at most {@code maxTimeout}, which is also the checker's deadline. A
 * check the scrape cannot wait for is cancelled, which stops its probes and lookups. A target that
 * is not a domain name gets 400 before any work.
 */
public final class DaneExporter implements AutoCloseable {
  /** Kept back from the scrape's timeout for writing the answer and the network. */
  static final Duration TIMEOUT_OFFSET = Duration.ofMillis(500);

  /** The longest target parameter looked at (a domain name is at most 253 characters). */
  static final int MAX_TARGET_LENGTH = 1024;

  private final DaneChecker checker;
  private final Duration maxTimeout;
  private final Semaphore slots;
  private final Clock clock;
  private final HTTPServer server;
  private final ExecutorService httpThreads;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Counter probes;
  private final Histogram probeSeconds;

  private DaneExporter(
      InetSocketAddress listen,
      DaneChecker checker,
      int maxProbes,
      Duration maxTimeout,
      Clock clock)
      throws IOException {
    this.checker = checker;
    this.maxTimeout = maxTimeout;
    this.slots = new Semaphore(maxProbes, true);
    this.clock = clock;
    PrometheusRegistry own = new PrometheusRegistry();
    probes =
        Counter.builder()
            .name("dane_exporter_probes_total")
            .help(
                "Probes answered, by outcome: completed, cut (the check hit its deadline),"
                    + " timed_out (the scrape's limit came first), bad_target, busy (no free slot)")
            .labelNames("outcome")
            .register(own);
    for (String outcome : List.of("completed", "cut", "timed_out", "bad_target", "busy")) {
      probes.labelValues(outcome); // every outcome from the start, so rate() sees the first one
    }
    probeSeconds =
        Histogram.builder()
            .name("dane_exporter_probe_duration_seconds")
            .help("How long probes took, waiting for a slot included")
            .classicOnly()
            .classicUpperBounds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
            .register(own);
    GaugeWithCallback.builder()
        .name("dane_exporter_probe_slots_free")
        .help("Probe slots free (of --max-probes)")
        .callback(cb -> cb.call(slots.availablePermits()))
        .register(own);
    GaugeWithCallback.builder()
        .name("dane_exporter_probes_in_flight")
        .help("Probes running or waiting for a slot")
        .callback(cb -> cb.call(inFlight.get()))
        .register(own);
    // HTTP threads: one per probe slot and a few for /metrics and the refusals; more requests
    // wait in the queue (their own time limits still run).
    httpThreads =
        new ThreadPoolExecutor(
            maxProbes + 4,
            maxProbes + 4,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "dane-exporter-http");
              t.setDaemon(true);
              return t;
            });
    warmUp();
    server =
        HTTPServer.builder()
            .inetAddress(listen.getAddress())
            .port(listen.getPort())
            .registry(own)
            .executorService(httpThreads)
            .defaultHandler(this::route)
            .buildAndStart();
    warmUp(server.getPort());
  }

  /**
   * Starts the exporter; it owns the checker and closes it.
   *
   * @param listen where to listen (port 0: any free port, see {@link #port()})
   * @param checker the checker all probes share; its deadline should be {@code maxTimeout}
   * @param maxProbes checks at once
   * @param maxTimeout the longest a probe may take, whatever the scrape allows
   */
  public static DaneExporter start(
      InetSocketAddress listen, DaneChecker checker, int maxProbes, Duration maxTimeout)
      throws IOException {
    return new DaneExporter(listen, checker, maxProbes, maxTimeout, Clock.systemUTC());
  }

  /**
   * Renders a probe's metrics once before listening: the first scrape would otherwise pay for
   * loading the exposition classes (~0.5 s on 2 cores), out of its own time limit.
   */
  private static void warmUp() throws IOException {
    ExpositionFormats.init()
        .getPrometheusTextFormatWriter()
        .write(
            OutputStream.nullOutputStream(),
            ProbeMetrics.of(Optional.empty(), Duration.ZERO, Instant.EPOCH).scrape());
  }

  /** And one scrape of {@code /metrics} through the server, for its own classes. */
  private static void warmUp(int port) {
    try {
      java.net.HttpURLConnection c =
          (java.net.HttpURLConnection)
              URI.create("http://127.0.0.1:" + port + "/metrics").toURL().openConnection();
      c.setConnectTimeout(2000);
      c.setReadTimeout(2000);
      try (var in = c.getInputStream()) {
        in.transferTo(OutputStream.nullOutputStream());
      }
      c.disconnect();
    } catch (IOException e) {
      // Listening elsewhere than loopback can make this fail: only the first scrape is slower.
    }
  }

  /** The port listened on. */
  public int port() {
    return server.getPort();
  }

  /** Stops listening, then closes the checker, which cuts the checks in flight. */
  @Override
  public void close() {
    try {
      server.close();
    } finally {
      checker.close();
      httpThreads.shutdownNow();
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    try {
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/probe")) {
        probe(exchange);
      } else if (path.equals("/")) {
        text(
            exchange,
            200,
            "dane-check exporter: /probe?target=DOMAIN (a DANE check, RFC 7672), /metrics (the"
                + " exporter's own), /-/healthy\n");
      } else {
        text(exchange, 404, "not found: try /probe?target=DOMAIN or /metrics\n");
      }
    } finally {
      exchange.close();
    }
  }

  private void probe(HttpExchange exchange) throws IOException {
    Instant start = clock.instant();
    List<String> targets;
    try {
      targets = parameter(exchange.getRequestURI(), "target");
    } catch (IllegalArgumentException e) {
      probes.labelValues("bad_target").inc();
      text(exchange, 400, "the query is not well-formed (a bad %-escape)\n");
      return;
    }
    if (targets.size() != 1 || targets.get(0).isBlank()) {
      probes.labelValues("bad_target").inc();
      text(
          exchange,
          400,
          targets.isEmpty() || targets.get(0).isBlank()
              ? "the target parameter is missing: /probe?target=DOMAIN\n"
              : "give one target per probe, not " + targets.size() + "\n");
      return;
    }
    String target = targets.get(0);
    Duration limit =
        limit(exchange.getRequestHeaders().getFirst("X-Prometheus-Scrape-Timeout-Seconds"));
    inFlight.incrementAndGet();
    try {
      if (target.length() > MAX_TARGET_LENGTH) {
        probes.labelValues("bad_target").inc();
        text(
            exchange,
            400,
            "the target is not a domain name (" + target.length() + " characters)\n");
        return;
      }
      CompletableFuture<DomainReport> check;
      if (!slots.tryAcquire(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        probes.labelValues("busy").inc();
        text(exchange, 503, "every probe slot is busy (--max-probes); try again later\n");
        return;
      }
      try {
        try {
          check = checker.checkAsync(target);
        } catch (IllegalArgumentException e) {
          probes.labelValues("bad_target").inc();
          text(
              exchange,
              400,
              "the target is not a domain name: " + SafeText.of(e.getMessage()) + "\n");
          return;
        }
        Duration left = limit.minus(Duration.between(start, clock.instant()));
        Optional<DomainReport> report;
        try {
          report = Optional.of(check.get(Math.max(1, left.toMillis()), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
          check.cancel(true); // stops the check's probes and lookups
          report = Optional.empty();
        } catch (ExecutionException e) {
          throw new IllegalStateException("the check failed: " + e.getCause(), e.getCause());
        }
        Duration took = Duration.between(start, clock.instant());
        probes
            .labelValues(
                report.isEmpty() ? "timed_out" : report.get().complete() ? "completed" : "cut")
            .inc();
        probeSeconds.observe(took.toNanos() / 1e9);
        new PrometheusScrapeHandler(ProbeMetrics.of(report, took, clock.instant()))
            .handleRequest(new HttpExchangeAdapter(exchange));
      } finally {
        slots.release();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      text(exchange, 503, "the exporter is stopping\n");
    } finally {
      inFlight.decrementAndGet();
    }
  }

  /**
   * The probe's time limit: the scrape's timeout less {@link #TIMEOUT_OFFSET}, at most {@code
   * maxTimeout}; without the header (or with a bad one), {@code maxTimeout}.
   */
  Duration limit(String scrapeTimeoutHeader) {
    return limit(scrapeTimeoutHeader, maxTimeout);
  }

  static Duration limit(String scrapeTimeoutHeader, Duration maxTimeout) {
    if (scrapeTimeoutHeader == null) {
      return maxTimeout;
    }
    double seconds;
    try {
      seconds = Double.parseDouble(scrapeTimeoutHeader.strip());
    } catch (NumberFormatException e) {
      return maxTimeout;
    }
    if (!(seconds > 0) || Double.isInfinite(seconds)) {
      return maxTimeout;
    }
    Duration scrape = Duration.ofMillis((long) Math.min(seconds * 1000, 86_400_000));
    // A scrape shorter than twice the offset keeps half of itself rather than nothing.
    Duration limit =
        scrape.compareTo(TIMEOUT_OFFSET.multipliedBy(2)) < 0
            ? scrape.dividedBy(2)
            : scrape.minus(TIMEOUT_OFFSET);
    return limit.compareTo(maxTimeout) < 0 ? limit : maxTimeout;
  }

  /** The decoded values of a query parameter. */
  static List<String> parameter(URI uri, String name) {
    List<String> values = new ArrayList<>();
    String query = uri.getRawQuery();
    if (query == null) {
      return values;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
        values.add(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  private static void text(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
