package org.danecheck.core;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.danecheck.DomainReport;
import org.danecheck.TlsaProfile;
import org.danecheck.core.internal.check.CheckEngine;
import org.danecheck.core.internal.check.CheckOptions;

/**
 * Answers, for a mail domain: would a DANE-enforcing MTA (RFC 7672) deliver to it securely, and if
 * not, why? Build one with {@link #builder()}, share it between threads, and {@link #close()} it
 * when done.
 *
 * <pre>{@code
 * try (DaneChecker checker = DaneChecker.builder().build()) {
 *   DomainReport report = checker.check("example.org");
 *   System.out.println(report.verdict() + " " + report.mtaAction());
 * }
 * }</pre>
 *
 * <p>Network failures, bogus signatures and hostile servers are reported in the {@link
 * DomainReport}, never thrown. A check never outlives its deadline: its report comes by then, and
 * its probes and DNS lookups (DNSSEC sub-queries included) are stopped then. All the checker's work
 * runs on threads it owns; no JVM setting is needed.
 */
public final class DaneChecker implements AutoCloseable {
  private final CheckEngine engine;

  private DaneChecker(CheckOptions options) {
    this.engine = new CheckEngine(options);
  }

  /** A builder with the defaults: system resolvers, IANA root trust anchors, port 25. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Checks a mail domain end to end: MX, addresses, TLSA, STARTTLS to every endpoint.
   *
   * @param domain a domain name; U-labels are converted to A-labels, case and a trailing dot are
   *     ignored
   * @throws IllegalArgumentException when the name is not a valid domain name
   */
  public DomainReport check(String domain) {
    return checkAsync(domain).join();
  }

  /**
   * Like {@link #check(String)}, without blocking the caller. Cancelling the returned future stops
   * the check's work: its probes (their sockets are closed) and its waits for DNS answers.
   *
   * @throws IllegalArgumentException when the name is not a valid domain name
   * @throws IllegalStateException when the checker is closed
   */
  public CompletableFuture<DomainReport> checkAsync(String domain) {
    return engine.checkDomain(DomainNames.normalize(domain));
  }

  /**
   * Checks one mail server as a relay host configured by name, not found through MX records (RFC
   * 7672 2.2.2): its addresses, TLSA records and endpoints. Its name is trusted as a secure MX host
   * name would be; DANE-TA(2) leaves must name its TLSA base domain or the host itself (RFC 7672
   * 3.2.2, non-MX destinations). For monitoring a single mail server.
   *
   * @throws IllegalArgumentException when the name is not a valid host name
   * @throws IllegalStateException when the checker is closed
   */
  public DomainReport checkHost(String mxHost) {
    return engine.checkHost(DomainNames.normalize(mxHost)).join();
  }

  /**
   * Stops the checker. Every check in flight completes at once with what is known by then: its
   * verdict {@link org.danecheck.DaneVerdict#INDETERMINATE}, the steps not done listed in {@link
   * DomainReport#incompleteSteps()}. Probe sockets are closed and DNS lookups stopped before it
   * returns, and the threads are told to end; it waits for none of them, so it returns at once.
   * Idempotent; after it, {@link #check}, {@link #checkAsync} and {@link #checkHost} throw {@link
   * IllegalStateException}.
   */
  @Override
  public void close() {
    engine.close();
  }

  /** Options for a {@link DaneChecker}. Every setting has a sensible default. */
  public static final class Builder {
    private final CheckOptions.Builder options = CheckOptions.builder();

    private Builder() {}

    /**
     * Recursive resolvers to ask, as {@code host[:port]} (IPv6 as {@code [addr]:port}); default:
     * those of {@code /etc/resolv.conf}.
     */
    public Builder resolvers(List<String> hostPorts) {
      List<InetSocketAddress> addresses = new ArrayList<>();
      for (String hostPort : hostPorts) {
        addresses.add(CheckOptions.parseResolver(hostPort));
      }
      options.resolvers(addresses);
      return this;
    }

    /** One recursive resolver. */
    public Builder resolver(InetSocketAddress address) {
      options.resolvers(List.of(Objects.requireNonNull(address, "resolver address")));
      return this;
    }

    /**
     * Replaces the built-in root trust anchors (IANA KSKs 20326 and 38696) by DS or DNSKEY records
     * in presentation format, one per line: for private roots and labs.
     */
    public Builder trustAnchors(String presentationText) {
      options.trustAnchors(Objects.requireNonNull(presentationText, "trust anchors"));
      return this;
    }

    /** Like {@link #trustAnchors(String)}, read from a file. */
    public Builder trustAnchorFile(Path file) {
      try {
        return trustAnchors(Files.readString(file));
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read trust anchor file " + file + ": " + e, e);
      }
    }

    /**
     * Trusts the AD bit of the resolvers instead of validating in process, as Postfix does. Off by
     * default; reported in every result; only safe with a validating resolver on loopback.
     */
    public Builder adTrust(boolean on) {
      options.adTrust(on);
      return this;
    }

    /** The SMTP port to probe and to look up TLSA records for; default 25. */
    public Builder smtpPort(int port) {
      options.smtpPort(port);
      return this;
    }

