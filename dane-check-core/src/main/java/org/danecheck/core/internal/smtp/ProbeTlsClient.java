/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.smtp;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Vector;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsDHGroupVerifier;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.danecheck.CertificateAlgorithm;

/**
 * The TLS client of a probe: offers TLS 1.3 down to 1.0, the suites and signature algorithms of the
 * requested certificate algorithm, and accepts any certificate (authentication is decided later,
 * from the chain, by the TLSA engine and the PKIX classification).
 */
final class ProbeTlsClient extends DefaultTlsClient {
  /**
   * The longest certificate chain accepted: OpenSSL's TLS layer takes any number (Postfix limits
   * the path, not the message), so this only bounds hostile input, as far as the TLSA engine looks
   * (TlsaEngine.MAX_CHAIN_CERTIFICATES); the handshake message size bounds the bytes.
   */
  static final int MAX_CHAIN_LENGTH = 32;

  /** The largest handshake message accepted (a Certificate message of a long chain). */
  static final int MAX_HANDSHAKE_MESSAGE = 256 * 1024;

  /** Finite-field DH groups smaller than this are refused. */
  static final int MIN_DH_PRIME_BITS = 1024;

  private static final int[] TLS13 = {
    CipherSuite.TLS_AES_256_GCM_SHA384,
    CipherSuite.TLS_AES_128_GCM_SHA256,
    CipherSuite.TLS_CHACHA20_POLY1305_SHA256
  };
  private static final int[] ECDSA = {
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA
  };
  private static final int[] RSA = {
    CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
    CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
    CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    CipherSuite.TLS_DHE_RSA_WITH_AES_256_GCM_SHA384,
    CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256,
    CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384,
    CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,
    CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
    CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
    CipherSuite.TLS_DHE_RSA_WITH_AES_256_CBC_SHA256,
    CipherSuite.TLS_DHE_RSA_WITH_AES_128_CBC_SHA256,
    CipherSuite.TLS_DHE_RSA_WITH_AES_256_CBC_SHA,
    CipherSuite.TLS_DHE_RSA_WITH_AES_128_CBC_SHA,
    // RSA key transport: still the only choice of some legacy servers.
    CipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384,
    CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256,
    CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA256,
    CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA256,
    CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA,
    CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA,
    CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA
  };
  // Offered last: a server that prefers its own order may pick them, as with Postfix's
  // opportunistic client ("Anonymous TLS connection established").
  private static final int[] ANONYMOUS = {
    CipherSuite.TLS_ECDH_anon_WITH_AES_256_CBC_SHA,
    CipherSuite.TLS_ECDH_anon_WITH_AES_128_CBC_SHA,
    CipherSuite.TLS_DH_anon_WITH_AES_256_GCM_SHA384,
    CipherSuite.TLS_DH_anon_WITH_AES_128_GCM_SHA256,
    CipherSuite.TLS_DH_anon_WITH_AES_256_CBC_SHA256,
    CipherSuite.TLS_DH_anon_WITH_AES_128_CBC_SHA256,
    CipherSuite.TLS_DH_anon_WITH_AES_256_CBC_SHA,
    CipherSuite.TLS_DH_anon_WITH_AES_128_CBC_SHA
  };

  private final ProbeRequest request;
  private volatile boolean serverCertificateSeen;
  private volatile Optional<String> alert = Optional.empty();
  private volatile SecurityParameters established;

  ProbeTlsClient(RawCaptureCrypto crypto, ProbeRequest request) {
    super(crypto);
    this.request = request;
  }

  /** The suites offered for an algorithm, in preference order (before filtering by the crypto). */
  static int[] suites(CertificateAlgorithm algorithm, boolean anonymous) {
    List<int[]> parts = new ArrayList<>();
    parts.add(TLS13);
    switch (algorithm) {
      case RSA -> parts.add(RSA);
      case ECDSA -> parts.add(ECDSA);
      case ANY -> {
        parts.add(ECDSA);
        parts.add(RSA);
      }
    }
    if (anonymous) {
      parts.add(ANONYMOUS);
    }
    return parts.stream().flatMapToInt(java.util.Arrays::stream).toArray();
  }

  @Override
  protected ProtocolVersion[] getSupportedVersions() {
    // TLS 1.0 and 1.1 too, so legacy servers can be reached and reported as such.
    return ProtocolVersion.TLSv13.downTo(ProtocolVersion.TLSv10);
  }

  @Override
  protected int[] getSupportedCipherSuites() {
    return TlsUtils.getSupportedCipherSuites(
        getCrypto(), suites(request.algorithm(), request.offerAnonymous()));
  }

