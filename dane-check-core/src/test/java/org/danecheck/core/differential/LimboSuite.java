/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.danecheck.TlsaRecord;
import org.junit.jupiter.api.Assumptions;

/**
 * The x509-limbo suite (shared/x509-limbo/limbo.json, Apache-2.0) read as DANE-TA(2) cases, as its
 * README says: SERVER testcases with a DNS peer name or none, without CRLs; chain = peer then
 * untrusted intermediates in the given order; one record per trusted certificate, {@code 2 0 0}
 * with the trust anchor not sent, or {@code 2 0 1} with the trusted certificates appended to the
 * chain; reference name = the expected peer name, else the peer's first DNS SAN, else its CN; time
 * = validation_time, else now. {@code max_chain_depth} is not applied: the depth that counts is
 * Postfix's, on both sides.
 */
final class LimboSuite {
  /** One testcase: its limbo metadata and, unless skipped, its two DANE variants. */
  record Testcase(String id, boolean expectSuccess, String skipReason, List<DaneCase> variants) {}

  private static final Pattern PEM =
      Pattern.compile("-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", Pattern.DOTALL);

  private LimboSuite() {}

  /**
   * Finds limbo.json: the system property {@code danecheck.limbo}, else the copy in the test
   * resources ({@code x509-limbo/limbo.json}, from shared/x509-limbo, Apache-2.0). Skips, or fails
   * when {@link OpenSslDane#required()}, if it is nowhere.
   */
  static Path locate() {
    String explicit = System.getProperty("danecheck.limbo");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    java.net.URL bundled = LimboSuite.class.getResource("/x509-limbo/limbo.json");
    if (bundled != null && "file".equals(bundled.getProtocol())) {
      try {
        return Path.of(bundled.toURI());
      } catch (java.net.URISyntaxException e) {
        throw new AssertionError(e);
      }
    }
    String why = "x509-limbo/limbo.json not found in the test resources (or -Ddanecheck.limbo)";
    if (OpenSslDane.required()) {
      throw new AssertionError(why);
    }
    Assumptions.abort(why);
    throw new AssertionError(why);
  }

  static List<Testcase> load(Path file, Instant now) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    List<Testcase> out = new ArrayList<>();
    for (JsonNode t : root.get("testcases")) {
      out.add(testcase(t, now));
    }
    return out;
  }

  private static Testcase testcase(JsonNode t, Instant now) {
    String id = t.get("id").asText();
    boolean success = t.get("expected_result").asText().equals("SUCCESS");
    JsonNode peerName = t.get("expected_peer_name");
    if (!t.get("validation_kind").asText().equals("SERVER")) {
      return new Testcase(id, success, "CLIENT validation", List.of());
    }
    if (peerName != null && !peerName.isNull() && !peerName.get("kind").asText().equals("DNS")) {
      return new Testcase(id, success, peerName.get("kind").asText() + " peer name", List.of());
    }
    if (t.has("crls") && t.get("crls").size() > 0) {
      return new Testcase(id, success, "CRLs (revocation is out of scope for DANE)", List.of());
    }
    byte[] peer = der(t.get("peer_certificate").asText());
    String name =
        peerName != null && !peerName.isNull() ? peerName.get("value").asText() : defaultName(peer);
    if (name == null) {
      return new Testcase(id, success, "no reference name (no DNS SAN, no CN)", List.of());
    }
    List<byte[]> intermediates = new ArrayList<>();
    for (JsonNode n : t.get("untrusted_intermediates")) {
      intermediates.add(der(n.asText()));
    }
    List<byte[]> trusted = new ArrayList<>();
    for (JsonNode n : t.get("trusted_certs")) {
      trusted.add(der(n.asText()));
    }
    JsonNode vt = t.get("validation_time");
    Instant when = vt == null || vt.isNull() ? now : OffsetDateTime.parse(vt.asText()).toInstant();
    String description = t.path("description").asText("").replaceAll("\\s+", " ").strip();

    List<byte[]> chain = new ArrayList<>();
    chain.add(peer);
    chain.addAll(intermediates);
    List<TlsaRecord> full = new ArrayList<>();
    List<TlsaRecord> digests = new ArrayList<>();
    for (byte[] ta : trusted) {
      full.add(TlsaRecord.of(2, 0, 0, ta));
      digests.add(TlsaRecord.of(2, 0, 1, sha256(ta)));
    }
    List<byte[]> withAnchors = new ArrayList<>(chain);
    withAnchors.addAll(trusted);
    String key = "limbo:" + id.replaceAll("\\s", "_");
    return new Testcase(
        id,
        success,
        null,
        List.of(
            new DaneCase(
                key + "/2-0-0",
                description + " [2 0 0, TA not sent]",
                full,
                chain,
                List.of(name),
                when),
            new DaneCase(
                key + "/2-0-1",
                description + " [2 0 1, TA appended]",
                digests,
                withAnchors,
                List.of(name),
                when)));
  }

  /** The peer's first DNS SAN, else its (first) CN, else null. */
  private static String defaultName(byte[] der) {
    Certificate c;
    try {
      c = Certificate.getInstance(der);
    } catch (RuntimeException e) {
      return null;
    }
    Extensions ext = c.getTBSCertificate().getExtensions();
    if (ext != null) {
      GeneralNames sans = GeneralNames.fromExtensions(ext, Extension.subjectAlternativeName);
      if (sans != null) {
        for (GeneralName g : sans.getNames()) {
          if (g.getTagNo() == GeneralName.dNSName) {
            return ((ASN1String) g.getName()).getString();
          }
        }
      }
    }
    for (RDN rdn : c.getSubject().getRDNs(BCStyle.CN)) {
      return ((ASN1String) rdn.getFirst().getValue()).getString();
    }
    return null;
  }

  private static byte[] der(String pem) {
    Matcher m = PEM.matcher(pem);
    if (!m.find()) {
      throw new IllegalArgumentException("no PEM certificate in " + pem);
    }
    return Base64.getMimeDecoder().decode(m.group(1));
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Skip reasons with their counts, in first-seen order. */
  static Map<String, Integer> skipped(List<Testcase> all) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (Testcase t : all) {
      if (t.skipReason() != null) {
        out.merge(t.skipReason(), 1, Integer::sum);
      }
    }
    return out;
  }
}
