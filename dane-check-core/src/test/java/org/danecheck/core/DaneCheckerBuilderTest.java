/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.danecheck.core.LabCheckers.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.danecheck.CheckEnvironment;
import org.danecheck.CheckListener;
import org.danecheck.DaneVerdict;
import org.danecheck.DomainReport;
import org.danecheck.EndpointReport;
import org.danecheck.ValidationMode;
import org.danecheck.testkit.DaneLab;
import org.danecheck.testkit.MailPersona.Behaviour;
import org.danecheck.testkit.junit5.DaneLabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13, one builder: settings that exclude each other are refused naming both, nothing is read
 * before {@code build()}, {@code newBuilder()} derives a checker, and the asynchronous side (an
 * executor of the caller's, a listener, {@code checkHostAsync} with cancellation) works against the
 * lab.
 */
class DaneCheckerBuilderTest {
  @RegisterExtension
  static final DaneLabExtension LAB =
      new DaneLabExtension(
          DaneLab.builder()
              .sessionTimeout(Duration.ofSeconds(60))
              .domain("ok.test", d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1)))
              .domain(
                  "silent.test",
                  d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1).persona(Behaviour.SILENT))));

  @Test
  void alternativesAreRefusedNamingBoth() throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    assertThatThrownBy(
            () -> DaneChecker.builder().pkixTrustStore(store).pkixTrustPem(Path.of("ca.pem")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("pkixTrustPem")
        .hasMessageContaining("pkixTrustStore");
    assertThatThrownBy(
            () -> DaneChecker.builder().trustAnchors(". DS 1 2 3 00").trustAnchorFile(Path.of("a")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("trustAnchors");
    assertThatThrownBy(
            () ->
                DaneChecker.builder()
                    .trustAnchors(". DS 1 2 3 00")
                    .validationMode(ValidationMode.AD_TRUST))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("AD_TRUST");
    assertThatThrownBy(
            () ->
                DaneChecker.builder()
                    .validationMode(ValidationMode.AD_TRUST)
                    .trustAnchors(". DS 1 2 3 00"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("AD_TRUST");
    assertThatThrownBy(() -> DaneChecker.builder().ipv4(false).ipv6(false).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ipv4(false)");
  }

  @Test
  void anEnvironmentIsItsThreeSettingsAndConflictsAsTheyDo() {
    // A world that is not a DaneLab: the builder reads only the interface.
    CheckEnvironment world =
        new CheckEnvironment() {
          @Override
          public InetSocketAddress dnsAddress() {
            return LAB.lab().dnsAddress();
          }

          @Override
          public String trustAnchor() {
            return LAB.lab().trustAnchor();
          }

          @Override
          public int smtpPort() {
            return LAB.lab().smtpPort();
          }
        };
    try (DaneChecker checker = DaneChecker.builder().environment(world).build()) {
      assertThat(checker.check("ok.test").verdict()).isEqualTo(DaneVerdict.VERIFIED);
    }
    assertThatThrownBy(
            () -> DaneChecker.builder().validationMode(ValidationMode.AD_TRUST).environment(world))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("trustAnchors");
  }

  @Test
  void badValuesAreRefusedWhenSet() {
    assertThatThrownBy(() -> DaneChecker.builder().smtpPort(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DaneChecker.builder().deadline(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DaneChecker.builder().resolvers(List.of("resolver.example")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an IP address");
    assertThatThrownBy(() -> DaneChecker.builder().ehloName("not a name"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DaneChecker.builder().maxConcurrentLookups(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DaneChecker.builder().maxConcurrentLookups(4097))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void filesAreReadByBuildNotBySetters() {
    Path missing = Path.of("/nonexistent/anchors.ds");
    DaneChecker.Builder builder = DaneChecker.builder().trustAnchorFile(missing);
    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(missing.toString());
    DaneChecker.Builder pem = DaneChecker.builder().pkixTrustPem(missing);
    assertThatThrownBy(pem::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void newBuilderDerivesACheckerWithTheSameSettings() {
    try (DaneChecker first = DaneChecker.builder().environment(LAB.lab()).build();
        DaneChecker second = first.newBuilder().deadline(Duration.ofSeconds(30)).build()) {
      assertThat(second.check("ok.test").verdict()).isEqualTo(DaneVerdict.VERIFIED);
      first.close();
      // Closing one checker leaves the derived one working: they share nothing.
      assertThat(second.check("ok.test").verdict()).isEqualTo(DaneVerdict.VERIFIED);
    }
  }

  @Test
  void theListenerHearsEachStepAndTheFutureCompletesOnTheCallersExecutor() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    CheckListener listener =
        new CheckListener() {
          @Override
          public void mxFound(String domain, List<String> mxHosts) {
            events.add("mx " + domain + " " + mxHosts);
          }

          @Override
          public void hostResolved(String domain, String host, List<String> addresses) {
            events.add("host " + host + " " + addresses.size());
          }

          @Override
          public void probeStarted(String domain, String host, String endpoint) {
            events.add("start " + host);
          }

          @Override
          public void probeFinished(String domain, String host, EndpointReport endpoint) {
            events.add("end " + host + " " + endpoint.level());
          }

          @Override
          public void reportReady(DomainReport report) {
            events.add("report " + report.verdict());
          }
        };
    ExecutorService callers = Executors.newSingleThreadExecutor(r -> new Thread(r, "caller-1"));
    try (DaneChecker checker =
        DaneChecker.builder().environment(LAB.lab()).executor(callers).listener(listener).build()) {
      CompletableFuture<String> thread =
          checker.checkAsync("ok.test").thenApply(r -> Thread.currentThread().getName());
      assertThat(thread.get(30, TimeUnit.SECONDS)).isEqualTo("caller-1");
      await(() -> events.stream().anyMatch(e -> e.startsWith("report")), "the report event");
      assertThat(events)
          .containsExactly(
              "mx ok.test [mx.ok.test]",
              "host mx.ok.test 1",
              "start mx.ok.test",
              "end mx.ok.test VERIFIED",
              "report VERIFIED");
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void aListenerThatThrowsChangesNothing() {
    CheckListener broken =
        new CheckListener() {
          @Override
          public void mxFound(String domain, List<String> mxHosts) {
            throw new IllegalStateException("listener bug");
          }
        };
    try (DaneChecker checker =
        DaneChecker.builder().environment(LAB.lab()).listener(broken).build()) {
      assertThat(checker.check("ok.test").verdict()).isEqualTo(DaneVerdict.VERIFIED);
    }
  }

  @Test
  void cancellingACheckHostFutureStopsItsProbe() {
    InetAddress silent = LAB.lab().host("mx.silent.test").addresses().get(0);
    try (DaneChecker checker =
        DaneChecker.builder()
            .environment(LAB.lab())
            .deadline(Duration.ofSeconds(60))
            .commandTimeout(Duration.ofSeconds(60))
            .build()) {
      CompletableFuture<DomainReport> report = checker.checkHostAsync("mx.silent.test");
      await(() -> LAB.lab().mail().openSessions(silent) == 1, "the probe connected");

      report.cancel(true);

      await(
          () -> LAB.lab().mail().openSessions(silent) == 0, "the cancelled probe's socket closed");
      assertThat(checker.checkHost("mx.ok.test").verdict()).isEqualTo(DaneVerdict.VERIFIED);
    }
  }
}
