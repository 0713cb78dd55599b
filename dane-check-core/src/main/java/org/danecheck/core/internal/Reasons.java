/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal;

import java.util.regex.Pattern;

/**
 * Why something failed, for people: an exception's message without Java class names (the JDK and
 * Bouncy Castle nest them in their messages, e.g. "java.io.IOException: extra data"), bounded in
 * length (messages about hostile input may carry much of it). Reports say what happened in the
 * user's terms; class names are for logs.
 */
public final class Reasons {
  /**
   * "java.io.IOException: ", "sun.security.x509.X500Name", "org.bouncycastle.tls.TlsFatalAlert".
   */
  private static final Pattern CLASS_NAME =
      Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?::\\s*)?");

  private static final int MAX_LENGTH = 200;

  private Reasons() {}

  /**
   * The most specific message of an exception and its causes (the deepest one that has text),
   * without class names; {@code "no detail given"} when none has any.
   */
  public static String of(Throwable e) {
    String message = null;
    int depth = 0;
    for (Throwable t = e; t != null && depth < 16; t = t.getCause(), depth++) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
    }
    String text = message == null ? "" : CLASS_NAME.matcher(message).replaceAll("").strip();
    if (text.isEmpty()) {
      return "no detail given";
    }
    return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "..." : text;
  }

  /** The exception's own message without class names, or {@code "no detail given"}. */
  public static String own(Throwable e) {
    String message = e.getMessage();
    String text = message == null ? "" : CLASS_NAME.matcher(message).replaceAll("").strip();
    if (text.isEmpty()) {
      return "no detail given";
    }
    return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "..." : text;
  }
}
