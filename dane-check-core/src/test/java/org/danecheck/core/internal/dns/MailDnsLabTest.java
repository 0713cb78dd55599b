/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.danecheck.DnssecStatus;
import org.danecheck.LookupOutcome;
import org.danecheck.LookupStatus;
import org.danecheck.MxSource;
import org.danecheck.Problem;
import org.danecheck.ProblemCode;
import org.danecheck.ValidationMode;
import org.danecheck.core.internal.Deadline;
import org.danecheck.core.internal.policy.AddressPlan;
import org.danecheck.core.internal.policy.MxPlan;
import org.danecheck.core.internal.policy.Rfc7672Policy;
import org.danecheck.core.internal.policy.TlsaResult;
import org.danecheck.core.internal.policy.TlsaSearch;
import org.danecheck.core.internal.policy.TlsaState;
import org.danecheck.testkit.LabAlgorithm;
import org.danecheck.testkit.LabDnsServer;
import org.danecheck.testkit.LabFault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every DNS status, end to end over the lab server's sockets, with in-process validation. */
class MailDnsLabTest {
  static final String HASH = "aa".repeat(32);
  static final String HASH2 = "bb".repeat(32);

  static LabDnsServer lab;
  static MailDns dns;

  @BeforeAll
  static void start() {
    lab =
        LabDnsServer.builder()
            .zone(
                "sec.test",
                z ->
                    z.zoneFile(
                            String.join(
                                "\n",
                                "@ MX 10 mx",
                                "mx A 127.0.0.10",
                                "mx AAAA ::10",
                                "_25._tcp.mx TLSA 3 1 1 " + HASH,
                                "implicit A 127.0.0.12",
                                "nullmx MX 0 .",
                                "nullmixed MX 0 .",
                                "nullmixed MX 10 mx",
                                "order MX 20 a.order",
                                "order MX 10 b.order",
                                "order MX 5 a.order",
                                "mxfail MX 10 mx",
                                "mxfail A 127.0.0.13",
                                "mxbogus MX 10 mx",
                                "mxexpired MX 10 mx",
                                "mxdrop MX 10 mx",
                                "mxtrunc MX 10 mx",
                                "nodenial A 127.0.0.14",
                                "many MX 10 mx",
                                "mixed A 127.0.0.11",
                                "mixed AAAA ::11",
                                "_25._tcp.mixed TLSA 3 1 1 " + HASH,
                                "notlsa A 127.0.0.15",
                                "tlsafail A 127.0.0.16",
                                "_25._tcp.tlsafail TLSA 3 1 1 " + HASH,
                                "tlsabogus A 127.0.0.17",
                                "_25._tcp.tlsabogus TLSA 3 1 1 " + HASH,
                                "tlsadenial A 127.0.0.18",
                                "tlsadrop A 127.0.0.19",
                                "alias CNAME mx2.other.test.",
                                "alias2 CNAME mx3.other.test.",
                                "_25._tcp.alias2 TLSA 3 1 1 " + HASH2,
                                "alias3 CNAME mx.unsigned.test.",
                                "alias4 CNAME mx.unsigned.test.",
                                "_25._tcp.alias4 TLSA 3 1 1 " + HASH2,
                                "alias5 CNAME mx.unsigned.test.",
                                "aliasbogus CNAME mx2.other.test.",
                                "loop1 CNAME loop2",
                                "loop2 CNAME loop1",
                                "d1 CNAME d2",
                                "d2 CNAME d3",
                                "d3 CNAME d4",
                                "d4 CNAME d5",
                                "d5 CNAME d6",
                                "d6 CNAME d7",
                                "d7 CNAME d8",
                                "d8 CNAME d9",
                                "d9 CNAME d10",
                                "d10 A 127.0.0.20",
                                "slow MX 10 mx",
                                "shared A 127.0.0.21"))
                        .fault("mxfail", "MX", LabFault.SERVFAIL)
                        .fault("mxbogus", "MX", LabFault.BOGUS_SIGNATURE)
                        .fault("mxexpired", "MX", LabFault.EXPIRED_SIGNATURE)
                        .fault("mxdrop", "MX", LabFault.DROP)
                        .fault("mxtrunc", "MX", LabFault.TRUNCATE)
                        .fault("nodenial", "MX", LabFault.BROKEN_DENIAL)
                        .fault("mixed", "AAAA", LabFault.BOGUS_SIGNATURE)
                        .fault("_25._tcp.tlsafail", "TLSA", LabFault.SERVFAIL)
                        .fault("_25._tcp.tlsabogus", "TLSA", LabFault.BOGUS_SIGNATURE)
                        .fault("_25._tcp.tlsadenial", "TLSA", LabFault.BROKEN_DENIAL)
                        .fault("_25._tcp.tlsadrop", "TLSA", LabFault.DROP)
                        .fault("aliasbogus", "CNAME", LabFault.BOGUS_SIGNATURE)
                        .fault("alias5", "CNAME", LabFault.SERVFAIL)
                        .latency("slow", Duration.ofSeconds(2))
                        .latency("shared", Duration.ofMillis(150)))
            .zone(
                "many.sec.test",
                z -> {
                  for (int i = 0; i < 20; i++) {
                    z.record("@ MX " + i + " mx" + i);
                  }
                  for (int i = 0; i < 12; i++) {
                    z.record("big A 127.0.1." + i);
                  }
                })
            .zone(
                "other.test",
                z ->
                    z.record("mx2 A 127.0.0.30")
                        .record("_25._tcp.mx2 TLSA 3 1 1 " + HASH)
                        .record("mx3 A 127.0.0.31"))
            .zone(
                "unsigned.test",
                z ->
                    z.unsigned()
                        .record("@ MX 10 mx")
                        .record("mx A 127.0.0.40")
                        .record("alias CNAME mx2.other.test."))
            .zone(
                "rsa.test", z -> z.algorithm(LabAlgorithm.RSASHA256).record("@ MX 5 mx.sec.test."))
            .zone("solo", z -> z.record("@ MX 10 mx.solo.").record("mx A 127.0.0.50"))
            // The zone's DNSKEY query is never answered: no answer in it can be validated.
            .zone(
                "mute.test",
                z -> z.record("a A 127.0.0.60").fault("mute.test.", "DNSKEY", LabFault.DROP))
            .start();
    dns = new MailDns(labConfig(lab).build());
  }

