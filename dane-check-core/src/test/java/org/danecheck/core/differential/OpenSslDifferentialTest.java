/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code TlsaMatcher} against OpenSSL's DANE code, set up as Postfix sets it up (dane_verify.c), on
 * generated chains and records ({@link GeneratedCases}). Issue 11, "Tests": fails on any
 * disagreement that is not in differential/known-disagreements-TODAY.txt or
 * differential/deliberate-differences.txt, and on any listed case that now agrees.
 */
@Tag("openssl")
class OpenSslDifferentialTest {
  @Test
  void agreesWithOpenSslOnGeneratedCases() {
    List<DaneCase> cases = GeneratedCases.all();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(200);
    Map<String, OpenSslDane.Verdict> openssl = OpenSslDane.verify(cases);
    List<Differential.Row> rows = Differential.compare(cases, openssl);
    long authenticated = rows.stream().filter(r -> r.openssl().verified()).count();
    Differential.judge(
        "generated",
        rows,
        id -> id.startsWith("gen:"),
        "Generated DANE cases vs "
            + OpenSslDane.version()
            + " (Postfix set-up): "
            + cases.size()
            + " cases, OpenSSL authenticates "
            + authenticated);
  }
}
