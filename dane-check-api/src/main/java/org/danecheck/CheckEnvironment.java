/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

import java.net.InetSocketAddress;

/**
 * A private DNS and mail world a checker can be pointed at instead of the Internet's: one resolver,
 * the trust anchor of its signed root and the port its mail servers listen on. The testkit's {@code
 * DaneLab} is one; {@code DaneChecker.Builder.environment(...)} applies it, so a test writes {@code
 * DaneChecker.builder().environment(lab)} rather than three settings.
 */
public interface CheckEnvironment {
  /** The recursive resolver to ask, the checker's only one. */
  InetSocketAddress dnsAddress();

  /** The trust anchors of the world's root: DS or DNSKEY records in presentation form. */
  String trustAnchor();

  /** The port every mail server of the world listens on (TLSA records are looked up for it). */
  int smtpPort();
}