  @Override
  @SuppressWarnings("rawtypes") // Bouncy Castle's API
  protected Vector getSupportedSignatureAlgorithms() {
    Vector<?> all = TlsUtils.getDefaultSupportedSignatureAlgorithms(context);
    if (request.algorithm() == CertificateAlgorithm.ANY) {
      return all;
    }
    Vector<SignatureAndHashAlgorithm> chosen = new Vector<>();
    for (Object element : all) {
      SignatureAndHashAlgorithm algorithm = (SignatureAndHashAlgorithm) element;
      if (request.algorithm() == CertificateAlgorithm.RSA ? isRsa(algorithm) : isEcdsa(algorithm)) {
        chosen.add(algorithm);
      }
    }
    return chosen;
  }

  // The certificate's own signature (by its issuer) may use any algorithm: only the server's key,
  // which signs the handshake, is restricted.
  @Override
  @SuppressWarnings("rawtypes") // Bouncy Castle's API
  protected Vector getSupportedSignatureAlgorithmsCert() {
    return request.algorithm() == CertificateAlgorithm.ANY
        ? null
        : TlsUtils.getDefaultSupportedSignatureAlgorithms(context);
  }

  private static boolean isRsa(SignatureAndHashAlgorithm algorithm) {
    short signature = algorithm.getSignature();
    return signature == SignatureAlgorithm.rsa
        || signature == SignatureAlgorithm.rsa_pss_rsae_sha256
        || signature == SignatureAlgorithm.rsa_pss_rsae_sha384
        || signature == SignatureAlgorithm.rsa_pss_rsae_sha512
        || signature == SignatureAlgorithm.rsa_pss_pss_sha256
        || signature == SignatureAlgorithm.rsa_pss_pss_sha384
        || signature == SignatureAlgorithm.rsa_pss_pss_sha512;
  }

  private static boolean isEcdsa(SignatureAndHashAlgorithm algorithm) {
    short signature = algorithm.getSignature();
    return signature == SignatureAlgorithm.ecdsa
        || signature == SignatureAlgorithm.ecdsa_brainpoolP256r1tls13_sha256
        || signature == SignatureAlgorithm.ecdsa_brainpoolP384r1tls13_sha384
        || signature == SignatureAlgorithm.ecdsa_brainpoolP512r1tls13_sha512;
  }

  @Override
  @SuppressWarnings("rawtypes") // Bouncy Castle's API
  protected Vector getSNIServerNames() {
    String name = request.sni();
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    if (name.isEmpty()) {
      return null;
    }
    Vector<ServerName> names = new Vector<>();
    names.add(new ServerName(NameType.host_name, name.getBytes(StandardCharsets.US_ASCII)));
    return names;
  }

  // The chain is judged later; the handshake must not fail on its signature algorithms.
  @Override
  public boolean shouldCheckSigAlgOfPeerCerts() {
    return false;
  }

  @Override
  public int getMaxCertificateChainLength() {
    return MAX_CHAIN_LENGTH;
  }

  @Override
  public int getMaxHandshakeMessageSize() {
    return MAX_HANDSHAKE_MESSAGE;
  }

  // Servers often use their own DH parameters (Postfix generates them), which the default
  // verifier refuses as unknown; a probe only needs the handshake to complete.
  @Override
  public TlsDHGroupVerifier getDHGroupVerifier() {
    return group -> {
      BigInteger p = group.getP();
      BigInteger g = group.getG();
      return p.bitLength() >= MIN_DH_PRIME_BITS
          && g.compareTo(BigInteger.ONE) > 0
          && g.compareTo(p.subtract(BigInteger.ONE)) < 0;
    };
  }

  @Override
  public TlsAuthentication getAuthentication() {
    return new TlsAuthentication() {
      @Override
      public void notifyServerCertificate(TlsServerCertificate serverCertificate) {
        // Accept any chain: the raw bytes were captured as they arrived (RawCaptureCrypto).
        serverCertificateSeen = true;
      }

      @Override
      public TlsCredentials getClientCredentials(
          org.bouncycastle.tls.CertificateRequest certificateRequest) {
        return null;
      }
    };
  }

  @Override
  public void notifyAlertRaised(
      short alertLevel, short alertDescription, String message, Throwable cause) {
    if (alertLevel == AlertLevel.fatal && alert.isEmpty()) {
      alert =
          Optional.of(
              "client sent alert "
                  + TlsNames.alert(alertDescription)
                  + (message == null ? "" : ": " + message));
    }
  }

  @Override
  public void notifyAlertReceived(short alertLevel, short alertDescription) {
    if (alertLevel == AlertLevel.fatal && alert.isEmpty()) {
      alert = Optional.of("server sent alert " + TlsNames.alert(alertDescription));
    }
  }

  @Override
  public void notifyHandshakeComplete() throws IOException {
    super.notifyHandshakeComplete();
    established = context.getSecurityParametersConnection();
  }

  /** The alert that ended the handshake, if any. */
  Optional<String> alert() {
    return alert;
  }

  /** Whether the server's certificate message was accepted. */
  boolean serverCertificateSeen() {
    return serverCertificateSeen;
  }

  /** The session's parameters, once the handshake completed. */
  Optional<SecurityParameters> established() {
    return Optional.ofNullable(established);
  }
}
