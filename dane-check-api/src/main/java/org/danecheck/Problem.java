/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One finding of a check.
 *
 * <p>The subject says what the problem concerns, in one of three forms that {@link #scope()} tells
 * apart: the empty string for the domain (or the check as a whole, see {@link #ofDomain}), a host
 * name ({@code mx.example.org}), or an endpoint as {@code host[address]:port}. Host names follow
 * the API's rule for DNS names: A-labels without the trailing dot (a trailing dot given here is
 * dropped).
 *
 * @param code a stable code, for programs
 * @param severity how bad it is
 * @param subject what it concerns: the empty string for the domain, a host name, or an endpoint as
 *     {@code host[address]:port}
 * @param message a sentence a mail administrator understands
 */
public record Problem(ProblemCode code, Severity severity, String subject, String message) {
  /** The {@link #subject()} of a problem of the domain, or of the check as a whole. */
  public static final String DOMAIN = "";

  private static final Pattern ENDPOINT = Pattern.compile("(.*)\\[[^\\[\\]]+\\]:[0-9]{1,5}");

  /** Checks that no component is null and drops a trailing dot from the subject's host name. */
  public Problem {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(severity, "severity");
    subject = subjectName(Objects.requireNonNull(subject, "subject"));
    Objects.requireNonNull(message, "message");
  }

  /** A problem with the code's default severity. */
  public static Problem of(ProblemCode code, String subject, String message) {
    return new Problem(code, code.defaultSeverity(), subject, message);
  }

  /** A problem of the domain (or the check as a whole), with the code's default severity. */
  public static Problem ofDomain(ProblemCode code, String message) {
    return of(code, DOMAIN, message);
  }

  /** What the problem concerns: the domain, a host or an endpoint, as the subject's form says. */
  public ProblemScope scope() {
    if (subject.isEmpty()) {
      return ProblemScope.DOMAIN;
    }
    return ENDPOINT.matcher(subject).matches() ? ProblemScope.ENDPOINT : ProblemScope.HOST;
  }

  /** The host name of a host or endpoint problem; the empty string for a domain problem. */
  public String host() {
    var m = ENDPOINT.matcher(subject);
    return m.matches() ? m.group(1) : subject;
  }

  private static String subjectName(String subject) {
    var m = ENDPOINT.matcher(subject);
    if (m.matches()) {
      String host = m.group(1);
      String relative = Names.relative(host);
      return relative.length() == host.length()
          ? subject
          : relative + subject.substring(host.length());
    }
    return Names.relative(subject);
  }
}
