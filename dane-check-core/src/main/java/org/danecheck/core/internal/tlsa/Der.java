/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.tlsa;

import java.util.Arrays;

/**
 * A minimal DER TLV reader, used to slice the tbsCertificate and SubjectPublicKeyInfo bytes out of
 * a certificate exactly as they were sent: RFC 6698 2.1.2 defines selector SPKI(1) over the
 * encoding in the certificate, which a re-encoded key need not reproduce.
 */
final class Der {
  private Der() {}

  /**
   * A TLV element at {@code [start, end)} of its buffer; content at {@code [contentStart, end)}.
   */
  static final class Tlv {
    final int tag;
    final int start;
    final int contentStart;
    final int end;

    Tlv(int tag, int start, int contentStart, int end) {
      this.tag = tag;
      this.start = start;
      this.contentStart = contentStart;
      this.end = end;
    }

    byte[] bytes(byte[] buf) {
      return Arrays.copyOfRange(buf, start, end);
    }
  }

  /** Reads the element starting at {@code pos}, which must end at or before {@code limit}. */
  static Tlv read(byte[] buf, int pos, int limit) throws MalformedException {
    if (pos >= limit) {
      throw new MalformedException("truncated DER: no element at offset " + pos);
    }
    int tag = buf[pos] & 0xff;
    if ((tag & 0x1f) == 0x1f) {
      throw new MalformedException("high-tag-number form not expected in a certificate");
    }
    int p = pos + 1;
    if (p >= limit) {
      throw new MalformedException("truncated DER length at offset " + p);
    }
    int first = buf[p++] & 0xff;
    long len;
    if (first < 0x80) {
      len = first;
    } else if (first == 0x80) {
      throw new MalformedException("indefinite length is not DER");
    } else {
      int n = first & 0x7f;
      if (n > 4) {
        throw new MalformedException("DER length too long");
      }
      len = 0;
      for (int i = 0; i < n; i++) {
        if (p >= limit) {
          throw new MalformedException("truncated DER length");
        }
        len = (len << 8) | (buf[p++] & 0xff);
      }
    }
    if (len > limit - p) {
      throw new MalformedException("DER element at offset " + pos + " overruns its container");
    }
    return new Tlv(tag, pos, p, p + (int) len);
  }

  /** Signals bytes that are not the expected DER structure. */
  static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }
}
