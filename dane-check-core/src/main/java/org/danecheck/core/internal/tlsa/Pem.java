/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.tlsa;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Lenient PEM reading: certificate blocks in order, anything else skipped. */
public final class Pem {
  private Pem() {}

  private static final Pattern BLOCK =
      Pattern.compile(
          "-----BEGIN (X509 )?CERTIFICATE-----(.*?)-----END (X509 )?CERTIFICATE-----",
          Pattern.DOTALL);

  /**
   * The DER bytes of every CERTIFICATE block. A block whose Base64 is broken yields an empty array,
   * so that the matcher reports it as a malformed certificate rather than dropping it.
   */
  public static List<byte[]> certificates(String pem) {
    List<byte[]> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(pem);
    while (m.find()) {
      try {
        out.add(Base64.getMimeDecoder().decode(m.group(2).trim()));
      } catch (IllegalArgumentException e) {
        out.add(new byte[0]);
      }
    }
    return out;
  }

  /** True if the bytes look like PEM text rather than DER. */
  public static boolean looksLikePem(byte[] content) {
    String head =
        new String(content, 0, Math.min(content.length, 4096), StandardCharsets.ISO_8859_1);
    return head.contains("-----BEGIN ");
  }

  /** Encodes one DER block as PEM with the given label. */
  public static String encode(String label, byte[] der) {
    String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + base64 + "\n-----END " + label + "-----\n";
  }
}
