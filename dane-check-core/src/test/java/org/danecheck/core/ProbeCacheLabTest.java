/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.danecheck.core.LabCheckers.await;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.danecheck.DaneVerdict;
import org.danecheck.DomainReport;
import org.danecheck.SmtpOutcome;
import org.danecheck.core.internal.smtp.ProbeResult;
import org.danecheck.testkit.DaneLab;
import org.danecheck.testkit.MailPersona.Behaviour;
import org.danecheck.testkit.junit5.DaneLabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 12 points 4 and 5: the probe cache never serves one check's cut-off as another's failure (a
 * probe cut by its callers is not cached; a shared probe runs under its own limits, not its first
 * caller's deadline), and the cache is bounded by bytes, each certificate held once.
 *
 * <p>{@code a.slow.test} sits under a zone whose DS and DNSKEY answers take 2 s each, so its check
 * reaches the shared server about 4 s in, with 1 s of its 5 s deadline left; the server greets
 * after 2 s. {@code c.test} reaches the same server at once.
 */
class ProbeCacheLabTest {
  private static final Duration DEADLINE = Duration.ofSeconds(5);

  @RegisterExtension
  static final DaneLabExtension LAB =
      new DaneLabExtension(
          DaneLab.builder()
              .host("mx.greets-late.test.", h -> h.tlsa(3, 1, 1).persona(Behaviour.SLOW_GREETING))
              .zone("slow.test", z -> z.latency("slow.test.", Duration.ofSeconds(2)))
              .domain("a.slow.test", d -> d.mxShared(10, "mx.greets-late.test."))
              .domain("c.test", d -> d.mxShared(10, "mx.greets-late.test."))
              .domain("heavy.test", d -> d.mx(10, "mx", h -> h.leaf(b -> b.dnsNames(names()))))
              .domain("light.test", d -> d.mx(10, "mx")));

  /** 300 names of 60 characters: a leaf of about 20 KB. */
  private static String[] names() {
    return IntStream.range(0, 300)
        .mapToObj(i -> String.format("n%03d-%s.heavy.test", i, "x".repeat(46)))
        .toArray(String[]::new);
  }

  private static DaneChecker.Builder checker() {
    return DaneChecker.builder()
        .environment(LAB.lab())
        .deadline(DEADLINE)
        .probeCache(Duration.ofHours(6), 1000)
        .dnsCache(1000);
  }

  private static InetAddress server(String host) {
    return LAB.lab().host(host).addresses().get(0);
  }

  @Test
  void aProbeCutByOneChecksDeadlineIsNotServedToTheNext() {
    InetAddress server = server("mx.greets-late.test");
    try (DaneChecker checker = checker().build()) {
      int before = LAB.lab().mail().sessionCount(server);
      DomainReport a = checker.check("a.slow.test");
      assertThat(a.verdict()).isEqualTo(DaneVerdict.INDETERMINATE);
      // a.slow.test did reach the server before its deadline (else this test proves nothing).
      assertThat(LAB.lab().mail().sessionCount(server) - before).isEqualTo(1);

      DomainReport c = checker.check("c.test");

      assertThat(c.verdict()).isEqualTo(DaneVerdict.VERIFIED);
      assertThat(c.incompleteSteps()).isEmpty();
      assertThat(LAB.lab().mail().sessionCount(server) - before).isEqualTo(2);
      // and the complete probe is what is cached now
      assertThat(checker.check("c.test").verdict()).isEqualTo(DaneVerdict.VERIFIED);
      assertThat(LAB.lab().mail().sessionCount(server) - before).isEqualTo(2);
    }
  }

  @Test
  void aSharedProbeOutlivesItsFirstCallersDeadline() {
    InetAddress server = server("mx.greets-late.test");
    try (DaneChecker checker = checker().build()) {
      int before = LAB.lab().mail().sessionCount(server);
      CompletableFuture<DomainReport> a = checker.checkAsync("a.slow.test");
      // a.slow.test started the probe, 1 s before its deadline; c.test joins it.
      await(() -> LAB.lab().mail().sessionCount(server) - before == 1, "the probe connected");
      CompletableFuture<DomainReport> c = checker.checkAsync("c.test");

      assertThat(a.join().verdict()).isEqualTo(DaneVerdict.INDETERMINATE);
      DomainReport cReport = c.join();
      assertThat(cReport.verdict()).isEqualTo(DaneVerdict.VERIFIED);
      assertThat(cReport.mxHosts().get(0).endpoints())
          .extracting(e -> e.smtpOutcome())
          .containsExactly(SmtpOutcome.TLS_ESTABLISHED);
      assertThat(LAB.lab().mail().sessionCount(server) - before).isEqualTo(1); // shared
    }
  }

  @Test
  void theCacheIsBoundedByBytesNotEntries() {
    // Room for one typical result: the 20 KB leaf does not fit, a lab leaf does.
    InetAddress heavy = server("mx.heavy.test");
    InetAddress light = server("mx.light.test");
    try (DaneChecker checker = checker().probeCache(Duration.ofHours(6), 1).build()) {
      int heavyBefore = LAB.lab().mail().sessionCount(heavy);
      int lightBefore = LAB.lab().mail().sessionCount(light);
      for (int i = 0; i < 2; i++) {
        assertThat(checker.check("heavy.test").verdict()).isEqualTo(DaneVerdict.NO_DANE);
        assertThat(checker.check("light.test").verdict()).isEqualTo(DaneVerdict.NO_DANE);
      }
      assertThat(LAB.lab().mail().sessionCount(heavy) - heavyBefore).isEqualTo(2);
      assertThat(LAB.lab().mail().sessionCount(light) - lightBefore).isEqualTo(1);
    }
  }

  @Test
  void aProbeResultHoldsEachCertificatesBytesOnce() {
    // The bytes live in the PeerCertificates (which the reports share); no second raw chain.
    List<RecordComponent> byteLists =
        Arrays.stream(ProbeResult.class.getRecordComponents())
            .filter(
                c ->
                    c.getGenericType() instanceof ParameterizedType p
                        && p.getActualTypeArguments()[0] == byte[].class)
            .toList();
    assertThat(byteLists).isEmpty();
  }
}
