/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

import java.util.Objects;

/**
 * A step of a check that did not finish, or was left out on purpose: which kind of step, what it
 * concerned, and a sentence for people ({@link DomainReport#incompleteSteps()} lists these
 * sentences).
 *
 * @param kind what kind of step
 * @param subject what it concerned, as in {@link Problem#subject()}: the empty string for the
 *     domain or the check as a whole, otherwise a host name (no trailing dot)
 * @param description for people, e.g. {@code "TLSA lookup for mx.example.org"}
 */
public record IncompleteStep(Kind kind, String subject, String description) {
  /** Checks that no component is null and drops a trailing dot from the subject. */
  public IncompleteStep {
    Objects.requireNonNull(kind, "kind");
    subject = Names.relative(Objects.requireNonNull(subject, "subject"));
    Objects.requireNonNull(description, "description");
  }

  /** The kinds of step a check can leave unfinished. */
  public enum Kind {
    /** The MX lookup of the domain. */
    MX_LOOKUP,
    /** The address (A/AAAA, CNAME) lookups of an MX host. */
    ADDRESS_LOOKUP,
    /** The TLSA lookup of an MX host. */
    TLSA_LOOKUP,
    /** Some endpoint probes of an MX host did not finish. */
    ENDPOINT_PROBES,
    /**
     * Endpoints not probed on purpose: a check makes at most a fixed number of probes to one server
     * address. The host is not verified, but the check was not cut short.
     */
    PROBE_LIMIT,
    /**
     * TLSA matching of an endpoint stopped at its work limit (a bound on hostile work): the host is
     * neither verified nor failed, but the check was not cut short.
     */
    MATCH_LIMIT,
    /** The check was aborted by an internal error (a bug: please report it). */
    INTERNAL_ERROR,
    /** The deadline passed, or the check was stopped, with no single step to name. */
    CUT_SHORT
  }
}
