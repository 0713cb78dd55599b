/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Vector;
import java.util.function.Consumer;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.KeyExchangeAlgorithm;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.TlsStreamSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCertificate;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.danecheck.testkit.MailPersona.Behaviour;

/** The TLS side of one lab session: Bouncy Castle's server with a persona's chains and quirks. */
final class LabTlsServer extends DefaultTlsServer {
  private static final int[] TLS13_SUITES = {
    CipherSuite.TLS_AES_128_GCM_SHA256,
    CipherSuite.TLS_AES_256_GCM_SHA384,
    CipherSuite.TLS_CHACHA20_POLY1305_SHA256
  };
  private static final int[] CERTIFICATE_SUITES = {
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
    CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
    CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256,
    // CBC suites with SHA-1 are the only ones TLS 1.0 and 1.1 can use.
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
    CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
    CipherSuite.TLS_DHE_RSA_WITH_AES_128_CBC_SHA
  };
  private static final int[] ANONYMOUS_SUITES = {
    CipherSuite.TLS_ECDH_anon_WITH_AES_128_CBC_SHA,
    CipherSuite.TLS_DH_anon_WITH_AES_128_GCM_SHA256,
    CipherSuite.TLS_DH_anon_WITH_AES_128_CBC_SHA
  };

  private final MailPersona persona;
  private final JcaTlsCrypto jcaCrypto;
  private final Consumer<String> serverNameSink;

  LabTlsServer(JcaTlsCrypto crypto, MailPersona persona, Consumer<String> serverNameSink) {
    super(crypto);
    this.jcaCrypto = crypto;
    this.persona = persona;
    this.serverNameSink = serverNameSink;
  }

  @Override
  protected ProtocolVersion[] getSupportedVersions() {
    return switch (persona.behaviour()) {
      case TLS10_ONLY -> ProtocolVersion.TLSv10.only();
      case ANONYMOUS_ONLY -> ProtocolVersion.TLSv12.downTo(ProtocolVersion.TLSv10);
      default -> ProtocolVersion.TLSv13.downTo(ProtocolVersion.TLSv12);
    };
  }

  @Override
  protected int[] getSupportedCipherSuites() {
    List<Integer> suites = new ArrayList<>();
    if (persona.behaviour() == Behaviour.ANONYMOUS_ONLY) {
      addAll(suites, ANONYMOUS_SUITES);
    } else {
      addAll(suites, TLS13_SUITES);
      addAll(suites, CERTIFICATE_SUITES);
    }
    int[] array = suites.stream().mapToInt(Integer::intValue).toArray();
    return TlsUtils.getSupportedCipherSuites(getCrypto(), array);
  }

  private static void addAll(List<Integer> list, int[] values) {
    for (int value : values) {
      list.add(value);
    }
  }

  @Override
  @SuppressWarnings("rawtypes") // Bouncy Castle's API
  protected boolean isSelectableCipherSuite(
      int cipherSuite, int availCurveBits, int availFiniteFieldBits, Vector sigAlgs) {
    if (!super.isSelectableCipherSuite(
        cipherSuite, availCurveBits, availFiniteFieldBits, sigAlgs)) {
      return false;
    }
    // Only pick a suite whose certificate this persona has: that is how a dual-cert server
    // chooses its chain in TLS 1.2 and earlier.
    return switch (TlsUtils.getKeyExchangeAlgorithm(cipherSuite)) {
      case KeyExchangeAlgorithm.ECDHE_ECDSA -> chain(KeyAlgorithm.ECDSA) != null;
      case KeyExchangeAlgorithm.ECDHE_RSA, KeyExchangeAlgorithm.DHE_RSA ->
          chain(KeyAlgorithm.RSA) != null;
      default -> true;
    };
  }

  @Override
  @SuppressWarnings("rawtypes") // Bouncy Castle's API
  public void processClientExtensions(Hashtable clientExtensions) throws IOException {
    super.processClientExtensions(clientExtensions);
    Vector<?> names = TlsExtensionsUtils.getServerNameExtensionClient(clientExtensions);
    String hostName = "";
    if (names != null) {
      for (Object name : names) {
        ServerName serverName = (ServerName) name;
        if (serverName.getNameType() == NameType.host_name) {
          hostName = new String(serverName.getNameData(), StandardCharsets.US_ASCII);
        }
      }
    }
    serverNameSink.accept(hostName);
  }

  @Override
  public TlsCredentials getCredentials() throws IOException {
    var parameters = context.getSecurityParametersHandshake();
    int keyExchange = parameters.getKeyExchangeAlgorithm();
    Vector<?> clientSigAlgs = parameters.getClientSigAlgs();
    return switch (keyExchange) {
      case KeyExchangeAlgorithm.DH_anon, KeyExchangeAlgorithm.ECDH_anon -> null;
      case KeyExchangeAlgorithm.ECDHE_ECDSA -> signer(KeyAlgorithm.ECDSA, clientSigAlgs, false);
      case KeyExchangeAlgorithm.ECDHE_RSA, KeyExchangeAlgorithm.DHE_RSA ->
          signer(KeyAlgorithm.RSA, clientSigAlgs, false);
      case KeyExchangeAlgorithm.NULL -> tls13Signer(clientSigAlgs);
      default -> throw new TlsFatalAlert(AlertDescription.internal_error, "no credentials");
    };
  }

