/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Why a file could not be read, in the user's terms: messages carry no Java class names. */
public final class IoText {
  private IoText() {}

  /** {@code "cannot read WHAT FILE: no such file"} and the like. */
  public static String cannotRead(String what, Path file, IOException e) {
    return "cannot read " + what + " " + file + ": " + why(file, e);
  }

  /** The reason alone: "no such file", "permission denied", "it is a directory", ... */
  public static String why(Path file, IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (file != null && Files.isDirectory(file)) {
      return "it is a directory";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e.getMessage() != null ? e.getMessage() : "read error";
  }
}
