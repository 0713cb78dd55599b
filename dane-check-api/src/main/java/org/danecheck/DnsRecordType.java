/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

/** The DNS record types a check looks up (and reports in {@link LookupStatus#type()}). */
public enum DnsRecordType {
  /** IPv4 addresses. */
  A,
  /** IPv6 addresses. */
  AAAA,
  /** An alias (RFC 1034 3.6.2). */
  CNAME,
  /** Mail exchangers (RFC 5321 5.1). */
  MX,
  /** TLSA records (RFC 6698). */
  TLSA
}
