/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

/** How DNSSEC status was established. */
public enum ValidationMode {
  /** Validated in process from built-in or configured trust anchors. */
  IN_PROCESS,
  /** The AD bit of a validating resolver was trusted, as Postfix does. */
  AD_TRUST
}
