/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.danecheck.TlsaMatchResult;
import org.danecheck.TlsaMatchingType;
import org.danecheck.TlsaProfile;
import org.danecheck.TlsaRecord;
import org.danecheck.TlsaSelector;
import org.danecheck.TlsaUsage;
import org.danecheck.testkit.TestCertificate;

/** Shared helpers: a fixed clock and certificates valid around it. */
final class TlsaTestSupport {
  static final Instant NOW = Instant.parse("2031-06-01T12:00:00Z");
  static final Instant FROM = NOW.minus(Duration.ofDays(30));
  static final Instant UNTIL = NOW.plus(Duration.ofDays(60));
  static final Set<String> NAMES = Set.of("example.org", "mx.example.org");

  private TlsaTestSupport() {}

  static TestCertificate.Builder cert() {
    return TestCertificate.builder().validity(FROM, UNTIL);
  }

  static TestCertificate root() {
    return cert().subject("Root CA").certificateAuthority(-1).build();
  }

  static TestCertificate intermediate(String name, TestCertificate issuer) {
    return cert().subject(name).certificateAuthority(-1).signedBy(issuer).build();
  }

  static TestCertificate leaf(TestCertificate issuer, String... dnsNames) {
    TestCertificate.Builder b = cert().subject("leaf").dnsNames(dnsNames);
    if (issuer != null) {
      b.signedBy(issuer);
    }
    return b.build();
  }

  static List<byte[]> chain(TestCertificate... certs) {
    List<byte[]> out = new ArrayList<>();
    for (TestCertificate c : certs) {
      out.add(c.certificateDer());
    }
    return out;
  }

  static TlsaRecord rec(TlsaUsage u, TlsaSelector s, TlsaMatchingType m, TestCertificate c) {
    return TlsaGenerator.forCertificate(c.certificateDer(), u, s, m);
  }

  static TlsaRecord daneEe(TestCertificate c) {
    return rec(TlsaUsage.DANE_EE, TlsaSelector.SPKI, TlsaMatchingType.SHA2_256, c);
  }

  static TlsaRecord daneTa(TestCertificate c) {
    return rec(TlsaUsage.DANE_TA, TlsaSelector.CERT, TlsaMatchingType.SHA2_256, c);
  }

  static TlsaMatchResult smtp(List<TlsaRecord> records, List<byte[]> chain) {
    return TlsaMatcher.match(records, chain, NAMES, NOW, TlsaProfile.SMTP);
  }

  static TlsaMatchResult smtp(TlsaRecord record, TestCertificate... chain) {
    return smtp(List.of(record), chain(chain));
  }

  static byte[] sha256(byte[] data) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }
}
