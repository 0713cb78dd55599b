/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The dane-check lab: a DNSSEC-signed DNS server and STARTTLS mail servers on loopback, test
 * certificates. No test framework: the JUnit 5 extension and the report assertions are in {@code
 * org.danecheck.testkit.junit5} (artifact dane-check-testkit-junit5).
 */
module org.danecheck.testkit {
  requires transitive org.danecheck.api;
  requires org.dnsjava;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.util;
  requires org.bouncycastle.tls;
  requires org.slf4j;

  exports org.danecheck.testkit;
}
