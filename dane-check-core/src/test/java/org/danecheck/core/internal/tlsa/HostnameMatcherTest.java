package org.danecheck.core.internal.tlsa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostnameMatcherTest {
  // RFC 6125 6.4.1: exact DNS-ID match, case-insensitive, trailing dot ignored (normalized).
  @Test
  void exact() {
    assertThat(HostnameMatcher.matches("mx.example.org", "mx.example.org")).isTrue();
    assertThat(HostnameMatcher.matches("mx.example.org", "mx2.example.org")).isFalse();
    assertThat(HostnameMatcher.normalize("MX.Example.ORG.")).isEqualTo("mx.example.org");
  }

  // RFC 6125 6.4.3: "*" as the whole left-most label matches exactly one label.
  @Test
  void wildcard() {
    assertThat(HostnameMatcher.matches("*.example.org", "mx.example.org")).isTrue();
    assertThat(HostnameMatcher.matches("*.example.org", "a.b.example.org")).isFalse();
    assertThat(HostnameMatcher.matches("*.example.org", "example.org")).isFalse();
    assertThat(HostnameMatcher.matches("*.example.org", ".example.org")).isFalse();
    assertThat(HostnameMatcher.matches("m*.example.org", "mx.example.org")).isFalse();
    assertThat(HostnameMatcher.matches("mx.*.org", "mx.example.org")).isFalse();
    assertThat(HostnameMatcher.matches("*.*.org", "a.example.org")).isFalse();
    // Not directly under a single label (a whole TLD).
    assertThat(HostnameMatcher.matches("*.org", "example.org")).isFalse();
  }
}
