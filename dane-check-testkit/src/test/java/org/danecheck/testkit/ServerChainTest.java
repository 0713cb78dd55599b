/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Issue 13, testkit: a server chain from PEM refuses a key that is not the leaf's, saying so. */
class ServerChainTest {
  @Test
  void theLeafsOwnKeyIsAccepted() {
    TestCertificate leaf = TestCertificate.builder().dnsNames("mx.example.org").build();
    ServerChain chain = ServerChain.fromPem(leaf.certificatePem(), leaf.privateKeyPkcs8Pem());
    assertThat(chain.chainDer()).hasSize(1);
  }

  @Test
  void anotherKeyIsRefusedWithAMessageThatSaysSo() {
    TestCertificate leaf = TestCertificate.builder().dnsNames("mx.example.org").build();
    TestCertificate other = TestCertificate.builder().dnsNames("mx.example.org").build();
    assertThatThrownBy(() -> ServerChain.fromPem(leaf.certificatePem(), other.privateKeyPkcs8Pem()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("private key does not match the leaf certificate");
  }
}
