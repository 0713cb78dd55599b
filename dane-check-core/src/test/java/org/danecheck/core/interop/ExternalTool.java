/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.interop;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a reference tool (posttls-finger, openssl) with a timeout and returns what it printed. A
 * tool that is missing, hangs or cannot be run fails the test, never skips it.
 */
final class ExternalTool {
  /** What a finished tool printed (stdout and stderr, interleaved) and its exit status. */
  record Result(List<String> command, int exitStatus, String output) {
    /** The command and its output, for assertion messages. */
    String transcript() {
      return String.join(" ", command) + "\n(exit " + exitStatus + ")\n" + output;
    }
  }

  private ExternalTool() {}

  /** Runs the command, feeding it {@code input} on stdin, and waits at most {@code timeout}. */
  static Result run(List<String> command, String input, Duration timeout) {
    requireOnPath(command.get(0));
    Path out = null;
    Process process = null;
    try {
      out = Files.createTempFile("danecheck-interop-", ".out");
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(input.getBytes(StandardCharsets.US_ASCII));
      } catch (IOException e) {
        // The tool may exit before reading its input (a lookup failure); its output says why.
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(
            String.join(" ", command)
                + " did not finish within "
                + timeout
                + "; output so far:\n"
                + Files.readString(out));
      }
      return new Result(List.copyOf(command), process.exitValue(), Files.readString(out));
    } catch (IOException e) {
      throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + command.get(0), e);
    } finally {
      if (process != null && process.isAlive()) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException e) {
          // a temp file left behind is harmless
        }
      }
    }
  }

  /**
   * Fails unless the program exists (a path, or a name on PATH, /usr/sbin included): the interop
   * profile must fail when a tool could not be installed.
   */
  static void requireOnPath(String program) {
    if (program.contains("/")) {
      if (Files.isExecutable(Path.of(program))) {
        return;
      }
    } else {
      String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin";
      for (String dir : path.split(File.pathSeparator)) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
          return;
        }
      }
    }
    throw new AssertionError(
        program
            + " is not installed: the interop tests need it (bash interop/world install installs"
            + " the world's tools; see interop/README.md)");
  }
}