  static DnsConfig.Builder labConfig(LabDnsServer server) {
    return DnsConfig.builder()
        .resolvers(List.of(server.address()))
        .trustAnchors(server.trustAnchor())
        .queryTimeout(Duration.ofMillis(300))
        .retries(0);
  }

  @AfterAll
  static void stop() {
    dns.close();
    lab.close();
  }

  static Deadline deadline() {
    return Deadline.after(Duration.ofSeconds(10));
  }

  /** The MX step as the engine runs it: the lookup, then the policy's reading of it. */
  static MxPlan mx(String domain) {
    String name = domain.toLowerCase(java.util.Locale.ROOT) + ".";
    return Rfc7672Policy.mx(name, dns.mx(domain, deadline()).join());
  }

  static LookupStatus mxLookup(String domain) {
    return mx(domain).lookup().orElseThrow();
  }

  static HostAddresses addresses(String host) {
    return dns.addresses(host, deadline()).join();
  }

  static AddressPlan plan(HostAddresses host) {
    return Rfc7672Policy.addresses(host);
  }

  static TlsaResult tlsa(String host) {
    return tlsa(addresses(host));
  }

  /** The TLSA step as the engine runs it: the policy's candidates, the lookups, the result. */
  static TlsaResult tlsa(HostAddresses host) {
    AddressPlan plan = plan(host);
    Optional<LookupStatus> cname =
        Rfc7672Policy.needsCnameStatus(host, plan)
            ? Optional.of(dns.cname(host.host(), deadline()).join().lookup())
            : Optional.empty();
    TlsaSearch search = Rfc7672Policy.tlsaSearch(host, plan, cname);
    List<TlsaAnswer> answers =
        dns.tlsa(search.baseDomains(), 25, deadline(), Rfc7672Policy::tlsaSearchEnds).join();
    return Rfc7672Policy.tlsaResult(host.host(), search, answers);
  }