    /**
     * The deadline of a whole check; default 60 s. It bounds all of the check's work, DNS included:
     * by then the report is complete or cut, and the check's probes and lookups are stopped.
     */
    public Builder deadline(Duration deadline) {
      options.deadline(deadline);
      return this;
    }

    /** Timeout of one DNS query (per try); default 5 s. */
    public Builder queryTimeout(Duration timeout) {
      options.queryTimeout(timeout);
      return this;
    }

    /** Timeout of the TCP connect; default 10 s. */
    public Builder connectTimeout(Duration timeout) {
      options.connectTimeout(timeout);
      return this;
    }

    /** Timeout of each SMTP reply and of the TLS handshake; default 30 s. */
    public Builder commandTimeout(Duration timeout) {
      options.commandTimeout(timeout);
      return this;
    }

    /** Whether to look up and probe IPv4 addresses; default on. */
    public Builder ipv4(boolean on) {
      options.ipv4(on);
      return this;
    }

    /** Whether to look up and probe IPv6 addresses; default on. */
    public Builder ipv6(boolean on) {
      options.ipv6(on);
      return this;
    }

    /** The name sent in EHLO; default the local host name, else {@code dane-check.invalid}. */
    public Builder ehloName(String name) {
      options.ehloName(DomainNames.normalize(name));
      return this;
    }

    /** Which rules govern TLSA usages 0 and 1; default {@link TlsaProfile#SMTP}. */
    public Builder tlsaProfile(TlsaProfile profile) {
      options.tlsaProfile(Objects.requireNonNull(profile, "profile"));
      return this;
    }

    /** The PKIX trust store for the Trusted/Untrusted levels; default the JDK's cacerts. */
    public Builder pkixTrustStore(KeyStore trustStore) {
      options.pkixTrustStore(Objects.requireNonNull(trustStore, "trust store"));
      return this;
    }

    /** The PKIX trust store from a PEM bundle of CA certificates. */
    public Builder pkixTrustPem(Path pemBundle) {
      options.pkixTrustPem(Objects.requireNonNull(pemBundle, "PEM bundle"));
      return this;
    }

    /**
     * Probes each endpoint of a host with TLSA records twice, once offering only RSA and once only
     * ECDSA, so both of a dual-certificate server's chains are checked; default off.
     */
    public Builder bothAlgorithms(boolean on) {
      options.bothAlgorithms(on);
      return this;
    }

    /**
     * Offers anonymous (aNULL) cipher suites to hosts without usable TLSA records, so the
     * "Anonymous" level can be observed as Postfix would; never to hosts with usable TLSA records
     * (RFC 7672 8.2). Default off.
     */
    public Builder offerAnonymous(boolean on) {
      options.offerAnonymous(on);
      return this;
    }

    /** The clock for certificate validity and reports; for tests. */
    public Builder clock(Clock clock) {
      options.clock(Objects.requireNonNull(clock, "clock"));
      return this;
    }

    /**
     * Caches DNS answers by their TTL (for scanners), with room for this many typical answers; the
     * cache is bounded by bytes (2 KiB per typical answer), so large answers take the room of
     * several. Default off.
     */
    public Builder dnsCache(int maxEntries) {
      options.dnsCacheEntries(maxEntries);
      return this;
    }

    /** Caches DNS answers by their TTL, at most about this many bytes of them; 0 for none. */
    public Builder dnsCacheBytes(long maxBytes) {
      options.dnsCacheBytes(maxBytes);
      return this;
    }

    /**
     * Caches endpoint probe results for this long, keyed by host name, address, port, SNI and
     * certificate algorithm, so a scan of many domains contacts each mail server once; probes in
     * flight for the same key are shared. The cache has room for {@code maxEntries} typical results
     * and is bounded by bytes (8 KiB per typical result: a hostile server's megabyte of
     * certificates takes the room of over a hundred). Only complete probes are kept, never one cut
     * short by a check's deadline. Default off.
     */
    public Builder probeCache(Duration maxAge, int maxEntries) {
      options.probeCache(maxAge, maxEntries);
      return this;
    }

    /** Like {@link #probeCache(Duration, int)}, bounded to about {@code maxBytes} bytes. */
    public Builder probeCacheBytes(Duration maxAge, long maxBytes) {
      options.probeCacheBytes(maxAge, maxBytes);
      return this;
    }

    /** How many probes may run at once (threads); default 32. */
    public Builder maxConcurrentProbes(int probes) {
      options.maxConcurrentProbes(probes);
      return this;
    }

    /**
     * How many connections at once to one IP address, across all checks; default 2. Probes wait for
     * a connection in a queue per server without holding a probe thread, and one check makes at
     * most 8 probes to one address (more are reported as not probed, {@code LIMIT_REACHED}).
     */
    public Builder maxConnectionsPerServer(int connections) {
      options.maxConnectionsPerServer(connections);
      return this;
    }

    /** Builds the checker; it owns threads until {@link DaneChecker#close()}. */
    public DaneChecker build() {
      return new DaneChecker(options.build());
    }
  }
}
