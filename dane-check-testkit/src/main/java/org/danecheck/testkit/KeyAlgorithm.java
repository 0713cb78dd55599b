/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.testkit;

/**
 * The key algorithm of a test certificate ({@link TestCertificate.Builder#keyAlgorithm}), of a lab
 * host's generated leaf ({@link LabHost#keyAlgorithm}) and of a server chain's leaf ({@link
 * ServerChain#keyAlgorithm()}), which decides the TLS signature algorithms a lab server can serve.
 * (The DNSSEC algorithm a lab zone is signed with is another choice: {@link LabAlgorithm}.)
 */
public enum KeyAlgorithm {
  /** ECDSA on NIST P-256 (secp256r1). Fast to generate; the default. */
  ECDSA,
  /** RSA; a test certificate's size is set with {@link TestCertificate.Builder#rsaKeySize(int)}. */
  RSA
}
