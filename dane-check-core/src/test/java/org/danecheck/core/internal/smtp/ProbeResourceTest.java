/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.danecheck.CertificateAlgorithm;
import org.danecheck.SmtpOutcome;
import org.danecheck.core.internal.Deadline;
import org.danecheck.core.internal.pkix.PkixTrust;
import org.danecheck.testkit.LabMailServer;
import org.danecheck.testkit.MailPersona;
import org.danecheck.testkit.MailPersona.Behaviour;
import org.danecheck.testkit.ServerChain;
import org.danecheck.testkit.TestCertificate;
import org.junit.jupiter.api.Test;

/** Hostile personas end within their timeouts and leave no socket or thread behind. */
class ProbeResourceTest {
  private static final Duration SHORT = Duration.ofMillis(500);

  @Test
  void hostilePersonasLeakNoSocketsOrThreads() throws Exception {
    TestCertificate leaf = TestCertificate.builder().subject("mx.example.test").build();
    ServerChain chain = ServerChain.of(leaf);
    List<MailPersona> personas =
        List.of(
            MailPersona.normal(chain),
            MailPersona.of(Behaviour.TLS_ALERT, chain),
            MailPersona.of(Behaviour.SLOW_GREETING).withGreetingDelay(Duration.ofSeconds(5)),
            MailPersona.of(Behaviour.GREETING_554),
            MailPersona.of(Behaviour.DROP_AFTER_GREETING),
            MailPersona.of(Behaviour.GARBAGE),
            MailPersona.of(Behaviour.ENDLESS_CONTINUATION),
            MailPersona.of(Behaviour.STALL_AFTER_STARTTLS));
    SmtpProber prober =
        new SmtpProber(
            new ProberConfig("probe.example.test", SHORT, SHORT, SHORT, PkixTrust.of(List.of())));

    runAll(personas, prober); // warm up class loading (open jar files), the watchdog, BC
    awaitQuiet(Thread.activeCount(), openFileDescriptors()); // let warm-up threads end
    int threadsBefore = Thread.activeCount();
    int fdsBefore = openFileDescriptors();

    List<ProbeResult> results = runAll(personas, prober);

    assertThat(results.get(0).outcome()).isEqualTo(SmtpOutcome.TLS_ESTABLISHED);
    assertThat(results.subList(1, results.size()))
        .allSatisfy(r -> assertThat(r.outcome()).isNotEqualTo(SmtpOutcome.TLS_ESTABLISHED))
        .allSatisfy(r -> assertThat(r.timings().total()).isLessThan(Duration.ofSeconds(3)));
    assertThat(awaitQuiet(threadsBefore, fdsBefore))
        .as("threads and file descriptors back to their count before the probes")
        .isTrue();
  }

  private static List<ProbeResult> runAll(List<MailPersona> personas, SmtpProber prober)
      throws Exception {
    List<ProbeResult> results = new ArrayList<>();
    try (LabMailServer server = LabMailServer.builder().build()) {
      for (int i = 0; i < personas.size(); i++) {
        server.persona(InetAddress.getByName("127.0.78." + (i + 1)), personas.get(i));
      }
      server.start();
      for (int i = 0; i < personas.size(); i++) {
        ProbeRequest request =
            new ProbeRequest(
                "mx.example.test",
                InetAddress.getByName("127.0.78." + (i + 1)),
                server.port(),
                "mx.example.test",
                CertificateAlgorithm.ANY,
                false);
        results.add(prober.probe(request, Deadline.after(Duration.ofSeconds(5))));
      }
    }
    return results;
  }

  /** Waits up to 5 s for thread and descriptor counts to fall to the given ones. */
  private static boolean awaitQuiet(int threads, int fds) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() - end < 0) {
      if (Thread.activeCount() <= threads && openFileDescriptors() <= fds) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  private static int openFileDescriptors() {
    String[] fds = new File("/proc/self/fd").list();
    return fds == null ? 0 : fds.length;
  }
}
