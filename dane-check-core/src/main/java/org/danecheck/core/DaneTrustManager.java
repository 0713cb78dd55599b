/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.danecheck.PkixStatus;
import org.danecheck.SmtpOutcome;
import org.danecheck.TlsaMatchResult;
import org.danecheck.core.internal.check.SessionContext;
import org.danecheck.core.internal.pkix.PkixClassifier;
import org.danecheck.core.internal.policy.HostPolicy;
import org.danecheck.core.internal.policy.Rfc7672Policy;
import org.danecheck.core.internal.policy.SessionAssessment;

/**
 * Enforces one MX host's DANE policy in any JSSE handshake: a trust manager that accepts the
 * server's chain exactly when the host's secure TLSA RRset authenticates it (DANE-EE(3), DANE-TA(2)
 * with the RFC 7672 3.2.2 reference identifiers, digest algorithm agility, PKIX-TA/EE unusable), by
 * the same {@link TlsaMatcher} and RFC 7672 rules as {@link DaneChecker#check(String)}, and
 * otherwise rejects it with a {@link CertificateException} whose message names the reason. Hosts
 * without usable TLSA records (TLS without authentication, opportunistic TLS) are accepted whatever
 * they present, and their level is logged as Trusted or Untrusted.
 *
 * <p>Make one per host attempt from {@link MxHostPolicy#trustManager()}, then use its factories:
 * {@link #socketFactory()} for Jakarta Mail's {@code mail.smtp.ssl.socketFactory} or a STARTTLS
 * upgrade, {@link #sslContext()} for engines, or {@link #sslParameters(SSLParameters)} on sockets
 * of your own. They send the TLSA base domain in SNI (RFC 7672 8.1), never enable anonymous or
 * NULL-encryption suites where TLS must be authenticated (RFC 7672 8.2), and switch off JSSE's
 * endpoint identification: name checks are this trust manager's (DANE-EE(3) must not check names,
 * RFC 7672 3.2.1), so a host name check by the caller (e.g. Jakarta Mail's {@code
 * checkserveridentity}) must be off. Works with the JDK's JSSE and with Bouncy Castle's ({@code
 * BouncyCastleJsseProvider}); JSSE parses the certificates before a trust manager sees them, so a
 * chain JSSE cannot parse fails the handshake.
 *
 * <p>After the handshake, {@link #verification(SSLSession)} (or {@link #lastVerification()}) tells
 * which record matched at which depth and the level for the logs. Thread-safe; TLS sessions are
 * resumed only within one {@link SSLContext} of this trust manager, that is under the same TLSA
 * records and names, as Postfix keys its session cache by the TLSA policy.
 */
public final class DaneTrustManager extends X509ExtendedTrustManager {
  /** The {@link SSLSession} value under which the handshake's verification is kept. */
  static final String SESSION_KEY = "org.danecheck.core.DaneVerification";

  private final MxHostPolicy host;
  private final SessionContext session;
  private final PkixClassifier pkix;
  private final AtomicReference<DaneVerification> last = new AtomicReference<>();

  private DaneTrustManager(MxHostPolicy host) {
    this.host = host;
    this.session = host.session();
    this.pkix = new PkixClassifier(session.pkixTrust());
  }

  /**
   * A trust manager for one host of a policy.
   *
   * @throws IllegalArgumentException when the host's level is a skip: an MTA must not connect
   */
  public static DaneTrustManager forHost(MxHostPolicy host) {
    Objects.requireNonNull(host, "host");
    if (host.level().skip()) {
      throw new IllegalArgumentException(
          host.name() + " is skipped (" + host.level() + "): do not connect to it");
    }
    return new DaneTrustManager(host);
  }

  /** The host whose policy this enforces. */
  public MxHostPolicy host() {
    return host;
  }

  /**
   * Judges a server chain (DER, in the order the server sent it, leaf first) under the host's
   * policy, without JSSE: for TLS stacks of other kinds. The JSSE methods call this.
   */
  public DaneVerification verify(List<byte[]> chainDer) {
    Objects.requireNonNull(chainDer, "chainDer");
    return verify(chainDer, relative(host.name()));
  }

