/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

class LabDnsServerTest {
  private static Message ask(LabDnsServer dns, String name, int type, boolean dnssecOk, boolean tcp)
      throws Exception {
    SimpleResolver r = new SimpleResolver(dns.address());
    r.setTimeout(Duration.ofSeconds(2));
    r.setTCP(tcp);
    r.setEDNS(0, 1232, dnssecOk ? ExtendedFlags.DO : 0);
    return r.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
  }

  /**
   * The query counts are bounded (a million-domain lab would hold ~10 million): names and types
   * counted before the bound stay exact, later ones are in the total only, and asking for one of
   * those is an error rather than a wrong 0.
   */
  @Test
  void queryCountsAreBoundedAndSayWhenTheyCannotAnswer() throws Exception {
    try (LabDnsServer dns =
        LabDnsServer.builder()
            .maxCounted(2)
            .zone("example.org", z -> z.record("www 300 IN A 127.0.0.2"))
            .start()) {
      ask(dns, "www.example.org.", Type.A, true, false);
      ask(dns, "www.example.org.", Type.A, true, false);
      ask(dns, "example.org.", Type.DS, true, false);
      ask(dns, "nope.example.org.", Type.A, true, false); // the third pair: not counted
      ask(dns, "www.example.org.", Type.A, true, false);
      assertThat(dns.totalQueries()).isEqualTo(5);
      assertThat(dns.queryCount("www.example.org.", "A")).isEqualTo(3);
      assertThat(dns.queryCount("example.org.", "DS")).isEqualTo(1);
      assertThatThrownBy(() -> dns.queryCount("nope.example.org.", "A"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("first 2 names and types");
      assertThatThrownBy(() -> dns.queryCount("never.example.org.", "A"))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void answersLikeARecursiveResolverOverUdpAndTcp() throws Exception {
    try (LabDnsServer dns =
        LabDnsServer.builder()
            .zone("example.org", z -> z.record("www 300 IN A 127.0.0.2"))
            .start()) {
      assertThat(dns.address().getAddress().isLoopbackAddress()).isTrue();
      for (boolean tcp : new boolean[] {false, true}) {
        Message m = ask(dns, "www.example.org.", Type.A, true, tcp);
        assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(m.getHeader().getFlag(Flags.RA)).isTrue();
        assertThat(m.getHeader().getFlag(Flags.AA)).isFalse();
        assertThat(m.getSection(Section.ANSWER))
            .extracting(Record::getType)
            .containsExactly(Type.A, Type.RRSIG);
      }
      assertThat(dns.queryCount("www.example.org.", "A")).isEqualTo(2);
      // no RRSIGs without DO
      assertThat(ask(dns, "www.example.org.", Type.A, false, false).getSection(Section.ANSWER))
          .extracting(Record::getType)
          .containsExactly(Type.A);
      // NXDOMAIN with SOA and NSEC proofs, signed
      Message nx = ask(dns, "nope.example.org.", Type.A, true, false);
      assertThat(nx.getRcode()).isEqualTo(Rcode.NXDOMAIN);
      assertThat(nx.getSection(Section.AUTHORITY))
          .extracting(Record::getType)
          .contains(Type.SOA, Type.NSEC, Type.RRSIG);
      // the parent created automatically serves the DS of the child
      Message ds = ask(dns, "example.org.", Type.DS, true, false);
      assertThat(ds.getSection(Section.ANSWER)).extracting(Record::getType).contains(Type.DS);
      assertThat(dns.trustAnchor()).startsWith(".").contains("DS\t");
      assertThat(dns.trustAnchorRecords()).hasSize(1);
      assertThat(dns.trustAnchor()).isEqualTo(dns.trustAnchorRecords().get(0) + "\n");
    }
  }

  @Test
  void startsQuicklyWithTensOfThousandsOfNames() throws Exception {
    StringBuilder zone = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      zone.append("h")
          .append(i)
          .append(" A 127.0.")
          .append(i / 256 % 256)
          .append('.')
          .append(i % 256)
          .append('\n');
    }
    try (LabDnsServer dns =
        LabDnsServer.builder().zone("big.test", z -> z.zoneFile(zone.toString())).start()) {
      Message m = ask(dns, "h19999.big.test.", Type.A, true, false);
      assertThat(m.getSection(Section.ANSWER)).hasSize(2);
    }
  }
}
