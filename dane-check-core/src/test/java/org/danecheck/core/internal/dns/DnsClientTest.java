/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import org.danecheck.DnssecStatus;
import org.danecheck.LookupOutcome;
import org.danecheck.MxSource;
import org.danecheck.Problem;
import org.danecheck.ProblemCode;
import org.danecheck.ValidationMode;
import org.danecheck.core.internal.Deadline;
import org.danecheck.core.internal.policy.Rfc7672Policy;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Master;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Unit tests of answer classification, with a mocked resolver where failures are needed. */
class DnsClientTest {
  static final DnsConfig AD_TRUST =
      DnsConfig.builder()
          .resolvers(List.of(new InetSocketAddress("127.0.0.1", 53)))
          .adTrust(true)
          .queryTimeout(Duration.ofMillis(300))
          .build();

  @Test
  void builtInRootAnchorsParseWithTheIanaKeyTags() throws IOException {
    List<Integer> tags = new ArrayList<>();
    try (Master master =
        new Master(
            new ByteArrayInputStream(
                DnsConfig.builtInTrustAnchors().getBytes(StandardCharsets.US_ASCII)))) {
      Record r;
      while ((r = master.nextRecord()) != null) {
        DSRecord ds = (DSRecord) r;
        assertThat(ds.getName()).isEqualTo(Name.root);
        assertThat(ds.getAlgorithm()).isEqualTo(8);
        assertThat(ds.getDigestID()).isEqualTo(2);
        tags.add(ds.getFootprint());
      }
    }
    assertThat(tags).containsExactly(20326, 38696);
    // and the default configuration builds a validator from them without any network traffic
    DnsConfig defaults =
        DnsConfig.builder().resolvers(List.of(new InetSocketAddress("127.0.0.1", 53))).build();
    assertThat(defaults.trustAnchors()).contains("20326 8 2 E06D44B8");
    try (MailDns dns = new MailDns(defaults)) {
      assertThat(dns.mode()).isEqualTo(ValidationMode.IN_PROCESS);
    }
  }

