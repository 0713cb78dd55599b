/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.pkix;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The CAs a PKIX classification trusts: the JDK's default trust store, a PEM bundle, a KeyStore or
 * given certificates. Immutable.
 */
public final class PkixTrust {
  private final Set<TrustAnchor> anchors;

  private PkixTrust(Set<TrustAnchor> anchors) {
    this.anchors = Collections.unmodifiableSet(anchors);
  }

  /**
   * The JDK's default trust store (normally {@code lib/security/cacerts}, or what {@code
   * javax.net.ssl.trustStore} names).
   */
  public static PkixTrust jdkDefault() {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init((KeyStore) null);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          return of(List.of(x509.getAcceptedIssuers()));
        }
      }
      throw new IllegalStateException("the JDK has no X.509 trust manager");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the JDK's trust store", e);
    }
  }

  /** The certificates of a PEM bundle ({@code -----BEGIN CERTIFICATE-----} blocks). */
  public static PkixTrust fromPem(String pem) {
    return fromStream(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)), "PEM");
  }

  /** The certificates of a PEM bundle file. */
  public static PkixTrust fromPemFile(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return fromStream(in, file.toString());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          org.danecheck.core.internal.IoText.cannotRead("CA file", file, e), e);
    }
  }

  private static PkixTrust fromStream(InputStream in, String what) {
    try {
      List<X509Certificate> certificates = new java.util.ArrayList<>();
      for (Certificate certificate :
          CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        certificates.add((X509Certificate) certificate);
      }
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException("no certificates in trust bundle " + what);
      }
      return of(certificates);
    } catch (CertificateException e) {
      throw new IllegalArgumentException("unreadable trust bundle " + what + ": " + e, e);
    }
  }

  /** The trusted certificate entries of a KeyStore. */
  public static PkixTrust fromKeyStore(KeyStore keyStore) {
    try {
      List<X509Certificate> certificates = new java.util.ArrayList<>();
      for (String alias : Collections.list(keyStore.aliases())) {
        if (keyStore.isCertificateEntry(alias)
            && keyStore.getCertificate(alias) instanceof X509Certificate x509) {
          certificates.add(x509);
        }
      }
      return of(certificates);
    } catch (KeyStoreException e) {
      throw new IllegalArgumentException("unusable KeyStore: " + e, e);
    }
  }

  /** These certificates as trust anchors. */
  public static PkixTrust of(List<X509Certificate> certificates) {
    Set<TrustAnchor> anchors = new HashSet<>();
    for (X509Certificate certificate : certificates) {
      anchors.add(new TrustAnchor(certificate, null));
    }
    return new PkixTrust(anchors);
  }

  /** The trust anchors; may be empty (then nothing is trusted). */
  public Set<TrustAnchor> anchors() {
    return anchors;
  }
}
