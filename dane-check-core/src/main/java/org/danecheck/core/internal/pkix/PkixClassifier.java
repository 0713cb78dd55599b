/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.pkix;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathBuilderResult;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.danecheck.PkixStatus;
import org.danecheck.core.internal.Reasons;
import org.danecheck.core.internal.tlsa.TlsaEngine;

/**
 * Whether a chain as a server sent it validates to a {@link PkixTrust}, without regard to names
 * (host name checks belong to the TLSA engine's RFC 6125 matcher), for the TLS server purpose as
 * OpenSSL applies it (extendedKeyUsage and the leaf's keyUsage: the TLSA engine's rule).
 *
 * <p>The JDK's PKIX {@link CertPathBuilder} builds a path from the first certificate (the leaf)
 * through the other certificates sent, in any order, to a trust anchor, and validates it at the
 * given time. Revocation is not checked (no CRL or OCSP fetching) and no issuer certificates are
 * fetched (no AIA chasing, unless the JVM was started with {@code
 * com.sun.security.enableAIAcaIssuers=true}): a chain that lacks an intermediate is untrusted, as
 * for most MTAs. Certificates the JDK cannot parse (e.g. an EC key with a compressed point) make
 * the chain untrusted, with the reason.
 *
 * <p>Every chain a server presents comes here, so nothing in it may escape as an exception: any
 * failure of the JDK's parser or path builder on hostile bytes makes the chain UNTRUSTED, with a
 * reason in the user's terms (the JDK's message without its Java class names).
 */
public final class PkixClassifier {
  /** The status and, when not trusted, why. */
  public record Classification(PkixStatus status, String reason) {
    /** Checks that no component is null. */
    public Classification {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(reason, "reason");
    }
  }

  private final PkixTrust trust;

  /** A classifier against these anchors. */
  public PkixClassifier(PkixTrust trust) {
    this.trust = Objects.requireNonNull(trust, "trust");
  }

  /**
   * Classifies a chain as sent, leaf first.
   *
   * @param chain the certificates' bytes as received; empty when none was presented
   * @param at the time at which validity periods are checked
   */
  public Classification classify(List<byte[]> chain, Instant at) {
    if (chain.isEmpty()) {
      return new Classification(PkixStatus.NOT_CHECKED, "no certificate was presented");
    }
    List<X509Certificate> certificates = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (int depth = 0; depth < chain.size(); depth++) {
        try {
          certificates.add(
              (X509Certificate)
                  factory.generateCertificate(new ByteArrayInputStream(chain.get(depth))));
        } catch (GeneralSecurityException | RuntimeException e) {
          return untrusted(
              "the certificate at depth " + depth + " cannot be read as X.509: " + plain(e));
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has an X.509 certificate factory", e);
    }
    if (trust.anchors().isEmpty()) {
      return untrusted("the trust store is empty");
    }
    try {
      X509CertSelector target = new X509CertSelector();
      target.setCertificate(certificates.get(0));
      PKIXBuilderParameters parameters = new PKIXBuilderParameters(trust.anchors(), target);
      parameters.setRevocationEnabled(false);
      parameters.setDate(Date.from(at));
      parameters.addCertStore(
          CertStore.getInstance("Collection", new CollectionCertStoreParameters(certificates)));
      CertPathBuilderResult built = CertPathBuilder.getInstance("PKIX").build(parameters);
      // The JDK's PKIX does not check the TLS server purpose; OpenSSL's does, on the leaf and on
      // every CA below the anchor (x509_vfy.c check_chain), and Postfix logs "Trusted" only then.
      List<? extends Certificate> path = built.getCertPath().getCertificates();
      for (int depth = 0; depth < path.size(); depth++) {
        Optional<String> purpose =
            TlsaEngine.tlsServerPurposeProblem(path.get(depth).getEncoded(), depth > 0);
        if (purpose.isPresent()) {
          return untrusted("the certificate at depth " + depth + " of the path " + purpose.get());
        }
      }
      return new Classification(PkixStatus.TRUSTED, "");
    } catch (CertPathBuilderException e) {
      return untrusted("no valid path to a trusted CA: " + plain(e));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has PKIX path building", e);
    } catch (GeneralSecurityException | RuntimeException e) {
      // The JDK's builder on hostile input (e.g. an extension it cannot decode): not trusted.
      return untrusted("the chain cannot be validated: " + plain(e));
    }
  }

  private static Classification untrusted(String reason) {
    return new Classification(PkixStatus.UNTRUSTED, reason);
  }

  /** The JDK's reason, in the user's terms: its message without class names. */
  private static String plain(Throwable e) {
    return Reasons.of(e);
  }
}