  static List<ProblemCode> codes(List<Problem> problems) {
    return problems.stream().map(Problem::code).toList();
  }

  // --- MX (RFC 7672 2.2.1, 2.1.2) ---

  @Test
  void secureMx() {
    MxPlan r = mx("sec.test");
    assertThat(r.source()).isEqualTo(MxSource.MX_RECORDS);
    assertThat(r.lookup().orElseThrow().dnssec()).isEqualTo(DnssecStatus.SECURE);
    assertThat(r.lookup().orElseThrow().outcome()).isEqualTo(LookupOutcome.DATA);
    assertThat(r.hosts()).containsExactly(new MxHost(10, "mx.sec.test."));
    assertThat(r.lookup().orElseThrow().signatureExpiry()).contains(lab.signatureExpiration());
    assertThat(r.problems()).isEmpty();
    assertThat(dns.mode()).isEqualTo(ValidationMode.IN_PROCESS);
    assertThat(dns.configurationProblems()).isEmpty();
  }

  @Test
  void rsaSignedZoneIsSecure() {
    MxPlan r = mx("RSA.test");
    assertThat(r.lookup().orElseThrow().dnssec()).isEqualTo(DnssecStatus.SECURE);
    assertThat(r.hosts()).containsExactly(new MxHost(5, "mx.sec.test."));
  }

  @Test
  void zoneDirectlyUnderTheRoot() {
    assertThat(mx("solo").secure()).isTrue();
    assertThat(tlsa("mx.solo").lookups()).hasSize(1);
  }

  @Test
  void nullMxMeansNoMail() {
    // RFC 7505 3: a single MX with target "." says the domain accepts no mail
    MxPlan r = mx("nullmx.sec.test");
    assertThat(r.source()).isEqualTo(MxSource.NULL_MX);
    assertThat(r.hosts()).isEmpty();
    assertThat(codes(r.problems())).containsExactly(ProblemCode.NULL_MX);
  }

  @Test
  void secureNodataGivesTheImplicitMx() {
    // RFC 5321 5.1: no MX records, the domain itself is the mail host
    MxPlan r = mx("implicit.sec.test");
    assertThat(r.lookup().orElseThrow().outcome()).isEqualTo(LookupOutcome.NODATA);
    assertThat(r.lookup().orElseThrow().dnssec()).isEqualTo(DnssecStatus.SECURE);
    assertThat(r.source()).isEqualTo(MxSource.IMPLICIT_MX);
    assertThat(r.hosts()).containsExactly(new MxHost(0, "implicit.sec.test."));
  }

  @Test
  void secureNxdomainIsNoSuchDomainNotAnImplicitMx() {
    // RFC 5321 5.1: the implicit MX is for a domain that exists
    MxPlan r = mx("nx.sec.test");
    assertThat(r.lookup().orElseThrow().outcome()).isEqualTo(LookupOutcome.NXDOMAIN);
    assertThat(r.lookup().orElseThrow().dnssec()).isEqualTo(DnssecStatus.SECURE);
    assertThat(r.source()).isEqualTo(MxSource.NO_SUCH_DOMAIN);
    assertThat(r.hosts()).isEmpty();
  }

