/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.policy;

import java.net.InetAddress;
import java.util.List;
import org.danecheck.Problem;

/**
 * What the address step decided for one host (RFC 7672 2.1.2, 2.2.2).
 *
 * @param usable the addresses an MTA may connect to: those of address RRsets that were answered
 *     (secure or insecure); failed and bogus RRsets give none (RFC 4035 5.5)
 * @param failedLookups how many address lookups failed or were bogus (their addresses, if any, are
 *     unknown)
 * @param problems findings of the address step
 */
public record AddressPlan(List<InetAddress> usable, int failedLookups, List<Problem> problems) {
  /** Copies the lists. */
  public AddressPlan {
    usable = List.copyOf(usable);
    problems = List.copyOf(problems);
  }

  /** Whether every address lookup was answered, so that no endpoint of the host is unknown. */
  public boolean allLookupsAnswered() {
    return failedLookups == 0;
  }
}
