/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.danecheck.PkixStatus;
import org.danecheck.core.internal.pkix.PkixClassifier;
import org.danecheck.core.internal.pkix.PkixTrust;
import org.danecheck.testkit.TestCertificate;

/**
 * Fuzzes {@link PkixClassifier#classify}, which every chain a server presents goes through (the
 * JDK's parser and PKIX path builder on hostile bytes), with chains from fuzz bytes ({@link
 * TlsaFuzzInput}; its records and names are unused). The chain's last certificate, when the JDK
 * reads it, is the trust anchor, so the builder runs on the rest; otherwise a fixed root is.
 * Properties: a classification, never an exception; NOT_CHECKED exactly for an empty chain; a
 * reason without Java class names. {@code mvn verify} replays
 * src/test/resources/org/danecheck/core/PkixClassifierFuzzTestInputs/classify/.
 */
class PkixClassifierFuzzTest {
  private static final PkixClassifier FIXED_ROOT =
      new PkixClassifier(
          PkixTrust.fromPem(
              TestCertificate.builder()
                  .subject("Fuzz Root")
                  .certificateAuthority(1)
                  .build()
                  .certificatePem()));

  @FuzzTest(maxDuration = "60s")
  void classify(byte[] input) {
    TlsaFuzzInput c = TlsaFuzzInput.decode(input);
    PkixClassifier.Classification result = classifier(c.chain()).classify(c.chain(), c.now());
    assertThat(result.status()).isNotNull();
    assertThat(result.status() == PkixStatus.NOT_CHECKED).isEqualTo(c.chain().isEmpty());
    assertThat(result.reason())
        .doesNotContainPattern(
            "\\b(java|javax|sun|jdk|org|com)\\.[a-z]|[A-Za-z]+(Exception|Error)\\b");
  }

  private static PkixClassifier classifier(List<byte[]> chain) {
    if (chain.isEmpty()) {
      return FIXED_ROOT;
    }
    try {
      X509Certificate top =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(chain.get(chain.size() - 1)));
      return new PkixClassifier(PkixTrust.of(List.of(top)));
    } catch (CertificateException | RuntimeException e) {
      return FIXED_ROOT; // unreadable to the JDK: the classifier must say so itself
    }
  }
}
