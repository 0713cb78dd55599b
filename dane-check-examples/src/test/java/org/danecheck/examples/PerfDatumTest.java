/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class PerfDatumTest {
  @Test
  void formatsAsTheGuidelinesSay() {
    assertThat(new PerfDatum("time", "0.532", "s", "", "", "0", "10").toString())
        .isEqualTo("'time'=0.532s;;;0;10");
    // Trailing empty fields are dropped.
    assertThat(new PerfDatum("cert_expiry_days", "3.50", "", "14:", "7:", "", "").toString())
        .isEqualTo("'cert_expiry_days'=3.50;14:;7:");
    assertThat(PerfDatum.count("mx_hosts", 2, "").toString()).isEqualTo("'mx_hosts'=2;;;0");
  }

  @Test
  void decimalsRoundDownAndNeverUseScientificNotation() {
    assertThat(PerfDatum.decimal(13.999, 2)).isEqualTo("13.99");
    assertThat(PerfDatum.decimal(-0.001, 2)).isEqualTo("-0.01");
    assertThat(PerfDatum.decimal(1e-9, 3)).isEqualTo("0.000");
    assertThat(PerfDatum.decimal(12345678.9, 2)).isEqualTo("12345678.90");
    assertThat(PerfDatum.below(14)).isEqualTo("14:");
    assertThat(PerfDatum.below(0.5)).isEqualTo("0.5:");
  }

  @Test
  void rejectsWhatWouldBreakTheFormat() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PerfDatum("a'b", "1", "", "", "", "", ""));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PerfDatum("a=b", "1", "", "", "", "", ""));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PerfDatum("x", "1e5", "", "", "", "", ""));
  }
}
