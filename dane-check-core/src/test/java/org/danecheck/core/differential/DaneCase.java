/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.differential;

import java.time.Instant;
import java.util.List;
import org.danecheck.TlsaRecord;

/**
 * One input given to both judges: a TLSA RRset, the chain a server sent (leaf first), the reference
 * names an SMTP client checks, and the time of the check.
 *
 * @param id stable identifier, used in the disagreement lists
 * @param description what the case is about, for the tables
 */
record DaneCase(
    String id,
    String description,
    List<TlsaRecord> records,
    List<byte[]> chain,
    List<String> names,
    Instant now) {
  DaneCase {
    if (id.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("case id with white space: " + id);
    }
    records = List.copyOf(records);
    chain = List.copyOf(chain);
    names = List.copyOf(names);
  }

  /** The records as presentation text, abbreviated, for tables. */
  String recordsText() {
    StringBuilder b = new StringBuilder();
    for (TlsaRecord r : records) {
      if (b.length() > 0) {
        b.append(", ");
      }
      String hex = r.associationDataHex();
      b.append(r.usageNumber())
          .append(' ')
          .append(r.selectorNumber())
          .append(' ')
          .append(r.matchingTypeNumber())
          .append(' ')
          .append(hex.length() > 16 ? hex.substring(0, 12) + "…" : hex.isEmpty() ? "-" : hex);
    }
    return b.toString();
  }
}
