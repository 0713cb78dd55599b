/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.differential;

import java.util.LinkedHashSet;
import org.danecheck.TlsaMatchResult;
import org.danecheck.TlsaProfile;
import org.danecheck.TlsaRecordStatus;
import org.danecheck.core.TlsaMatcher;

/**
 * What {@code TlsaMatcher} said about a case, reduced to what is compared with OpenSSL.
 *
 * @param unusable one character per record: 1 when we call the record unusable, else 0
 * @param depth the matched depth, or -1
 * @param failure null, or why there is no result (a throw, a timeout)
 */
record OurVerdict(
    boolean authenticated, String unusable, int depth, String summary, String failure) {
  static OurVerdict failed(String why) {
    return new OurVerdict(false, "", -1, why, why);
  }

  /** Runs the matcher in this JVM; a throw is a result too (results, not exceptions). */
  static OurVerdict match(DaneCase c) {
    TlsaMatchResult r;
    try {
      r =
          TlsaMatcher.match(
              c.records(), c.chain(), new LinkedHashSet<>(c.names()), c.now(), TlsaProfile.SMTP);
    } catch (RuntimeException e) {
      return failed("our matcher threw " + e);
    }
    StringBuilder unusable = new StringBuilder();
    r.evaluations()
        .forEach(e -> unusable.append(e.status() == TlsaRecordStatus.UNUSABLE ? '1' : '0'));
    return new OurVerdict(
        r.authenticated(), unusable.toString(), r.matchedDepth().orElse(-1), summary(r), null);
  }

  private static String summary(TlsaMatchResult r) {
    StringBuilder b = new StringBuilder(r.outcome().name());
    r.matchedRecord()
        .ifPresent(
            m ->
                b.append(" (")
                    .append(m.usageNumber())
                    .append(' ')
                    .append(m.selectorNumber())
                    .append(' ')
                    .append(m.matchingTypeNumber())
                    .append(" at depth ")
                    .append(r.matchedDepth().orElse(-1))
                    .append(')'));
    if (!r.authenticated()) {
      b.append(": ").append(r.message());
    }
    return b.toString().replace('\t', ' ').replace('\n', ' ');
  }

  /** One line of {@link IsolatedMatcher}'s protocol. */
  String line(String id) {
    return String.join(
        "\t",
        "RESULT",
        id,
        authenticated ? "1" : "0",
        unusable.isEmpty() ? "-" : unusable,
        Integer.toString(depth),
        failure == null ? "-" : failure.replace('\t', ' ').replace('\n', ' '),
        summary);
  }

  static OurVerdict parse(String[] f) {
    return new OurVerdict(
        f[2].equals("1"),
        f[3].equals("-") ? "" : f[3],
        Integer.parseInt(f[4]),
        f[6],
        f[5].equals("-") ? null : f[5]);
  }
}
