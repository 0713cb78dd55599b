/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import java.time.Duration;

/**
 * What check_dane alerts on, besides failures: expiry windows in days (decimals allowed) and the
 * policy switches.
 *
 * @param certWarnDays warn when a certificate expires in less than this many days
 * @param certCritDays critical when a certificate expires in less than this many days
 * @param rrsigWarnDays warn when an RRSIG over the MX or TLSA RRset expires in less than this
 * @param rrsigCritDays critical when such an RRSIG expires in less than this
 * @param requireDane a domain without DANE (or without mail) is CRITICAL instead of OK
 * @param requireRolloverKey a TLSA RRset of one record (no next key published) is a WARNING
 * @param strict hints that do not change delivery (unusable records beside usable ones, legacy TLS,
 *     an unsigned MX RRset, a TLSA RRset of one record) are WARNING instead of notes
 */
record PluginThresholds(
    double certWarnDays,
    double certCritDays,
    double rrsigWarnDays,
    double rrsigCritDays,
    boolean requireDane,
    boolean requireRolloverKey,
    boolean strict) {
  /** The defaults: 14 and 7 days for certificates, 3 and 1 days for signatures. */
  static final PluginThresholds DEFAULTS = new PluginThresholds(14, 7, 3, 1, false, false, false);

  /** Without {@code --strict}. */
  PluginThresholds(
      double certWarnDays,
      double certCritDays,
      double rrsigWarnDays,
      double rrsigCritDays,
      boolean requireDane,
      boolean requireRolloverKey) {
    this(
        certWarnDays,
        certCritDays,
        rrsigWarnDays,
        rrsigCritDays,
        requireDane,
        requireRolloverKey,
        false);
  }

  /**
   * Checks the windows.
   *
   * @throws IllegalArgumentException when a window is negative or critical exceeds warning
   */
  PluginThresholds {
    check("-w/--warning", certWarnDays);
    check("-c/--critical", certCritDays);
    check("--rrsig-warn", rrsigWarnDays);
    check("--rrsig-crit", rrsigCritDays);
    if (certCritDays > certWarnDays) {
      throw new IllegalArgumentException(
          "-c (" + certCritDays + " days) must not exceed -w (" + certWarnDays + " days)");
    }
    if (rrsigCritDays > rrsigWarnDays) {
      throw new IllegalArgumentException(
          "--rrsig-crit ("
              + rrsigCritDays
              + " days) must not exceed --rrsig-warn ("
              + rrsigWarnDays
              + " days)");
    }
  }

  Duration certWarn() {
    return days(certWarnDays);
  }

  Duration certCrit() {
    return days(certCritDays);
  }

  Duration rrsigWarn() {
    return days(rrsigWarnDays);
  }

  Duration rrsigCrit() {
    return days(rrsigCritDays);
  }

  private static Duration days(double days) {
    return Duration.ofMillis(Math.round(days * 86_400_000d));
  }

  private static void check(String option, double days) {
    if (!(days >= 0) || days > 3650) {
      throw new IllegalArgumentException(option + ": " + days + " is not 0 to 3650 days");
    }
  }
}
