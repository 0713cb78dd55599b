/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.tlsa;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * Builds the one chain OpenSSL's build_chain builds for DANE (crypto/x509/x509_vfy.c), so that a
 * chain is accepted exactly when Postfix would accept it: from the leaf up, each step takes the
 * first candidate that "likely issued" the current top (names equal, authority key identifier
 * consistent, key type fits the signature algorithm; no signature check yet), preferring one that
 * is within its validity period, and never goes back. Signatures, validity and constraints are
 * checked afterwards by {@link PathValidator} on that chain.
 *
 * <p>Greedy building is what makes the work polynomial: at most {@code maxLength} steps, each a
 * scan of the candidates with cheap comparisons. A hostile chain (many certificates with one name
 * and key) costs nothing more; OpenSSL does not backtrack either (e.g. past a name-constraint
 * violation), and a search that did would accept chains a DANE MTA rejects.
 */
final class ChainBuilder {
  private ChainBuilder() {}

  /** A built chain, leaf first; {@code truncated} if the length limit stopped it. */
  record Chain(List<ParsedCertificate> certs, boolean truncated) {
    ParsedCertificate top() {
      return certs.get(certs.size() - 1);
    }
  }

  /**
   * Builds the chain.
   *
   * @param candidates the issuers to consider, in OpenSSL's order: certificates from Full(0) TLSA
   *     records first, then the chain as sent (the leaf included)
   * @param stop whether to end the chain at a certificate just added (a trust anchor)
   * @param maxLength most certificates in the chain, the leaf included
   */
  static Chain build(
      ParsedCertificate leaf,
      List<ParsedCertificate> candidates,
      Instant now,
      int maxLength,
      Predicate<ParsedCertificate> stop) {
    List<ParsedCertificate> chain = new ArrayList<>();
    chain.add(leaf);
    List<ParsedCertificate> pool = new ArrayList<>(candidates);
    while (true) {
      ParsedCertificate top = chain.get(chain.size() - 1);
      if (top.selfSigned()) {
        return new Chain(Collections.unmodifiableList(chain), false);
      }
      int index = findIssuer(pool, top, chain, now);
      if (index < 0) {
        return new Chain(Collections.unmodifiableList(chain), false);
      }
      if (chain.size() >= maxLength) {
        return new Chain(Collections.unmodifiableList(chain), true);
      }
      ParsedCertificate issuer = pool.remove(index);
      chain.add(issuer);
      if (stop.test(issuer)) {
        return new Chain(Collections.unmodifiableList(chain), false);
      }
    }
  }

  // OpenSSL's find_issuer: the first candidate that likely issued x and is not on the chain yet
  // (a self-issued leaf may be its own issuer), the first valid now, else the latest to expire.
  private static int findIssuer(
      List<ParsedCertificate> pool,
      ParsedCertificate x,
      List<ParsedCertificate> chain,
      Instant now) {
    int fallback = -1;
    for (int i = 0; i < pool.size(); i++) {
      ParsedCertificate candidate = pool.get(i);
      if (!likelyIssued(candidate, x)) {
        continue;
      }
      if (!(x.selfIssued() && chain.size() == 1) && chain.contains(candidate)) {
        continue;
      }
      if (PathValidator.withinValidity(candidate, now)) {
        return i;
      }
      if (fallback < 0 || laterExpiry(candidate, pool.get(fallback))) {
        fallback = i;
      }
    }
    return fallback;
  }

  private static boolean laterExpiry(ParsedCertificate a, ParsedCertificate b) {
    if (a.notAfter() == null) {
      return false;
    }
    return b.notAfter() == null || a.notAfter().isAfter(b.notAfter());
  }

  /**
   * OpenSSL's ossl_x509_likely_issued: issuer's subject equals subject's issuer, the subject's
   * authority key identifier agrees, and the issuer's key type fits the subject's signature. A
   * certificate with an undecodable extension is never part of such a pair (OpenSSL's
   * EXFLAG_INVALID).
   */
  static boolean likelyIssued(ParsedCertificate issuer, ParsedCertificate subject) {
    return issuer.subjectCanonical().equals(subject.issuerCanonical())
        && issuer.invalidExtension() == null
        && subject.invalidExtension() == null
        && ParsedCertificate.authorityKeyIdMatches(issuer, subject)
        && SignatureAlgorithms.keyMatches(issuer.key(), subject.tbsSignatureAlgorithm());
  }
}
