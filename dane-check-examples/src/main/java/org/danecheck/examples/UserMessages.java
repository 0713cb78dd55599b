/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

/**
 * Error messages in the user's terms for every tool: what is wrong, never a Java class name ({@code
 * java.nio.file.NoSuchFileException}, "IOException Is a directory"). The tools say what they know
 * at the place of the error; this is for what reaches the top, and a last filter.
 */
public final class UserMessages {
  private UserMessages() {}

  /** A qualified class name of the JDK or ours, with an exception's trailing colon. */
  private static final Pattern QUALIFIED =
      Pattern.compile(
          "\\b(?:java|javax|jdk|sun|com\\.sun|org\\.danecheck|picocli|org\\.xbill|org\\.bouncycastle)"
              + "(?:\\.[A-Za-z_$][\\w$]*)+(?::\\s*)?");

  /** A bare exception name: "IOException", "DateTimeParseException: ". */
  private static final Pattern SIMPLE = Pattern.compile("\\b[A-Z]\\w*(?:Exception|Error)\\b:?\\s*");

  /** What went wrong, for a line on the terminal or a status line. */
  public static String of(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException
            || e instanceof ExecutionException
            || e instanceof UncheckedIOException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof IOException io && !(e.getMessage() != null && e.getMessage().contains(": "))) {
      return io(null, io);
    }
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return "unexpected error (" + where(e) + ")";
    }
    return strip(message);
  }

  /** Why a file could not be read: "no such file", "permission denied", "it is a directory". */
  public static String io(Path file, IOException e) {
    Path path = file;
    if (path == null && e instanceof FileSystemException fs && fs.getFile() != null) {
      path = Path.of(fs.getFile());
    }
    String why;
    if (e instanceof NoSuchFileException) {
      why = "no such file";
    } else if (e instanceof AccessDeniedException) {
      why = "permission denied";
    } else if (path != null && Files.isDirectory(path)) {
      why = "it is a directory";
    } else if (e instanceof FileSystemException fs && fs.getReason() != null) {
      why = fs.getReason();
    } else {
      why = e.getMessage() != null ? strip(e.getMessage()) : "read error";
    }
    return file == null && path != null ? path + ": " + why : why;
  }

  /** The text without Java class names (a last filter: the message stays readable). */
  public static String strip(String text) {
    String out = QUALIFIED.matcher(text).replaceAll("");
    out = SIMPLE.matcher(out).replaceAll("");
    out = out.replaceAll("\\(\\s*\\)", "").replaceAll("\\s{2,}", " ").strip();
    return out.isEmpty() ? "unexpected error" : out;
  }

  /** Where an exception without a message came from, for a bug report (method, not class). */
  private static String where(Throwable e) {
    StackTraceElement[] trace = e.getStackTrace();
    return trace.length == 0 ? "no detail" : "at " + trace[0].getMethodName();
  }

  /**
   * A host name for a zone-file line: letters, digits and hyphens in labels of 1 to 63 characters,
   * at most 253 in all (RFC 1123 2.1); a trailing dot is allowed.
   *
   * @throws BadInputException naming the option and what is wrong
   */
  static String hostName(String option, String host) {
    String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    if (name.isEmpty()) {
      throw new BadInputException(option + " must be a host name, e.g. mx.example.org, not empty");
    }
    if (name.length() > 253) {
      throw new BadInputException(option + " is longer than 253 characters");
    }
    for (String label : name.split("\\.", -1)) {
      if (label.isEmpty() || label.length() > 63) {
        throw new BadInputException(
            option + " '" + SafeText.of(host) + "' has an empty label or one over 63 characters");
      }
      for (char c : label.toCharArray()) {
        boolean ldh =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
        if (!ldh) {
          throw new BadInputException(
              option
                  + " '"
                  + SafeText.of(host)
                  + "' is not a host name: '"
                  + SafeText.of(c)
                  + "' is not a letter, digit or hyphen"
                  + (c >= 0x80 ? " (write an internationalised name as its xn-- A-label)" : ""));
        }
      }
      if (label.startsWith("-") || label.endsWith("-")) {
        throw new BadInputException(
            option + " '" + SafeText.of(host) + "' has a label starting or ending with '-'");
      }
    }
    return host;
  }

  /** A TCP port, 1 to 65535. */
  static int port(String option, int port) {
    if (port < 1 || port > 65535) {
      throw new BadInputException(option + " must be a port from 1 to 65535, not " + port);
    }
    return port;
  }
}
