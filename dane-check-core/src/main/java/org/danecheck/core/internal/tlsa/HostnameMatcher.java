/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.tlsa;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reference-identifier matching for DANE-TA(2) (RFC 7672 3.2.2 lists the names, 3.2.3 how they
 * match), as Postfix has OpenSSL do it: X509_check_host with X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS
 * (tls_client.c add_namechecks: "No part-label 'foo*bar.example.com' wildcards for SMTP").
 *
 * <ul>
 *   <li>DNS-ID subjectAltNames; the subject CNs only when there is no DNS-ID (RFC 7672 3.2.3);
 *   <li>a wildcard only as the whole left-most label of a name with at least two more labels,
 *       matching exactly one non-empty label (a literal "*" included, as OpenSSL allows);
 *   <li>comparison is octet by octet, folding ASCII letters only (OpenSSL's equal_nocase): the
 *       Kelvin sign U+212A is not "k", and nothing is trimmed from presented names;
 *   <li>a presented name with a NUL or a malformed wildcard pattern matches only literally.
 * </ul>
 *
 * A trailing dot on a reference name (the caller's input) is dropped; names are in A-label form.
 */
final class HostnameMatcher {
  private HostnameMatcher() {}

  /** The first reference name the certificate is valid for, if any. */
  static Optional<String> match(ParsedCertificate leaf, Set<String> referenceNames) {
    List<String> presented = presentedNames(leaf);
    for (String reference : referenceNames) {
      String ref = reference(reference);
      if (ref.isEmpty()) {
        continue;
      }
      for (String id : presented) {
        if (matches(id, ref)) {
          return Optional.of(reference);
        }
      }
    }
    return Optional.empty();
  }

  /** Names the certificate presents (SAN DNS-IDs, else CNs), for messages. */
  static List<String> presentedNames(ParsedCertificate leaf) {
    List<String> presented = leaf.dnsNames();
    return presented.isEmpty() ? leaf.commonNames() : presented;
  }

  /** Whether a presented name (pattern) matches a reference name. */
  static boolean matches(String presented, String reference) {
    if (presented.isEmpty() || presented.indexOf('\0') >= 0) {
      return false;
    }
    int star = validStar(presented);
    if (star < 0) {
      return equalsAscii(presented, reference);
    }
    // star == 0: "*" is the whole first label; the suffix starts with "."
    String suffix = presented.substring(1);
    if (reference.length() <= suffix.length()) {
      return false; // the wildcard must match at least one character
    }
    String label = reference.substring(0, reference.length() - suffix.length());
    if (!equalsAscii(reference.substring(label.length()), suffix)) {
      return false;
    }
    if (label.equals("*")) {
      return true;
    }
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      boolean ldh =
          (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-';
      if (!ldh) {
        return false;
      }
    }
    return true;
  }

  /**
   * OpenSSL's valid_star with NO_PARTIAL_WILDCARDS: the index of the one legal wildcard (always 0),
   * or -1 if the pattern has none or is not a valid wildcard pattern.
   */
  private static int validStar(String p) {
    int star = -1;
    boolean labelStart = true;
    boolean hyphen = false;
    boolean idna = false;
    int dots = 0;
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '*') {
        boolean atEnd = i == p.length() - 1 || p.charAt(i + 1) == '.';
        if (star >= 0 || idna || dots > 0 || !labelStart || !atEnd) {
          return -1;
        }
        star = i;
        labelStart = false;
      } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        if (labelStart && p.regionMatches(true, i, "xn--", 0, 4)) {
          idna = true;
        }
        labelStart = false;
        hyphen = false;
      } else if (c == '.') {
        if (hyphen || labelStart) {
          return -1;
        }
        labelStart = true;
        idna = false;
        dots++;
      } else if (c == '-') {
        if (labelStart) {
          return -1;
        }
        hyphen = true;
      } else {
        return -1;
      }
    }
    if (labelStart || hyphen || dots < 2) {
      return -1;
    }
    return star;
  }

  // OpenSSL's equal_nocase: same length, octets equal after folding ASCII A-Z only.
  static boolean equalsAscii(String a, String b) {
    if (a.length() != b.length()) {
      return false;
    }
    for (int i = 0; i < a.length(); i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y && asciiLower(x) != asciiLower(y)) {
        return false;
      }
    }
    return true;
  }

  private static char asciiLower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }

  private static String reference(String name) {
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }
}
