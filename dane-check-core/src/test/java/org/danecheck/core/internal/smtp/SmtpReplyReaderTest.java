/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmtpReplyReaderTest {
  private static SmtpReplyReader reader(String text) {
    return new SmtpReplyReader(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
  }

  @Test
  void readsMultilineReplies() throws IOException {
    // RFC 5321 4.2: "250-" lines continue, "250 " ends.
    SmtpReply reply = reader("250-mx greets\r\n250-PIPELINING\r\n250 STARTTLS\r\n").read();

    assertThat(reply.code()).isEqualTo(250);
    assertThat(reply.lines()).containsExactly("mx greets", "PIPELINING", "STARTTLS");
    assertThat(reply.text()).isEqualTo("250-mx greets\n250-PIPELINING\n250 STARTTLS");
  }

  @Test
  void acceptsBareCodeAndBareLf() throws IOException {
    SmtpReplyReader reader = reader("220\n250 ok\n");

    assertThat(reader.read().lines()).containsExactly("");
    assertThat(reader.read().code()).isEqualTo(250);
  }

  @Test
  void rejectsMalformedLines() {
    assertThatThrownBy(() -> reader("hello\r\n").read()).hasMessageContaining("malformed");
    assertThatThrownBy(() -> reader("25\r\n").read()).hasMessageContaining("malformed");
    assertThatThrownBy(() -> reader("220xok\r\n").read()).hasMessageContaining("malformed");
  }

  @Test
  void rejectsACodeChangeWithinAReply() {
    // RFC 5321 4.2.1: all lines of a multiline reply carry the same code.
    assertThatThrownBy(() -> reader("250-a\r\n251 b\r\n").read())
        .isInstanceOf(SmtpProtocolException.class)
        .hasMessageContaining("changed");
  }

  @Test
  void lineLengthIsBoundedAt4096BytesWithCrlf() throws IOException {
    String longest = "250 " + "x".repeat(SmtpReplyReader.MAX_LINE_BYTES - 6) + "\r\n";
    assertThat(longest).hasSize(SmtpReplyReader.MAX_LINE_BYTES);
    assertThat(reader(longest).read().code()).isEqualTo(250);

    String tooLong = "250 " + "x".repeat(SmtpReplyReader.MAX_LINE_BYTES - 5) + "\r\n";
    assertThatThrownBy(() -> reader(tooLong).read()).hasMessageContaining("longer than 4096");
  }

  @Test
  void linesPerReplyAreBounded() throws IOException {
    String hundred = "250-x\r\n".repeat(SmtpReplyReader.MAX_LINES - 1) + "250 end\r\n";
    assertThat(reader(hundred).read().lines()).hasSize(SmtpReplyReader.MAX_LINES);

    String more = "250-x\r\n".repeat(SmtpReplyReader.MAX_LINES) + "250 end\r\n";
    assertThatThrownBy(() -> reader(more).read()).hasMessageContaining("more than 100 lines");
  }

  @Test
  void endOfStreamIsAProtocolError() {
    assertThatThrownBy(() -> reader("").read()).hasMessageContaining("closed the connection");
    assertThatThrownBy(() -> reader("250-a\r\n250 b").read())
        .hasMessageContaining("within a reply line");
  }

  @Test
  void discardsPlaintextPipelinedAfterAReply() throws IOException {
    SmtpReplyReader reader = reader("220 go ahead\r\ninjected\r\n");

    reader.read();

    assertThat(reader.discardBuffered()).isEqualTo("injected\r\n".length());
  }

  @Test
  void printableHidesControlCharactersAndTruncates() {
    assertThat(SmtpReplyReader.printable("a\u0000b")).isEqualTo("a?b");
    assertThat(SmtpReplyReader.printable("y".repeat(100))).hasSize(83).endsWith("...");
  }

  @Test
  void starttlsKeywordIsCaseInsensitive() {
    // RFC 5321 4.1.1.1: EHLO keywords are not case-sensitive.
    assertThat(ProbeSession.offers(List.of("SIZE 100", "starttls"), "STARTTLS")).isTrue();
    assertThat(ProbeSession.offers(List.of("XSTARTTLS"), "STARTTLS")).isFalse();
  }
}
