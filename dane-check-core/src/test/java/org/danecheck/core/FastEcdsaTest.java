/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.danecheck.testkit.junit5.DaneAssertions.assertThat;

import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import java.util.List;
import org.danecheck.DaneVerdict;
import org.danecheck.DomainReport;
import org.danecheck.HostStatus;
import org.danecheck.MtaAction;
import org.danecheck.core.internal.crypto.EcdsaVerifyProvider;
import org.danecheck.testkit.DaneLab;
import org.danecheck.testkit.LabAlgorithm;
import org.danecheck.testkit.LabFault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link DaneChecker.Builder#fastEcdsa(boolean)}: a library leaves the JVM's provider list as it
 * found it unless its caller opts in; opted in, DNSSEC of an algorithm-13 zone and the TLSA match
 * still verify, through the narrow Bouncy Castle provider.
 */
class FastEcdsaTest {
  @AfterEach
  void removeProvider() {
    Security.removeProvider(EcdsaVerifyProvider.NAME); // what a test installs, it removes
  }

  private static List<String> providers() {
    return Arrays.stream(Security.getProviders()).map(Provider::getName).toList();
  }

  @Test
  void theDefaultLeavesTheProviderListAlone() {
    Security.removeProvider(EcdsaVerifyProvider.NAME);
    List<String> before = providers();
    try (DaneLab lab = ecdsaLab();
        DaneChecker checker = DaneChecker.builder().environment(lab).build()) {
      assertThat(checker.check("p256.test")).isDaneVerified();
    }
    assertThat(providers()).isEqualTo(before).doesNotContain(EcdsaVerifyProvider.NAME);
  }

  @Test
  void optedInItVerifiesAnAlgorithm13ZoneThroughTheNarrowProvider() {
    Security.removeProvider(EcdsaVerifyProvider.NAME);
    List<String> before = providers();
    long cachedBefore = EcdsaVerifyProvider.cachedVerifications();
    try (DaneLab lab = ecdsaLab();
        DaneChecker checker = DaneChecker.builder().environment(lab).fastEcdsa(true).build()) {
      DomainReport report = checker.check("p256.test");
      assertThat(report).isDaneVerified();
      // Only one provider more, first; the others keep their order.
      assertThat(providers().get(0)).isEqualTo(EcdsaVerifyProvider.NAME);
      assertThat(providers().subList(1, providers().size())).isEqualTo(before);
      // The DNSSEC signatures (root, test., p256.test.: DNSKEYs, DS, MX, A, TLSA) went through it.
      assertThat(EcdsaVerifyProvider.cachedVerifications()).isGreaterThan(cachedBefore);
      // A second check of the same answers is served from the cache and verifies the same.
      assertThat(checker.check("p256.test")).isDaneVerified();
    }
  }

  @Test
  void optedInBogusSignaturesAreStillBogus() {
    try (DaneLab lab =
            DaneLab.builder()
                .zoneAlgorithm(LabAlgorithm.ECDSAP256SHA256)
                .domain(
                    "tlsa-bogus.test",
                    d ->
                        d.mx(
                            10, "mx", h -> h.tlsa(3, 1, 1).fault("TLSA", LabFault.BOGUS_SIGNATURE)))
                .domain(
                    "mx-bogus.test",
                    d ->
                        d.mx(10, "mx", h -> h.tlsa(3, 1, 1))
                            .fault("@", "MX", LabFault.BOGUS_SIGNATURE))
                .start();
        DaneChecker checker = DaneChecker.builder().environment(lab).fastEcdsa(true).build()) {
      // As DaneCheckerScenarioTest asserts with the JDK's provider (RFC 4035 5.3: bogus).
      assertThat(checker.check("tlsa-bogus.test"))
          .hasVerdict(DaneVerdict.FAILED)
          .hasMtaAction(MtaAction.DEFER)
          .hostHasStatus("mx.tlsa-bogus.test", HostStatus.TLSA_LOOKUP_FAILED);
      assertThat(checker.check("mx-bogus.test"))
          .hasVerdict(DaneVerdict.FAILED)
          .hasMtaAction(MtaAction.DEFER);
    }
  }

  private static DaneLab ecdsaLab() {
    return DaneLab.builder()
        .zoneAlgorithm(LabAlgorithm.ECDSAP256SHA256)
        .domain("p256.test", d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1)))
        .start();
  }
}
