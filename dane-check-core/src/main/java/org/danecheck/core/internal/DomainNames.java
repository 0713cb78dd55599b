package org.danecheck.core.internal;

import java.net.IDN;
import java.util.Locale;
import java.util.Objects;

/**
 * Normalises and validates the domain names callers pass in. Input is a programmer's argument, so
 * bad input throws {@link IllegalArgumentException} saying what is wrong; names from the network
 * never come through here.
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
    String ascii;
    try {
      ascii = IDN.toASCII(text, IDN.USE_STD3_ASCII_RULES);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + name + "' is not a valid domain name: " + e.getMessage(), e);
    }
    ascii = ascii.toLowerCase(Locale.ROOT);
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

  /** The name with a trailing dot, as DNS layers want it. */
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

  private static boolean looksLikeIpv4(String text) {
    return text.matches("\\d{1,3}(\\.\\d{1,3}){3}\\.?");
  }
}
