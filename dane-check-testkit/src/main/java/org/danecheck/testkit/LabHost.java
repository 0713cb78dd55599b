/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * How one lab MX host is set up: its mail server persona and chains, its addresses, its TLSA
 * records and DNS faults. Everything has a default: a well-behaved server on a fresh 127.x.y.z
 * address with a chain from the lab's CA (leaf ← lab intermediate) naming the host, and no TLSA.
 */
public final class LabHost {
  final String name;
  MailPersona.Behaviour behaviour = MailPersona.Behaviour.NORMAL;
  MailDispatcher dispatcher;
  final List<ServerChain> chains = new ArrayList<>();
  UnaryOperator<TestCertificate.Builder> leafCustomizer = UnaryOperator.identity();
  KeyAlgorithm keyAlgorithm = KeyAlgorithm.ECDSA;
  boolean dualAlgorithms;
  final List<TlsaSpec> tlsa = new ArrayList<>();
  boolean ipv4 = true;
  boolean ipv6;
  String alias;
  java.net.InetAddress fixedAddress;
  boolean tlsaAtOriginalName;
  final List<FaultSpec> faults = new ArrayList<>();

  /** Which certificate a computed TLSA record is made from. */
  enum TlsaSource {
    /** The leaf of the host's first chain. */
    LEAF,
    /** The last certificate the host sends (the issuing CA above the leaf). */
    TOP_OF_CHAIN,
    /** The lab's root CA, which servers do not send. */
    ROOT_CA,
    /** Literal presentation data. */
    LITERAL
  }

  record TlsaSpec(TlsaSource source, int usage, int selector, int matchingType, String literal) {}

  record FaultSpec(String type, LabFault fault, boolean atAlias) {}

  LabHost(String name) {
    this.name = Objects.requireNonNull(name, "name");
  }

  /** The server's behaviour (default {@link MailPersona.Behaviour#NORMAL}). */
  public LabHost persona(MailPersona.Behaviour behaviour) {
    this.behaviour = Objects.requireNonNull(behaviour, "behaviour");
    return this;
  }

  /**
   * Scripts what the host's server says ({@link MailDispatcher}); the persona still serves TLS, and
   * {@link MailCommand#persona()} gives its replies for what the script leaves alone.
   */
  public LabHost dispatcher(MailDispatcher dispatcher) {
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    return this;
  }

  /** Serves these chains instead of a generated one (e.g. loaded from the user's PEM files). */
  public LabHost chains(ServerChain... chains) {
    this.chains.clear();
    this.chains.addAll(List.of(chains));
    return this;
  }

  /**
   * Adjusts the generated leaf certificate (names, validity, key); the builder comes with the host
   * name as subject and SAN and the lab intermediate as issuer.
   */
  public LabHost leaf(UnaryOperator<TestCertificate.Builder> customizer) {
    this.leafCustomizer = Objects.requireNonNull(customizer, "customizer");
    return this;
  }

  /** The generated leaf's key algorithm (default ECDSA P-256). */
  public LabHost keyAlgorithm(KeyAlgorithm algorithm) {
    this.keyAlgorithm = Objects.requireNonNull(algorithm, "algorithm");
    return this;
  }

  /** Generates an RSA and an ECDSA chain and serves both, chosen by the client's algorithms. */
  public LabHost dualAlgorithms() {
    this.dualAlgorithms = true;
    this.behaviour = MailPersona.Behaviour.DUAL_CERT;
    return this;
  }

  /**
   * Publishes a TLSA record computed from the host's own chain: usage 3 (DANE-EE) from the leaf,
   * usage 2 (DANE-TA) from the top certificate the server sends, usages 0/1 likewise.
   */
  public LabHost tlsa(int usage, int selector, int matchingType) {
    TlsaSource source = usage == 3 || usage == 1 ? TlsaSource.LEAF : TlsaSource.TOP_OF_CHAIN;
    tlsa.add(new TlsaSpec(source, usage, selector, matchingType, ""));
    return this;
  }

  /** Publishes a TLSA record computed from the lab's root CA, which servers never send. */
  public LabHost tlsaOnRootCa(int usage, int selector, int matchingType) {
    tlsa.add(new TlsaSpec(TlsaSource.ROOT_CA, usage, selector, matchingType, ""));
    return this;
  }

  /** Publishes a literal TLSA record, e.g. {@code "3 1 1 <hex>"}. */
  public LabHost tlsa(String presentation) {
    tlsa.add(new TlsaSpec(TlsaSource.LITERAL, 0, 0, 0, presentation));
    return this;
  }

  /**
   * Serves the host at this IPv4 loopback address (e.g. {@code 127.2.0.1}, outside the lab's own
   * ranges, 127.1.0.0/16 and, for labs of more than 65,535 hosts, 127.64.0.0/10) instead of a fresh
   * one: several hosts given one address are one server with several names, as at a hoster. The
   * last host set up there decides the server's persona.
   *
   * @throws IllegalArgumentException when the text is not an IPv4 loopback address
   */
  public LabHost address(String ipv4Loopback) {
    java.net.InetAddress address;
    try {
      address =
          ipv4Loopback.matches("127(\\.[0-9]{1,3}){3}")
              ? java.net.InetAddress.getByName(ipv4Loopback)
              : null;
    } catch (java.net.UnknownHostException e) {
      address = null;
    }
    if (address == null) {
      throw new IllegalArgumentException("not an IPv4 loopback address: " + ipv4Loopback);
    }
    this.fixedAddress = address;
    return this;
  }

  /** No A record (for IPv6-only hosts). */
  public LabHost noIpv4() {
    this.ipv4 = false;
    return this;
  }

  /** Also an AAAA record, ::1 (the only IPv6 loopback address: one such host per lab). */
  public LabHost ipv6() {
    this.ipv6 = true;
    return this;
  }

  /**
   * Makes the host name a CNAME to {@code target}, which carries the addresses and, unless {@link
   * #tlsaAtOriginalName()}, the TLSA records (RFC 7672 2.2.2).
   */
  public LabHost alias(String target) {
    this.alias = Objects.requireNonNull(target, "target");
    return this;
  }

  /** With {@link #alias(String)}: publishes the TLSA records at the original name instead. */
  public LabHost tlsaAtOriginalName() {
    this.tlsaAtOriginalName = true;
    return this;
  }

  /** A DNS fault for the host's records of this type ({@code TLSA}, {@code A}, {@code *}...). */
  public LabHost fault(String type, LabFault fault) {
    faults.add(new FaultSpec(type, fault, false));
    return this;
  }

  /** With {@link #alias(String)}: a DNS fault at the alias target. */
  public LabHost faultAtAlias(String type, LabFault fault) {
    faults.add(new FaultSpec(type, fault, true));
    return this;
  }
}
