/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

/**
 * What an RFC 7672 MTA does with mail for a domain, decided from DNS alone, before connecting: try
 * the MX hosts in order, defer, or give up.
 */
public enum PolicyAction {
  /**
   * Try the hosts that are not skipped, in MX preference order, each at its security level; defer
   * when none of them takes the mail (RFC 7672 2.2.1, 2.1.2).
   */
  TRY_HOSTS,
  /**
   * Do not deliver now, retry later: the MX lookup failed or was bogus, or every host is skipped
   * (RFC 7672 2.1.2: "If no servers are reachable, delivery is delayed").
   */
  DEFER,
  /** The domain accepts no mail (null MX, RFC 7505) or does not exist: return the mail. */
  NO_MAIL
}
