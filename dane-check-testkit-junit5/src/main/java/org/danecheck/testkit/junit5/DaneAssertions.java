/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.testkit.junit5;

import org.danecheck.DomainReport;

/** Entry point of the testkit's AssertJ assertions: {@code assertThat(report).isDaneVerified()}. */
public final class DaneAssertions {
  private DaneAssertions() {}

  /** Assertions on a domain report. */
  public static DomainReportAssert assertThat(DomainReport report) {
    return new DomainReportAssert(report);
  }
}
