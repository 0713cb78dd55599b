/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * One performance data item, {@code 'label'=value[UOM];[warn];[crit];[min];[max]} (Monitoring
 * Plugins guidelines, "Performance data"). Empty fields stay empty; trailing empty fields are
 * dropped. Thresholds are range expressions, e.g. {@code 14:} (alert below 14).
 *
 * @param label the label, without quotes; must not contain {@code '} or {@code =}
 * @param value the value, digits with an optional sign and decimal point
 * @param unit the unit of measurement ({@code s}, {@code %}, {@code B}, {@code c}) or empty
 * @param warn the warning range or empty
 * @param crit the critical range or empty
 * @param min the least possible value or empty
 * @param max the greatest possible value or empty
 */
record PerfDatum(
    String label, String value, String unit, String warn, String crit, String min, String max) {
  PerfDatum {
    Objects.requireNonNull(label, "label");
    if (label.isBlank() || label.indexOf('\'') >= 0 || label.indexOf('=') >= 0) {
      throw new IllegalArgumentException("perfdata label must be non-blank, without ' or =");
    }
    if (!value.matches("-?[0-9]+(\\.[0-9]+)?")) {
      throw new IllegalArgumentException("perfdata value must be a plain number: " + value);
    }
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(warn, "warn");
    Objects.requireNonNull(crit, "crit");
    Objects.requireNonNull(min, "min");
    Objects.requireNonNull(max, "max");
  }

  /** A count of things, at least 0. */
  static PerfDatum count(String label, long value, String max) {
    return new PerfDatum(label, Long.toString(value), "", "", "", "0", max);
  }

  /**
   * A decimal value, rounded down to {@code scale} digits so that the shown value never looks
   * better than the one the thresholds were applied to; never in scientific notation.
   */
  static String decimal(double value, int scale) {
    return BigDecimal.valueOf(value).setScale(scale, RoundingMode.FLOOR).toPlainString();
  }

  /** A threshold meaning "alert when the value is below {@code limit}": {@code limit:}. */
  static String below(double limit) {
    return BigDecimal.valueOf(limit).stripTrailingZeros().toPlainString() + ":";
  }

  @Override
  public String toString() {
    String[] tail = {warn, crit, min, max};
    int last = tail.length;
    while (last > 0 && tail[last - 1].isEmpty()) {
      last--;
    }
    StringBuilder s = new StringBuilder().append('\'').append(label).append("'=");
    s.append(value).append(unit);
    for (int i = 0; i < last; i++) {
      s.append(';').append(tail[i]);
    }
    return s.toString();
  }
}
