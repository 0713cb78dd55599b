/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSEC3PARAMRecord;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The shape of the lab's NSEC3 answers (RFC 5155 7.2): which NSEC3 records each kind of denial
 * carries, read back by hashing the names. Whether a validator accepts them is judged by Unbound
 * ({@code Nsec3UnboundInteropTest}) and by dnsjava in dane-check-core's {@code
 * DaneCheckerNsec3Test}.
 */
class LabNsec3Test {
  private static LabDnsServer dns;

  @BeforeAll
  static void start() {
    dns =
        LabDnsServer.builder()
            .zone(
                "test",
                z ->
                    z.nsec3(n -> n.optOut(true))
                        .fault("broken-optout", "DS", LabFault.INCOMPLETE_DENIAL))
            .zone(
                "n3.test",
                z ->
                    z.nsec3()
                        .record("mx A 127.0.0.2")
                        .record("a.b.ent A 127.0.0.3")
                        .record("*.wild A 127.0.0.4")
                        .fault("gone", "A", LabFault.INCOMPLETE_DENIAL))
            .zone("plain.n3.test", z -> z.unsigned())
            .zone("salted.test", z -> z.nsec3(n -> n.salt("aabbccdd").iterations(3)))
            .zone("unsigned.test", z -> z.unsigned().record("mx A 127.0.0.5"))
            .zone("broken-optout.test", z -> z.unsigned())
            .zone("nsec.test", z -> z.record("mx A 127.0.0.6"))
            .start();
  }

  @AfterAll
  static void stop() {
    dns.close();
  }

