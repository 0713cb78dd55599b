/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.danecheck.TlsaMatchOutcome;
import org.danecheck.TlsaMatchResult;
import org.danecheck.TlsaProfile;
import org.danecheck.TlsaRecord;
import org.danecheck.core.internal.tlsa.Pem;
import org.danecheck.core.internal.tlsa.TlsaEngine;
import org.danecheck.core.internal.tlsa.TlsaMatching;

/**
 * Matches a presented certificate chain against a TLSA RRset, offline: the rules of RFC 6698, RFC
 * 7671 and, for {@link TlsaProfile#SMTP}, RFC 7672. No network, no clock, no global state.
 *
 * <p>The chain is given as DER certificates in the order the server sent them, leaf first; extra or
 * out-of-order issuers are fine (paths are built by name and signature, at most {@value
 * #MAX_PATH_LENGTH} certificates long). Bytes that are not a certificate are reported in the
 * result, never thrown. Null arguments throw {@link NullPointerException}.
 *
 * <p>Reference names are the identifiers a DANE-TA(2) (or PKIX) leaf must carry: for SMTP the TLSA
 * base domain and, with a secure MX, the original and CNAME-expanded next-hop domains (the list is
 * RFC 7672 3.2.2), matched as RFC 7672 3.2.3 says and Postfix has OpenSSL do it (no partial-label
 * wildcards). DANE-EE(3) ignores them, and the validity period (RFC 7672 3.1.1).
 */
public final class TlsaMatcher {
  /** Longest certification path considered, leaf and trust-anchor certificate included. */
  public static final int MAX_PATH_LENGTH = TlsaEngine.MAX_PATH_LENGTH;

  private TlsaMatcher() {}

  /** Matches without a PKIX trust store (PKIX usages are then unusable under either profile). */
  public static TlsaMatchResult match(
      List<TlsaRecord> records,
      List<byte[]> chainDer,
      Set<String> referenceNames,
      Instant now,
      TlsaProfile profile) {
    return match(records, chainDer, referenceNames, now, profile, List.of());
  }

  /**
   * Matches with PKIX trust anchors (DER certificates), used for PKIX-TA(0) and PKIX-EE(1) under
   * {@link TlsaProfile#GENERIC}; ignored for {@link TlsaProfile#SMTP}.
   */
  public static TlsaMatchResult match(
      List<TlsaRecord> records,
      List<byte[]> chainDer,
      Set<String> referenceNames,
      Instant now,
      TlsaProfile profile,
      List<byte[]> trustAnchorsDer) {
    return TlsaMatching.match(records, chainDer, referenceNames, now, profile, trustAnchorsDer);
  }

  /** Like {@link #match(List, List, Set, Instant, TlsaProfile, List)} with a JCA trust store. */
  public static TlsaMatchResult match(
      List<TlsaRecord> records,
      List<byte[]> chainDer,
      Set<String> referenceNames,
      Instant now,
      TlsaProfile profile,
      KeyStore trustStore) {
    Objects.requireNonNull(trustStore, "trustStore must not be null");
    return match(records, chainDer, referenceNames, now, profile, trustAnchors(trustStore));
  }

  /**
   * Matches a chain given as PEM text (CERTIFICATE blocks, leaf first). Text without any
   * certificate gives {@link TlsaMatchOutcome#NO_CERTIFICATE}.
   */
  public static TlsaMatchResult matchPem(
      List<TlsaRecord> records,
      String chainPem,
      Set<String> referenceNames,
      Instant now,
      TlsaProfile profile) {
    Objects.requireNonNull(chainPem, "chainPem must not be null");
    return match(records, Pem.certificates(chainPem), referenceNames, now, profile);
  }

  /**
   * Whether each of several chains (e.g. "current" and "next") would authenticate against one TLSA
   * RRset: run this before a certificate or key rollover to check that the published records cover
   * both (RFC 7672 4).
   *
   * @param chainsByLabel chains, leaf first, by a label of the caller's choosing
   */
  public static RolloverReadiness rolloverReadiness(
      List<TlsaRecord> records,
      Map<String, List<byte[]>> chainsByLabel,
      Set<String> referenceNames,
      Instant now,
      TlsaProfile profile) {
    Objects.requireNonNull(chainsByLabel, "chainsByLabel must not be null");
    Map<String, TlsaMatchResult> results = new LinkedHashMap<>();
    chainsByLabel.forEach(
        (label, chain) ->
            results.put(
                Objects.requireNonNull(label, "chain label must not be null"),
                match(records, chain, referenceNames, now, profile)));
    return new RolloverReadiness(results);
  }

  /**
   * Whether a leaf certificate (DER) carries one of the reference names, by RFC 7672 3.2.3 (DNS-ID
   * SANs, wildcard only as the whole left-most label, CN only without DNS-ID SANs). False for bytes
   * that are not a readable certificate.
   */
  public static boolean leafCarriesName(byte[] leafDer, Set<String> referenceNames) {
    Objects.requireNonNull(leafDer, "leafDer must not be null");
    Objects.requireNonNull(referenceNames, "referenceNames must not be null");
    return TlsaEngine.leafCarriesName(leafDer, referenceNames);
  }

  private static List<byte[]> trustAnchors(KeyStore store) {
    List<byte[]> out = new ArrayList<>();
    try {
      for (String alias : Collections.list(store.aliases())) {
        if (store.isCertificateEntry(alias) || store.isKeyEntry(alias)) {
          Certificate c = store.getCertificate(alias);
          if (c != null) {
            out.add(c.getEncoded());
          }
        }
      }
    } catch (KeyStoreException | CertificateEncodingException e) {
      throw new IllegalArgumentException("cannot read the trust store: " + e.getMessage(), e);
    }
    return out;
  }
}
