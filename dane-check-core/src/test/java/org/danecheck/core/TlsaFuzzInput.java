/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.danecheck.TlsaMatchingType;
import org.danecheck.TlsaProfile;
import org.danecheck.TlsaRecord;
import org.danecheck.TlsaSelector;
import org.danecheck.TlsaUsage;

/**
 * A TLSA matching case decoded from fuzz bytes, in a layout simple enough to write seeds by hand
 * (see {@link #encode}): a flags byte (bit 0 the SMTP profile, bit 1 a clock in 2100), the number
 * of certificates (mod 5) and each as a big-endian u16 length and DER, the number of records (mod
 * 5) and each as usage, selector, matching type, u16 length and data, then reference names, one per
 * line. A record with no data and matching type 1 or 2 gets the digest of the chain's certificate
 * that its usage selects (so that the fuzzer reaches the matching paths); input that ends early
 * ends the lists.
 */
record TlsaFuzzInput(
    TlsaProfile profile,
    Instant now,
    List<byte[]> chain,
    List<TlsaRecord> records,
    Set<String> names) {

  static final Instant NOW = Instant.parse("2027-01-01T00:00:00Z");

  static TlsaFuzzInput decode(byte[] input) {
    ByteBuffer in = ByteBuffer.wrap(input);
    int flags = in.hasRemaining() ? in.get() : 0;
    TlsaProfile profile = (flags & 1) != 0 ? TlsaProfile.SMTP : TlsaProfile.GENERIC;
    Instant now = (flags & 2) != 0 ? Instant.parse("2100-01-01T00:00:00Z") : NOW;
    List<byte[]> chain = new ArrayList<>();
    int certs = in.hasRemaining() ? (in.get() & 0xff) % 5 : 0;
    for (int i = 0; i < certs && in.remaining() >= 2; i++) {
      chain.add(bytes(in, in.getShort() & 0xffff));
    }
    List<TlsaRecord> records = new ArrayList<>();
    int count = in.hasRemaining() ? (in.get() & 0xff) % 5 : 0;
    for (int i = 0; i < count && in.remaining() >= 5; i++) {
      int usage = in.get() & 0xff;
      int selector = in.get() & 0xff;
      int type = in.get() & 0xff;
      byte[] data = bytes(in, Math.min(in.getShort() & 0xffff, TlsaRecord.MAX_DATA_LENGTH));
      if (data.length == 0 && (type == 1 || type == 2) && !chain.isEmpty()) {
        data = digest(chain, usage, selector, type);
      }
      records.add(TlsaRecord.of(usage, selector, type, data));
    }
    Set<String> names = new LinkedHashSet<>();
    if (in.hasRemaining()) {
      String text = new String(bytes(in, in.remaining()), StandardCharsets.UTF_8);
      for (String n : text.split("\n", 4)) {
        names.add(n);
      }
    }
    return new TlsaFuzzInput(profile, now, chain, records, names);
  }

  private static byte[] bytes(ByteBuffer in, int length) {
    byte[] b = new byte[Math.min(length, in.remaining())];
    in.get(b);
    return b;
  }

  private static byte[] digest(List<byte[]> chain, int usage, int selector, int type) {
    try {
      return TlsaGenerator.forChain(
              chain,
              TlsaUsage.fromNumber(usage).orElse(TlsaUsage.DANE_EE),
              TlsaSelector.fromNumber(selector).orElse(TlsaSelector.SPKI),
              TlsaMatchingType.fromNumber(type).orElseThrow())
          .associationData();
    } catch (IllegalArgumentException e) {
      return new byte[0]; // not a certificate the generator reads: an empty record then
    }
  }

  /** The bytes that {@link #decode} reads as this case (records with empty data get digests). */
  static byte[] encode(
      boolean smtp, List<byte[]> chain, List<int[]> recordFields, List<String> names) {
    ByteBuffer out = ByteBuffer.allocate(1 << 16);
    out.put((byte) (smtp ? 1 : 0)).put((byte) chain.size());
    for (byte[] der : chain) {
      out.putShort((short) der.length).put(der);
    }
    out.put((byte) recordFields.size());
    for (int[] f : recordFields) {
      out.put((byte) f[0]).put((byte) f[1]).put((byte) f[2]).putShort((short) 0);
    }
    out.put(String.join("\n", names).getBytes(StandardCharsets.UTF_8));
    byte[] b = new byte[out.position()];
    out.flip().get(b);
    return b;
  }
}
