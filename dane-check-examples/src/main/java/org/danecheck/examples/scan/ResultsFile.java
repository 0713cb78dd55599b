/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** The scan's JSON-lines output: resumed by reading what is there, then appended to. */
final class ResultsFile {
  private ResultsFile() {}

  /**
   * Cuts a partial last line (one without its newline: a crash mid-write) off the file, then hands
   * every complete line to the consumer, streaming. Returns the number of bytes cut.
   */
  static long readForResume(Path file, Consumer<String> lines) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    long cut = truncatePartialLine(file);
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          lines.accept(line);
        }
      }
    }
    return cut;
  }

  static long truncatePartialLine(Path file) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      long length = raf.length();
      long end = length;
      byte[] buffer = new byte[8192];
      while (end > 0) {
        int n = (int) Math.min(buffer.length, end);
        raf.seek(end - n);
        raf.readFully(buffer, 0, n);
        for (int i = n - 1; i >= 0; i--) {
          if (buffer[i] == '\n') {
            long keep = end - n + i + 1;
            raf.setLength(keep);
            return length - keep;
          }
        }
        end -= n;
      }
      raf.setLength(0);
      return length;
    }
  }
}
