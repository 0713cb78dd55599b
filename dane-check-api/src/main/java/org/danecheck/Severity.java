/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

/** How bad a problem is. */
public enum Severity {
  /** Worth knowing; nothing is wrong. */
  INFO,
  /** Not a failure now, but a risk or a degradation. */
  WARNING,
  /** A failure: mail would be deferred or not authenticated as the domain asks. */
  ERROR
}
