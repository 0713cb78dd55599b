/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.danecheck.PeerCertificate;
import org.danecheck.PkixStatus;
import org.danecheck.Problem;
import org.danecheck.ProblemCode;
import org.danecheck.SmtpOutcome;

/**
 * What a probe of one endpoint saw. TLS fields are filled when the handshake completed, even if a
 * later step (EHLO after STARTTLS) failed; the chain is also kept when the handshake failed after
 * the server sent it.
 *
 * @param request what was probed
 * @param outcome how far the dialogue got (the first step that failed)
 * @param timings how long each step took
 * @param greeting the greeting reply's text, lines joined with {@code \n}, or {@code ""}
 * @param ehloExtensions the extension lines of the EHLO reply before TLS (the first line, the
 *     server's name, left out)
 * @param starttlsOffered whether EHLO advertised STARTTLS
 * @param starttlsReply the reply to STARTTLS, or {@code ""} when not sent
 * @param tlsEhloExtensions the extension lines of the EHLO reply inside TLS
 * @param tlsVersion the negotiated protocol, e.g. {@code TLSv1.3}, when the handshake completed
 * @param cipherSuite the negotiated suite's IANA name, when the handshake completed
 * @param keyExchangeGroup the key exchange group, e.g. {@code x25519}, when known
 * @param certificates the certificates exactly as received, leaf first, with their summaries; empty
 *     for none (each certificate's bytes are held once, in its {@link PeerCertificate})
 * @param pkix whether the chain validates to the trust store; {@link PkixStatus#NOT_CHECKED}
 *     without a completed handshake or without a certificate
 * @param pkixReason why the chain is not trusted, or {@code ""}
 * @param alert the TLS alert that ended the handshake, when one did
 * @param detail what went wrong, in a sentence, or {@code ""}
 * @param problems the problems found, subject {@code host[address]:port}
 * @param cut whether the probe was cut short by its callers going away (their deadlines, a cancel,
 *     the checker's close) or never started for want of a slot: not a fact about the server, so
 *     never cached
 */
public record ProbeResult(
    ProbeRequest request,
    SmtpOutcome outcome,
    ProbeTimings timings,
    String greeting,
    List<String> ehloExtensions,
    boolean starttlsOffered,
    String starttlsReply,
    List<String> tlsEhloExtensions,
    Optional<String> tlsVersion,
    Optional<String> cipherSuite,
    Optional<String> keyExchangeGroup,
    List<PeerCertificate> certificates,
    PkixStatus pkix,
    String pkixReason,
    Optional<String> alert,
    String detail,
    List<Problem> problems,
    boolean cut) {
  /** Rough bytes a result holds besides its certificates' DER (strings, lists, objects). */
  private static final int OVERHEAD_BYTES = 1024;

  /** Rough bytes per certificate besides its DER (the summary's strings and objects). */
  private static final int CERTIFICATE_OVERHEAD_BYTES = 512;

  /** Checks that no component is null and copies the lists. */
  public ProbeResult {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(timings, "timings");
    Objects.requireNonNull(greeting, "greeting");
    ehloExtensions = List.copyOf(ehloExtensions);
    Objects.requireNonNull(starttlsReply, "starttlsReply");
    tlsEhloExtensions = List.copyOf(tlsEhloExtensions);
    Objects.requireNonNull(tlsVersion, "tlsVersion");
    Objects.requireNonNull(cipherSuite, "cipherSuite");
    Objects.requireNonNull(keyExchangeGroup, "keyExchangeGroup");
    certificates = List.copyOf(certificates);
    Objects.requireNonNull(pkix, "pkix");
    Objects.requireNonNull(pkixReason, "pkixReason");
    Objects.requireNonNull(alert, "alert");
    Objects.requireNonNull(detail, "detail");
    problems = List.copyOf(problems);
  }

  /** Copies of the certificates' bytes exactly as received, leaf first. */
  public List<byte[]> chain() {
    List<byte[]> copy = new ArrayList<>(certificates.size());
    for (PeerCertificate certificate : certificates) {
      copy.add(certificate.der());
    }
    return List.copyOf(copy);
  }

  /**
   * About how many bytes of heap this result holds, for a cache bounded by bytes: the certificates'
   * DER counted in full (a hostile server can send up to a megabyte), the rest estimated.
   */
  public long weightBytes() {
    long bytes =
        OVERHEAD_BYTES + 2L * (greeting.length() + starttlsReply.length() + detail.length());
    for (String line : ehloExtensions) {
      bytes += 2L * line.length() + 48;
    }
    for (String line : tlsEhloExtensions) {
      bytes += 2L * line.length() + 48;
    }
    for (PeerCertificate certificate : certificates) {
      bytes += certificate.der().length + CERTIFICATE_OVERHEAD_BYTES; // a copy, once per cache put
      bytes += 2L * (certificate.subject().length() + certificate.issuer().length());
      for (String name : certificate.dnsNames()) {
        bytes += 2L * name.length() + 48;
      }
    }
    for (Problem problem : problems) {
      bytes += 2L * (problem.message().length() + problem.subject().length()) + 64;
    }
    return bytes;
  }

  /**
   * A probe that never started, e.g. for want of a connection slot before its callers' deadlines:
   * {@link #cut()}, so never cached.
   */
  public static ProbeResult notProbed(ProbeRequest request, String why) {
    return new ProbeResult(
        request,
        SmtpOutcome.NOT_PROBED,
        ProbeTimings.none(),
        "",
        List.of(),
        false,
        "",
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        PkixStatus.NOT_CHECKED,
        "",
        Optional.empty(),
        why,
        List.of(
            Problem.of(ProblemCode.SMTP_TIMEOUT, request.endpoint(), "Not probed: " + why + ".")),
        true);
  }

  /** Whether the TLS handshake completed (whatever happened after it). */
  public boolean handshakeCompleted() {
    return tlsVersion.isPresent();
  }

  /** Whether a completed handshake came with a server certificate (false for anonymous suites). */
  public boolean certificatePresented() {
    return handshakeCompleted() && !certificates.isEmpty();
  }

  /** The endpoint as {@code host[address]:port}. */
  public String endpoint() {
    return request.endpoint();
  }
}
