package org.danecheck;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened at one MX endpoint (an address and port of an MX host): the SMTP dialogue, the TLS
 * session, the certificates sent, the TLSA match and the resulting level.
 *
 * @param address the IP address, in its usual text form ({@code 192.0.2.1}, {@code 2001:db8::1})
 * @param port the TCP port
 * @param certificateAlgorithm which server certificate the probe asked for
 * @param sni the server name sent in the TLS SNI extension, or the empty string for none
 * @param smtpOutcome how far the dialogue got
 * @param greeting the server's greeting (first line), or the empty string
 * @param starttlsOffered whether EHLO advertised STARTTLS
 * @param tlsVersion the negotiated protocol, e.g. {@code TLSv1.3}
 * @param cipherSuite the negotiated cipher suite, IANA name
 * @param keyExchangeGroup the key exchange group, e.g. {@code x25519}, when known
 * @param certificates the chain as the server sent it
 * @param tlsaMatch the TLSA match result, when the host has TLSA records and a session was made
 * @param pkix whether the chain validates to the PKIX trust store
 * @param nameMatch whether the leaf names the MX host
 * @param level the session's level, as Postfix logs it
 * @param elapsed how long the probe took
 * @param problems what went wrong at this endpoint
 */
public record EndpointReport(
    String address,
    int port,
    CertificateAlgorithm certificateAlgorithm,
    String sni,
    SmtpOutcome smtpOutcome,
    String greeting,
    boolean starttlsOffered,
    Optional<String> tlsVersion,
    Optional<String> cipherSuite,
    Optional<String> keyExchangeGroup,
    List<PeerCertificate> certificates,
    Optional<TlsaMatchResult> tlsaMatch,
    PkixStatus pkix,
    NameMatch nameMatch,
    TlsLevel level,
    Duration elapsed,
    List<Problem> problems) {
  /** Checks that no component is null and copies the lists. */
  public EndpointReport {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(certificateAlgorithm, "certificateAlgorithm");
    Objects.requireNonNull(sni, "sni");
    Objects.requireNonNull(smtpOutcome, "smtpOutcome");
    Objects.requireNonNull(greeting, "greeting");
    Objects.requireNonNull(tlsVersion, "tlsVersion");
    Objects.requireNonNull(cipherSuite, "cipherSuite");
    Objects.requireNonNull(keyExchangeGroup, "keyExchangeGroup");
    certificates = List.copyOf(certificates);
    Objects.requireNonNull(tlsaMatch, "tlsaMatch");
    Objects.requireNonNull(pkix, "pkix");
    Objects.requireNonNull(nameMatch, "nameMatch");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(elapsed, "elapsed");
    problems = List.copyOf(problems);
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
}
