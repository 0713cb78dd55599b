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
import java.time.Duration;
import org.danecheck.DomainReport;
import org.danecheck.core.DaneChecker;
import org.danecheck.testkit.DaneLab;
import org.danecheck.testkit.junit5.DaneLabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CheckAndDemoCommandTest {
  @RegisterExtension static final DaneLabExtension LAB = new DaneLabExtension(DemoCommand.lab());

  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = DaneCheckCommand.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private String[] labArgs(String domain, String... more) throws Exception {
    DaneLab lab = LAB.lab();
    Path anchor = Files.writeString(dir.resolve("anchor.ds"), lab.trustAnchor());
    String[] base = {
      "check",
      domain,
      "--resolver",
      "127.0.0.1:" + lab.dnsAddress().getPort(),
      "--trust-anchor",
      anchor.toString(),
      "--port",
      Integer.toString(lab.smtpPort()),
      // Counted from the test JVM's start (CheckDaneCommand.processStart): generous, or a class
      // run 15 to 60 s into the JVM would get a tenth of it, which a busy machine may not meet.
      "--timeout",
      "600"
    };
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void checkPrintsTheSameVerdictAsTheLibrary() throws Exception {
    DaneLab lab = LAB.lab();
    DomainReport library;
    try (DaneChecker checker =
        DaneChecker.builder().environment(lab).deadline(Duration.ofSeconds(15)).build()) {
      library = checker.check("wrong-digest.demo.test");
    }
    Run json = run(labArgs("wrong-digest.demo.test", "--json"));
    assertThat(json.exit()).isEqualTo(2);
    assertThat(json.out())
        .contains("\"verdict\":\"" + library.verdict() + "\"")
        .contains("\"mtaAction\":\"" + library.mtaAction() + "\"")
        .contains("\"code\":\"TLSA_NO_MATCH\"");
    Run text = run(labArgs("verified.demo.test"));
    assertThat(text.exit()).isZero();
    assertThat(text.out()).startsWith("verified.demo.test: VERIFIED");
    assertThat(run(labArgs("no-tlsa.demo.test")).exit()).isEqualTo(1);
  }

  @Test
  void badInputExitsThreeWithOneLine() {
    Run run = run("check", "not a domain!");
    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).startsWith("dane-check: ");
  }

  @Test
  void demoChecksItsDomainsOffline() {
    Run run = run("demo");
    assertThat(run.exit()).as(run.out()).isZero();
    assertThat(run.out()).contains("demo: all 7 verdicts as expected");
  }
}
