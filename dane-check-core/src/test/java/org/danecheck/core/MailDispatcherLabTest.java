/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import static org.danecheck.testkit.junit5.DaneAssertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.danecheck.DaneVerdict;
import org.danecheck.HostStatus;
import org.danecheck.MtaAction;
import org.danecheck.ProblemCode;
import org.danecheck.testkit.DaneLab;
import org.danecheck.testkit.MailCommand;
import org.danecheck.testkit.MailDispatcher;
import org.danecheck.testkit.MailReply;
import org.danecheck.testkit.junit5.DaneLabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A scripted lab server ({@link MailDispatcher}) is judged like any other: a DANE host whose EHLO
 * leaves out STARTTLS, or that refuses STARTTLS on its second connection only, fails the check (RFC
 * 7672 2.2: with usable TLSA records the MTA must use TLS, so it defers), while the persona's own
 * replies, which the scripts fall back to, verify.
 */
class MailDispatcherLabTest {
  /** The persona's EHLO reply without its STARTTLS line, on every connection. */
  private static final MailDispatcher NO_STARTTLS_IN_EHLO =
      command -> {
        MailReply reply = command.persona().dispatch(command);
        if (!command.verb().equals("EHLO")) {
          return reply;
        }
        List<String> lines = new ArrayList<>(reply.lines());
        lines.remove("250-STARTTLS");
        return MailReply.of(lines.toArray(String[]::new));
      };

  /** Refuses STARTTLS with 454 on the second connection, otherwise the persona. */
  private static final MailDispatcher REFUSES_SECOND_STARTTLS =
      (MailCommand command) ->
          command.session() == 2 && command.verb().equals("STARTTLS")
              ? MailReply.of("454 4.7.0 TLS not available now")
              : command.persona().dispatch(command);

  @RegisterExtension
  static final DaneLabExtension LAB =
      new DaneLabExtension(
          DaneLab.builder()
              .domain(
                  "quiet.test",
                  d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1).dispatcher(NO_STARTTLS_IN_EHLO)))
              .domain(
                  "flaky.test",
                  d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1).dispatcher(REFUSES_SECOND_STARTTLS))));

  private static DaneChecker checker() {
    // No probe cache: each check connects anew.
    return DaneChecker.builder().environment(LAB.lab()).deadline(Duration.ofSeconds(15)).build();
  }

  @Test
  void anEhloWithoutStarttlsFailsADaneHost() {
    try (DaneChecker checker = checker()) {
      assertThat(checker.check("quiet.test"))
          .hasVerdict(DaneVerdict.FAILED)
          .hasMtaAction(MtaAction.DEFER)
          .hasProblem(ProblemCode.STARTTLS_NOT_OFFERED)
          .hostHasStatus("mx.quiet.test", HostStatus.DANE_FAILED);
    }
  }

  @Test
  void aStarttlsRefusedOnTheSecondConnectionOnlyFailsTheSecondCheck() {
    try (DaneChecker first = checker()) {
      assertThat(first.check("flaky.test")).isDaneVerified();
    }
    try (DaneChecker second = checker()) {
      assertThat(second.check("flaky.test"))
          .hasVerdict(DaneVerdict.FAILED)
          .hasMtaAction(MtaAction.DEFER)
          .hasProblem(ProblemCode.STARTTLS_REFUSED);
    }
  }
}
