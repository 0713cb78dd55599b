/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.danecheck.core.DaneChecker;
import org.danecheck.examples.LabCommand;
import org.danecheck.testkit.DaneLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exporter end to end over HTTP against the lab: what Prometheus scrapes, a scrape whose
 * timeout ends the check, targets that are not domain names, the probe slots, the own metrics.
 */
class DaneExporterTest {
  static DaneLab lab;
  static DaneExporter exporter;
  static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    lab = LabCommand.lab().start();
    DaneChecker checker =
        DaneChecker.builder()
            .environment(lab)
            .deadline(Duration.ofSeconds(20))
            .dnsCache(1000)
            .build();
    exporter =
        DaneExporter.start(
            new InetSocketAddress("127.0.0.1", 0), checker, 2, Duration.ofSeconds(20));
  }

  @AfterAll
  static void stop() {
    if (exporter != null) {
      exporter.close();
    }
    if (lab != null) {
      lab.close();
    }
  }

  static HttpResponse<String> get(String pathAndQuery, Double scrapeTimeout) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + exporter.port() + pathAndQuery))
            .timeout(Duration.ofSeconds(30));
    if (scrapeTimeout != null) {
      request.header("X-Prometheus-Scrape-Timeout-Seconds", scrapeTimeout.toString());
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> probe(String target, Double scrapeTimeout) throws Exception {
    return get("/probe?target=" + URLEncoder.encode(target, StandardCharsets.UTF_8), scrapeTimeout);
  }

  @Test
  void aVerifiedDomainScrapesAsVerifiedWithItsEndpointsAndExpiries() throws Exception {
    HttpResponse<String> r = probe("verified.demo.test", 10.0);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    String body = r.body();
    assertThat(body)
        .contains("probe_success 1.0")
        .contains("dane_probe_timed_out 0.0")
        .contains("dane_verdict{dane_verdict=\"VERIFIED\"} 1")
        .contains("dane_verdict{dane_verdict=\"FAILED\"} 0")
        .contains("dane_mta_action{dane_mta_action=\"AUTHENTICATED_TLS\"} 1")
        .contains("dane_mx_hosts 1.0")
        .containsPattern(
            "dane_endpoint_level\\{endpoint=\"127[.0-9]+:"
                + lab.smtpPort()
                + "\",mx=\"mx.verified.demo.test\",dane_endpoint_level=\"VERIFIED\"} 1")
        .containsPattern(
            "dane_endpoint_certificate_expiry_days\\{endpoint=\"[^\"]+\",mx=\"mx.verified.demo.test\"} [0-9.]+")
        .containsPattern("(?m)^dane_certificate_expiry_days [0-9.]+")
        .containsPattern("(?m)^dane_rrsig_expiry_days [0-9.]+")
        .containsPattern("(?m)^dane_check_duration_seconds [0-9.]+")
        .containsPattern("(?m)^probe_duration_seconds [0-9.]+");
  }

  @Test
  void aFailingDomainCountsItsProblemsByCode() throws Exception {
    String body = probe("wrong-digest.demo.test", 10.0).body();
    assertThat(body)
        .contains("probe_success 1.0")
        .contains("dane_mta_action{dane_mta_action=\"DEFER\"} 1")
        .containsPattern("dane_problems\\{code=\"TLSA_[A-Z_]+\",severity=\"ERROR\"} [1-9]");
  }

  @Test
  void theScrapeTimeoutEndsTheCheckInTime() throws Exception {
    // A plain socket, as a scraper's warm client: the time measured is the exporter's.
    long start = System.nanoTime();
    String r =
        raw(
            "GET /probe?target=silent.demo.test HTTP/1.0\r\n"
                + "X-Prometheus-Scrape-Timeout-Seconds: 2\r\n\r\n");
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(r).startsWith("HTTP/1.1 200");
    // 2 s less the 0.5 s offset: the answer comes before Prometheus gives up.
    assertThat(took).isLessThan(Duration.ofMillis(2000)).isGreaterThan(Duration.ofMillis(1400));
    assertThat(r)
        .contains("probe_success 0.0")
        .contains("dane_probe_timed_out 1.0")
        .doesNotContain("dane_verdict");
    assertThat(get("/metrics", null).body())
        .containsPattern("dane_exporter_probes_total\\{outcome=\"timed_out\"} [1-9]");
  }

  @Test
  void targetsThatAreNotDomainNamesAreRefusedWithoutJavaNames() throws Exception {
    List<String> bad =
        List.of(
            "",
            "http://example.org/",
            "example.org:25",
            "192.0.2.1",
            "[::1]",
            "2001:db8::1",
            "a b.example",
            "x..example",
            "-bad-.example",
            "bad host!",
            "a".repeat(64) + ".example",
            "a.".repeat(130) + "example",
            "x".repeat(2000),
            "mx.example\r\nX-Injected: 1");
    for (String target : bad) {
      HttpResponse<String> r = probe(target, 5.0);
      assertThat(r.statusCode()).as(target).isEqualTo(400);
      assertThat(r.body())
          .as(target)
          .doesNotContainPattern("java\\.|Exception|\\bat org\\.")
          .isNotBlank();
      assertThat(r.body()).as(target).doesNotContain("\r").hasLineCount(1);
    }
    assertThat(get("/probe", 5.0).statusCode()).isEqualTo(400);
    assertThat(get("/probe?target=a.example&target=b.example", 5.0).body()).contains("one target");
    assertThat(raw("GET /probe?target=%zz HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 400");
    assertThat(get("/nowhere", null).statusCode()).isEqualTo(404);
    assertThat(get("/metrics", null).body())
        .containsPattern("dane_exporter_probes_total\\{outcome=\"bad_target\"} [1-9][0-9]");
  }

  @Test
  void probesBeyondTheSlotsWaitThenGet503() throws Exception {
    // Two slots: two silent domains hold them for 3.5 s; a third scrape with 1.5 s gets none.
    CompletableFuture<HttpResponse<String>> a =
        CompletableFuture.supplyAsync(() -> quietly("silent.demo.test", 4.0));
    CompletableFuture<HttpResponse<String>> b =
        CompletableFuture.supplyAsync(() -> quietly("never-reads.demo.test", 4.0));
    Thread.sleep(300);
    HttpResponse<String> c = probe("verified.demo.test", 1.5);
    assertThat(c.statusCode()).isEqualTo(503);
    assertThat(c.body()).contains("busy");
    assertThat(a.join().body()).contains("dane_probe_timed_out 1.0");
    assertThat(b.join().body()).contains("dane_probe_timed_out 1.0");
    assertThat(get("/metrics", null).body())
        .containsPattern("dane_exporter_probes_total\\{outcome=\"busy\"} [1-9]")
        .contains("dane_exporter_probe_slots_free 2.0")
        .contains("dane_exporter_probe_duration_seconds_bucket");
    assertThat(get("/-/healthy", null).statusCode()).isEqualTo(200);
  }

  /** A request the JDK's client would refuse to send. */
  static String raw(String request) throws Exception {
    try (Socket s = new Socket("127.0.0.1", exporter.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private static HttpResponse<String> quietly(String target, double timeout) {
    try {
      return probe(target, timeout);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theTimeLimitComesFromTheScrapeHeaderWithinTheMaximum() {
    Duration max = Duration.ofSeconds(20);
    assertThat(DaneExporter.limit(null, max)).isEqualTo(max);
    assertThat(DaneExporter.limit("10", max)).isEqualTo(Duration.ofMillis(9500));
    assertThat(DaneExporter.limit("2.5", max)).isEqualTo(Duration.ofMillis(2000));
    assertThat(DaneExporter.limit("0.6", max)).isEqualTo(Duration.ofMillis(300));
    assertThat(DaneExporter.limit("120", max)).isEqualTo(max);
    assertThat(DaneExporter.limit("-1", max)).isEqualTo(max);
    assertThat(DaneExporter.limit("NaN", max)).isEqualTo(max);
    assertThat(DaneExporter.limit("soon", max)).isEqualTo(max);
  }
}
