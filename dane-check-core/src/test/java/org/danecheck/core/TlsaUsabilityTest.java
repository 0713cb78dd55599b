/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.danecheck.core.TlsaTestSupport.chain;
import static org.danecheck.core.TlsaTestSupport.daneEe;
import static org.danecheck.core.TlsaTestSupport.leaf;
import static org.danecheck.core.TlsaTestSupport.root;
import static org.danecheck.core.TlsaTestSupport.smtp;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.danecheck.TlsaMatchOutcome;
import org.danecheck.TlsaMatchResult;
import org.danecheck.TlsaProfile;
import org.danecheck.TlsaRecord;
import org.danecheck.TlsaRecordStatus;
import org.danecheck.core.internal.policy.AddressPlan;
import org.danecheck.core.internal.policy.HostPolicy;
import org.danecheck.core.internal.policy.Rfc7672Policy;
import org.danecheck.core.internal.policy.TlsaResult;
import org.danecheck.core.internal.policy.TlsaState;
import org.danecheck.testkit.TestCertificate;
import org.junit.jupiter.api.Test;

/**
 * Which records are usable (RFC 7672 2.2), as OpenSSL's dane_tlsa_add decides and Postfix reports
 * ("unusable TLSA RR"). Each case was given to {@code openssl s_client -dane_tlsa_rrdata}, which
 * refuses the record: "dane tlsa bad certificate", "dane tlsa bad public key", "decode error", "bad
 * digest length" (issue 11, defect 3).
 */
class TlsaUsabilityTest {
  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  private static boolean usable(String record) {
    return Rfc7672Policy.isUsable(TlsaRecord.parse(record), TlsaProfile.SMTP, false);
  }

  // Full(0) data must be one DER certificate (selector 0) or SubjectPublicKeyInfo (selector 1),
  // for every usage: OpenSSL decodes it before it looks at the usage.
  @Test
  void malformedFullDataIsUnusable() {
    TestCertificate leaf = leaf(null, "mx.example.org");
    byte[] spki = leaf.spkiDer();
    byte[] cert = leaf.certificateDer();
    assertThat(usable("3 1 0 deadbeef")).isFalse();
    assertThat(usable("2 0 0 deadbeef")).isFalse();
    assertThat(usable("3 0 0 deadbeef")).isFalse();
    assertThat(usable("2 1 0 deadbeef")).isFalse();
    // Trailing bytes: "dane tlsa bad public key" / "bad certificate".
    assertThat(usable("3 1 0 " + hex(spki) + "00")).isFalse();
    assertThat(usable("2 0 0 " + hex(cert) + "00")).isFalse();
    // A key OpenSSL cannot decode: an unknown algorithm, an EC point off the curve
    // (X509_PUBKEY_get0: "decode error").
    byte[] unknownAlgorithm = replace(spki, "2a8648ce3d0201", "2a8648ce3d0209");
    assertThat(usable("3 1 0 " + hex(unknownAlgorithm))).isFalse();
    byte[] offCurve = spki.clone();
    offCurve[offCurve.length - 1] ^= 1;
    assertThat(usable("3 1 0 " + hex(offCurve))).isFalse();
    // The genuine data is usable.
    assertThat(usable("3 1 0 " + hex(spki))).isTrue();
    assertThat(usable("2 0 0 " + hex(cert))).isTrue();
    assertThat(usable("3 0 0 " + hex(cert))).isTrue();
  }

  // The other dane_tlsa_add rules: usage above 3, selector above 1, a matching type other than
  // 0-2 (255, PrivMatch, Postfix drops as reserved), a digest of the wrong length; and no data.
  @Test
  void fieldRulesMatchOpenSsl() {
    String digest = "ab".repeat(32);
    assertThat(usable("4 1 1 " + digest)).isFalse();
    assertThat(usable("255 1 1 " + digest)).isFalse();
    assertThat(usable("3 2 1 " + digest)).isFalse();
    assertThat(usable("3 255 1 " + digest)).isFalse();
    assertThat(usable("3 1 3 " + digest)).isFalse();
    assertThat(usable("3 1 255 " + digest)).isFalse();
    assertThat(usable("3 1 1 " + digest + "ab")).isFalse();
    assertThat(usable("3 1 2 " + digest)).isFalse();
    assertThat(usable("3 1 2 " + digest + digest)).isTrue();
    assertThat(usable("3 1 1 " + digest)).isTrue();
    assertThat(Rfc7672Policy.isUsable(TlsaRecord.of(3, 1, 0, new byte[0]), TlsaProfile.SMTP, false))
        .isFalse();
  }

  // RFC 7672 2.2: a secure RRset whose records are all unusable means TLS without
  // authentication (ENCRYPT), not DEFER; the matcher says ALL_UNUSABLE, never NO_MATCH.
  @Test
  void rrsetOfOnlyMalformedFullRecordsMeansEncrypt() {
    List<TlsaRecord> records =
        List.of(TlsaRecord.parse("3 1 0 deadbeef"), TlsaRecord.parse("2 0 0 deadbeef"));
    AddressPlan addresses =
        new AddressPlan(List.of(java.net.InetAddress.getLoopbackAddress()), 0, List.of());
    TlsaResult tlsa =
        new TlsaResult(
            "mx.example.org.", "test", List.of(), records, TlsaState.SECURE_RECORDS, List.of());
    assertThat(Rfc7672Policy.hostPolicy(addresses, tlsa, TlsaProfile.SMTP, false))
        .isEqualTo(HostPolicy.ENCRYPT);
    TestCertificate root = root();
    TestCertificate leaf = leaf(root, "mx.example.org");
    TlsaMatchResult r = smtp(records, chain(leaf, root));
    assertThat(r.outcome()).isEqualTo(TlsaMatchOutcome.ALL_UNUSABLE);
    assertThat(r.evaluations().get(0).reason()).contains("not a DER SubjectPublicKeyInfo");
    assertThat(r.evaluations().get(1).reason()).contains("not a DER certificate");
    // Next to a usable record they are reported and ignored.
    TlsaMatchResult mixed =
        smtp(List.of(records.get(0), records.get(1), daneEe(leaf)), chain(leaf, root));
    assertThat(mixed.outcome()).isEqualTo(TlsaMatchOutcome.AUTHENTICATED);
    assertThat(mixed.evaluations().get(0).status()).isEqualTo(TlsaRecordStatus.UNUSABLE);
  }

  private static byte[] replace(byte[] in, String fromHex, String toHex) {
    byte[] from = HexFormat.of().parseHex(fromHex);
    byte[] to = HexFormat.of().parseHex(toHex);
    for (int i = 0; i + from.length <= in.length; i++) {
      if (Arrays.equals(in, i, i + from.length, from, 0, from.length)) {
        byte[] out = in.clone();
        System.arraycopy(to, 0, out, i, to.length);
        return out;
      }
    }
    throw new AssertionError("pattern not found");
  }
}
