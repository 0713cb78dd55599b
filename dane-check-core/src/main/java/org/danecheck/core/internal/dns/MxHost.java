/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.dns;

import java.util.Objects;

/**
 * One MX record's preference and target.
 *
 * @param preference the MX preference (lower is preferred)
 * @param name the host name, absolute, lower case, with a trailing dot ({@code "."} for a null MX
 *     as answered; never in a policy's host list)
 */
public record MxHost(int preference, String name) {
  /** Checks the components. */
  public MxHost {
    Objects.requireNonNull(name, "name");
  }
}
