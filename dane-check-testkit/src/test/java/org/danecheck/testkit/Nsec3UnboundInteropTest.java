/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
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

/**
 * Unbound judges the lab's NSEC3 (RFC 5155): a private Unbound (its own port and directory, the
 * lab's root trust anchor, {@code val-log-level: 2}) forwards everything to the lab's DNS server
 * and validates. Proofs the lab makes must be SECURE (AD), the opt-out delegation INSECURE (no AD,
 * NOERROR), and a proof the lab is told to leave a record out of BOGUS (SERVFAIL). Needs the
 * interop world's tools ({@code bash interop/world install}); runs with {@code -Pinterop
 * -Dgroups=interop}. A missing Unbound fails the test, never skips it.
 */
@Tag("interop")
class Nsec3UnboundInteropTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static LabDnsServer lab;
  private static Path dir;
  private static Process unbound;
  private static InetSocketAddress address;

  @BeforeAll
  static void start() throws Exception {
    lab =
        LabDnsServer.builder()
            // As com and net: NSEC3 with opt-out.
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
                        .record("_25._tcp.mx TLSA 3 1 1 " + "aa".repeat(32))
                        .record("a.b.ent A 127.0.0.3")
                        .record("*.wild A 127.0.0.4")
                        .fault("gone", "A", LabFault.INCOMPLETE_DENIAL)
                        .fault("mx", "TXT", LabFault.INCOMPLETE_DENIAL))
            .zone(
                "salted.test",
                z -> z.nsec3(n -> n.salt("aabbccdd").iterations(5)).record("mx A 127.0.0.5"))
            .zone("plain.n3.test", z -> z.unsigned().record("mx A 127.0.0.6"))
            .zone("unsigned.test", z -> z.unsigned().record("mx A 127.0.0.7"))
            .zone("broken-optout.test", z -> z.unsigned().record("mx A 127.0.0.8"))
            .start();
    dir = Files.createTempDirectory("danecheck-unbound-");
    Files.writeString(dir.resolve("anchor"), lab.trustAnchor());
    int port = freePort();
    Files.writeString(
        dir.resolve("unbound.conf"),
        String.join(
            "\n",
            "server:",
            "  interface: 127.0.0.1",
            "  port: " + port,
            "  do-ip6: no",
            "  do-not-query-localhost: no",
            "  username: \"\"",
            "  chroot: \"\"",
            "  directory: \"" + dir + "\"",
            "  pidfile: \"" + dir.resolve("unbound.pid") + "\"",
            "  use-syslog: no",
            "  logfile: \"" + dir.resolve("unbound.log") + "\"",
            "  verbosity: 1",
            "  val-log-level: 2",
            "  num-threads: 1",
            "  so-reuseport: no",
            "  qname-minimisation: no",
            "  aggressive-nsec: no",
            "  module-config: \"validator iterator\"",
            "  trust-anchor-file: \"" + dir.resolve("anchor") + "\"",
            "  access-control: 127.0.0.0/8 allow",
            // test. is one of Unbound's default local zones (RFC 6761 names): ask the lab instead.
            "  local-zone: \"test.\" nodefault",
            "forward-zone:",
            "  name: \".\"",
            "  forward-addr: 127.0.0.1@" + lab.address().getPort(),
            ""));
    unbound =
        new ProcessBuilder(unboundProgram(), "-d", "-c", dir.resolve("unbound.conf").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("unbound.out").toFile())
            .start();
    address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    long until = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      try {
        if (ask(".", Type.SOA).getRcode() == Rcode.NOERROR) {
          break;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (!unbound.isAlive() || System.nanoTime() > until) {
        throw new AssertionError("unbound did not start:\n" + log());
      }
      Thread.sleep(100);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (unbound != null) {
        unbound.destroy();
        if (!unbound.waitFor(5, TimeUnit.SECONDS)) {
          unbound.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      }
    } finally {
      if (lab != null) {
        lab.close();
      }
      if (dir != null) {
        try (Stream<Path> files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
      }
    }
  }

  private static String unboundProgram() {
    for (String candidate : List.of("/usr/sbin/unbound", "/usr/local/sbin/unbound")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    throw new AssertionError(
        "unbound is not installed: the interop tests need it (bash interop/world install)");
  }

  private static int freePort() throws IOException {
    for (int attempt = 0; ; attempt++) {
      try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
        int port = udp.getLocalPort();
        try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
          return port;
        } catch (IOException e) {
          if (attempt > 10) {
            throw e;
          }
        }
      }
    }
  }

  private static Message ask(String name, int type) throws IOException {
    SimpleResolver r = new SimpleResolver(address);
    r.setTimeout(TIMEOUT);
    r.setTCP(true);
    r.setEDNS(0, 1232, ExtendedFlags.DO);
    return r.send(
        Message.newQuery(Record.newRecord(Name.fromConstantString(name), type, DClass.IN)));
  }

  private static String log() {
    try {
      Path file = dir.resolve("unbound.log");
      String text = Files.exists(file) ? Files.readString(file) : "";
      Path out = dir.resolve("unbound.out");
      return text + (Files.exists(out) ? Files.readString(out) : "");
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** Asks Unbound; asserts the rcode, the AD bit and whether there is an answer. */
  private static void expect(String name, int type, int rcode, boolean ad, boolean answer)
      throws IOException {
    Message m = ask(name, type);
    String what = name + " " + Type.string(type) + ":\n" + m + "\nunbound's log:\n" + log();
    assertThat(Rcode.string(m.getRcode())).as(what).isEqualTo(Rcode.string(rcode));
    assertThat(m.getHeader().getFlag(Flags.AD)).as(what).isEqualTo(ad);
    assertThat(m.getSection(Section.ANSWER).isEmpty()).as(what).isEqualTo(!answer);
  }

  @Test
  void secureAnswersAndDenials() throws Exception {
    expect("mx.n3.test.", Type.A, Rcode.NOERROR, true, true);
    expect("_25._tcp.mx.n3.test.", Type.TLSA, Rcode.NOERROR, true, true);
    // Name error (RFC 5155 7.2.2), with a name two labels below the closest encloser.
    expect("nope.n3.test.", Type.A, Rcode.NXDOMAIN, true, false);
    expect("y.x.n3.test.", Type.A, Rcode.NXDOMAIN, true, false);
    expect("_25._tcp.nope.mx.n3.test.", Type.TLSA, Rcode.NXDOMAIN, true, false);
    // No data (7.2.3), at a name and at an empty non-terminal.
    expect("mx.n3.test.", Type.AAAA, Rcode.NOERROR, true, false);
    expect("b.ent.n3.test.", Type.A, Rcode.NOERROR, true, false);
    expect("ent.n3.test.", Type.A, Rcode.NOERROR, true, false);
    // DS: proven (a signed delegation) and denied by the matching NSEC3 (7.2.4).
    expect("n3.test.", Type.DS, Rcode.NOERROR, true, true);
    expect("mx.n3.test.", Type.DS, Rcode.NOERROR, true, false);
    // Wildcard answer (7.2.6) and wildcard no data (7.2.5).
    expect("host.wild.n3.test.", Type.A, Rcode.NOERROR, true, true);
    expect("host.wild.n3.test.", Type.TXT, Rcode.NOERROR, true, false);
    // Salt and extra iterations.
    expect("mx.salted.test.", Type.A, Rcode.NOERROR, true, true);
    expect("nope.salted.test.", Type.A, Rcode.NXDOMAIN, true, false);
    expect("mx.salted.test.", Type.TXT, Rcode.NOERROR, true, false);
  }

  @Test
  void unsignedDelegationsAreInsecure() throws Exception {
    // Opt-out (RFC 5155 6, 7.2.4): the closest encloser proof with an opt-out NSEC3 covering the
    // next closer name proves only that no signed delegation is there: insecure.
    expect("unsigned.test.", Type.DS, Rcode.NOERROR, false, false);
    expect("mx.unsigned.test.", Type.A, Rcode.NOERROR, false, true);
    // A name error whose next closer name is covered by an opt-out NSEC3 proves no more: an
    // unsigned delegation may be there, so Unbound finds it insecure (and the lab sets no AD).
    expect("nope.test.", Type.A, Rcode.NXDOMAIN, false, false);
    // Without opt-out: the delegation's own NSEC3 (NS, no DS) proves it unsigned.
    expect("plain.n3.test.", Type.DS, Rcode.NOERROR, true, false);
    expect("mx.plain.n3.test.", Type.A, Rcode.NOERROR, false, true);
  }

  @Test
  void proofsMissingAnNsec3AreBogus() throws Exception {
    // The name error without the NSEC3 covering the wildcard.
    expect("gone.n3.test.", Type.A, Rcode.SERVFAIL, false, false);
    // The no data answer without its matching NSEC3.
    expect("mx.n3.test.", Type.TXT, Rcode.SERVFAIL, false, false);
    // The opt-out proof without the NSEC3 covering the next closer name: nothing proves the
    // delegation unsigned, so what is under it is bogus, not insecure.
    expect("mx.broken-optout.test.", Type.A, Rcode.SERVFAIL, false, false);
  }
}
