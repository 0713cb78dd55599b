/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.smtp;

import java.net.InetAddress;
import java.util.Objects;
import org.danecheck.CertificateAlgorithm;

/**
 * One endpoint to probe.
 *
 * @param hostName the MX host name, for reports ({@code host[address]:port})
 * @param address the address to connect to
 * @param port the TCP port, normally 25
 * @param sni the name to send in the TLS SNI extension, or {@code ""} for none: the TLSA base
 *     domain when TLSA records are in play (RFC 7672 8.1), else the MX host name
 * @param algorithm which server certificate to ask for, through the suites and signature algorithms
 *     offered
 * @param offerAnonymous whether to offer anonymous (aNULL) cipher suites too; only for the
 *     opportunistic profile without usable TLSA records (RFC 7672 8.2 forbids them otherwise)
 */
public record ProbeRequest(
    String hostName,
    InetAddress address,
    int port,
    String sni,
    CertificateAlgorithm algorithm,
    boolean offerAnonymous) {
  /** Checks the components. */
  public ProbeRequest {
    Objects.requireNonNull(hostName, "hostName");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(sni, "sni");
    Objects.requireNonNull(algorithm, "algorithm");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /** A request for port 25, any certificate, no anonymous suites. */
  public static ProbeRequest of(String hostName, InetAddress address, String sni) {
    return new ProbeRequest(hostName, address, 25, sni, CertificateAlgorithm.ANY, false);
  }

  /** A copy for another port. */
  public ProbeRequest withPort(int otherPort) {
    return new ProbeRequest(hostName, address, otherPort, sni, algorithm, offerAnonymous);
  }

  /** A copy with another SNI name ({@code ""} for none). */
  public ProbeRequest withSni(String otherSni) {
    return new ProbeRequest(hostName, address, port, otherSni, algorithm, offerAnonymous);
  }

  /** A copy asking for another certificate algorithm. */
  public ProbeRequest withAlgorithm(CertificateAlgorithm other) {
    return new ProbeRequest(hostName, address, port, sni, other, offerAnonymous);
  }

  /** A copy that does or does not offer anonymous suites. */
  public ProbeRequest withOfferAnonymous(boolean offer) {
    return new ProbeRequest(hostName, address, port, sni, algorithm, offer);
  }

  /** The endpoint as problems name it: {@code host[address]:port}. */
  public String endpoint() {
    return hostName + "[" + address.getHostAddress() + "]:" + port;
  }
}
