/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.smtp;

import java.util.Objects;
import org.danecheck.core.internal.Deadline;
import org.danecheck.core.internal.pkix.PkixClassifier;

/**
 * Probes SMTP endpoints for STARTTLS (RFC 5321, RFC 3207): greeting, EHLO, STARTTLS, a TLS
 * handshake that accepts any certificate and records the chain exactly as sent, EHLO again and
 * QUIT. It never sends mail (no {@code MAIL FROM}).
 *
 * <p>TLS is Bouncy Castle's low-level client over the socket's streams, configured per connection
 * (versions TLS 1.3 to 1.0, suites, signature algorithms, SNI); no JVM-wide security setting or
 * provider is touched.
 *
 * <p>Bounds on what a hostile server can make a probe do:
 *
 * <ul>
 *   <li>a reply line: {@value SmtpReplyReader#MAX_LINE_BYTES} bytes incl. CRLF; a reply: {@value
 *       SmtpReplyReader#MAX_LINES} lines;
 *   <li>all bytes read in one session, TLS included: {@value ProbeSession#MAX_SESSION_BYTES};
 *   <li>a certificate chain: {@value ProbeTlsClient#MAX_CHAIN_LENGTH} certificates; a handshake
 *       message: {@value ProbeTlsClient#MAX_HANDSHAKE_MESSAGE} bytes;
 *   <li>time: every reply must arrive in full within the command timeout, the handshake within the
 *       handshake timeout, all within the caller's {@link Deadline}; a watchdog closes the socket
 *       at the deadline whatever the probe is doing. Every socket is closed on every path.
 * </ul>
 *
 * Thread-safe and blocking; callers run probes on their own executor.
 */
public final class SmtpProber {
  private final ProberConfig config;
  private final PkixClassifier classifier;

  /** A prober with these settings. */
  public SmtpProber(ProberConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.classifier = new PkixClassifier(config.trust());
  }

  /**
   * Probes one endpoint. Never throws for what the network or the server does: failures are in the
   * result.
   */
  public ProbeResult probe(ProbeRequest request, Deadline deadline) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(deadline, "deadline");
    return new ProbeSession(config, classifier, request, deadline).run();
  }
}
