package org.danecheck.core.internal.check;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.danecheck.TlsaProfile;
import org.danecheck.core.DomainNames;
import org.danecheck.core.internal.dns.DnsConfig;

/** The immutable settings of a checker. Defaults are documented on the public builder. */
public record CheckOptions(
    DnsConfig dns,
    int smtpPort,
    Duration deadline,
    Duration connectTimeout,
    Duration commandTimeout,
    boolean ipv4,
    boolean ipv6,
    String ehloName,
    TlsaProfile tlsaProfile,
    Optional<KeyStore> pkixTrustStore,
    Optional<Path> pkixTrustPem,
    boolean bothAlgorithms,
    boolean offerAnonymous,
    Clock clock,
    Duration probeCacheAge,
    long probeCacheBytes,
    int maxConcurrentProbes,
    int maxConnectionsPerServer) {

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Parses {@code host[:port]} or {@code [v6]:port}. */
  public static InetSocketAddress parseResolver(String hostPort) {
    return DnsConfig.parseResolver(hostPort);
  }

  /**
   * The room one typical probe cache entry takes, for the entry count of the public builder: a
   * result with a 3-5 KB chain and its summaries, rounded up. The cache is bounded by bytes, so a
   * hostile megabyte chain takes the room of over a hundred entries.
   */
  public static final long TYPICAL_ENTRY_BYTES = 8 * 1024;

  /** Whether endpoint probes are cached. */
  public boolean probeCacheEnabled() {
    return probeCacheBytes > 0 && !probeCacheAge.isZero();
  }

  /** Collects settings; validates each as it is set. */
  public static final class Builder {
    private final DnsConfig.Builder dns = DnsConfig.builder();
    private int smtpPort = 25;
    private Duration deadline = Duration.ofSeconds(60);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration commandTimeout = Duration.ofSeconds(30);
    private boolean ipv4 = true;
    private boolean ipv6 = true;
    private String ehloName = defaultEhloName();
    private TlsaProfile tlsaProfile = TlsaProfile.SMTP;
    private KeyStore pkixTrustStore;
    private Path pkixTrustPem;
    private boolean bothAlgorithms;
    private boolean offerAnonymous;
    private Clock clock = Clock.systemUTC();
    private Duration probeCacheAge = Duration.ZERO;
    private long probeCacheBytes;
    private int maxConcurrentProbes = 32;
    private int maxConnectionsPerServer = 2;

    private Builder() {}

    public Builder resolvers(List<InetSocketAddress> resolvers) {
      dns.resolvers(resolvers);
      return this;
    }

    public Builder trustAnchors(String text) {
      dns.trustAnchors(text);
      return this;
    }

    public Builder adTrust(boolean on) {
      dns.adTrust(on);
      return this;
    }

    public Builder queryTimeout(Duration timeout) {
      dns.queryTimeout(timeout);
      return this;
    }

    public Builder dnsCacheEntries(int entries) {
      dns.cache(entries);
      return this;
    }

    public Builder dnsCacheBytes(long bytes) {
      dns.cacheBytes(bytes);
      return this;
    }

    public Builder smtpPort(int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("SMTP port " + port + " is not 1 to 65535");
      }
      this.smtpPort = port;
      return this;
    }

    public Builder deadline(Duration deadline) {
      this.deadline = positive("deadline", deadline);
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive("connect timeout", timeout);
      return this;
    }

    public Builder commandTimeout(Duration timeout) {
      this.commandTimeout = positive("command timeout", timeout);
      return this;
    }

    public Builder ipv4(boolean on) {
      this.ipv4 = on;
      dns.ipv4(on);
      return this;
    }

    public Builder ipv6(boolean on) {
      this.ipv6 = on;
      dns.ipv6(on);
      return this;
    }

    public Builder ehloName(String name) {
      this.ehloName = Objects.requireNonNull(name, "EHLO name");
      return this;
    }

    public Builder tlsaProfile(TlsaProfile profile) {
      this.tlsaProfile = profile;
      return this;
    }

    public Builder pkixTrustStore(KeyStore store) {
      this.pkixTrustStore = store;
      this.pkixTrustPem = null;
      return this;
    }

    public Builder pkixTrustPem(Path pem) {
      this.pkixTrustPem = pem;
      this.pkixTrustStore = null;
      return this;
    }

    public Builder bothAlgorithms(boolean on) {
      this.bothAlgorithms = on;
      return this;
    }

    public Builder offerAnonymous(boolean on) {
      this.offerAnonymous = on;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder probeCache(Duration maxAge, int maxEntries) {
      if (maxEntries < 0) {
        throw new IllegalArgumentException("probe cache size " + maxEntries + " is negative");
      }
      return probeCacheBytes(maxAge, maxEntries * TYPICAL_ENTRY_BYTES);
    }

    public Builder probeCacheBytes(Duration maxAge, long maxBytes) {
      if (maxBytes < 0) {
        throw new IllegalArgumentException("probe cache size " + maxBytes + " is negative");
      }
      this.probeCacheAge = Objects.requireNonNull(maxAge, "probe cache age");
      if (maxAge.isNegative()) {
        throw new IllegalArgumentException("probe cache age " + maxAge + " is negative");
      }
      this.probeCacheBytes = maxBytes;
      return this;
    }

    public Builder maxConcurrentProbes(int probes) {
      if (probes < 1) {
        throw new IllegalArgumentException("max concurrent probes " + probes + " is below 1");
      }
      this.maxConcurrentProbes = probes;
      return this;
    }

    public Builder maxConnectionsPerServer(int connections) {
      if (connections < 1) {
        throw new IllegalArgumentException(
            "max connections per server " + connections + " is below 1");
      }
      this.maxConnectionsPerServer = connections;
      return this;
    }

    public CheckOptions build() {
      if (!ipv4 && !ipv6) {
        throw new IllegalArgumentException("both IPv4 and IPv6 are off: nothing to probe");
      }
      return new CheckOptions(
          dns.build(),
          smtpPort,
          deadline,
          connectTimeout,
          commandTimeout,
          ipv4,
          ipv6,
          ehloName,
          tlsaProfile,
          Optional.ofNullable(pkixTrustStore),
          Optional.ofNullable(pkixTrustPem),
          bothAlgorithms,
          offerAnonymous,
          clock,
          probeCacheAge,
          probeCacheBytes,
          maxConcurrentProbes,
          maxConnectionsPerServer);
    }

    private static Duration positive(String what, Duration value) {
      Objects.requireNonNull(value, what);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(what + " " + value + " is not positive");
      }
      return value;
    }

    /** Debian's /etc/mailname when present; no DNS lookup, so no traffic to build a checker. */
    private static String defaultEhloName() {
      try {
        String name = Files.readString(Path.of("/etc/mailname")).strip();
        return DomainNames.normalize(name);
      } catch (Exception e) {
        return "dane-check.invalid";
      }
    }
  }
}
