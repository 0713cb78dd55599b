/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

import java.util.List;

/**
 * Progress of checks, for a scanner's progress line or a UI: the MX hosts found, each host's
 * addresses, each probe's start and end, and the report. Every method does nothing by default, so
 * implement only those you need; methods may be added in later releases, with empty defaults.
 *
 * <p>Methods are called on the checker's threads, or through the executor given to the checker's
 * builder; calls for different checks (and for different endpoints of one check) may be concurrent,
 * so implementations must be thread-safe and quick. An exception thrown by a method is logged and
 * otherwise ignored: a listener cannot change a check. Names follow the API's rule: A labels, lower
 * case, no trailing dot.
 */
public interface CheckListener {
  /** A listener that does nothing, the default. */
  CheckListener NONE = new CheckListener() {};

  /**
   * The MX lookup of a domain was answered.
   *
   * @param domain the domain checked
   * @param mxHosts the MX host names to check, in preference order (the domain itself for an
   *     implicit MX); empty when there are none to check (null MX, no domain, a failed lookup)
   */
  default void mxFound(String domain, List<String> mxHosts) {}

  /**
   * The address lookups of an MX host were answered.
   *
   * @param domain the domain checked
   * @param host the MX host name
   * @param addresses the addresses that will be probed, in their usual text form
   */
  default void hostResolved(String domain, String host, List<String> addresses) {}

  /**
   * A probe of one endpoint is about to start (it may still wait for a connection slot).
   *
   * @param domain the domain checked
   * @param host the MX host name
   * @param endpoint the endpoint as people write it: {@code 192.0.2.1:25} or {@code
   *     [2001:db8::1]:25}
   */
  default void probeStarted(String domain, String host, String endpoint) {}

  /**
   * A probe finished and its result was judged.
   *
   * @param domain the domain checked
   * @param host the MX host name
   * @param endpoint the endpoint's report
   */
  default void probeFinished(String domain, String host, EndpointReport endpoint) {}

  /**
   * A check's report is ready, complete or cut short by its deadline, by cancellation or by the
   * checker's {@code close()}.
   */
  default void reportReady(DomainReport report) {}
}