  private DaneVerification verify(List<byte[]> chain, String endpoint) {
    Instant now = session.clock().instant();
    HostPolicy policy = host.hostPolicy();
    boolean presented = !chain.isEmpty();
    Optional<TlsaMatchResult> match = Optional.empty();
    if (Rfc7672Policy.matchesTlsa(policy, SmtpOutcome.TLS_ESTABLISHED)) {
      match =
          Optional.of(
              TlsaMatcher.match(
                  host.tlsaRecords(),
                  chain,
                  host.referenceIdentifiers(),
                  now,
                  session.profile(),
                  session.pkixAnchorsDer()));
    }
    boolean daneAuthenticated = match.map(TlsaMatchResult::authenticated).orElse(false);
    // PKIX only decides the level of sessions DANE did not authenticate (Trusted or Untrusted).
    PkixStatus pkixStatus =
        daneAuthenticated || !presented
            ? PkixStatus.NOT_CHECKED
            : pkix.classify(chain, now).status();
    SessionAssessment assessment =
        Rfc7672Policy.assessSession(
            policy,
            host.mxSecure(),
            SmtpOutcome.TLS_ESTABLISHED,
            presented,
            pkixStatus,
            match,
            endpoint);
    // RFC 7672 3.2: "Messages MUST NOT be delivered via the SMTP server if authentication fails".
    boolean accepted = policy != HostPolicy.AUTHENTICATE || assessment.authenticated();
    return new DaneVerification(
        accepted,
        assessment.level(),
        host.level(),
        host.name(),
        endpoint,
        host.sni(),
        match,
        pkixStatus,
        accepted ? List.of() : assessment.problems(),
        now);
  }

  /** The last verification this trust manager made, from any handshake. */
  public Optional<DaneVerification> lastVerification() {
    return Optional.ofNullable(last.get());
  }

