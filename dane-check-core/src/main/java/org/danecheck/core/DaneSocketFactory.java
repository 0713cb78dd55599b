/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A JSSE socket factory whose sockets carry a {@link DaneTrustManager}'s parameters (SNI, suites,
 * no endpoint identification), applied before the handshake, which starts at the first I/O or at
 * {@code startHandshake()}.
 */
final class DaneSocketFactory extends SSLSocketFactory {
  private final SSLSocketFactory delegate;
  private final DaneTrustManager trustManager;

  DaneSocketFactory(SSLSocketFactory delegate, DaneTrustManager trustManager) {
    this.delegate = delegate;
    this.trustManager = trustManager;
  }

  private Socket configure(Socket socket) {
    if (socket instanceof SSLSocket ssl) {
      ssl.setSSLParameters(trustManager.sslParameters(ssl.getSSLParameters()));
    }
    return socket;
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return trustManager.cipherSuites(delegate.getDefaultCipherSuites());
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return trustManager.cipherSuites(delegate.getSupportedCipherSuites());
  }

  @Override
  public Socket createSocket() throws IOException {
    return configure(delegate.createSocket());
  }

  /** The STARTTLS case: TLS over a connected plain socket. */
  @Override
  public Socket createSocket(Socket socket, String host, int port, boolean autoClose)
      throws IOException {
    return configure(delegate.createSocket(socket, host, port, autoClose));
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return configure(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return configure(delegate.createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return configure(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return configure(delegate.createSocket(address, port, localAddress, localPort));
  }
}
