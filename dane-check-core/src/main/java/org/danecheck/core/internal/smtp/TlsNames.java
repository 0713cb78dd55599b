/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.smtp;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolVersion;

/** Names of TLS parameters as people and IANA write them. */
final class TlsNames {
  private static final Map<Integer, String> CIPHER_SUITES = cipherSuiteNames();

  private TlsNames() {}

  // Bouncy Castle's CipherSuite constants carry the IANA names.
  private static Map<Integer, String> cipherSuiteNames() {
    Map<Integer, String> names = new HashMap<>();
    for (Field field : CipherSuite.class.getFields()) {
      if (field.getType() == int.class
          && Modifier.isStatic(field.getModifiers())
          && field.getName().startsWith("TLS_")
          && !field.getName().contains("DRAFT")) {
        try {
          names.putIfAbsent(field.getInt(null), field.getName());
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("public constant not readable: " + field, e);
        }
      }
    }
    return Map.copyOf(names);
  }

  /** The IANA name of a cipher suite, or its code point as {@code 0x1301}. */
  static String cipherSuite(int suite) {
    String name = CIPHER_SUITES.get(suite);
    return name != null ? name : String.format("0x%04X", suite);
  }

  /** {@code TLSv1.3}, {@code TLSv1.0}, {@code SSLv3}: the names OpenSSL and Postfix log. */
  static String version(ProtocolVersion version) {
    if (version.isSSL()) {
      return "SSLv3";
    }
    if (version.isTLS()) {
      return "TLSv1." + (version.getMinorVersion() - 1);
    }
    return version.getName();
  }

  /** Whether a version is TLS 1.1 or older. */
  static boolean legacy(ProtocolVersion version) {
    return version.isEqualOrEarlierVersionOf(ProtocolVersion.TLSv11);
  }

  /** The name of a named group, e.g. {@code x25519}. */
  static String group(int namedGroup) {
    String name = NamedGroup.getName(namedGroup);
    return name != null ? name : "group " + namedGroup;
  }

  /** An alert as {@code handshake_failure(40)}. */
  static String alert(short description) {
    return AlertDescription.getText(description);
  }
}
