/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.danecheck.TlsaMatchOutcome;
import org.danecheck.TlsaMatchResult;
import org.danecheck.TlsaMatchingType;
import org.danecheck.TlsaProfile;
import org.danecheck.TlsaRecord;
import org.danecheck.TlsaSelector;
import org.danecheck.TlsaUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cross-checks selector and matching-type bytes against openssl (fixtures/README.md). */
class OpenSslFixtureTest {
  static String resource(String name) throws IOException {
    try (InputStream in = OpenSslFixtureTest.class.getResourceAsStream("/fixtures/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  static Stream<Arguments> digests() throws IOException {
    List<Arguments> rows = new ArrayList<>();
    for (String line : resource("digests.txt").split("\n")) {
      if (!line.isBlank()) {
        rows.add(Arguments.of((Object[]) line.trim().split(" ")));
      }
    }
    return rows.stream();
  }

  // RFC 6698 2.1.2 / 2.1.3: selector 0 is the certificate DER, 1 its SubjectPublicKeyInfo;
  // matching types 0 (exact), 1 (SHA-256), 2 (SHA-512).
  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("digests")
  void generatorAgreesWithOpenssl(String name, String sel, String mtype, String hex)
      throws IOException {
    byte[] der = TlsaGenerator.readCertificates(resource(name + ".pem").getBytes()).get(0);
    TlsaSelector selector = TlsaSelector.fromNumber(Integer.parseInt(sel)).orElseThrow();
    TlsaMatchingType type = TlsaMatchingType.fromNumber(Integer.parseInt(mtype)).orElseThrow();
    TlsaRecord record = TlsaGenerator.forCertificate(der, TlsaUsage.DANE_EE, selector, type);
    assertThat(record.associationDataHex()).isEqualTo(hex);
  }

  // RFC 7672 3.1.1: DANE-EE matches on the raw bytes, even for a key the JDK cannot decode.
  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("digests")
  void opensslRecordsAuthenticateTheFixture(String name, String sel, String mtype, String hex)
      throws IOException {
    TlsaRecord record = TlsaRecord.parse("3 " + sel + " " + mtype + " " + hex);
    TlsaMatchResult result =
        TlsaMatcher.matchPem(
            List.of(record),
            resource(name + ".pem"),
            Set.of("unrelated.example"),
            Instant.parse("2100-01-01T00:00:00Z"),
            TlsaProfile.SMTP);
    assertThat(result.outcome()).as(result.message()).isEqualTo(TlsaMatchOutcome.AUTHENTICATED);
    assertThat(result.matchedDepth()).hasValue(0);
  }

  @Test
  void compressedFixtureReallyIsCompressed() throws IOException {
    byte[] der = TlsaGenerator.readCertificates(resource("ec-compressed.pem").getBytes()).get(0);
    String spki =
        TlsaGenerator.forCertificate(
                der, TlsaUsage.DANE_EE, TlsaSelector.SPKI, TlsaMatchingType.FULL)
            .associationDataHex();
    // 0x22 = 34-byte BIT STRING: a 33-byte point with prefix 02 or 03.
    assertThat(spki).containsPattern("032200(02|03)");
    assertThat(HexFormat.of().parseHex(spki)).hasSize(59);
  }
}
