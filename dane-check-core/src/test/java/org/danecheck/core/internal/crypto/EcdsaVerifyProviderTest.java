/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The narrow provider verifies what SunEC verifies, refuses what it refuses, and never signs. */
class EcdsaVerifyProviderTest {
  private static KeyPair p256;
  private static KeyPair other;

  @BeforeAll
  static void install() throws Exception {
    EcdsaVerifyProvider.install();
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", "SunEC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    p256 = g.generateKeyPair();
    other = g.generateKeyPair();
  }

  @AfterAll
  static void remove() {
    Security.removeProvider(EcdsaVerifyProvider.NAME);
  }

  private static byte[] sign(KeyPair keys, byte[] data) throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(keys.getPrivate());
    s.update(data);
    assertThat(s.getProvider().getName()).isEqualTo("SunEC"); // signing is passed on
    return s.sign();
  }

  private static boolean verify(KeyPair keys, byte[] data, byte[] sig) throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initVerify(keys.getPublic());
    s.update(data, 0, data.length);
    assertThat(s.getProvider().getName()).isEqualTo(EcdsaVerifyProvider.NAME);
    return s.verify(sig);
  }

  @Test
  void verifiesGoodSignaturesAgainAndRefusesAnyChange() throws Exception {
    byte[] data = "an RRset's canonical form".getBytes(StandardCharsets.US_ASCII);
    byte[] sig = sign(p256, data);
    assertThat(verify(p256, data, sig)).isTrue();
    assertThat(verify(p256, data, sig)).isTrue(); // the cached answer
    byte[] changed = data.clone();
    changed[0] ^= 1;
    assertThat(verify(p256, changed, sig)).isFalse();
    assertThat(verify(other, data, sig)).isFalse(); // the cache is keyed by the key as well
    byte[] badSig = sig.clone();
    badSig[badSig.length - 1] ^= 1;
    assertThat(verify(p256, data, badSig)).isFalse();
  }

  @Test
  void p384TooAndOtherCurvesArePassedOnToTheJdk() throws Exception {
    byte[] data = "a certificate's TBS".getBytes(StandardCharsets.US_ASCII);
    for (String curve : new String[] {"secp384r1", "secp521r1"}) {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC", "SunEC");
      g.initialize(new ECGenParameterSpec(curve));
      KeyPair keys = g.generateKeyPair();
      Signature signer = Signature.getInstance("SHA384withECDSA");
      signer.initSign(keys.getPrivate());
      signer.update(data);
      byte[] sig = signer.sign();
      Signature s = Signature.getInstance("SHA384withECDSA");
      s.initVerify(keys.getPublic());
      s.update(data);
      assertThat(s.verify(sig)).isTrue();
      assertThat(s.getProvider().getName())
          .isEqualTo(curve.equals("secp384r1") ? EcdsaVerifyProvider.NAME : "SunEC");
    }
  }

  @Test
  void installsOnceAtTheFront() {
    assertThat(EcdsaVerifyProvider.install()).isFalse();
    assertThat(Security.getProviders()[0].getName()).isEqualTo(EcdsaVerifyProvider.NAME);
  }
}
