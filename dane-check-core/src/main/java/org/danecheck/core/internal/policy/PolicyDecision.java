/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.policy;

import java.util.List;
import java.util.Objects;
import org.danecheck.PolicyAction;
import org.danecheck.Problem;

/**
 * What an MTA decides about a domain from DNS alone, before connecting.
 *
 * @param action try the hosts, defer, or no mail
 * @param problems domain-level findings (the same as the full check's, minus those that need
 *     sessions)
 */
public record PolicyDecision(PolicyAction action, List<Problem> problems) {
  /** Copies the list and checks for nulls. */
  public PolicyDecision {
    Objects.requireNonNull(action, "action");
    problems = List.copyOf(problems);
  }
}
