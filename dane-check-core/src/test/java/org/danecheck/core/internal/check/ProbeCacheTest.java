/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.danecheck.PkixStatus;
import org.danecheck.SmtpOutcome;
import org.danecheck.core.internal.smtp.CertificateSummaries;
import org.danecheck.core.internal.smtp.ProbeRequest;
import org.danecheck.core.internal.smtp.ProbeResult;
import org.danecheck.core.internal.smtp.ProbeTimings;
import org.junit.jupiter.api.Test;

/** The probe cache is bounded by the bytes its results hold, and never keeps a cut result. */
class ProbeCacheTest {
  @Test
  void hostileChainsTakeTheRoomTheyCost() throws Exception {
    ProbeCache cache = new ProbeCache(Duration.ofHours(1), 1 << 20); // 1 MiB
    for (int i = 0; i < 100; i++) {
      cache.put(result(i, 100_000, false)); // a chain of ten 10 KB certificates
    }
    assertThat(cache.weightBytes()).isLessThanOrEqualTo(1 << 20);
    assertThat(cache.size()).isBetween(5L, 10L);
    // An entry-count bound of 100 would have kept all of them: 10 MB.
  }

  @Test
  void cutResultsAreNeverKept() throws Exception {
    ProbeCache cache = new ProbeCache(Duration.ofHours(1), 1 << 20);
    ProbeResult cut = result(1, 1000, true);
    cache.put(cut);
    assertThat(cache.get(cut.request())).isEmpty();
    ProbeResult complete = result(1, 1000, false);
    cache.put(complete);
    assertThat(cache.get(complete.request())).contains(complete);
  }

  private static ProbeResult result(int n, int chainBytes, boolean cut) throws Exception {
    ProbeRequest request =
        ProbeRequest.of("mx" + n + ".example.test", InetAddress.getByName("127.0.0.1"), "");
    int certificates = Math.max(1, chainBytes / 10_000);
    List<byte[]> chain =
        java.util.stream.IntStream.range(0, certificates)
            .mapToObj(i -> new byte[chainBytes / certificates])
            .toList();
    return new ProbeResult(
        request,
        SmtpOutcome.TLS_HANDSHAKE_FAILED,
        ProbeTimings.none(),
        "220 hi",
        List.of(),
        true,
        "220 go ahead",
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        CertificateSummaries.summarize(chain),
        PkixStatus.NOT_CHECKED,
        "",
        Optional.empty(),
        "",
        List.of(),
        cut);
  }
}
