/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.policy;

import java.util.List;
import java.util.Objects;
import org.danecheck.DaneVerdict;
import org.danecheck.MtaAction;
import org.danecheck.Problem;

/**
 * What the domain step decided: what a DANE MTA does with the mail, the verdict, and why.
 *
 * @param action what a DANE-enforcing MTA does
 * @param verdict the verdict, never more than the hosts proved
 * @param problems domain-level findings of the decision
 */
public record DomainDecision(MtaAction action, DaneVerdict verdict, List<Problem> problems) {
  /** Copies the list and checks for nulls. */
  public DomainDecision {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(verdict, "verdict");
    problems = List.copyOf(problems);
  }
}
