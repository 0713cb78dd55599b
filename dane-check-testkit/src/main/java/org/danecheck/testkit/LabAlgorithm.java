/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.testkit;

import org.xbill.DNS.DNSSEC;

/**
 * The DNSSEC signing algorithm of a lab zone: a DNSSEC algorithm number (RSA/SHA-256 is 8, ECDSA
 * P-256/SHA-256 is 13), not a certificate's key ({@link KeyAlgorithm}), so it stays apart.
 */
public enum LabAlgorithm {
  /** ECDSA P-256 with SHA-256 (algorithm 13): the default, fast to generate. */
  ECDSAP256SHA256(DNSSEC.Algorithm.ECDSAP256SHA256),
  /** RSA/SHA-256 (algorithm 8) with 2048-bit keys, as the root zone uses. */
  RSASHA256(DNSSEC.Algorithm.RSASHA256);

  private final int number;

  LabAlgorithm(int number) {
    this.number = number;
  }

  /** The DNSSEC algorithm number (RFC 8624). */
  public int number() {
    return number;
  }
}
