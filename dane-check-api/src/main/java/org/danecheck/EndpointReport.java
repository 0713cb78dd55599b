/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened at one MX endpoint (an address and port of an MX host): the SMTP dialogue, the TLS
 * session, the certificates sent, the TLSA match and the resulting level.
 *
 * <p>Instances are immutable and made by {@link #builder()} (or {@link #toBuilder()} from another):
 * new fields can be added in later releases without breaking callers, which a record's canonical
 * constructor would not allow. Lists are copies and never null; absent values are empty {@code
 * Optional}s.
 */
public final class EndpointReport {
  private final String address;
  private final int port;
  private final CertificateAlgorithm certificateAlgorithm;
  private final String sni;
  private final SmtpOutcome smtpOutcome;
  private final String greeting;
  private final boolean starttlsOffered;
  private final Optional<String> tlsVersion;
  private final Optional<String> cipherSuite;
  private final Optional<String> keyExchangeGroup;
  private final List<PeerCertificate> certificates;
  private final Optional<TlsaMatchResult> tlsaMatch;
  private final PkixStatus pkix;
  private final NameMatch nameMatch;
  private final TlsLevel level;
  private final Duration elapsed;
  private final List<Problem> problems;

  private EndpointReport(Builder b) {
    this.address = Objects.requireNonNull(b.address, "EndpointReport.address is required");
    this.port = b.port;
    this.certificateAlgorithm =
        Objects.requireNonNull(
            b.certificateAlgorithm, "EndpointReport.certificateAlgorithm is required");
    this.sni = Objects.requireNonNull(b.sni, "EndpointReport.sni is required");
    this.smtpOutcome =
        Objects.requireNonNull(b.smtpOutcome, "EndpointReport.smtpOutcome is required");
    this.greeting = Objects.requireNonNull(b.greeting, "EndpointReport.greeting is required");
    this.starttlsOffered = b.starttlsOffered;
    this.tlsVersion = b.tlsVersion;
    this.cipherSuite = b.cipherSuite;
    this.keyExchangeGroup = b.keyExchangeGroup;
    this.certificates = List.copyOf(b.certificates);
    this.tlsaMatch = b.tlsaMatch;
    this.pkix = Objects.requireNonNull(b.pkix, "EndpointReport.pkix is required");
    this.nameMatch = Objects.requireNonNull(b.nameMatch, "EndpointReport.nameMatch is required");
    this.level = Objects.requireNonNull(b.level, "EndpointReport.level is required");
    this.elapsed = Objects.requireNonNull(b.elapsed, "EndpointReport.elapsed is required");
    this.problems = List.copyOf(b.problems);
  }

  /** A builder with every list empty and every optional value absent. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this report's values, to make a changed copy. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The IP address, in its usual text form ({@code 192.0.2.1}, {@code 2001:db8::1}). */
  public String address() {
    return address;
  }

  /** The TCP port. */
  public int port() {
    return port;
  }

  /** Which server certificate the probe asked for. */
  public CertificateAlgorithm certificateAlgorithm() {
    return certificateAlgorithm;
  }

  /** The server name sent in the TLS SNI extension, or the empty string for none. */
  public String sni() {
    return sni;
  }

  /** How far the dialogue got. */
  public SmtpOutcome smtpOutcome() {
    return smtpOutcome;
  }

  /** The server's greeting (first line), or the empty string. */
  public String greeting() {
    return greeting;
  }

  /** Whether EHLO advertised STARTTLS. */
  public boolean starttlsOffered() {
    return starttlsOffered;
  }

  /** The negotiated protocol, e.g. {@code TLSv1.3}. */
  public Optional<String> tlsVersion() {
    return tlsVersion;
  }

  /** The negotiated cipher suite, IANA name. */
  public Optional<String> cipherSuite() {
    return cipherSuite;
  }

  /** The key exchange group, e.g. {@code x25519}, when known. */
  public Optional<String> keyExchangeGroup() {
    return keyExchangeGroup;
  }

  /** The chain as the server sent it. */
  public List<PeerCertificate> certificates() {
    return certificates;
  }

  /** The TLSA match result, when the host has TLSA records and a session was made. */
  public Optional<TlsaMatchResult> tlsaMatch() {
    return tlsaMatch;
  }

  /** Whether the chain validates to the PKIX trust store. */
  public PkixStatus pkix() {
    return pkix;
  }

  /** Whether the leaf names the MX host. */
  public NameMatch nameMatch() {
    return nameMatch;
  }

  /** The session's level, as Postfix logs it. */
  public TlsLevel level() {
    return level;
  }

  /** How long the probe took. */
  public Duration elapsed() {
    return elapsed;
  }

  /** What went wrong at this endpoint. */
  public List<Problem> problems() {
    return problems;
  }

  /** Whether the address is an IPv6 address. */
  public boolean isIpv6() {
    return address.indexOf(':') >= 0;
  }

  /** The endpoint as people write it: {@code 192.0.2.1:25} or {@code [2001:db8::1]:25}. */
  public String endpoint() {
    return (isIpv6() ? "[" + address + "]" : address) + ":" + port;
  }

  /** Whether the endpoint was authenticated by DANE. */
  public boolean verified() {
    return level == TlsLevel.VERIFIED;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EndpointReport other
        && address.equals(other.address)
        && port == other.port
        && certificateAlgorithm.equals(other.certificateAlgorithm)
        && sni.equals(other.sni)
        && smtpOutcome.equals(other.smtpOutcome)
        && greeting.equals(other.greeting)
        && starttlsOffered == other.starttlsOffered
        && tlsVersion.equals(other.tlsVersion)
        && cipherSuite.equals(other.cipherSuite)
        && keyExchangeGroup.equals(other.keyExchangeGroup)
        && certificates.equals(other.certificates)
        && tlsaMatch.equals(other.tlsaMatch)
        && pkix.equals(other.pkix)
        && nameMatch.equals(other.nameMatch)
        && level.equals(other.level)
        && elapsed.equals(other.elapsed)
        && problems.equals(other.problems);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        address,
        port,
        certificateAlgorithm,
        sni,
        smtpOutcome,
        greeting,
        starttlsOffered,
        tlsVersion,
        cipherSuite,
        keyExchangeGroup,
        certificates,
        tlsaMatch,
        pkix,
        nameMatch,
        level,
        elapsed,
        problems);
  }

  @Override
  public String toString() {
    return "EndpointReport["
        + "address="
        + address
        + ", port="
        + port
        + ", certificateAlgorithm="
        + certificateAlgorithm
        + ", sni="
        + sni
        + ", smtpOutcome="
        + smtpOutcome
        + ", greeting="
        + greeting
        + ", starttlsOffered="
        + starttlsOffered
        + ", tlsVersion="
        + tlsVersion
        + ", cipherSuite="
        + cipherSuite
        + ", keyExchangeGroup="
        + keyExchangeGroup
        + ", certificates="
        + certificates
        + ", tlsaMatch="
        + tlsaMatch
        + ", pkix="
        + pkix
        + ", nameMatch="
        + nameMatch
        + ", level="
        + level
        + ", elapsed="
        + elapsed
        + ", problems="
        + problems
        + "]";
  }

  /**
   * Collects the values of a {@link EndpointReport}; {@link #build()} checks that the required ones
   * are set.
   */
  public static final class Builder {
    private String address;
    private int port;
    private CertificateAlgorithm certificateAlgorithm;
    private String sni;
    private SmtpOutcome smtpOutcome;
    private String greeting;
    private boolean starttlsOffered;
    private Optional<String> tlsVersion = Optional.empty();
    private Optional<String> cipherSuite = Optional.empty();
    private Optional<String> keyExchangeGroup = Optional.empty();
    private List<PeerCertificate> certificates = List.of();
    private Optional<TlsaMatchResult> tlsaMatch = Optional.empty();
    private PkixStatus pkix;
    private NameMatch nameMatch;
    private TlsLevel level;
    private Duration elapsed;
    private List<Problem> problems = List.of();

    private Builder() {}

    private Builder(EndpointReport from) {
      address = from.address;
      port = from.port;
      certificateAlgorithm = from.certificateAlgorithm;
      sni = from.sni;
      smtpOutcome = from.smtpOutcome;
      greeting = from.greeting;
      starttlsOffered = from.starttlsOffered;
      tlsVersion = from.tlsVersion;
      cipherSuite = from.cipherSuite;
      keyExchangeGroup = from.keyExchangeGroup;
      certificates = from.certificates;
      tlsaMatch = from.tlsaMatch;
      pkix = from.pkix;
      nameMatch = from.nameMatch;
      level = from.level;
      elapsed = from.elapsed;
      problems = from.problems;
    }

    /** Sets {@link EndpointReport#address()}. */
    public Builder address(String address) {
      this.address = Objects.requireNonNull(address, "address");
      return this;
    }

    /** Sets {@link EndpointReport#port()}. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Sets {@link EndpointReport#certificateAlgorithm()}. */
    public Builder certificateAlgorithm(CertificateAlgorithm certificateAlgorithm) {
      this.certificateAlgorithm =
          Objects.requireNonNull(certificateAlgorithm, "certificateAlgorithm");
      return this;
    }

    /** Sets {@link EndpointReport#sni()}. */
    public Builder sni(String sni) {
      this.sni = Objects.requireNonNull(sni, "sni");
      return this;
    }

    /** Sets {@link EndpointReport#smtpOutcome()}. */
    public Builder smtpOutcome(SmtpOutcome smtpOutcome) {
      this.smtpOutcome = Objects.requireNonNull(smtpOutcome, "smtpOutcome");
      return this;
    }

    /** Sets {@link EndpointReport#greeting()}. */
    public Builder greeting(String greeting) {
      this.greeting = Objects.requireNonNull(greeting, "greeting");
      return this;
    }

    /** Sets {@link EndpointReport#starttlsOffered()}. */
    public Builder starttlsOffered(boolean starttlsOffered) {
      this.starttlsOffered = starttlsOffered;
      return this;
    }

    /** Sets {@link EndpointReport#tlsVersion()}. */
    public Builder tlsVersion(String tlsVersion) {
      this.tlsVersion = Optional.of(tlsVersion);
      return this;
    }

    /** Sets {@link EndpointReport#tlsVersion()}, or clears it with an empty {@code Optional}. */
    public Builder tlsVersion(Optional<String> tlsVersion) {
      this.tlsVersion = Objects.requireNonNull(tlsVersion, "tlsVersion");
      return this;
    }

    /** Sets {@link EndpointReport#cipherSuite()}. */
    public Builder cipherSuite(String cipherSuite) {
      this.cipherSuite = Optional.of(cipherSuite);
      return this;
    }

    /** Sets {@link EndpointReport#cipherSuite()}, or clears it with an empty {@code Optional}. */
    public Builder cipherSuite(Optional<String> cipherSuite) {
      this.cipherSuite = Objects.requireNonNull(cipherSuite, "cipherSuite");
      return this;
    }

    /** Sets {@link EndpointReport#keyExchangeGroup()}. */
    public Builder keyExchangeGroup(String keyExchangeGroup) {
      this.keyExchangeGroup = Optional.of(keyExchangeGroup);
      return this;
    }

    /**
     * Sets {@link EndpointReport#keyExchangeGroup()}, or clears it with an empty {@code Optional}.
     */
    public Builder keyExchangeGroup(Optional<String> keyExchangeGroup) {
      this.keyExchangeGroup = Objects.requireNonNull(keyExchangeGroup, "keyExchangeGroup");
      return this;
    }

    /** Sets {@link EndpointReport#certificates()} (copied). */
    public Builder certificates(List<PeerCertificate> certificates) {
      this.certificates = List.copyOf(certificates);
      return this;
    }

    /** Sets {@link EndpointReport#tlsaMatch()}. */
    public Builder tlsaMatch(TlsaMatchResult tlsaMatch) {
      this.tlsaMatch = Optional.of(tlsaMatch);
      return this;
    }

    /** Sets {@link EndpointReport#tlsaMatch()}, or clears it with an empty {@code Optional}. */
    public Builder tlsaMatch(Optional<TlsaMatchResult> tlsaMatch) {
      this.tlsaMatch = Objects.requireNonNull(tlsaMatch, "tlsaMatch");
      return this;
    }

    /** Sets {@link EndpointReport#pkix()}. */
    public Builder pkix(PkixStatus pkix) {
      this.pkix = Objects.requireNonNull(pkix, "pkix");
      return this;
    }

    /** Sets {@link EndpointReport#nameMatch()}. */
    public Builder nameMatch(NameMatch nameMatch) {
      this.nameMatch = Objects.requireNonNull(nameMatch, "nameMatch");
      return this;
    }

    /** Sets {@link EndpointReport#level()}. */
    public Builder level(TlsLevel level) {
      this.level = Objects.requireNonNull(level, "level");
      return this;
    }

    /** Sets {@link EndpointReport#elapsed()}. */
    public Builder elapsed(Duration elapsed) {
      this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
      return this;
    }

    /** Sets {@link EndpointReport#problems()} (copied). */
    public Builder problems(List<Problem> problems) {
      this.problems = List.copyOf(problems);
      return this;
    }

    /**
     * The endpointReport.
     *
     * @throws NullPointerException when a required value (address, certificateAlgorithm, sni,
     *     smtpOutcome, greeting, pkix, nameMatch, level, elapsed) is not set
     */
    public EndpointReport build() {
      return new EndpointReport(this);
    }
  }
}
