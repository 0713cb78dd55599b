/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.smtp;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateType;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.danecheck.core.internal.tlsa.MalformedCertificateException;
import org.danecheck.core.internal.tlsa.ParsedCertificate;

/**
 * Bouncy Castle's lightweight TLS crypto, one instance per connection, that records every
 * certificate's bytes exactly as received, before parsing them.
 *
 * <p>{@code TlsCertificate.getEncoded()} of {@code BcTlsCertificate} returns a DER re-encoding of
 * the parsed certificate, which differs from the bytes sent when those are not strict DER (e.g. a
 * BOOLEAN TRUE encoded as {@code 01} instead of {@code FF}); a {@code 3 0 1} TLSA record is a hash
 * of the bytes sent. Recording before parsing also keeps the bytes of a certificate that cannot be
 * parsed and so ends the handshake.
 */
final class RawCaptureCrypto extends BcTlsCrypto {
  private final int maxCertificates;
  private final List<byte[]> received = new ArrayList<>();

  RawCaptureCrypto(SecureRandom random, int maxCertificates) {
    super(random);
    this.maxCertificates = maxCertificates;
  }

  @Override
  public TlsCertificate createCertificate(short type, byte[] encoding) throws IOException {
    boolean first;
    synchronized (received) {
      first = received.isEmpty();
      if (received.size() < maxCertificates) {
        received.add(encoding.clone());
      }
    }
    if (first && type == CertificateType.X509) {
      refuseCostlyRsaKey(encoding);
    }
    return super.createCertificate(type, encoding);
  }

  /**
   * The server's own key (the first certificate) verifies its handshake signature. An RSA key
   * OpenSSL would refuse (over 16384 bits, a large exponent: seconds of CPU per signature) ends the
   * handshake as OpenSSL's would, before Bouncy Castle spends that work.
   */
  private static void refuseCostlyRsaKey(byte[] encoding) throws TlsFatalAlert {
    Optional<String> refusal;
    try {
      refusal = ParsedCertificate.parse(encoding).rsaKeyRefusal();
    } catch (MalformedCertificateException e) {
      return; // Bouncy Castle's own parsing decides, and reports it
    }
    if (refusal.isPresent()) {
      throw new TlsFatalAlert(
          AlertDescription.unsupported_certificate, "the server's key: " + refusal.get());
    }
  }

  /** The certificates received so far, in order. */
  List<byte[]> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }
}
