/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.dns;

import java.util.Objects;
import org.danecheck.LookupStatus;

/**
 * The CNAME lookup of a name (only its own CNAME record), as the resolver answered it.
 *
 * @param lookup the lookup's outcome and DNSSEC status
 * @param cut whether a deadline or a stop ended the lookup rather than the servers (the lookup is
 *     then FAILED and says nothing about the name: the step did not finish)
 */
public record CnameAnswer(LookupStatus lookup, boolean cut) {
  /** Checks for nulls. */
  public CnameAnswer {
    Objects.requireNonNull(lookup, "lookup");
  }
}