  /**
   * The verification made in the handshake of this session, when a DANE trust manager judged it;
   * empty for a session resumed without a certificate exchange by a provider that does not carry
   * session values over (the session was authenticated when it was first made, under the same trust
   * manager).
   */
  public static Optional<DaneVerification> verification(SSLSession session) {
    Objects.requireNonNull(session, "session");
    return session.getValue(SESSION_KEY) instanceof DaneVerification v
        ? Optional.of(v)
        : Optional.empty();
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain, null, relative(host.name()));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    SSLSession handshake = socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null;
    check(chain, handshake, endpoint(socket == null ? null : socket.getRemoteSocketAddress()));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    SSLSession handshake = engine == null ? null : engine.getHandshakeSession();
    String endpoint =
        engine == null || engine.getPeerHost() == null
            ? relative(host.name())
            : relative(host.name())
                + "["
                + engine.getPeerHost()
                + "]"
                + (engine.getPeerPort() > 0 ? ":" + engine.getPeerPort() : "");
    check(chain, handshake, endpoint);
  }

  private void check(X509Certificate[] chain, SSLSession handshake, String endpoint)
      throws CertificateException {
    List<byte[]> der = new ArrayList<>();
    if (chain != null) {
      for (X509Certificate certificate : chain) {
        try {
          der.add(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
          throw new CertificateException(
              endpoint + ": a certificate of the chain cannot be encoded", e);
        }
      }
    }
    DaneVerification verification = verify(der, endpoint);
    last.set(verification);
    if (handshake != null) {
      handshake.putValue(SESSION_KEY, verification);
    }
    if (!verification.accepted()) {
      throw new CertificateException(
          "DANE authentication failed: "
              + verification.problems().stream()
                  .map(p -> p.code() + ": " + p.message())
                  .collect(Collectors.joining("; ")));
    }
  }

  private String endpoint(SocketAddress remote) {
    String name = relative(host.name());
    if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
      return name + "[" + inet.getAddress().getHostAddress() + "]:" + inet.getPort();
    }
    return name;
  }

  /** Client certificates are not this trust manager's business: always refused. */
  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("a DANE trust manager authenticates servers only");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  /** None: DANE names its own trust anchors, per host. */
  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }

  // ---------------------------------------------------------------------------------------------
  // Factories
  // ---------------------------------------------------------------------------------------------

  /** A TLS context of the JDK's default JSSE provider with this trust manager and no key. */
  public SSLContext sslContext() {
    try {
      return init(SSLContext.getInstance("TLS"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no TLS context: " + e.getMessage(), e);
    }
  }

  /**
   * A TLS context of this JSSE provider (e.g. {@code new BouncyCastleJsseProvider()}) with this
   * trust manager and no key.
   *
   * @throws IllegalArgumentException when the provider has no TLS context
   */
  public SSLContext sslContext(Provider jsseProvider) {
    Objects.requireNonNull(jsseProvider, "jsseProvider");
    try {
      return init(SSLContext.getInstance("TLS", jsseProvider));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          jsseProvider.getName() + " has no TLS context: " + e.getMessage(), e);
    }
  }

  private SSLContext init(SSLContext context) throws GeneralSecurityException {
    // An explicit SecureRandom: Bouncy Castle's JSSE otherwise asks the JCA for "DEFAULT", which
    // only its own (unregistered) provider has.
    context.init(null, new TrustManager[] {this}, new SecureRandom());
    return context;
  }

  /**
   * Sockets of the JDK's JSSE with {@link #sslParameters} applied: for Jakarta Mail's {@code
   * mail.smtp.ssl.socketFactory}, or {@code createSocket(plain, host, port, true)} after STARTTLS.
   */
  public SSLSocketFactory socketFactory() {
    return new DaneSocketFactory(sslContext().getSocketFactory(), this);
  }

  /** Like {@link #socketFactory()}, on this JSSE provider. */
  public SSLSocketFactory socketFactory(Provider jsseProvider) {
    return new DaneSocketFactory(sslContext(jsseProvider).getSocketFactory(), this);
  }

  /**
   * A copy of {@code base} (e.g. {@code socket.getSSLParameters()}) for this host: SNI the name of
   * {@link MxHostPolicy#sni()} (RFC 7672 8.1); no endpoint identification (the names are this trust
   * manager's to check); where TLS is required, no NULL-encryption suite, and where authentication
   * is required, no anonymous suite (RFC 7672 8.2).
   */
  public SSLParameters sslParameters(SSLParameters base) {
    Objects.requireNonNull(base, "base");
    SSLParameters p = new SSLParameters();
    p.setProtocols(base.getProtocols());
    p.setCipherSuites(cipherSuites(base.getCipherSuites()));
    p.setAlgorithmConstraints(base.getAlgorithmConstraints());
    p.setUseCipherSuitesOrder(base.getUseCipherSuitesOrder());
    p.setMaximumPacketSize(base.getMaximumPacketSize());
    p.setApplicationProtocols(base.getApplicationProtocols());
    p.setSNIMatchers(base.getSNIMatchers());
    p.setEndpointIdentificationAlgorithm(null);
    p.setServerNames(serverNames());
    return p;
  }

  String[] cipherSuites(String[] suites) {
    if (suites == null) {
      return null;
    }
    return Arrays.stream(suites)
        .filter(s -> !(host.level().authenticationRequired() && s.contains("_anon_")))
        .filter(s -> !(host.level().tlsRequired() && s.contains("_WITH_NULL_")))
        .toArray(String[]::new);
  }

  private List<SNIServerName> serverNames() {
    try {
      return List.of(new SNIHostName(host.sni()));
    } catch (IllegalArgumentException e) {
      // Not a host name JSSE can send (e.g. with an underscore): no SNI, the server's default
      // chain is matched (RFC 7672 8.1 lets servers ignore SNI).
      return List.of();
    }
  }

  private static String relative(String name) {
    return name.endsWith(".") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
  }

  @Override
  public String toString() {
    return "DaneTrustManager[" + host + "]";
  }
}
