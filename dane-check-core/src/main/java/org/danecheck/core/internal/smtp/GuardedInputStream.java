/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.smtp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.danecheck.core.internal.Deadline;

/**
 * A socket's input with a step deadline and a byte budget. Before every read the socket's timeout
 * is set to what is left of the current step, so a server that trickles one byte at a time cannot
 * stretch a step past its deadline; the total number of bytes a session may read is bounded.
 */
final class GuardedInputStream extends FilterInputStream {
  private static final Duration NO_STEP_LIMIT = Duration.ofDays(1);

  private final Socket socket;
  private final long maxBytes;
  private long bytesRead;
  private volatile Deadline step;

  GuardedInputStream(Socket socket, InputStream in, long maxBytes, Deadline step) {
    super(in);
    this.socket = socket;
    this.maxBytes = maxBytes;
    this.step = step;
  }

  /** Sets the deadline of the step that reads next. */
  void step(Deadline deadline) {
    this.step = deadline;
  }

  @Override
  public int read() throws IOException {
    arm();
    int b = super.read();
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    arm();
    int n = super.read(b, off, len);
    if (n > 0) {
      count(n);
    }
    return n;
  }

  private void arm() throws IOException {
    Deadline current = step;
    if (current.expired()) {
      throw new SocketTimeoutException("step deadline passed");
    }
    socket.setSoTimeout(current.capMillis(NO_STEP_LIMIT));
  }

  private void count(int n) throws SmtpProtocolException {
    bytesRead += n;
    if (bytesRead > maxBytes) {
      throw new SmtpProtocolException("server sent more than " + maxBytes + " bytes");
    }
  }
}
