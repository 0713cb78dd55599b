/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * JUnit 5 support for the dane-check lab: {@link org.danecheck.testkit.junit5.DaneLabExtension}
 * starts and stops a lab, {@link org.danecheck.testkit.junit5.DaneAssertions} asserts on reports.
 */
module org.danecheck.testkit.junit5 {
  requires transitive org.danecheck.testkit;
  requires transitive org.junit.jupiter.api;
  requires transitive org.assertj.core;

  exports org.danecheck.testkit.junit5;
}
