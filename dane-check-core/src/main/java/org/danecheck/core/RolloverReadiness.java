/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.danecheck.TlsaMatchResult;

/**
 * Whether each of several certificate chains would authenticate against one TLSA RRset; made by
 * {@link TlsaMatcher#rolloverReadiness}. Immutable.
 */
public final class RolloverReadiness {
  private final Map<String, TlsaMatchResult> results;

  RolloverReadiness(Map<String, TlsaMatchResult> results) {
    this.results = Collections.unmodifiableMap(new LinkedHashMap<>(results));
  }

  /** The match result of each chain, by label, in the order given. */
  public Map<String, TlsaMatchResult> results() {
    return results;
  }

  /** True if every chain authenticates (and there is at least one). */
  public boolean ready() {
    return !results.isEmpty() && notCovered().isEmpty();
  }

  /** Labels of the chains that would not authenticate, in the order given. */
  public List<String> notCovered() {
    List<String> out = new ArrayList<>();
    results.forEach(
        (label, result) -> {
          if (!result.authenticated()) {
            out.add(label);
          }
        });
    return Collections.unmodifiableList(out);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("RolloverReadiness[");
    results.forEach((l, r) -> s.append(l).append('=').append(r.outcome()).append(' '));
    return s.toString().trim() + "]";
  }
}
