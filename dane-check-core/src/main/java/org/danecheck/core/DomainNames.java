/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import com.ibm.icu.text.IDNA;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Normalises and validates the domain names callers pass in. Input is a programmer's argument, so
 * bad input throws {@link IllegalArgumentException} saying what is wrong; names from the network
 * never come through here.
 *
 * <p>Internationalised names are converted per UTS #46 with non-transitional processing (IDNA2008,
 * as browsers, Postfix's {@code midna_domain_to_ascii} and libidn2 do): {@code faß.de} is {@code
 * xn--fa-hia.de}, not IDNA2003's {@code fass.de}, which is what the JDK's {@code java.net.IDN}
 * gives. ICU4J does the conversion; it is loaded only for names with a non-ASCII character or an
 * {@code xn--} label, so plain ASCII names cost no start-up time.
 */
public final class DomainNames {
  /** RFC 1035 2.3.4: 255 octets on the wire, so 253 characters in text without the final dot. */
  public static final int MAX_NAME_LENGTH = 253;

  /** RFC 1035 2.3.4: 63 octets per label. */
  public static final int MAX_LABEL_LENGTH = 63;

  private DomainNames() {}

  /**
   * The name in A-labels, lower case, without a trailing dot: {@code "Bücher.Example."} becomes
   * {@code "xn--bcher-kva.example"}.
   *
   * @throws IllegalArgumentException when the name is empty, an IP address literal, too long, has
   *     an empty or too long label, or characters not allowed in a host name (RFC 1123 2.1)
   */
  public static String normalize(String name) {
    Objects.requireNonNull(name, "domain name must not be null");
    String text = name.strip();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("domain name is empty");
    }
    if (text.startsWith("[") || text.indexOf(':') >= 0 || looksLikeIpv4(text)) {
      throw new IllegalArgumentException(
          "'" + name + "' is an IP address literal, not a domain name");
    }
    if (text.endsWith(".")) {
      text = text.substring(0, text.length() - 1);
    }
    String ascii = needsIdna(text) ? Uts46.toAscii(name, text) : text.toLowerCase(Locale.ROOT);
    if (ascii.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "'" + name + "' is " + ascii.length() + " characters long, more than " + MAX_NAME_LENGTH);
    }
    String[] labels = ascii.split("\\.", -1);
    for (String label : labels) {
      checkLabel(name, label);
    }
    if (labels[labels.length - 1].chars().allMatch(c -> c >= '0' && c <= '9')) {
      // RFC 3696 2: a top-level domain is never all-numeric.
      throw new IllegalArgumentException("'" + name + "' has an all-numeric top-level label");
    }
    return ascii;
  }

  /**
   * The name without its trailing dot, the form of every name in the public API ({@code
   * "mx.example.org."} becomes {@code "mx.example.org"}); the root stays {@code "."}.
   */
  public static String relative(String name) {
    return name.length() > 1 && name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  /**
   * The name with a trailing dot, as DNS layers want it (inside core only: the public API's names
   * have none, see {@link #relative}).
   */
  public static String absolute(String normalizedName) {
    return normalizedName.endsWith(".") ? normalizedName : normalizedName + ".";
  }

  private static void checkLabel(String name, String label) {
    if (label.isEmpty()) {
      throw new IllegalArgumentException("'" + name + "' has an empty label");
    }
    if (label.length() > MAX_LABEL_LENGTH) {
      throw new IllegalArgumentException(
          "'" + name + "' has a label of " + label.length() + " characters, more than 63");
    }
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      boolean ldh = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
      if (!ldh) {
        throw new IllegalArgumentException(
            "'" + name + "' contains '" + c + "', not allowed in a host name");
      }
    }
    if (label.startsWith("-") || label.endsWith("-")) {
      throw new IllegalArgumentException(
          "'" + name + "' has a label that starts or ends with '-': " + label);
    }
  }

  /** Whether UTS #46 processing can change or reject the name beyond ASCII lower-casing. */
  private static boolean needsIdna(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return true;
      }
    }
    String lower = text.toLowerCase(Locale.ROOT);
    return lower.startsWith("xn--") || lower.contains(".xn--");
  }

  /** ICU4J's UTS #46 converter, loaded on first use. */
  private static final class Uts46 {
    private static final IDNA IDNA_2008 =
        IDNA.getUTS46Instance(
            IDNA.NONTRANSITIONAL_TO_ASCII
                | IDNA.NONTRANSITIONAL_TO_UNICODE
                | IDNA.USE_STD3_RULES
                | IDNA.CHECK_BIDI
                | IDNA.CHECK_CONTEXTJ
                | IDNA.CHECK_CONTEXTO);

    /**
     * Errors that do not make a name unusable here: hyphens in the third and fourth position (UTS
     * #46 CheckHyphens=false, as the WHATWG URL Standard; DNS allows such labels), and lengths,
     * which {@link #normalize} checks itself with its own messages.
     */
    private static final Set<IDNA.Error> TOLERATED =
        EnumSet.of(
            IDNA.Error.HYPHEN_3_4,
            IDNA.Error.LABEL_TOO_LONG,
            IDNA.Error.DOMAIN_NAME_TOO_LONG,
            IDNA.Error.EMPTY_LABEL,
            IDNA.Error.LEADING_HYPHEN,
            IDNA.Error.TRAILING_HYPHEN);

    static String toAscii(String name, String text) {
      StringBuilder out = new StringBuilder();
      IDNA.Info info = new IDNA.Info();
      IDNA_2008.nameToASCII(text, out, info);
      Set<IDNA.Error> errors = EnumSet.noneOf(IDNA.Error.class);
      errors.addAll(info.getErrors());
      errors.removeAll(TOLERATED);
      if (!errors.isEmpty()) {
        throw new IllegalArgumentException(
            "'"
                + name
                + "' is not a valid internationalised domain name (UTS #46): "
                + describe(errors));
      }
      return out.toString().toLowerCase(Locale.ROOT);
    }

    private static String describe(Set<IDNA.Error> errors) {
      return String.join(
          ", ",
          errors.stream()
              .map(
                  e ->
                      switch (e) {
                        case DISALLOWED -> "a character not allowed in host names";
                        case PUNYCODE, INVALID_ACE_LABEL -> "an invalid xn-- label";
                        case BIDI -> "a mix of right-to-left and left-to-right text";
                        case CONTEXTJ, CONTEXTO_PUNCTUATION, CONTEXTO_DIGITS ->
                            "a character not allowed in this context";
                        case LEADING_COMBINING_MARK -> "a label starting with a combining mark";
                        case LABEL_HAS_DOT -> "a label with a dot";
                        default -> e.name().toLowerCase(Locale.ROOT).replace('_', ' ');
                      })
              .distinct()
              .toList());
    }
  }

  private static boolean looksLikeIpv4(String text) {
    return text.matches("\\d{1,3}(\\.\\d{1,3}){3}\\.?");
  }
}
