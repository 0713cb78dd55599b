/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.danecheck.testkit.DaneLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code dane-check check}'s exit code follows what a DANE MTA does with the mail ({@code
 * mtaAction}) and the verdict, and agrees with check_dane (docs/check_dane.md). The review's D4: an
 * insecure MX whose hosts all verify exited 2 ("a DANE failure") while check_dane said OK, and
 * equal-preference hosts of which only one has DANE were PARTIALLY_VERIFIED ("delivered over
 * authenticated TLS") although an MTA may deliver through the other, opportunistically.
 */
class CheckCommandExitCodeTest {
  private static DaneLab lab;
  @TempDir static Path dir;
  private static Path anchor;

  @BeforeAll
  static void startLab() throws Exception {
    lab =
        DaneLab.builder()
            .domain("t.test", d -> {})
            .domain("verified.t.test", d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1)))
            // RFC 7672 2.2.1: the hosts' TLSA records authenticate the sessions, not the domain.
            .domain(
                "insecure-mx.test",
                d -> d.unsigned().mx(10, "mx.signed-hoster.t.test.", h -> h.tlsa(3, 1, 1)))
            .domain("equal.t.test", d -> d.mx(10, "a").mx(10, "b", h -> h.tlsa(3, 1, 1)))
            .domain("notlsa.t.test", d -> d.mx(10, "mx"))
            // No DANE, and the only MX host does not exist: an MTA defers.
            .domain("gone.t.test", d -> d.record("@ 300 IN MX 10 nowhere.gone.t.test."))
            .domain("wrong.t.test", d -> d.mx(10, "mx", h -> h.tlsa("3 1 1 " + "00".repeat(32))))
            .start();
    anchor = Files.writeString(dir.resolve("anchor.ds"), lab.trustAnchor());
  }

  @AfterAll
  static void stopLab() {
    if (lab != null) {
      lab.close();
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("verified.t.test", 0, "VERIFIED", "AUTHENTICATED_TLS"),
        Arguments.of("insecure-mx.test", 1, "NO_DANE", "AUTHENTICATED_TLS"),
        Arguments.of("equal.t.test", 1, "NO_DANE", "OPPORTUNISTIC"),
        Arguments.of("notlsa.t.test", 1, "NO_DANE", "OPPORTUNISTIC"),
        Arguments.of("gone.t.test", 2, "NO_DANE", "DEFER"),
        Arguments.of("wrong.t.test", 2, "FAILED", "DEFER"));
  }

  @ParameterizedTest(name = "{0}: exit {1}")
  @MethodSource("cases")
  void exitCodeFollowsWhatAnMtaDoes(String domain, int exit, String verdict, String action) {
    StringWriter out = new StringWriter();
    CommandLine cl = DaneCheckCommand.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(new StringWriter()));
    int code =
        cl.execute(
            "check",
            domain,
            "--json",
            "--resolver",
            "127.0.0.1:" + lab.dnsAddress().getPort(),
            "--trust-anchor",
            anchor.toString(),
            "--port",
            Integer.toString(lab.smtpPort()),
            "--timeout",
            "20");
    assertThat(out.toString())
        .contains("\"verdict\":\"" + verdict + "\"")
        .contains("\"mtaAction\":\"" + action + "\"");
    assertThat(code).as(out.toString()).isEqualTo(exit);
    if (domain.equals("insecure-mx.test")) {
      assertThat(out.toString()).contains("\"code\":\"MX_INSECURE\"");
    }
    if (domain.equals("equal.t.test")) {
      assertThat(out.toString()).contains("\"code\":\"MX_EQUAL_PREFERENCE_MIXED\"");
    }
  }
}