  @Test
  void trustAnchorsThatDoNotParseAreRejected() {
    DnsConfig bad =
        DnsConfig.builder()
            .resolvers(List.of(new InetSocketAddress("127.0.0.1", 53)))
            .trustAnchors("not a record")
            .build();
    assertThatThrownBy(() -> new MailDns(bad)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void resolverAddressesParseWithoutLookups() {
    assertThat(DnsConfig.parseResolver("127.0.0.53:5353"))
        .isEqualTo(new InetSocketAddress("127.0.0.53", 5353));
    assertThat(DnsConfig.parseResolver("::1").getPort()).isEqualTo(53);
    assertThat(DnsConfig.parseResolver("[::1]:54").getPort()).isEqualTo(54);
    assertThatThrownBy(() -> DnsConfig.parseResolver("resolver.example"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void adTrustModeIsReportedAndWarnsForARemoteResolver() {
    DnsConfig remote =
        DnsConfig.builder()
            .resolvers(List.of(new InetSocketAddress("192.0.2.1", 53)))
            .adTrust(true)
            .build();
    try (MailDns dns = new MailDns(remote)) { // sends nothing
      assertThat(dns.mode()).isEqualTo(ValidationMode.AD_TRUST);
      assertThat(dns.configurationProblems())
          .extracting(Problem::code)
          .containsExactly(ProblemCode.AD_TRUST_MODE, ProblemCode.AD_TRUST_REMOTE_RESOLVER);
    }
  }

  @Test
  void networkFailureIsFailedNotBogusInBothModes() {
    for (boolean adTrust : new boolean[] {true, false}) {
      Resolver head = mock(Resolver.class);
      when(head.sendAsync(any(Message.class), any(Executor.class)))
          .thenReturn(CompletableFuture.failedFuture(new TimeoutException("timed out")));
      DnsConfig config =
          DnsConfig.builder()
              .resolvers(List.of(new InetSocketAddress("127.0.0.1", 53)))
              .adTrust(adTrust)
              .build();
      try (MailDns dns = new MailDns(config, head)) {
        MxAnswer r = dns.mx("example.org", Deadline.after(Duration.ofSeconds(5))).join();
        // RFC 7672 2.1.2: a failed MX lookup defers, no implicit MX
        assertThat(Rfc7672Policy.mx("example.org.", r).source()).isEqualTo(MxSource.LOOKUP_FAILED);
        assertThat(r.lookup().dnssec()).isEqualTo(DnssecStatus.FAILED);
        assertThat(r.lookup().reason())
            .isEqualTo(
                "no answer: the query for example.org. MX: resolver 127.0.0.1 did not answer in time");
      }
    }
  }

  /** Review D7: what went wrong, in the user's terms, with no Java class names. */
  @Test
  void networkFailuresAreSaidInTheUsersTerms() {
    Map<Exception, String> said =
        Map.of(
            new java.net.PortUnreachableException(),
            "resolver 127.0.0.9 refused the connection",
            new java.net.ConnectException("Connection refused"),
            "resolver 127.0.0.9 refused the connection",
            new org.xbill.DNS.WireParseException("end of input"),
            "resolver 127.0.0.9 sent a malformed answer (end of input)",
            new java.io.IOException("Network is unreachable"),
            "network error talking to resolver 127.0.0.9 (Network is unreachable)",
            new IllegalStateException(),
            "the query to resolver 127.0.0.9 failed (no detail given)");
    DnsConfig config =
        DnsConfig.builder()
            .resolvers(List.of(new InetSocketAddress("127.0.0.9", 53)))
            .adTrust(true)
            .build();
    said.forEach(
        (error, message) -> {
          Resolver head = mock(Resolver.class);
          when(head.sendAsync(any(Message.class), any(Executor.class)))
              .thenReturn(CompletableFuture.failedFuture(error));
          try (MailDns dns = new MailDns(config, head)) {
            String reason =
                dns.mx("example.org", Deadline.after(Duration.ofSeconds(5)))
                    .join()
                    .lookup()
                    .reason();
            assertThat(reason)
                .isEqualTo("no answer: the query for example.org. MX: " + message)
                .doesNotContain("Exception", "java.");
          }
        });
  }

  @Test
  void adTrustReadsTheAdBitAndDnssecExtendedErrors() {
    Name qname = Name.fromConstantString("mx.example.org.");
    DnsClient client = new DnsClient(AD_TRUST, mock(Resolver.class), Runnable::run);

    Message secure = response(qname, Type.A, Rcode.NOERROR);
    secure.addRecord(a(qname), Section.ANSWER);
    secure.getHeader().setFlag(Flags.AD);
    assertThat(client.classify(qname, Type.A, secure, -1).status().dnssec())
        .isEqualTo(DnssecStatus.SECURE);

    Message insecure = response(qname, Type.A, Rcode.NOERROR);
    insecure.addRecord(a(qname), Section.ANSWER);
    assertThat(client.classify(qname, Type.A, insecure, -1).status().dnssec())
        .isEqualTo(DnssecStatus.INSECURE);

    Message bogus = response(qname, Type.A, Rcode.SERVFAIL);
    bogus.addRecord(
        new OPTRecord(
            1232, 0, 0, 0, new ExtendedErrorCodeOption(ExtendedErrorCodeOption.DNSSEC_BOGUS)),
        Section.ADDITIONAL);
    DnsAnswer b = client.classify(qname, Type.A, bogus, -1);
    assertThat(b.status().dnssec()).isEqualTo(DnssecStatus.BOGUS);
    assertThat(b.status().extendedDnsError()).hasValue(ExtendedErrorCodeOption.DNSSEC_BOGUS);

    Message servfail = response(qname, Type.A, Rcode.SERVFAIL);
    assertThat(client.classify(qname, Type.A, servfail, -1).status().dnssec())
        .isEqualTo(DnssecStatus.FAILED);
  }

  @Test
  void cnameLoopInAnAnswerIsInvalid() {
    // RFC 1034 3.6.2: a CNAME chain must not loop
    Name one = Name.fromConstantString("loop1.example.org.");
    Name two = Name.fromConstantString("loop2.example.org.");
    Message m = response(one, Type.A, Rcode.NOERROR);
    m.addRecord(new CNAMERecord(one, DClass.IN, 300, two), Section.ANSWER);
    m.addRecord(new CNAMERecord(two, DClass.IN, 300, one), Section.ANSWER);
    m.getHeader().setFlag(Flags.AD);
    DnsAnswer answer =
        new DnsClient(AD_TRUST, mock(Resolver.class), Runnable::run).classify(one, Type.A, m, -1);
    assertThat(answer.cnameChainInvalid()).isTrue();
    assertThat(answer.status().outcome()).isEqualTo(LookupOutcome.FAILED);
    assertThat(answer.status().reason()).contains("loop");
  }

  private static Message response(Name qname, int type, int rcode) {
    Message m = Message.newQuery(Record.newRecord(qname, type, DClass.IN));
    m.getHeader().setFlag(Flags.QR);
    m.getHeader().setRcode(rcode);
    return m;
  }

  private static ARecord a(Name name) {
    return new ARecord(name, DClass.IN, 300, new byte[] {127, 0, 0, 1});
  }
}
