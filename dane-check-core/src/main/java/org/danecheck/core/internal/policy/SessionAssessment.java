/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.policy;

import java.util.List;
import java.util.Objects;
import org.danecheck.Problem;
import org.danecheck.SmtpOutcome;
import org.danecheck.TlsLevel;

/**
 * What the policy makes of one session.
 *
 * @param outcome how far the SMTP dialogue got
 * @param level the session's security level
 * @param authenticated whether TLS was established and a usable TLSA record authenticated the chain
 * @param problems what is wrong with the session under the host's policy
 * @param undetermined whether the session was not authenticated but could have been: the TLSA
 *     matcher's work limit stopped before a record was decided
 */
public record SessionAssessment(
    SmtpOutcome outcome,
    TlsLevel level,
    boolean authenticated,
    List<Problem> problems,
    boolean undetermined) {
  /** Copies the list and checks for nulls. */
  public SessionAssessment {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(level, "level");
    problems = List.copyOf(problems);
  }

  /** A session that was decided. */
  public SessionAssessment(
      SmtpOutcome outcome, TlsLevel level, boolean authenticated, List<Problem> problems) {
    this(outcome, level, authenticated, problems, false);
  }

  /** Whether an MTA could send mail in this session (with or without TLS). */
  public boolean greeted() {
    return outcome.reachedEhlo();
  }
}
