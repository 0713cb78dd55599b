/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.testkit;

/**
 * Scripts what a lab mail server says, command by command, as OkHttp's mockwebserver {@code
 * Dispatcher} scripts an HTTP server. The server asks its dispatcher for the greeting and for the
 * reply to every command; a {@link MailPersona} is the dispatcher every address has unless one is
 * set ({@link LabMailServer#dispatcher}, {@link LabHost#dispatcher}). A script usually changes a
 * few answers and leaves the rest to the persona:
 *
 * <pre>{@code
 * // Refuses STARTTLS on the second connection only.
 * MailDispatcher flaky = command ->
 *     command.session() == 2 && command.verb().equals("STARTTLS")
 *         ? MailReply.of("454 4.7.0 TLS not available now")
 *         : command.persona().dispatch(command);
 * }</pre>
 *
 * <p>Called on the session's thread, possibly for several sessions at once: a dispatcher must be
 * thread-safe. The persona still decides the TLS side (chains, versions, alerts) and its faults of
 * the byte stream ({@link MailPersona.Behaviour#TRICKLE}, {@code SILENT}, {@code NEVER_READS},
 * {@code ENDLESS_CONTINUATION}, the delay of {@code SLOW_GREETING}), which are not replies.
 */
@FunctionalInterface
public interface MailDispatcher {
  /**
   * What the server does for this command, or for the greeting when {@link
   * MailCommand#isGreeting()}; never null. An exception ends the session (the connection closes).
   */
  MailReply dispatch(MailCommand command);
}
