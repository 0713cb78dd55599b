package org.danecheck.core.internal.tlsa;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reference-identifier matching for DANE-TA(2) (RFC 7672 3.2.2, 3.2.3) with the RFC 6125 rules:
 * DNS-ID subjectAltNames, the CN only when there is no DNS-ID, a wildcard only as the whole
 * left-most label matching exactly one label. Comparison is ASCII case-insensitive and ignores a
 * trailing dot. Names are expected in A-label (ASCII) form.
 */
final class HostnameMatcher {
  private HostnameMatcher() {}

  /** The first reference name the certificate is valid for, if any. */
  static Optional<String> match(ParsedCertificate leaf, Set<String> referenceNames) {
    List<String> presented = leaf.dnsNames();
    // RFC 6125 6.4.4: the CN is consulted only if there are no DNS-ID subjectAltNames.
    if (presented.isEmpty()) {
      presented = leaf.commonNames();
    }
    for (String reference : referenceNames) {
      String ref = normalize(reference);
      if (ref.isEmpty()) {
        continue;
      }
      for (String id : presented) {
        if (matches(normalize(id), ref)) {
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

  static boolean matches(String presented, String reference) {
    if (presented.isEmpty()) {
      return false;
    }
    if (!presented.startsWith("*.")) {
      return presented.indexOf('*') < 0 && presented.equals(reference);
    }
    String suffix = presented.substring(1); // ".example.org"
    // A wildcard only as the whole left-most label; and like OpenSSL, not directly under a
    // single-label name ("*.org"), which would cover a whole top-level domain.
    if (suffix.indexOf('*') >= 0 || suffix.indexOf('.', 1) < 0) {
      return false;
    }
    if (!reference.endsWith(suffix)) {
      return false;
    }
    String label = reference.substring(0, reference.length() - suffix.length());
    // Exactly one label: non-empty and without dots.
    return !label.isEmpty() && label.indexOf('.') < 0;
  }

  static String normalize(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }
}
