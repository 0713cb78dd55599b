/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.policy;

import java.util.Objects;
import org.danecheck.HostStatus;

/**
 * One host as the domain step sees it.
 *
 * @param preference its MX preference
 * @param name its name (absolute)
 * @param status what an MTA makes of it
 * @param greeted whether some session reached the point where mail could be sent
 * @param publishesTlsa whether it has a secure TLSA RRset
 */
public record HostOutcome(
    int preference, String name, HostStatus status, boolean greeted, boolean publishesTlsa) {
  /** Checks for nulls. */
  public HostOutcome {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
  }
}
