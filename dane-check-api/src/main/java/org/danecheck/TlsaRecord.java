/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One TLSA record's data (RFC 6698 2.1): certificate usage, selector, matching type and certificate
 * association data.
 *
 * <p>Numbers that this library does not know (a usage of 7, say) are kept as they are: such a
 * record is data to report as unusable, not an error. Instances are immutable.
 */
public final class TlsaRecord {
  /** The largest association data that fits in one RDATA (65535 bytes less the three fields). */
  public static final int MAX_DATA_LENGTH = 65535 - 3;

  private static final HexFormat HEX = HexFormat.of();

  private final int usage;
  private final int selector;
  private final int matchingType;
  private final byte[] data;

  private TlsaRecord(int usage, int selector, int matchingType, byte[] data) {
    this.usage = checkField("usage", usage);
    this.selector = checkField("selector", selector);
    this.matchingType = checkField("matching type", matchingType);
    Objects.requireNonNull(data, "association data must not be null");
    if (data.length > MAX_DATA_LENGTH) {
      throw new IllegalArgumentException(
          "association data: " + data.length + " bytes, more than " + MAX_DATA_LENGTH);
    }
    this.data = data.clone();
  }

  /**
   * A record from its four fields; numbers must be 0 to 255.
   *
   * @throws IllegalArgumentException when a number is out of range or the data is too long
   */
  public static TlsaRecord of(int usage, int selector, int matchingType, byte[] associationData) {
    return new TlsaRecord(usage, selector, matchingType, associationData);
  }

  /** A record from known field values. */
  public static TlsaRecord of(
      TlsaUsage usage,
      TlsaSelector selector,
      TlsaMatchingType matchingType,
      byte[] associationData) {
    return new TlsaRecord(
        usage.number(), selector.number(), matchingType.number(), associationData);
  }

