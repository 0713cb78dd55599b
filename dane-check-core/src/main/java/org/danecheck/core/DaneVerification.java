/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.danecheck.PkixStatus;
import org.danecheck.Problem;
import org.danecheck.SecurityLevel;
import org.danecheck.TlsLevel;
import org.danecheck.TlsaMatchResult;
import org.danecheck.TlsaRecord;

/**
 * What a {@link DaneTrustManager} decided about one server certificate chain: whether it was
 * accepted, the level to log as Postfix does ("Verified", "Trusted", "Untrusted"), and which TLSA
 * record matched at which depth. Immutable; read it after the handshake with {@link
 * DaneTrustManager#verification(javax.net.ssl.SSLSession)} or {@link
 * DaneTrustManager#lastVerification()}.
 */
public final class DaneVerification {
  private final boolean accepted;
  private final TlsLevel level;
  private final SecurityLevel required;
  private final String host;
  private final String endpoint;
  private final String sni;
  private final Optional<TlsaMatchResult> tlsaMatch;
  private final PkixStatus pkix;
  private final List<Problem> problems;
  private final Instant at;

  DaneVerification(
      boolean accepted,
      TlsLevel level,
      SecurityLevel required,
      String host,
      String endpoint,
      String sni,
      Optional<TlsaMatchResult> tlsaMatch,
      PkixStatus pkix,
      List<Problem> problems,
      Instant at) {
    this.accepted = accepted;
    this.level = level;
    this.required = required;
    this.host = host;
    this.endpoint = endpoint;
    this.sni = sni;
    this.tlsaMatch = tlsaMatch;
    this.pkix = pkix;
    this.problems = List.copyOf(problems);
    this.at = at;
  }

  /** Whether the chain was accepted: authenticated by the TLSA records when the host needs it. */
  public boolean accepted() {
    return accepted;
  }

  /**
   * The session's level as Postfix logs it: {@link TlsLevel#VERIFIED} for a DANE match through a
   * secure MX RRset, {@link TlsLevel#TRUSTED} for a DANE match through an insecure one (RFC 7672
   * 2.2.1: not to be logged as secure delivery) or a chain that validates to a trusted CA, else
   * {@link TlsLevel#UNTRUSTED}.
   */
  public TlsLevel level() {
    return level;
  }

  /** What the host's policy required. */
  public SecurityLevel required() {
    return required;
  }

  /** The MX host name (absolute). */
  public String host() {
    return host;
  }

  /** The endpoint as logs name it: {@code host[address]:port}, or the host when unknown. */
  public String endpoint() {
    return endpoint;
  }

  /** The SNI name the trust manager's parameters send (RFC 7672 8.1). */
  public String sni() {
    return sni;
  }

  /** The TLSA match, when the host publishes TLSA records (TLS required). */
  public Optional<TlsaMatchResult> tlsaMatch() {
    return tlsaMatch;
  }

  /** The record that authenticated the server, when one did. */
  public Optional<TlsaRecord> matchedRecord() {
    return tlsaMatch.flatMap(TlsaMatchResult::matchedRecord);
  }

  /** The chain depth of the certificate the matching record named (0 = leaf). */
  public OptionalInt matchedDepth() {
    return tlsaMatch.isPresent() ? tlsaMatch.get().matchedDepth() : OptionalInt.empty();
  }

  /** The reference identifier the leaf carried, for a DANE-TA(2) match. */
  public Optional<String> matchedName() {
    return tlsaMatch.flatMap(TlsaMatchResult::matchedName);
  }

  /**
   * Whether the chain validates to the checker's PKIX trust store; {@link PkixStatus#NOT_CHECKED}
   * when a TLSA record authenticated the server (PKIX does not matter then).
   */
  public PkixStatus pkix() {
    return pkix;
  }

  /** Why a chain was rejected, with the full check's problem codes; empty when accepted. */
  public List<Problem> problems() {
    return problems;
  }

  /** When the chain was judged, by the checker's clock. */
  public Instant at() {
    return at;
  }

  /**
   * One line for the mail log, e.g. {@code Verified TLS: mx.example.org[192.0.2.1]:25, TLSA 3 1 1
   * ... matched at depth 0} or {@code rejected (Untrusted): mx.example.org[192.0.2.1]:25:
   * TLSA_NO_MATCH: No usable TLSA record matches ...}.
   */
  public String summary() {
    String name =
        level.name().charAt(0) + level.name().substring(1).toLowerCase(java.util.Locale.ROOT);
    if (!accepted) {
      return "rejected ("
          + name
          + "): "
          + endpoint
          + ": "
          + problems.stream()
              .map(p -> p.code() + ": " + p.message())
              .collect(Collectors.joining(" "));
    }
    String how =
        matchedRecord()
            .map(
                r ->
                    ", TLSA "
                        + r
                        + " matched at depth "
                        + matchedDepth().orElse(0)
                        + matchedName().map(n -> " (name " + n + ")").orElse(""))
            .orElse(required == SecurityLevel.OPPORTUNISTIC ? ", no DANE" : ", not authenticated");
    return name + " TLS: " + endpoint + how;
  }

  @Override
  public String toString() {
    return "DaneVerification[" + summary() + "]";
  }
}