  // TLS 1.3: the client's signature_algorithms decide which chain a dual-cert server sends.
  private TlsCredentials tls13Signer(Vector<?> clientSigAlgs) throws IOException {
    for (Object offered : clientSigAlgs) {
      SignatureAndHashAlgorithm algorithm = (SignatureAndHashAlgorithm) offered;
      KeyAlgorithm type = keyAlgorithmFor(algorithm, true);
      if (type != null && chain(type) != null) {
        return signer(type, clientSigAlgs, true);
      }
    }
    throw new TlsFatalAlert(
        AlertDescription.handshake_failure, "no chain for the client's sigalgs");
  }

  private static KeyAlgorithm keyAlgorithmFor(SignatureAndHashAlgorithm algorithm, boolean tls13) {
    short signature = algorithm.getSignature();
    if (signature == SignatureAlgorithm.rsa_pss_rsae_sha256
        || signature == SignatureAlgorithm.rsa_pss_rsae_sha384
        || signature == SignatureAlgorithm.rsa_pss_rsae_sha512
        || (!tls13 && signature == SignatureAlgorithm.rsa)) {
      return KeyAlgorithm.RSA;
    }
    // Lab EC keys are P-256; TLS 1.3 ties the hash to the curve (RFC 8446 4.2.3).
    if (signature == SignatureAlgorithm.ecdsa
        && (!tls13 || algorithm.getHash() == org.bouncycastle.tls.HashAlgorithm.sha256)) {
      return KeyAlgorithm.ECDSA;
    }
    return null;
  }

  private TlsCredentials signer(KeyAlgorithm type, Vector<?> clientSigAlgs, boolean tls13)
      throws IOException {
    ServerChain chain = chain(type);
    if (chain == null) {
      throw new TlsFatalAlert(AlertDescription.handshake_failure, "no " + type + " chain");
    }
    SignatureAndHashAlgorithm chosen = null;
    if (clientSigAlgs != null) {
      for (Object offered : clientSigAlgs) {
        SignatureAndHashAlgorithm algorithm = (SignatureAndHashAlgorithm) offered;
        if (keyAlgorithmFor(algorithm, tls13) == type) {
          chosen = algorithm;
          break;
        }
      }
      if (chosen == null) {
        throw new TlsFatalAlert(AlertDescription.handshake_failure, "no usable sigalg");
      }
    }
    TlsCryptoParameters parameters = new TlsCryptoParameters(context);
    Certificate certificate = certificate(chain, tls13);
    if (persona.behaviour() == Behaviour.TLS_ALERT) {
      // The signature (ServerKeyExchange in TLS 1.2, CertificateVerify in 1.3) is made after the
      // Certificate message went out, so the alert comes after the client has seen the chain.
      return new JcaDefaultTlsCredentialedSigner(
          parameters, jcaCrypto, chain.privateKey(), certificate, chosen) {
        @Override
        public byte[] generateRawSignature(byte[] hash) throws IOException {
          throw new TlsFatalAlert(AlertDescription.handshake_failure, "lab persona TLS_ALERT");
        }

        @Override
        public TlsStreamSigner getStreamSigner() throws IOException {
          throw new TlsFatalAlert(AlertDescription.handshake_failure, "lab persona TLS_ALERT");
        }
      };
    }
    return new JcaDefaultTlsCredentialedSigner(
        parameters, jcaCrypto, chain.privateKey(), certificate, chosen);
  }

  private Certificate certificate(ServerChain chain, boolean tls13) throws IOException {
    List<byte[]> ders = chain.chainDerShared();
    TlsCertificate[] certificates = new TlsCertificate[ders.size()];
    for (int i = 0; i < certificates.length; i++) {
      certificates[i] = new RawCertificate(jcaCrypto, ders.get(i));
    }
    return tls13
        ? new Certificate(org.bouncycastle.tls.TlsUtils.EMPTY_BYTES, toEntries(certificates))
        : new Certificate(certificates);
  }

  private static org.bouncycastle.tls.CertificateEntry[] toEntries(TlsCertificate[] certificates) {
    var entries = new org.bouncycastle.tls.CertificateEntry[certificates.length];
    for (int i = 0; i < certificates.length; i++) {
      entries[i] = new org.bouncycastle.tls.CertificateEntry(certificates[i], null);
    }
    return entries;
  }

  private ServerChain chain(KeyAlgorithm type) {
    for (ServerChain chain : persona.chains()) {
      if (chain.keyAlgorithm() == type) {
        return chain;
      }
    }
    return null;
  }

  /** A certificate that goes on the wire with exactly the bytes it was made from. */
  private static final class RawCertificate extends JcaTlsCertificate {
    private final byte[] raw;

    RawCertificate(JcaTlsCrypto crypto, byte[] raw) throws IOException {
      super(crypto, raw);
      this.raw = raw.clone();
    }

    @Override
    public byte[] getEncoded() {
      return raw.clone();
    }
  }
}
