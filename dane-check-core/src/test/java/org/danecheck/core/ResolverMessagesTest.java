/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.danecheck.DomainReport;
import org.danecheck.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: what the report and the errors say when the resolver is silent or absent, or a file
 * cannot be read, is in the user's terms (the resolver named; no Java class names).
 */
class ResolverMessagesTest {
  /** A Java class name or an exception's simple name, as they leaked before. */
  static final String JAVA_NAMES =
      "(java|javax|sun|org\\.danecheck)\\.[a-z]|[A-Z][a-z]+(Exception|Error)\\b";

  @TempDir Path dir;

  @Test
  void aSilentResolverIsNamedInTheUnfinishedMxLookup() throws Exception {
    try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        DaneChecker checker =
            DaneChecker.builder()
                .resolver(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort()))
                .deadline(Duration.ofMillis(800))
                .build()) {
      DomainReport report = checker.check("example.test");
      assertThat(report.incompleteSteps())
          .anySatisfy(
              s ->
                  assertThat(s)
                      .contains("MX lookup of example.test")
                      .contains("resolver 127.0.0.1:" + silent.getLocalPort()));
      assertThat(report.allProblems())
          .map(Problem::message)
          .noneMatch(m -> m.matches("(?s).*(" + JAVA_NAMES + ").*"));
    }
  }

  @Test
  void aResolverWhereNothingListensIsNamedWithoutJavaNames() throws Exception {
    int port;
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      port = s.getLocalPort(); // closed again: queries get ICMP port unreachable
    }
    try (DaneChecker checker =
        DaneChecker.builder()
            .resolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
            .deadline(Duration.ofSeconds(5))
            .queryTimeout(Duration.ofSeconds(2))
            .build()) {
      DomainReport report = checker.check("example.test");
      String text =
          report.allProblems().stream().map(Problem::message).toList()
              + report.mxLookup().map(l -> l.reason()).orElse("")
              + report.incompleteSteps();
      assertThat(text).contains("resolver 127.0.0.1:" + port).doesNotContainPattern(JAVA_NAMES);
    }
  }

  @Test
  void unreadableFilesAreSaidPlainly() throws Exception {
    // The builder reads its files in build(), so the message comes from there.
    assertThatThrownBy(
            () -> DaneChecker.builder().trustAnchorFile(dir.resolve("missing.ds")).build())
        .hasMessageEndingWith("missing.ds: no such file");
    assertThatThrownBy(() -> DaneChecker.builder().trustAnchorFile(dir).build())
        .hasMessageEndingWith(": it is a directory");
    Path pem = Files.writeString(dir.resolve("ca.pem"), "x");
    assertThatThrownBy(() -> DaneChecker.builder().pkixTrustPem(dir.resolve("none.pem")).build())
        .hasMessageNotContainingAny("Exception", "java.")
        .hasMessageContaining("no such file");
    assertThat(pem).exists();
  }
}
