/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import static org.assertj.core.api.Assertions.assertThat;

import org.danecheck.examples.scan.SyntheticLab.DomainKind;
import org.danecheck.examples.scan.SyntheticLab.World;
import org.junit.jupiter.api.Test;

/** The representative world keeps the seed study's shape; the classic world stays as it was. */
class SyntheticLabTest {
  @Test
  void theRepresentativeWorldHasTheSeedStudysShape() {
    SyntheticLab plan = SyntheticLab.generate(2000, 1, World.REPRESENTATIVE);
    assertThat(plan.world()).isEqualTo(World.REPRESENTATIVE);
    // Seed study: 2,000 domains on 910 distinct server addresses, ~90% unsigned, some TLSA.
    assertThat(plan.serversInUse()).isBetween(800, 1000);
    long mail = plan.domains().stream().filter(d -> d.kind() == DomainKind.MAIL).count();
    long signed =
        plan.domains().stream().filter(d -> d.kind() == DomainKind.MAIL && d.signed()).count();
    assertThat((double) signed / mail).isBetween(0.05, 0.2);
    long rsa = plan.servers().stream().filter(SyntheticLab.Server::rsa).count();
    assertThat((double) rsa / plan.servers().size()).isBetween(0.5, 0.7);
    assertThat(plan.servers().stream().anyMatch(s -> s.kind().dane())).isTrue();
  }

  @Test
  void bigPlansKeepTheSeedStudysServersPerDomainAndSmallOnesStayAsTheyWere() {
    // docs/benchmarks.md: 20,000 domains on 9,495 servers, before and after plans grew past 60,000.
    assertThat(SyntheticLab.generate(20_000, 1, World.REPRESENTATIVE).serversInUse())
        .isEqualTo(9_495);
    // Past the 127.1.x.y addresses (the lab goes on in 127.64.0.0/10): ~0.47 servers per domain.
    SyntheticLab big = SyntheticLab.generate(250_000, 1, World.REPRESENTATIVE);
    assertThat(big.serversInUse() / 250_000.0).isBetween(0.44, 0.49);
  }

  @Test
  void plansAreReproducibleAndTheClassicWorldIsTheDefault() {
    assertThat(SyntheticLab.generate(500, 7, World.REPRESENTATIVE).domains())
        .isEqualTo(SyntheticLab.generate(500, 7, World.REPRESENTATIVE).domains());
    SyntheticLab classic = SyntheticLab.generate(2000, 1);
    assertThat(classic.world()).isEqualTo(World.CLASSIC);
    assertThat(classic.servers()).hasSize(250).noneMatch(SyntheticLab.Server::rsa);
  }
}
