/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** One rule for "the server was reached", used by the policy, the report and check_dane. */
class SmtpOutcomeTest {
  @Test
  void reachedEhloIsWhereAnMtaCouldSendMail() {
    assertThat(EnumSet.allOf(SmtpOutcome.class).stream().filter(SmtpOutcome::reachedEhlo))
        .containsExactlyInAnyOrder(
            SmtpOutcome.TLS_ESTABLISHED,
            SmtpOutcome.STARTTLS_NOT_OFFERED,
            SmtpOutcome.STARTTLS_REFUSED,
            SmtpOutcome.TLS_HANDSHAKE_FAILED);
  }
}