  @Test
  void servfailIsAFailureNeverAFallbackToTheImplicitMx() {
    // RFC 7672 2.1.2: an MX lookup failure defers delivery
    MxPlan r = mx("mxfail.sec.test");
    assertThat(r.source()).isEqualTo(MxSource.LOOKUP_FAILED);
    assertThat(r.hosts()).isEmpty();
    assertThat(r.lookup().orElseThrow().dnssec()).isEqualTo(DnssecStatus.FAILED);
    assertThat(r.lookup().orElseThrow().reason()).contains("SERVFAIL");
    assertThat(codes(r.problems())).containsExactly(ProblemCode.MX_LOOKUP_FAILED);
  }

  @Test
  void bogusSignatureOnMx() {
    // RFC 4035 5.5 and RFC 7672 2.1.1: bogus is a failure, with the validator's reason
    MxPlan r = mx("mxbogus.sec.test");
    assertThat(r.source()).isEqualTo(MxSource.LOOKUP_FAILED);
    assertThat(r.lookup().orElseThrow().dnssec()).isEqualTo(DnssecStatus.BOGUS);
    assertThat(r.lookup().orElseThrow().outcome()).isEqualTo(LookupOutcome.FAILED);
    assertThat(r.lookup().orElseThrow().reason()).isNotBlank();
    assertThat(r.lookup().orElseThrow().extendedDnsError()).isPresent();
    assertThat(codes(r.problems())).containsExactly(ProblemCode.DNSSEC_BOGUS);
  }

  @Test
  void expiredSignatureOnMxIsBogus() {
    // RFC 4035 5.3.1: a signature past its expiration does not validate
    MxPlan r = mx("mxexpired.sec.test");
    assertThat(r.lookup().orElseThrow().dnssec()).isEqualTo(DnssecStatus.BOGUS);
    assertThat(r.source()).isEqualTo(MxSource.LOOKUP_FAILED);
  }

  @Test
  void brokenDenialIsBogusNotNodata() {
    // RFC 4035 5.4: a NODATA without a valid NSEC proof is bogus, not an implicit MX
    MxPlan r = mx("nodenial.sec.test");
    assertThat(r.lookup().orElseThrow().dnssec()).isEqualTo(DnssecStatus.BOGUS);
    assertThat(r.source()).isEqualTo(MxSource.LOOKUP_FAILED);
  }

  @Test
  void timeoutIsAFailure() {
    MxPlan r = mx("mxdrop.sec.test");
    assertThat(r.source()).isEqualTo(MxSource.LOOKUP_FAILED);
    assertThat(r.lookup().orElseThrow().dnssec()).isEqualTo(DnssecStatus.FAILED);
  }

  /**
   * dnsjava 3.6.4 leaves a NODATA or NXDOMAIN answer unchecked, without AD, when the DNSKEY query
   * its validation needs gets no answer; read as INSECURE, a dropped packet would turn a signed "no
   * TLSA records" or "no MX records" into an unsigned one (no DANE). A validating resolver
   * (Unbound, what Postfix relies on) answers SERVFAIL: so must we.
   */
  @Test
  void aDenialWhoseKeyQueryGetsNoAnswerIsFailedNotInsecure() {
    LookupStatus nodata = dns.mx("a.mute.test", deadline()).join().lookup();
    assertThat(nodata.outcome()).isEqualTo(LookupOutcome.FAILED);
    assertThat(nodata.dnssec()).isEqualTo(DnssecStatus.FAILED);
    assertThat(nodata.reason()).contains("DNSSEC status unknown", "mute.test. DNSKEY");

    TlsaAnswer nxdomain =
        dns.tlsa(List.of("a.mute.test"), 25, deadline(), Rfc7672Policy::tlsaSearchEnds)
            .join()
            .get(0);
    assertThat(nxdomain.lookup().outcome()).isEqualTo(LookupOutcome.FAILED);
    assertThat(nxdomain.cut()).isFalse(); // the server's silence, not a deadline: a real failure
  }