  private static Message ask(String name, int type) throws Exception {
    SimpleResolver r = new SimpleResolver(dns.address());
    r.setTimeout(Duration.ofSeconds(2));
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

  /** Whether this NSEC3 matches the name (its owner is the name's hash). */
  private static boolean matches(NSEC3Record nsec3, String name) throws Exception {
    byte[] hash = nsec3.hashName(Name.fromString(name));
    return java.util.Arrays.equals(hash, ownerHash(nsec3));
  }

  /** Whether this NSEC3 covers the name (its hash falls strictly between owner and next). */
  private static boolean covers(NSEC3Record nsec3, String name) throws Exception {
    byte[] hash = nsec3.hashName(Name.fromString(name));
    byte[] owner = ownerHash(nsec3);
    byte[] next = nsec3.getNext();
    boolean wraps = java.util.Arrays.compareUnsigned(owner, next) >= 0;
    boolean after = java.util.Arrays.compareUnsigned(owner, hash) < 0;
    boolean before = java.util.Arrays.compareUnsigned(hash, next) < 0;
    return wraps ? after || before : after && before;
  }

  private static byte[] ownerHash(NSEC3Record nsec3) {
    String label = nsec3.getName().getLabelString(0).toUpperCase(java.util.Locale.ROOT);
    return new org.xbill.DNS.utils.base32(
            org.xbill.DNS.utils.base32.Alphabet.BASE32HEX, false, false)
        .fromString(label);
  }

  @Test
  void apexHasNsec3ParamWithRfc9276Defaults() throws Exception {
    Message m = ask("n3.test.", Type.NSEC3PARAM);
    NSEC3PARAMRecord p = (NSEC3PARAMRecord) m.getSection(Section.ANSWER).get(0);
    assertThat(p.getHashAlgorithm()).isEqualTo(NSEC3Record.SHA1_DIGEST_ID);
    assertThat(p.getIterations()).isZero();
    assertThat(p.getSalt()).isNullOrEmpty();
    assertThat(p.getFlags()).isZero();
    assertThat(m.getSection(Section.ANSWER)).extracting(Record::getType).contains(Type.RRSIG);
  }

  @Test
  void nxdomainCarriesTheClosestEncloserProofAndTheWildcard() throws Exception {
    // RFC 5155 7.2.2: closest encloser n3.test. (matching), next closer x.n3.test. and the
    // wildcard *.n3.test. (covering).
    Message m = ask("y.x.n3.test.", Type.A);
    assertThat(m.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    List<NSEC3Record> proof = nsec3s(m);
    assertThat(proof).hasSizeBetween(2, 3);
    assertThat(proof).anyMatch(r -> check(() -> matches(r, "n3.test.")));
    assertThat(proof).anyMatch(r -> check(() -> covers(r, "x.n3.test.")));
    assertThat(proof).anyMatch(r -> check(() -> covers(r, "*.n3.test.")));
    assertThat(proof).allMatch(r -> r.getFlags() == 0);
    assertThat(m.getSection(Section.AUTHORITY))
        .filteredOn(RRSIGRecord.class::isInstance)
        .hasSize(proof.size() + 1); // and the SOA's
  }

  @Test
  void nodataAndEmptyNonTerminalsCarryTheMatchingNsec3() throws Exception {
    // RFC 5155 7.2.3: the NSEC3 matching the name, whose bitmap lacks the type.
    Message m = ask("mx.n3.test.", Type.TXT);
    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(nsec3s(m)).singleElement().matches(r -> check(() -> matches(r, "mx.n3.test.")));
    assertThat(nsec3s(m).get(0).getTypes()).containsExactlyInAnyOrder(Type.A, Type.RRSIG);
    // An empty non-terminal has an NSEC3 of its own, with an empty bitmap (RFC 5155 7.1).
    Message ent = ask("b.ent.n3.test.", Type.A);
    assertThat(ent.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(nsec3s(ent)).singleElement().matches(r -> r.getTypes().length == 0);
  }

  @Test
  void dsOfAnUnsignedDelegationInAnOptOutZoneIsTheClosestEncloserProof() throws Exception {
    // RFC 5155 7.2.4: no NSEC3 matches unsigned.test. (opt-out, RFC 5155 6), so the closest
    // encloser test. and the opt-out NSEC3 covering the next closer name unsigned.test.
    Message m = ask("unsigned.test.", Type.DS);
    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    List<NSEC3Record> proof = nsec3s(m);
    assertThat(proof).hasSize(2);
    assertThat(proof).anyMatch(r -> check(() -> matches(r, "test.")));
    assertThat(proof).anyMatch(r -> check(() -> covers(r, "unsigned.test.")));
    assertThat(proof).allMatch(r -> (r.getFlags() & Nsec3Chain.OPT_OUT) != 0);
    // A signed delegation keeps its NSEC3: DS proven there (and served).
    assertThat(ask("n3.test.", Type.DS).getSection(Section.ANSWER))
        .extracting(Record::getType)
        .contains(Type.DS);
    // Without opt-out an unsigned delegation has its own NSEC3: NS, no DS, no RRSIG (7.2.4).
    Message plain = ask("plain.n3.test.", Type.DS);
    assertThat(nsec3s(plain))
        .singleElement()
        .matches(r -> check(() -> matches(r, "plain.n3.test.")));
    assertThat(nsec3s(plain).get(0).getTypes()).containsExactly(Type.NS);
    // Salt and iterations as given, in every NSEC3 of the zone.
    Message salted = ask("x.salted.test.", Type.A);
    assertThat(nsec3s(salted))
        .isNotEmpty()
        .allMatch(r -> r.getIterations() == 3 && r.getSalt().length == 4);
  }

  @Test
  void wildcardAnswersAreSynthesisedWithTheNextCloserProof() throws Exception {
    // RFC 4592 and RFC 5155 7.2.6: the wildcard's data under the name asked, its RRSIG with the
    // wildcard's label count, and the NSEC3 covering the next closer name.
    Message m = ask("host.wild.n3.test.", Type.A);
    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(m.getSection(Section.ANSWER))
        .allMatch(r -> r.getName().equals(name("host.wild.n3.test.")));
    RRSIGRecord sig =
        (RRSIGRecord)
            m.getSection(Section.ANSWER).stream()
                .filter(RRSIGRecord.class::isInstance)
                .findFirst()
                .orElseThrow();
    assertThat(sig.getLabels()).isEqualTo(3);
    assertThat(nsec3s(m))
        .singleElement()
        .matches(r -> check(() -> covers(r, "host.wild.n3.test.")));
    // Wildcard NODATA (7.2.5): closest encloser, next closer, and the wildcard's own NSEC3.
    Message nodata = ask("host.wild.n3.test.", Type.TXT);
    assertThat(nodata.getSection(Section.ANSWER)).isEmpty();
    assertThat(nsec3s(nodata)).anyMatch(r -> check(() -> matches(r, "*.wild.n3.test.")));
  }

  @Test
  void incompleteDenialLeavesOutTheLastRecordOfTheProof() throws Exception {
    List<NSEC3Record> nx = nsec3s(ask("gone.n3.test.", Type.A));
    boolean complete =
        nx.stream().anyMatch(r -> check(() -> matches(r, "n3.test.")))
            && nx.stream().anyMatch(r -> check(() -> covers(r, "gone.n3.test.")))
            && nx.stream().anyMatch(r -> check(() -> covers(r, "*.n3.test.")));
    assertThat(complete).isFalse();
    // The opt-out proof's two roles may fall on one record: then nothing is left.
    List<NSEC3Record> optOut = nsec3s(ask("broken-optout.test.", Type.DS));
    assertThat(optOut).hasSizeLessThan(2);
    assertThat(
            optOut.stream().anyMatch(r -> check(() -> matches(r, "test.")))
                && optOut.stream().anyMatch(r -> check(() -> covers(r, "broken-optout.test."))))
        .isFalse();
  }

  @Test
  void nsecStaysTheDefault() throws Exception {
    Message m = ask("nope.nsec.test.", Type.A);
    assertThat(m.getSection(Section.AUTHORITY))
        .extracting(Record::getType)
        .contains(Type.NSEC)
        .doesNotContain(Type.NSEC3);
    assertThat(ask("nsec.test.", Type.NSEC3PARAM).getSection(Section.ANSWER)).isEmpty();
  }

  @Test
  void parametersAreChecked() {
    LabNsec3 p = new LabNsec3();
    assertThatThrownBy(() -> p.iterations(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> p.iterations(LabNsec3.MAX_ITERATIONS + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> p.salt("xyz")).isInstanceOf(IllegalArgumentException.class);
    assertThat(p.salt("-").salt()).isEmpty();
  }

  private static Name name(String text) {
    return Name.fromConstantString(text);
  }

  private interface Check {
    boolean run() throws Exception;
  }

  private static boolean check(Check c) {
    try {
      return c.run();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
