/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.danecheck.DnssecStatus;
import org.danecheck.LookupOutcome;
import org.danecheck.core.internal.Deadline;
import org.danecheck.core.internal.policy.Rfc7672Policy;
import org.danecheck.testkit.LabDnsServer;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * An on-path attacker strips the TLSA RRset (and its RRSIG) that a signed CNAME leads to, leaving
 * the signed CNAME: the answer must be BOGUS (the denial is not proven, RFC 7672 2.1.1), never a
 * secure or insecure "no TLSA records". The review's probe, kept as a regression test.
 */
class TlsaStripLabTest {
  private static final String HASH = "aa".repeat(32);

  /** Removes the TLSA records and their signatures from every TLSA answer. */
  private static final class Stripper extends ForwardingResolver {
    Stripper(Resolver head) {
      super(head);
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query, Executor executor) {
      return head.sendAsync(query, executor)
          .thenApply(
              m -> {
                if (m.getQuestion().getType() != Type.TLSA) {
                  return m;
                }
                for (Record r : m.getSection(Section.ANSWER)) {
                  if (r.getType() == Type.TLSA
                      || (r instanceof RRSIGRecord s && s.getTypeCovered() == Type.TLSA)) {
                    m.removeRecord(r, Section.ANSWER);
                  }
                }
                return m;
              });
    }
  }

  @Test
  void aTlsaRrsetStrippedAfterASignedCnameIsBogus() throws Exception {
    try (LabDnsServer lab =
        LabDnsServer.builder()
            .zone(
                "sec.test",
                z ->
                    z.zoneFile(
                        String.join(
                            "\n",
                            "mx A 127.0.0.10",
                            "_25._tcp.mx CNAME tlsa._dane",
                            "tlsa._dane TLSA 3 1 1 " + HASH)))
            .start()) {
      DnsConfig config = MailDnsLabTest.labConfig(lab).build();
      SimpleResolver plainHead = new SimpleResolver(lab.address());
      plainHead.setTimeout(Duration.ofSeconds(2));
      SimpleResolver strippedHead = new SimpleResolver(lab.address());
      strippedHead.setTimeout(Duration.ofSeconds(2));
      try (MailDns plain = new MailDns(config, plainHead);
          MailDns stripped = new MailDns(config, new Stripper(strippedHead))) {
        TlsaAnswer honest = lookup(plain);
        assertThat(honest.lookup().outcome()).isEqualTo(LookupOutcome.DATA);
        assertThat(honest.lookup().dnssec()).isEqualTo(DnssecStatus.SECURE);
        assertThat(honest.records()).hasSize(1);

        TlsaAnswer attacked = lookup(stripped);
        assertThat(attacked.lookup().outcome()).isEqualTo(LookupOutcome.FAILED);
        assertThat(attacked.lookup().dnssec()).isEqualTo(DnssecStatus.BOGUS);
        assertThat(attacked.records()).isEmpty();
      }
    }
  }

  private static TlsaAnswer lookup(MailDns dns) {
    return dns.tlsa(
            List.of("mx.sec.test."),
            25,
            Deadline.after(Duration.ofSeconds(5)),
            Rfc7672Policy::tlsaSearchEnds)
        .join()
        .get(0);
  }
}
