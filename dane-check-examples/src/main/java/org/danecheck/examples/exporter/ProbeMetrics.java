/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.exporter;

import io.prometheus.metrics.core.datapoints.StateSetDataPoint;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.StateSet;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.danecheck.DaneVerdict;
import org.danecheck.DomainReport;
import org.danecheck.EndpointReport;
import org.danecheck.MtaAction;
import org.danecheck.MxHostReport;
import org.danecheck.PeerCertificate;
import org.danecheck.Problem;
import org.danecheck.TlsLevel;

/**
 * The metrics of one {@code /probe}: a pure function from a check's outcome to a fresh registry, in
 * the multi-target style of the blackbox exporter ({@code probe_success}, {@code
 * probe_duration_seconds}; no target label, Prometheus adds {@code instance}). Names and units
 * follow check_dane's performance data ({@code *_expiry_days}), so alerts read alike.
 */
final class ProbeMetrics {
  private ProbeMetrics() {}

  /** Days in seconds, for the {@code *_days} gauges. */
  private static final double DAY_SECONDS = Duration.ofDays(1).toSeconds();

  /**
   * The registry for a finished or cut check.
   *
   * @param report the report, or empty when the scrape's time ran out before it came
   * @param probeTime how long the probe took, waiting for a slot included
   * @param now the time expiries are counted from
   */
  static PrometheusRegistry of(Optional<DomainReport> report, Duration probeTime, Instant now) {
    PrometheusRegistry registry = new PrometheusRegistry();
    boolean complete = report.map(DomainReport::complete).orElse(false);
    gauge(registry, "probe_success", "1 when the check finished within the time limit")
        .set(complete ? 1 : 0);
    gauge(
            registry,
            "probe_duration_seconds",
            "How long the probe took, waiting for a free probe slot included")
        .set(seconds(probeTime));
    gauge(
            registry,
            "dane_probe_timed_out",
            "1 when the scrape's time limit (X-Prometheus-Scrape-Timeout-Seconds, or --timeout)"
                + " ended the check before its report")
        .set(report.isEmpty() ? 1 : 0);
    report.ifPresent(r -> report(registry, r, now));
    return registry;
  }

  private static void report(PrometheusRegistry registry, DomainReport r, Instant now) {
    StateSet verdict =
        StateSet.builder()
            .name("dane_verdict")
            .help("The DANE verdict of the domain (one state is 1)")
            .states(DaneVerdict.class)
            .register(registry);
    set(verdict.labelValues(), r.verdict());
    StateSet action =
        StateSet.builder()
            .name("dane_mta_action")
            .help("What a DANE-enforcing MTA would do with mail to the domain (one state is 1)")
            .states(MtaAction.class)
            .register(registry);
    set(action.labelValues(), r.mtaAction());
    gauge(
            registry,
            "dane_check_complete",
            "1 when every step of the check finished before its deadline")
        .set(r.complete() ? 1 : 0);
    gauge(registry, "dane_check_duration_seconds", "How long the check took (DNS and SMTP)")
        .set(seconds(r.elapsed()));
    gauge(registry, "dane_mx_hosts", "MX hosts checked").set(r.mxHosts().size());
    // Left out rather than faked when there is none (no authenticated certificate, unsigned).
    r.earliestCertificateExpiry()
        .ifPresent(
            t ->
                gauge(
                        registry,
                        "dane_certificate_expiry_days",
                        "Days to the earliest notAfter among the certificates that authenticated"
                            + " (negative: expired)")
                    .set(days(now, t)));
    r.earliestSignatureExpiry()
        .ifPresent(
            t ->
                gauge(
                        registry,
                        "dane_rrsig_expiry_days",
                        "Days to the earliest RRSIG expiration over the MX and TLSA records")
                    .set(days(now, t)));

    StateSet level =
        StateSet.builder()
            .name("dane_endpoint_level")
            .help("The TLS level of each endpoint's session, as Postfix logs it (one state is 1)")
            .labelNames("mx", "endpoint")
            .states(TlsLevel.class)
            .register(registry);
    Gauge leaf =
        gauge(
            registry,
            "dane_endpoint_certificate_expiry_days",
            "Days to the notAfter of the certificate the endpoint presented (its leaf)",
            "mx",
            "endpoint");
    for (MxHostReport host : r.mxHosts()) {
      String mx = stripDot(host.name());
      for (EndpointReport e : host.endpoints()) {
        String endpoint = endpointLabel(e);
        set(level.labelValues(mx, endpoint), e.level());
        e.certificates().stream()
            .filter(c -> c.depth() == 0)
            .findFirst()
            .flatMap(PeerCertificate::notAfter)
            .ifPresent(t -> leaf.labelValues(mx, endpoint).set(days(now, t)));
      }
    }
    Gauge problems =
        gauge(
            registry,
            "dane_problems",
            "Problems found, by stable problem code and severity (docs/report.schema.json)",
            "code",
            "severity");
    Map<String, Integer> counts = new TreeMap<>();
    for (Problem p : r.allProblems()) {
      counts.merge(p.code().name() + "\0" + p.severity().name(), 1, Integer::sum);
    }
    counts.forEach(
        (key, n) -> {
          String[] parts = key.split("\0", 2);
          problems.labelValues(parts[0], parts[1]).set(n);
        });
  }

  /** One state true, the others false: a labelled state gauge. */
  private static <E extends Enum<E>> void set(StateSetDataPoint states, E current) {
    for (E state : current.getDeclaringClass().getEnumConstants()) {
      if (state == current) {
        states.setTrue(state.name());
      } else {
        states.setFalse(state.name());
      }
    }
  }

  /** {@code address:port}, with the certificate algorithm when probed per algorithm. */
  static String endpointLabel(EndpointReport e) {
    String algorithm = e.certificateAlgorithm().name();
    return algorithm.equals("ANY") ? e.endpoint() : e.endpoint() + " " + algorithm;
  }

  private static Gauge gauge(
      PrometheusRegistry registry, String name, String help, String... labels) {
    return Gauge.builder().name(name).help(help).labelNames(labels).register(registry);
  }

  private static String stripDot(String name) {
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  private static double days(Instant now, Instant t) {
    return Duration.between(now, t).toMillis() / 1000.0 / DAY_SECONDS;
  }
}
