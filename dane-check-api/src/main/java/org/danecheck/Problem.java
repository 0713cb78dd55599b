package org.danecheck;

import java.util.Objects;

/**
 * One finding of a check.
 *
 * @param code a stable code, for programs
 * @param severity how bad it is
 * @param subject what it concerns: the empty string for the domain, a host name, or an endpoint as
 *     {@code host[address]:port}
 * @param message a sentence a mail administrator understands
 */
public record Problem(ProblemCode code, Severity severity, String subject, String message) {
  /** Checks that no component is null. */
  public Problem {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(message, "message");
  }

  /** A problem with the code's default severity. */
  public static Problem of(ProblemCode code, String subject, String message) {
    return new Problem(code, code.defaultSeverity(), subject, message);
  }
}
