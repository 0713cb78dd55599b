/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.testkit;

import java.time.Duration;

/** The lab's CA: a root and an intermediate (ECDSA), made once per lab; issues host leaves. */
final class LabCertificateAuthority {
  private final TestCertificate root;
  private final TestCertificate intermediate;

  LabCertificateAuthority() {
    this.root =
        TestCertificate.builder()
            .subject("dane-check Lab Root CA")
            .certificateAuthority(1)
            .validFor(Duration.ofDays(3650))
            .build();
    this.intermediate =
        TestCertificate.builder()
            .subject("dane-check Lab Intermediate CA")
            .certificateAuthority(0)
            .validFor(Duration.ofDays(1825))
            .signedBy(root)
            .build();
  }

  TestCertificate root() {
    return root;
  }

  TestCertificate intermediate() {
    return intermediate;
  }

  /** A leaf for the host, named by its host name, signed by the intermediate, sent with it. */
  ServerChain issue(LabHost host, KeyAlgorithm algorithm) {
    String name =
        host.name.endsWith(".") ? host.name.substring(0, host.name.length() - 1) : host.name;
    TestCertificate.Builder builder =
        TestCertificate.builder()
            .subject(name)
            .dnsNames(name)
            .keyAlgorithm(algorithm)
            .validFor(Duration.ofDays(90))
            .signedBy(intermediate);
    TestCertificate leaf = host.leafCustomizer.apply(builder).build();
    return ServerChain.of(leaf, intermediate);
  }
}