  /**
   * Parses a TLSA record's presentation form: {@code 3 1 1 <hex>} (the hex may contain white
   * space), the RFC 3597 generic form {@code \# 35 030101<hex>}, or a whole zone-file line such as
   * {@code _25._tcp.mx.example.org. 3600 IN TLSA 3 1 1 <hex>} (owner, TTL and class are skipped; a
   * trailing {@code ;} comment and parentheses are allowed).
   *
   * @throws IllegalArgumentException naming the field and the reason when the text is malformed
   */
  public static TlsaRecord parse(String text) {
    Objects.requireNonNull(text, "TLSA text must not be null");
    List<String> tokens = tokenize(text);
    int tlsaAt = -1;
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).equalsIgnoreCase("TLSA")) {
        tlsaAt = i;
        break;
      }
    }
    List<String> rdata = tlsaAt >= 0 ? tokens.subList(tlsaAt + 1, tokens.size()) : tokens;
    if (rdata.isEmpty()) {
      throw new IllegalArgumentException("TLSA record: no data in '" + text.strip() + "'");
    }
    if (rdata.get(0).equals("\\#")) {
      return parseGeneric(rdata);
    }
    if (rdata.size() < 4) {
      throw new IllegalArgumentException(
          "TLSA record: expected 'usage selector matching-type hex', got '"
              + String.join(" ", rdata)
              + "'");
    }
    int usage = parseNumber("usage", rdata.get(0));
    int selector = parseNumber("selector", rdata.get(1));
    int matchingType = parseNumber("matching type", rdata.get(2));
    byte[] data = parseHex("association data", rdata.subList(3, rdata.size()));
    return new TlsaRecord(usage, selector, matchingType, data);
  }

  /**
   * The owner name of the TLSA RRset for a host and TCP port, e.g. {@code _25._tcp.mx.example.org}
   * (RFC 7672 2.2.3), without a trailing dot as every name in this API (see the package
   * documentation); a trailing dot on {@code host} is dropped.
   */
  public static String ownerName(String host, int port) {
    Objects.requireNonNull(host, "host must not be null");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " is not 0 to 65535");
    }
    return "_" + port + "._tcp." + Names.relative(host);
  }

  /** The certificate usage number (0 to 255). */
  public int usageNumber() {
    return usage;
  }

  /** The selector number (0 to 255). */
  public int selectorNumber() {
    return selector;
  }

  /** The matching type number (0 to 255). */
  public int matchingTypeNumber() {
    return matchingType;
  }

  /** The usage, or empty when its number is not one this library knows. */
  public Optional<TlsaUsage> usage() {
    return TlsaUsage.fromNumber(usage);
  }

  /** The selector, or empty when its number is not one this library knows. */
  public Optional<TlsaSelector> selector() {
    return TlsaSelector.fromNumber(selector);
  }

  /** The matching type, or empty when its number is not one this library knows. */
  public Optional<TlsaMatchingType> matchingType() {
    return TlsaMatchingType.fromNumber(matchingType);
  }

  /** A copy of the certificate association data. */
  public byte[] associationData() {
    return data.clone();
  }

  /** The certificate association data as lower-case hex. */
  public String associationDataHex() {
    return HEX.formatHex(data);
  }

  /** Mnemonic form for people, e.g. {@code DANE-EE SPKI SHA2-256}; numbers where unknown. */
  public String describeFields() {
    return usage().map(TlsaUsage::mnemonic).orElse(Integer.toString(usage))
        + " "
        + selector().map(TlsaSelector::mnemonic).orElse(Integer.toString(selector))
        + " "
        + matchingType().map(TlsaMatchingType::mnemonic).orElse(Integer.toString(matchingType));
  }

  /**
   * A zone-file line for this record at a host and port: {@code _25._tcp.mx. IN TLSA 3 1 1 ..}. The
   * owner name is absolute here (a zone file would append its origin to a relative one).
   */
  public String toZoneLine(String host, int port) {
    return ownerName(host, port) + ". IN TLSA " + this;
  }

  /**
   * The presentation form, {@code usage selector matching-type hex}; for a record without
   * association data (which DNS can carry but that form cannot) the RFC 3597 generic form {@code \#
   * 3 uussmm}. Either parses back to this record.
   */
  @Override
  public String toString() {
    if (data.length == 0) {
      return "\\# 3 "
          + HEX.formatHex(new byte[] {(byte) usage, (byte) selector, (byte) matchingType});
    }
    return usage + " " + selector + " " + matchingType + " " + associationDataHex();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TlsaRecord other
        && usage == other.usage
        && selector == other.selector
        && matchingType == other.matchingType
        && Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(usage, selector, matchingType) * 31 + Arrays.hashCode(data);
  }

  private static TlsaRecord parseGeneric(List<String> rdata) {
    // RFC 3597 5: \# <length> <hex...>
    if (rdata.size() < 2) {
      throw new IllegalArgumentException("TLSA record: '\\#' form needs a length and hex data");
    }
    // RFC 3597 5: the length is a decimal number; RDATA is at most 65535 bytes.
    OptionalInt parsed = asciiDecimal(rdata.get(1), 65535);
    if (parsed.isEmpty()) {
      throw new IllegalArgumentException(
          "TLSA record: '\\#' length '" + rdata.get(1) + "' is not a number from 0 to 65535");
    }
    int length = parsed.getAsInt();
    byte[] wire =
        rdata.size() > 2 ? parseHex("'\\#' data", rdata.subList(2, rdata.size())) : new byte[0];
    if (wire.length != length) {
      throw new IllegalArgumentException(
          "TLSA record: '\\#' length says " + length + " bytes but the data has " + wire.length);
    }
    if (wire.length < 3) {
      throw new IllegalArgumentException(
          "TLSA record: '\\#' data has " + wire.length + " bytes, a TLSA RDATA needs at least 3");
    }
    return new TlsaRecord(
        wire[0] & 0xff, wire[1] & 0xff, wire[2] & 0xff, Arrays.copyOfRange(wire, 3, wire.length));
  }

  private static List<String> tokenize(String text) {
    List<String> tokens = new ArrayList<>();
    for (String line : text.split("\\R")) {
      int comment = line.indexOf(';');
      String content = comment >= 0 ? line.substring(0, comment) : line;
      for (String token : content.replace('(', ' ').replace(')', ' ').trim().split("\\s+")) {
        if (!token.isEmpty()) {
          tokens.add(token);
        }
      }
    }
    return tokens;
  }

  /**
   * A decimal field. Only ASCII digits: {@link Integer#parseInt} and {@link Character#isDigit} also
   * take other scripts' digits (e.g. Arabic-Indic), which no zone file or DNS tool writes.
   */
  private static int parseNumber(String field, String token) {
    OptionalInt value = asciiDecimal(token, 255);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(
          "TLSA " + field + ": '" + token + "' is not a number from 0 to 255");
    }
    return value.getAsInt();
  }

  /** The value of a string of ASCII digits when it is at most {@code max}, else empty. */
  private static OptionalInt asciiDecimal(String token, int max) {
    if (token.isEmpty()) {
      return OptionalInt.empty();
    }
    long value = 0;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c < '0' || c > '9') {
        return OptionalInt.empty();
      }
      value = value * 10 + (c - '0');
      if (value > max) {
        return OptionalInt.empty();
      }
    }
    return OptionalInt.of((int) value);
  }

  private static boolean isAsciiHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static byte[] parseHex(String field, List<String> tokens) {
    String hex = String.join("", tokens);
    if (hex.isEmpty()) {
      throw new IllegalArgumentException("TLSA " + field + ": missing");
    }
    if (hex.length() % 2 != 0) {
      throw new IllegalArgumentException(
          "TLSA " + field + ": odd number of hex digits (" + hex.length() + ")");
    }
    for (int i = 0; i < hex.length(); i++) {
      if (!isAsciiHexDigit(hex.charAt(i))) {
        throw new IllegalArgumentException(
            "TLSA "
                + field
                + ": '"
                + hex.charAt(i)
                + "' at position "
                + (i + 1)
                + " is not a hex digit");
      }
    }
    if (hex.length() / 2 > MAX_DATA_LENGTH) {
      throw new IllegalArgumentException(
          "TLSA " + field + ": " + hex.length() / 2 + " bytes, more than " + MAX_DATA_LENGTH);
    }
    return HEX.parseHex(hex.toLowerCase(Locale.ROOT));
  }

  private static int checkField(String field, int value) {
    if (value < 0 || value > 255) {
      throw new IllegalArgumentException("TLSA " + field + ": " + value + " is not 0 to 255");
    }
    return value;
  }
}
