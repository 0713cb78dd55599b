/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

/** What a {@link Problem} concerns, the typed form of {@link Problem#subject()}. */
public enum ProblemScope {
  /** The domain (or the check as a whole); the subject is the empty string. */
  DOMAIN,
  /** One MX host; the subject is its name, e.g. {@code mx.example.org}. */
  HOST,
  /** One endpoint of an MX host; the subject is {@code host[address]:port}. */
  ENDPOINT
}
