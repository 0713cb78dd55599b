/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.regex.Pattern;
import org.danecheck.CertificateAlgorithm;
import org.danecheck.core.internal.smtp.ProbeRequest;

/**
 * One endpoint probe a check makes: the server address and port, the SNI name, the certificate
 * algorithm asked for, whether anonymous suites are offered, and the MX host name it is reported
 * under. For scans that probe apart from their checks, so that a server shared by many domains is
 * probed once (a distributed scan): {@link DaneChecker#probeTargets(DomainPolicy)} lists a
 * domain's, {@link DaneChecker#probeAsync(ProbeTarget)} probes one, and {@link
 * DaneChecker#checkAsync(String, java.util.Map)} evaluates a domain from the results. {@link
 * #key()} is its text form, stable across processes and versions of this format. Immutable; equal
 * when the keys are.
 */
public final class ProbeTarget {
  private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

  private final ProbeRequest request;

  private ProbeTarget(ProbeRequest request) {
    this.request = request;
  }

  static ProbeTarget of(ProbeRequest request) {
    return new ProbeTarget(Objects.requireNonNull(request));
  }

  ProbeRequest request() {
    return request;
  }

  /**
   * Reads a {@link #key()}.
   *
   * @throws IllegalArgumentException when the text is not a key (an address must be a literal)
   */
  public static ProbeTarget parse(String key) {
    String[] f = key.split("\\|", -1);
    if (f.length != 6
        || !(IPV4.matcher(f[0]).matches() || IPV6.matcher(f[0]).matches())
        || !f[4].matches("anon|auth")) {
      throw new IllegalArgumentException("not a probe target: " + key);
    }
    try {
      return new ProbeTarget(
          new ProbeRequest(
              f[5],
              InetAddress.getByName(f[0]), // a literal: no lookup
              Integer.parseInt(f[1]),
              f[2],
              CertificateAlgorithm.valueOf(f[3]),
              f[4].equals("anon")));
    } catch (UnknownHostException | RuntimeException e) {
      throw new IllegalArgumentException("not a probe target: " + key, e);
    }
  }

  /**
   * The text form: {@code address|port|sni|algorithm|anon-or-auth|host}, e.g. {@code
   * 192.0.2.1|25|mx.example.org|ANY|auth|mx.example.org}; the address first, so that a scan can
   * group a server's probes by its prefix ({@link #address()}).
   */
  public String key() {
    return request.address().getHostAddress()
        + "|"
        + request.port()
        + "|"
        + request.sni()
        + "|"
        + request.algorithm().name()
        + "|"
        + (request.offerAnonymous() ? "anon" : "auth")
        + "|"
        + request.hostName();
  }

  /** The server's address, as text ({@link InetAddress#getHostAddress()}). */
  public String address() {
    return request.address().getHostAddress();
  }

  /** The TCP port. */
  public int port() {
    return request.port();
  }

  /** The SNI name sent (RFC 7672 8.1). */
  public String sni() {
    return request.sni();
  }

  /** The certificate algorithm asked for. */
  public CertificateAlgorithm algorithm() {
    return request.algorithm();
  }

  /** The MX host name the probe is reported under. */
  public String hostName() {
    return request.hostName();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProbeTarget t && t.request.equals(request);
  }

  @Override
  public int hashCode() {
    return request.hashCode();
  }

  @Override
  public String toString() {
    return "ProbeTarget[" + key() + "]";
  }
}
