/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.dns;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.xbill.DNS.ResolverConfig;

/**
 * How {@link MailDns} resolves: which recursive resolvers, which trust anchors, timeouts, and
 * whether to validate in process (the default) or trust the resolver's AD bit. Immutable.
 */
public final class DnsConfig {
  /** The default per-query timeout. */
  public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(5);

  /** The room one typical answer takes in the cache: a few records and their RRSIGs. */
  public static final long TYPICAL_ANSWER_BYTES = 2048;

  /** The default number of retries per resolver. */
  public static final int DEFAULT_RETRIES = 2;

  /** How many lookups one client runs at once by default (each may send several sub-queries). */
  public static final int DEFAULT_MAX_CONCURRENT_LOOKUPS = 64;

  private static final String ROOT_ANCHORS_RESOURCE = "/org/danecheck/core/root-anchors.txt";

  private final List<InetSocketAddress> resolvers;
  private final String trustAnchors;
  private final boolean adTrust;
  private final Duration queryTimeout;
  private final int retries;
  private final long cacheBytes;
  private final boolean ipv4;
  private final boolean ipv6;
  private final int maxConcurrentLookups;

  private DnsConfig(Builder b) {
    this.resolvers = b.resolvers == null ? systemResolvers() : b.resolvers;
    this.trustAnchors = b.trustAnchors == null ? builtInTrustAnchors() : b.trustAnchors;
    this.adTrust = b.adTrust;
    this.queryTimeout = b.queryTimeout;
    this.retries = b.retries;
    this.cacheBytes = b.cacheBytes;
    this.ipv4 = b.ipv4;
    this.ipv6 = b.ipv6;
    this.maxConcurrentLookups = b.maxConcurrentLookups;
  }

  /** The system's resolvers, built-in IANA root anchors, in-process validation, no cache. */
  public static DnsConfig defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The IANA root zone trust anchors (KSK-2017, key tag 20326, and KSK-2024, key tag 38696) as DS
   * records in presentation format, one per line.
   */
  public static String builtInTrustAnchors() {
    try (InputStream in = DnsConfig.class.getResourceAsStream(ROOT_ANCHORS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + ROOT_ANCHORS_RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + ROOT_ANCHORS_RESOURCE, e);
    }
  }

