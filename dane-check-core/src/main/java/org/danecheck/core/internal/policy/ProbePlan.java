/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.policy;

import java.util.List;
import java.util.Objects;
import org.danecheck.CertificateAlgorithm;

/**
 * How to open the sessions with one host (RFC 7672 8.1, 8.2).
 *
 * @param sni the SNI name to send
 * @param algorithms the certificate algorithms to offer, one session each
 * @param anonymous whether anonymous cipher suites may be offered
 */
public record ProbePlan(String sni, List<CertificateAlgorithm> algorithms, boolean anonymous) {
  /** Copies the list and checks for nulls. */
  public ProbePlan {
    Objects.requireNonNull(sni, "sni");
    algorithms = List.copyOf(algorithms);
  }
}
