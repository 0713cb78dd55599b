/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * dane-check's implementation: {@link org.danecheck.core.DaneChecker} and the offline TLSA tools.
 * Only {@code org.danecheck.core} is exported; everything under {@code org.danecheck.core.internal}
 * is hidden from other modules and may change in any release.
 */
module org.danecheck.core {
  requires transitive org.danecheck.api;
  requires org.dnsjava;
  requires com.ibm.icu;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.util;
  requires org.bouncycastle.tls;
  requires org.slf4j;
  requires com.github.benmanes.caffeine;

  exports org.danecheck.core;
}