  /**
   * Parses {@code host[:port]} or {@code [v6]:port} (port 53 when absent) into a socket address,
   * without a DNS lookup.
   *
   * @throws IllegalArgumentException when the text is not an IP address with an optional port
   */
  public static InetSocketAddress parseResolver(String text) {
    Objects.requireNonNull(text, "resolver");
    String host = text.strip();
    int port = 53;
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("resolver '" + text + "': missing ']'");
      }
      if (close + 1 < host.length()) {
        port = parsePort(text, host.substring(close + 1));
      }
      host = host.substring(1, close);
    } else if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
      port = parsePort(text, host.substring(host.indexOf(':')));
      host = host.substring(0, host.indexOf(':'));
    }
    boolean ipv4Literal = host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    boolean ipv6Literal = host.contains(":") && host.matches("[0-9a-fA-F:.]+");
    if (!ipv4Literal && !ipv6Literal) {
      throw new IllegalArgumentException("resolver '" + text + "': not an IP address");
    }
    try {
      // An IP literal: InetAddress does no lookup for these.
      java.net.InetAddress address = java.net.InetAddress.getByName(host);
      return new InetSocketAddress(address, port);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("resolver '" + text + "': not an IP address", e);
    }
  }

  private static int parsePort(String text, String colonPort) {
    try {
      int port = Integer.parseInt(colonPort.substring(1));
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      throw new IllegalArgumentException("resolver '" + text + "': bad port");
    }
  }

  private static List<InetSocketAddress> systemResolvers() {
    List<InetSocketAddress> servers = ResolverConfig.getCurrentConfig().servers();
    return servers.isEmpty() ? List.of(new InetSocketAddress("127.0.0.1", 53)) : servers;
  }

  /** {@code resolver 127.0.0.1:53}, or {@code resolvers a:53, b:53}, for messages. */
  public String resolversText() {
    StringBuilder text = new StringBuilder(resolvers.size() == 1 ? "resolver " : "resolvers ");
    for (int i = 0; i < resolvers.size(); i++) {
      InetSocketAddress r = resolvers.get(i);
      String host = r.getAddress() != null ? r.getAddress().getHostAddress() : r.getHostString();
      text.append(i == 0 ? "" : ", ")
          .append(host.contains(":") ? "[" + host + "]" : host)
          .append(':')
          .append(r.getPort());
    }
    return text.toString();
  }

  /** The recursive resolvers asked, in order. */
  public List<InetSocketAddress> resolvers() {
    return resolvers;
  }

  /** The trust anchors, DS or DNSKEY records in presentation format. */
  public String trustAnchors() {
    return trustAnchors;
  }

  /** Whether the resolvers' AD bit is trusted instead of validating in process. */
  public boolean adTrust() {
    return adTrust;
  }

  /** How long one query to one resolver may take. */
  public Duration queryTimeout() {
    return queryTimeout;
  }

  /** How often a query is sent again to a resolver that did not answer. */
  public int retries() {
    return retries;
  }

  /** How many bytes of answers the cache keeps at most (estimated); 0 when there is no cache. */
  public long cacheBytes() {
    return cacheBytes;
  }

  /**
   * The longest one lookup may run for all the callers that share it, DNSSEC sub-queries included:
   * twice what one query may take with all its tries at every resolver. Callers wait until their
   * own deadlines only; a shared lookup also ends when its last caller is gone.
   */
  public Duration lookupBudget() {
    return queryTimeout.multipliedBy(2L * (retries + 1) * resolvers.size());
  }

  /** Whether A records are looked up. */
  public boolean ipv4() {
    return ipv4;
  }

  /** Whether AAAA records are looked up. */
  public boolean ipv6() {
    return ipv6;
  }

  /** How many lookups run at once; more wait, holding no thread. */
  public int maxConcurrentLookups() {
    return maxConcurrentLookups;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "DnsConfig[resolvers=%s, adTrust=%s, queryTimeout=%s, retries=%d, cacheBytes=%d, ipv4=%s,"
            + " ipv6=%s, maxConcurrentLookups=%d]",
        resolvers,
        adTrust,
        queryTimeout,
        retries,
        cacheBytes,
        ipv4,
        ipv6,
        maxConcurrentLookups);
  }

  /** Builds a {@link DnsConfig}. */
  public static final class Builder {
    private List<InetSocketAddress> resolvers;
    private String trustAnchors;
    private boolean adTrust;
    private Duration queryTimeout = DEFAULT_QUERY_TIMEOUT;
    private int retries = DEFAULT_RETRIES;
    private long cacheBytes;
    private boolean ipv4 = true;
    private boolean ipv6 = true;
    private int maxConcurrentLookups = DEFAULT_MAX_CONCURRENT_LOOKUPS;

    private Builder() {}

    /**
     * How many lookups may run at once (default {@value #DEFAULT_MAX_CONCURRENT_LOOKUPS}; 1 to
     * 4096). It bounds the queries in flight to the resolvers, and so a scan's throughput when
     * latency, not CPU, is the limit.
     */
    public Builder maxConcurrentLookups(int lookups) {
      if (lookups < 1 || lookups > 4096) {
        throw new IllegalArgumentException("max concurrent lookups must be 1 to 4096: " + lookups);
      }
      this.maxConcurrentLookups = lookups;
      return this;
    }

    /**
     * Asks these resolvers (UDP, TCP when truncated) instead of those of {@code /etc/resolv.conf}.
     *
     * @throws IllegalArgumentException when the list is empty
     */
    public Builder resolvers(List<InetSocketAddress> resolvers) {
      if (resolvers.isEmpty()) {
        throw new IllegalArgumentException("at least one resolver is needed");
      }
      this.resolvers = List.copyOf(resolvers);
      return this;
    }

    /**
     * Uses these trust anchors (DS or DNSKEY records in presentation format, e.g. a private root or
     * a lab's) instead of the built-in IANA root anchors.
     */
    public Builder trustAnchors(String text) {
      this.trustAnchors = Objects.requireNonNull(text, "trust anchors");
      return this;
    }

    /**
     * Trusts the resolver's AD bit (as Postfix does) instead of validating in process. Off by
     * default; only safe with a validating resolver on loopback.
     */
    public Builder adTrust(boolean on) {
      this.adTrust = on;
      return this;
    }

    /** How long one query to one resolver may take (default 5 s). */
    public Builder queryTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("query timeout must be positive: " + timeout);
      }
      this.queryTimeout = timeout;
      return this;
    }

    /** How often an unanswered query is sent again to a resolver (default 2; 0 to 10). */
    public Builder retries(int retries) {
      if (retries < 0 || retries > 10) {
        throw new IllegalArgumentException("retries must be 0 to 10: " + retries);
      }
      this.retries = retries;
      return this;
    }

    /** Turns the answer cache on ({@value MailDns#DEFAULT_CACHE_ENTRIES} entries) or off. */
    public Builder cache(boolean on) {
      return cache(on ? MailDns.DEFAULT_CACHE_ENTRIES : 0);
    }

    /**
     * Keeps answers for their TTL, room for this many typical answers ({@value
     * #TYPICAL_ANSWER_BYTES} bytes each: the cache is bounded by bytes, so a large answer takes the
     * room of several); 0 turns the cache off (the default).
     */
    public Builder cache(int maxEntries) {
      if (maxEntries < 0) {
        throw new IllegalArgumentException("cache size must not be negative: " + maxEntries);
      }
      return cacheBytes(maxEntries * TYPICAL_ANSWER_BYTES);
    }

    /** Keeps answers for their TTL, at most about this many bytes of them; 0 turns it off. */
    public Builder cacheBytes(long maxBytes) {
      if (maxBytes < 0) {
        throw new IllegalArgumentException("cache size must not be negative: " + maxBytes);
      }
      this.cacheBytes = maxBytes;
      return this;
    }

    /** Whether to look up A records (default true). */
    public Builder ipv4(boolean on) {
      this.ipv4 = on;
      return this;
    }

    /** Whether to look up AAAA records (default true). */
    public Builder ipv6(boolean on) {
      this.ipv6 = on;
      return this;
    }

    /**
     * The configuration.
     *
     * @throws IllegalArgumentException when neither address family is enabled
     */
    public DnsConfig build() {
      if (!ipv4 && !ipv6) {
        throw new IllegalArgumentException("enable IPv4, IPv6 or both");
      }
      return new DnsConfig(this);
    }
  }
}
