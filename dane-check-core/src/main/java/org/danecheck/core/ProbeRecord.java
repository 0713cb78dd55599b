/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import java.util.Objects;
import org.danecheck.SmtpOutcome;
import org.danecheck.core.internal.smtp.ProbeResult;
import org.danecheck.core.internal.smtp.ProbeResultCodec;

/**
 * What one probe of a {@link ProbeTarget} saw, complete (the SMTP dialogue, the TLS session, the
 * certificates as received, the problems, the timings), for a check evaluated elsewhere: {@link
 * #toBytes()} ships it, {@link #fromBytes(byte[])} reads it back, and {@link
 * DaneChecker#checkAsync(String, java.util.Map)} evaluates it exactly as a check evaluates its own
 * probe. The byte form is versioned; it is for a scan's own stages, not for storage. Immutable.
 */
public final class ProbeRecord {
  private final ProbeResult result;

  private ProbeRecord(ProbeResult result) {
    this.result = result;
  }

  static ProbeRecord of(ProbeResult result) {
    return new ProbeRecord(Objects.requireNonNull(result));
  }

  ProbeResult result() {
    return result;
  }

  /** The endpoint probed. */
  public ProbeTarget target() {
    return ProbeTarget.of(result.request());
  }

  /** How far the SMTP dialogue got. */
  public SmtpOutcome smtpOutcome() {
    return result.outcome();
  }

  /**
   * Whether the probe was cut short (the checker closed, or no connection slot in time): not a fact
   * about the server; a check given it reports the endpoint as not probed.
   */
  public boolean cut() {
    return result.cut();
  }

  /** The record as bytes, for {@link #fromBytes(byte[])}. */
  public byte[] toBytes() {
    return ProbeResultCodec.encode(result);
  }

  /**
   * Reads {@link #toBytes()}'s output; bounded in what it allocates.
   *
   * @throws IllegalArgumentException when the bytes are not a record of this version
   */
  public static ProbeRecord fromBytes(byte[] bytes) {
    return new ProbeRecord(ProbeResultCodec.decode(bytes));
  }

  @Override
  public String toString() {
    return "ProbeRecord[" + target().key() + " " + result.outcome() + "]";
  }
}
