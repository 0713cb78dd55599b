/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

/**
 * The figures of the published survey that dane-scan redoes (the seed study: the top million
 * domains mailed through one Postfix server in about 30 hours), as issue 7 of this project quotes
 * them. The HTML report sets this scan's figures beside these. Shares the study gave only as shares
 * ("~70%", "~1%", "79%") are kept as such.
 */
final class SeedStudy {
  private SeedStudy() {}

  static final String NAME = "seed study (top 1M domains, one Postfix client)";

  static final long DOMAINS_WITH_MX = 992_232;
  static final long TLS_SESSIONS = 687_897;
  static final double TLS_SESSION_SHARE = 0.70;
  static final long SESSIONS_ANONYMOUS = 109_753;
  static final long SESSIONS_UNTRUSTED = 167_063;
  static final long SESSIONS_TRUSTED = 410_953;
  static final long SESSIONS_VERIFIED = 128;
  static final long HANDSHAKE_FAILURES = 1_382;
  static final double IPV6_SESSION_SHARE = 0.01;

  static final long SERVERS = 473_088;
  static final double SERVERS_TLS_SHARE = 0.79;
  static final long SERVERS_ANONYMOUS = 68_048;
  static final long SERVERS_UNTRUSTED = 151_242;
  static final long SERVERS_TRUSTED = 153_330;
  static final long SERVERS_VERIFIED = 105;
  static final long SERVERS_BAD_TLS = 211;
  static final long LARGEST_SERVER_DOMAINS = 125_422;

  /** The study's TLS sessions of a level, or -1 for a class it did not count. */
  static long sessions(ScanFacts.SessionClass c) {
    return switch (c) {
      case VERIFIED -> SESSIONS_VERIFIED;
      case TRUSTED -> SESSIONS_TRUSTED;
      case UNTRUSTED -> SESSIONS_UNTRUSTED;
      case ANONYMOUS -> SESSIONS_ANONYMOUS;
      case HANDSHAKE_FAILED -> HANDSHAKE_FAILURES;
      default -> -1;
    };
  }

  /** The study's servers of a level, or -1 for a class it did not count. */
  static long servers(ScanFacts.SessionClass c) {
    return switch (c) {
      case VERIFIED -> SERVERS_VERIFIED;
      case TRUSTED -> SERVERS_TRUSTED;
      case UNTRUSTED -> SERVERS_UNTRUSTED;
      case ANONYMOUS -> SERVERS_ANONYMOUS;
      default -> -1;
    };
  }
}