  @Test
  void deadlineCutsASlowLookup() {
    long start = System.nanoTime();
    MxAnswer r = dns.mx("slow.sec.test", Deadline.after(Duration.ofMillis(200))).join();
    assertThat(r.lookup().outcome()).isEqualTo(LookupOutcome.FAILED);
    assertThat(r.lookup().reason()).contains("deadline");
    assertThat(r.cut()).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void truncationFallsBackToTcp() {
    MxPlan r = mx("mxtrunc.sec.test");
    assertThat(r.lookup().orElseThrow().isSecure()).isTrue();
    assertThat(r.hosts()).containsExactly(new MxHost(10, "mx.sec.test."));
    assertThat(lab.queryCount("mxtrunc.sec.test.", "MX")).isEqualTo(2); // UDP, then TCP
  }

  @Test
  void insecureDelegationMakesMxInsecure() {
    // RFC 4035 5.2: a signed proof of no DS makes the child zone provably insecure
    MxPlan r = mx("unsigned.test");
    assertThat(r.lookup().orElseThrow().dnssec()).isEqualTo(DnssecStatus.INSECURE);
    assertThat(r.source()).isEqualTo(MxSource.MX_RECORDS);
    assertThat(r.secure()).isFalse();
  }

  @Test
  void nullMxBesideOtherMxRecordsMeansNoMailAndIsReported() {
    // RFC 7505 3: "A domain that advertises a null MX MUST NOT advertise any other MX RR";
    // Postfix's dns_get_answer makes the whole reply DNS_NULLMX and smtp_addr.c bounces (5.1.0).
    MxPlan r = mx("nullmixed.sec.test");
    assertThat(r.source()).isEqualTo(MxSource.NULL_MX);
    assertThat(r.hosts()).isEmpty();
    assertThat(codes(r.problems())).containsExactly(ProblemCode.NULL_MX_MIXED);
    assertThat(r.problems().get(0).message()).contains("10 mx.sec.test.");
  }

  @Test
  void mxHostsAreSortedByPreferenceBeforeDuplicatesAreDropped() {
    // RFC 7672 2.2.1: "MX records MUST be sorted by preference": 20 a, 10 b, 5 a tries a first.
    MxAnswer answer = dns.mx("order.sec.test", deadline()).join();
    assertThat(answer.records())
        .extracting(MxHost::preference)
        .containsExactlyInAnyOrder(20, 10, 5);
    assertThat(mx("order.sec.test").hosts())
        .containsExactly(new MxHost(5, "a.order.sec.test."), new MxHost(10, "b.order.sec.test."));
  }

  @Test
  void mxHostsAreSortedAndBounded() {
    MxPlan r = mx("many.sec.test");
    assertThat(r.hosts()).hasSize(Rfc7672Policy.MAX_MX_HOSTS);
    assertThat(r.hosts().get(0)).isEqualTo(new MxHost(0, "mx0.many.sec.test."));
    assertThat(r.hosts().get(15).preference()).isEqualTo(15);
    assertThat(codes(r.problems())).containsExactly(ProblemCode.LIMIT_REACHED);
  }

  // --- addresses (RFC 7672 2.1.2, 2.2.2) ---

  static List<String> usable(HostAddresses h) {
    return plan(h).usable().stream().map(InetAddress::getHostAddress).toList();
  }

  @Test
  void secureAddresses() {
    HostAddresses h = addresses("mx.sec.test");
    assertThat(h.lookups()).extracting(l -> l.type().name()).containsExactly("A", "AAAA");
    assertThat(h.lookups()).allMatch(LookupStatus::isSecure);
    assertThat(usable(h)).containsExactly("127.0.0.10", "0:0:0:0:0:0:0:10");
    assertThat(plan(h).allLookupsAnswered()).isTrue();
    assertThat(plan(h).problems()).isEmpty();
    assertThat(h.cnameChain()).isEmpty();
  }

  @Test
  void addressesPerFamilyAreBounded() {
    HostAddresses h = addresses("big.many.sec.test");
    assertThat(usable(h)).hasSize(MailDns.MAX_ADDRESSES_PER_FAMILY);
    assertThat(codes(h.problems())).contains(ProblemCode.LIMIT_REACHED);
  }

  @Test
  void bogusAaaaIsDroppedWhileSecureAIsKept() {
    HostAddresses h = addresses("mixed.sec.test");
    assertThat(h.lookups().get(0).dnssec()).isEqualTo(DnssecStatus.SECURE);
    assertThat(h.lookups().get(1).dnssec()).isEqualTo(DnssecStatus.BOGUS);
    // RFC 4035 5.5: no address from a bogus RRset; RFC 7672 2.1.2: the others are used
    assertThat(usable(h)).containsExactly("127.0.0.11");
    assertThat(plan(h).allLookupsAnswered()).isFalse();
    assertThat(plan(h).problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code()).isEqualTo(ProblemCode.DNSSEC_BOGUS);
              assertThat(p.message()).contains("other addresses");
            });
    // RFC 7672 2.2.2: the A RRset was obtained securely, so TLSA is asked
    assertThat(tlsa(h).state()).isEqualTo(TlsaState.SECURE_RECORDS);
  }

  @Test
  void insecureHostIsNotAskedForTlsa() {
    // RFC 7672 2.2.2: TLSA only for hosts whose addresses were obtained securely
    HostAddresses h = addresses("mx.unsigned.test");
    assertThat(h.lookups().get(0).dnssec()).isEqualTo(DnssecStatus.INSECURE);
    int before = lab.queryCount("_25._tcp.mx.unsigned.test.", "TLSA");
    TlsaResult t = tlsa(h);
    assertThat(t.state()).isEqualTo(TlsaState.NOT_QUERIED);
    assertThat(t.lookups()).isEmpty();
    assertThat(codes(t.problems())).contains(ProblemCode.HOST_INSECURE);
    assertThat(lab.queryCount("_25._tcp.mx.unsigned.test.", "TLSA")).isEqualTo(before);
    // no CNAME: no CNAME query either
    assertThat(lab.queryCount("mx.unsigned.test.", "CNAME")).isZero();
  }

  @Test
  void onlyOneFamilyWhenConfigured() {
    try (MailDns v4 = new MailDns(labConfig(lab).ipv6(false).build())) {
      HostAddresses h = v4.addresses("mx.sec.test", deadline()).join();
      assertThat(h.lookups()).extracting(l -> l.type().name()).containsExactly("A");
    }
  }

  // --- CNAME (RFC 7672 2.2.2, 2.1.3, RFC 7671 7) ---

  @Test
  void secureCnameChainTriesTheExpandedNameFirst() {
    HostAddresses h = addresses("alias.sec.test");
    assertThat(h.cnameChain()).containsExactly("mx2.other.test.");
    TlsaResult t = tlsa(h);
    assertThat(t.state()).isEqualTo(TlsaState.SECURE_RECORDS);
    assertThat(t.baseDomain()).isEqualTo("mx2.other.test.");
    assertThat(t.lookups()).hasSize(1);
  }

  @Test
  void secureCnameChainFallsBackToTheOriginalName() {
    // RFC 7672 2.2.2: no TLSA at the expanded name, then the original name
    TlsaResult t = tlsa("alias2.sec.test");
    assertThat(t.lookups())
        .extracting(LookupStatus::name)
        .containsExactly("_25._tcp.mx3.other.test", "_25._tcp.alias2.sec.test");
    assertThat(t.baseDomain()).isEqualTo("alias2.sec.test.");
    assertThat(t.state()).isEqualTo(TlsaState.SECURE_RECORDS);
    assertThat(t.records()).extracting(r -> r.associationDataHex()).containsExactly(HASH2);
  }

  @Test
  void signedCnameIntoAnUnsignedZoneSearchesTheOriginalName() {
    // RFC 7672 2.2.2, "Insecure CNAME": the address answer is insecure, but the host's own CNAME
    // is signed, so the original name is the candidate TLSA base domain (2.1.3: a CNAME query
    // tells the status of the initial CNAME). Before: treated as no DANE, a silent downgrade.
    HostAddresses h = addresses("alias4.sec.test");
    assertThat(h.cnameChain()).containsExactly("mx.unsigned.test.");
    assertThat(h.lookups()).noneMatch(LookupStatus::isSecure);
    TlsaResult t = tlsa(h);
    assertThat(t.lookups())
        .extracting(l -> l.name() + " " + l.type())
        .containsExactly("alias4.sec.test CNAME", "_25._tcp.alias4.sec.test TLSA");
    assertThat(t.state()).isEqualTo(TlsaState.SECURE_RECORDS);
    assertThat(t.baseDomain()).isEqualTo("alias4.sec.test.");
    assertThat(t.records()).extracting(r -> r.associationDataHex()).containsExactly(HASH2);
    // the expanded name, in an unsigned zone, is never a candidate
    assertThat(lab.queryCount("_25._tcp.mx.unsigned.test.", "TLSA")).isZero();
  }

  @Test
  void signedCnameIntoAnUnsignedZoneWithoutTlsaAtTheOriginalNameHasNoDane() {
    TlsaResult t = tlsa("alias3.sec.test");
    assertThat(t.state()).isEqualTo(TlsaState.SECURE_NONE);
    assertThat(t.baseDomain()).isEqualTo("alias3.sec.test.");
  }

  @Test
  void unsignedCnameIsInsecureEvenIntoASignedZone() {
    // RFC 7672 2.1.3 / 2.2.2: "If the initial CNAME response is also insecure, DANE TLS does not
    // apply"; the TLSA records of the signed target are not looked up.
    HostAddresses h = addresses("alias.unsigned.test");
    assertThat(h.cnameChain()).containsExactly("mx2.other.test.");
    TlsaResult t = tlsa(h);
    assertThat(t.state()).isEqualTo(TlsaState.NOT_QUERIED);
    assertThat(t.lookups()).extracting(l -> l.type().name()).containsExactly("CNAME");
    assertThat(codes(t.problems())).containsExactly(ProblemCode.HOST_INSECURE);
  }

  @Test
  void failedCnameStatusLookupSkipsTheHost() {
    // RFC 7672 2.1.2: a query used to locate TLSA records failed; Postfix's qname_secure returns
    // -1 and the message is deferred ("TLSA lookup error").
    TlsaResult t = tlsa("alias5.sec.test");
    assertThat(t.state()).isEqualTo(TlsaState.FAILED);
    assertThat(t.lookups()).extracting(l -> l.type().name()).containsExactly("CNAME");
    assertThat(codes(t.problems())).containsExactly(ProblemCode.TLSA_LOOKUP_FAILED);
  }

  @Test
  void bogusCnameLinkFailsTheLookup() {
    HostAddresses h = addresses("aliasbogus.sec.test");
    assertThat(h.lookups()).allMatch(s -> s.dnssec() == DnssecStatus.BOGUS);
    assertThat(usable(h)).isEmpty();
    assertThat(plan(h).allLookupsAnswered()).isFalse();
    assertThat(tlsa(h).state()).isEqualTo(TlsaState.NOT_QUERIED);
  }

  @Test
  void cnameLoopIsDetected() {
    // RFC 1034 3.6.2: a looping chain never yields addresses. The validator already finds the
    // looped answer bogus (no proof for its end); DnsClientTest covers the loop check itself.
    HostAddresses h = addresses("loop1.sec.test");
    assertThat(usable(h)).isEmpty();
    assertThat(h.lookups()).allMatch(s -> s.outcome() == LookupOutcome.FAILED);
    assertThat(tlsa(h).state()).isEqualTo(TlsaState.NOT_QUERIED);
  }

  @Test
  void cnameChainLongerThanEightIsCut() {
    HostAddresses h = addresses("d1.sec.test");
    assertThat(usable(h)).isEmpty();
    assertThat(codes(plan(h).problems())).contains(ProblemCode.CNAME_CHAIN_INVALID);
    assertThat(usable(addresses("d3.sec.test"))).hasSize(1); // 7 links: fine
  }

  // --- TLSA (RFC 7672 2.2.3, 2.1.2) ---

  @Test
  void secureTlsaRecords() {
    TlsaResult t = tlsa("mx.sec.test");
    assertThat(t.state()).isEqualTo(TlsaState.SECURE_RECORDS);
    assertThat(t.baseDomain()).isEqualTo("mx.sec.test.");
    assertThat(t.records()).hasSize(1);
    assertThat(t.records().get(0).toString()).isEqualTo("3 1 1 " + HASH);
    assertThat(t.lookups().get(0).signatureExpiry()).contains(lab.signatureExpiration());
  }

  @Test
  void secureDenialOfTlsa() {
    TlsaResult t = tlsa("notlsa.sec.test");
    assertThat(t.state()).isEqualTo(TlsaState.SECURE_NONE);
    assertThat(t.lookups().get(0).outcome()).isEqualTo(LookupOutcome.NXDOMAIN);
    assertThat(codes(t.problems())).containsExactly(ProblemCode.TLSA_NOT_FOUND);
  }

  @Test
  void tlsaServfailIsAFailureNotNoTlsa() {
    // RFC 7672 2.1.2: a failed TLSA lookup for a secure host defers delivery
    TlsaResult t = tlsa("tlsafail.sec.test");
    assertThat(t.state()).isEqualTo(TlsaState.FAILED);
    assertThat(t.lookups().get(0).dnssec()).isEqualTo(DnssecStatus.FAILED);
    assertThat(codes(t.problems())).containsExactly(ProblemCode.TLSA_LOOKUP_FAILED);
  }

  @Test
  void tlsaBogusIsAFailure() {
    TlsaResult t = tlsa("tlsabogus.sec.test");
    assertThat(t.state()).isEqualTo(TlsaState.FAILED);
    assertThat(t.lookups().get(0).dnssec()).isEqualTo(DnssecStatus.BOGUS);
    assertThat(codes(t.problems())).containsExactly(ProblemCode.DNSSEC_BOGUS);
  }

  @Test
  void tlsaBrokenDenialIsAFailure() {
    TlsaResult t = tlsa("tlsadenial.sec.test");
    assertThat(t.state()).isEqualTo(TlsaState.FAILED);
    assertThat(t.lookups().get(0).dnssec()).isEqualTo(DnssecStatus.BOGUS);
  }

  @Test
  void tlsaTimeoutIsAFailure() {
    TlsaResult t = tlsa("tlsadrop.sec.test");
    assertThat(t.state()).isEqualTo(TlsaState.FAILED);
    assertThat(t.lookups().get(0).dnssec()).isEqualTo(DnssecStatus.FAILED);
  }

  // --- concurrency and caching ---

  @Test
  void identicalQueriesInFlightAreAskedOnce() {
    CompletableFuture<HostAddresses> a = dns.addresses("shared.sec.test", deadline());
    CompletableFuture<HostAddresses> b = dns.addresses("shared.sec.test", deadline());
    assertThat(usable(a.join())).hasSize(1);
    assertThat(usable(b.join())).hasSize(1);
    assertThat(lab.queryCount("shared.sec.test.", "A")).isEqualTo(1);
  }

  @Test
  void cacheKeepsAnswersForTheirTtl() {
    try (MailDns cached = new MailDns(labConfig(lab).cache(true).build())) {
      int before = lab.queryCount("rsa.test.", "MX");
      cached.mx("rsa.test", deadline()).join();
      cached.mx("rsa.test", deadline()).join();
      assertThat(lab.queryCount("rsa.test.", "MX")).isEqualTo(before + 1);
    }
  }
}
