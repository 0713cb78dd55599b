/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * Fuzzes {@link SmtpReplyReader} with whatever a hostile server could send. Properties: replies are
 * read until the bytes end, and the reader stops only with {@link SmtpProtocolException} or {@link
 * EOFException} (an {@link IOException}, which the prober turns into a problem code), never another
 * exception; every reply has a three-digit code, at most {@link SmtpReplyReader#MAX_LINES} lines
 * each shorter than {@link SmtpReplyReader#MAX_LINE_BYTES}; each input is quick. {@code mvn verify}
 * replays src/test/resources/org/danecheck/core/internal/smtp/SmtpReplyReaderFuzzTestInputs/read/.
 */
class SmtpReplyReaderFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void read(byte[] input) {
    SmtpReplyReader reader = new SmtpReplyReader(new ByteArrayInputStream(input));
    int replies = 0;
    try {
      while (true) {
        SmtpReply reply = reader.read();
        replies++;
        assertThat(reply.code()).isBetween(0, 999);
        assertThat(reply.lines()).isNotEmpty().hasSizeLessThanOrEqualTo(SmtpReplyReader.MAX_LINES);
        for (String line : reply.lines()) {
          assertThat(line.length()).isLessThan(SmtpReplyReader.MAX_LINE_BYTES);
        }
        if (replies % 2 == 0) {
          assertThat(reader.discardBuffered()).isNotNegative();
        }
        // Each reply consumes at least four bytes ("220\n"), so this loop ends.
        assertThat(replies).isLessThanOrEqualTo(input.length / 4);
      }
    } catch (SmtpProtocolException | EOFException e) {
      assertThat(e.getMessage()).isNotNull();
    } catch (IOException e) {
      throw new AssertionError("unexpected IOException " + e, e);
    }
  }
}
