/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.danecheck.examples.scan.SyntheticLab.DomainKind;
import org.danecheck.examples.scan.SyntheticLab.World;
import org.danecheck.testkit.DaneLab;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

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

  @Test
  void theRepresentativeWorldsParentDeniesWithNsec3OptOutAndHalfItsSignedZonesWithNsec3()
      throws Exception {
    SyntheticLab plan = SyntheticLab.generate(300, 1, World.REPRESENTATIVE);
    List<SyntheticLab.Domain> mail =
        plan.domains().stream().filter(d -> d.kind() == DomainKind.MAIL).toList();
    String unsigned = mail.stream().filter(d -> !d.signed()).findFirst().orElseThrow().name();
    List<String> signed =
        mail.stream().filter(SyntheticLab.Domain::signed).map(d -> d.name()).toList();
    assertThat(signed).hasSizeGreaterThan(4);
    try (DaneLab lab = plan.labBuilder().start()) {
      // The unsigned delegation's DS denial: closest encloser test. and the opt-out NSEC3 covering
      // the next closer name (RFC 5155 7.2.4).
      Message ds = ask(lab, unsigned + ".", Type.DS);
      List<NSEC3Record> proof = nsec3s(ds);
      assertThat(proof).hasSize(2).allMatch(r -> (r.getFlags() & 1) != 0);
      // One in NSEC3_ONE_IN signed domain zones has an NSEC3PARAM (NSEC3), the rest NSEC.
      long nsec3 = 0;
      for (String zone : signed) {
        nsec3 += ask(lab, zone + ".", Type.NSEC3PARAM).getSection(Section.ANSWER).isEmpty() ? 0 : 1;
      }
      long expected = 0;
      int n = 0;
      for (SyntheticLab.Domain d : plan.domains()) {
        if (d.kind() != DomainKind.NONEXISTENT && d.signed()) {
          expected += n++ % SyntheticLab.NSEC3_ONE_IN == 0 && d.kind() == DomainKind.MAIL ? 1 : 0;
        }
      }
      assertThat(nsec3).isEqualTo(expected).isPositive().isLessThan(signed.size());
      // The MX lookup of a signed domain is answered as before.
      assertThat(ask(lab, signed.get(0) + ".", Type.MX).getSection(Section.ANSWER))
          .extracting(Record::getType)
          .contains(Type.MX, Type.RRSIG);
    }
  }

  @Test
  void theClassicWorldStillDeniesWithNsec() throws Exception {
    SyntheticLab plan = SyntheticLab.generate(40, 1);
    String unsigned =
        plan.domains().stream()
            .filter(d -> d.kind() == DomainKind.MAIL && !d.signed())
            .findFirst()
            .orElseThrow()
            .name();
    try (DaneLab lab = plan.labBuilder().start()) {
      Message ds = ask(lab, unsigned + ".", Type.DS);
      assertThat(ds.getSection(Section.AUTHORITY))
          .extracting(Record::getType)
          .contains(Type.NSEC)
          .doesNotContain(Type.NSEC3);
    }
  }

  private static Message ask(DaneLab lab, String name, int type) throws Exception {
    SimpleResolver r = new SimpleResolver(lab.dnsAddress());
    r.setTimeout(Duration.ofSeconds(5));
    r.setTCP(true);
    r.setEDNS(0, 1232, ExtendedFlags.DO);
    return r.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
  }

  private static List<NSEC3Record> nsec3s(Message m) {
    return m.getSection(Section.AUTHORITY).stream()
        .filter(NSEC3Record.class::isInstance)
        .map(NSEC3Record.class::cast)
        .toList();
  }
}
