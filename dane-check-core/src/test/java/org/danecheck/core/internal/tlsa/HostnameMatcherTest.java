/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.tlsa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The presented-name rules of OpenSSL's X509_check_host with X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS,
 * the flag Postfix sets for SMTP (tls_client.c add_namechecks); RFC 7672 3.2.3.
 */
class HostnameMatcherTest {
  // OpenSSL equal_nocase: same length, ASCII letters folded, nothing trimmed.
  @Test
  void exact() {
    assertThat(HostnameMatcher.matches("mx.example.org", "mx.example.org")).isTrue();
    assertThat(HostnameMatcher.matches("MX.Example.ORG", "mx.example.org")).isTrue();
    assertThat(HostnameMatcher.matches("mx.example.org", "mx2.example.org")).isFalse();
    // A presented name with a trailing dot is a different string to OpenSSL (checked with
    // s_client -dane_tlsa_domain: "hostname mismatch").
    assertThat(HostnameMatcher.matches("mx.example.org.", "mx.example.org")).isFalse();
    assertThat(HostnameMatcher.matches(" mx.example.org", "mx.example.org")).isFalse();
    // Embedded NUL: never a match.
    assertThat(HostnameMatcher.matches("mx.example.org\0.evil", "mx.example.org")).isFalse();
  }

  // ASCII case-insensitive only: the Kelvin sign U+212A lowercases to "k" in Java, not in
  // OpenSSL, which compares UTF-8 octets (s_client: "hostname mismatch" for CN "m\u212A...").
  @Test
  void onlyAsciiLettersFold() {
    assertThat(HostnameMatcher.matches("m\u212A.example.org", "mk.example.org")).isFalse();
    assertThat(HostnameMatcher.matches("\u0130.example.org", "i.example.org")).isFalse();
    assertThat(HostnameMatcher.equalsAscii("\u212A", "k")).isFalse();
    assertThat(HostnameMatcher.equalsAscii("K", "k")).isTrue();
  }

  // RFC 7672 3.2.3: "*" only as the entire first label, matching one label.
  @Test
  void wildcard() {
    assertThat(HostnameMatcher.matches("*.example.org", "mx.example.org")).isTrue();
    assertThat(HostnameMatcher.matches("*.EXAMPLE.org", "mx.example.ORG")).isTrue();
    assertThat(HostnameMatcher.matches("*.example.org", "a.b.example.org")).isFalse();
    assertThat(HostnameMatcher.matches("*.example.org", "example.org")).isFalse();
    assertThat(HostnameMatcher.matches("*.example.org", ".example.org")).isFalse();
    // Partial-label wildcards: OpenSSL allows them by default, Postfix turns them off.
    assertThat(HostnameMatcher.matches("m*.example.org", "mx.example.org")).isFalse();
    assertThat(HostnameMatcher.matches("*x.example.org", "mx.example.org")).isFalse();
    assertThat(HostnameMatcher.matches("mx.*.org", "mx.example.org")).isFalse();
    assertThat(HostnameMatcher.matches("*.*.org", "a.example.org")).isFalse();
    // At least two labels after the star (valid_star: "dots < 2").
    assertThat(HostnameMatcher.matches("*.org", "example.org")).isFalse();
    // An invalid pattern is compared literally.
    assertThat(HostnameMatcher.matches("*.org", "*.org")).isTrue();
    // The wildcard may stand for a literal "*" and for an A-label, but not for "_" or "".
    assertThat(HostnameMatcher.matches("*.example.org", "*.example.org")).isTrue();
    assertThat(HostnameMatcher.matches("*.example.org", "xn--bcher-kva.example.org")).isTrue();
    assertThat(HostnameMatcher.matches("*.example.org", "a_b.example.org")).isFalse();
    // No wildcard inside an A-label pattern; malformed labels make the pattern literal.
    assertThat(HostnameMatcher.matches("*.xn--bcher-kva.example", "a.xn--bcher-kva.example"))
        .isTrue();
    assertThat(HostnameMatcher.matches("*.-example.org", "a.-example.org")).isFalse();
    assertThat(HostnameMatcher.matches("*.example..org", "a.example..org")).isFalse();
  }
}
