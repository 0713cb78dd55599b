/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.testkit;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.danecheck.CheckEnvironment;
import org.danecheck.TlsaRecord;

/**
 * A whole DANE lab in one object: DNSSEC-signed zones on a loopback DNS server and STARTTLS mail
 * servers with certificates from the lab's own CA, described as mail domains. For our tests, the
 * demo, benchmarks, and users' own JUnit tests of their configuration.
 *
 * <pre>{@code
 * try (DaneLab lab = DaneLab.builder()
 *     .domain("example.test", d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1)))
 *     .start()) {
 *   // DaneChecker.builder().environment(lab): its DNS server, trust anchor and SMTP port
 * }
 * }</pre>
 *
 * <p>Each MX host gets its own 127.x.y.z address (Linux routes all of 127/8 to loopback): from
 * 127.1.0.1 to 127.1.255.255, then, for labs of more hosts, from 127.64.0.0 up to 127.127.255.255
 * (4.2 million more); one host may also have ::1. Mail servers listen on one ephemeral port, so
 * TLSA records are published for that port: a checker takes it with the rest of the lab as a {@link
 * CheckEnvironment}. A lab of more than {@value #BOUND_ADDRESSES_MAX} host addresses (or one built
 * with {@link Builder#wildcardListener(boolean)}) accepts on one wildcard socket rather than one
 * socket per address, and closes non-loopback connections at once ({@link
 * LabMailServer.Builder#wildcard(boolean)}).
 */
public final class DaneLab implements AutoCloseable, CheckEnvironment {
  /**
   * The most host addresses a lab binds one socket each for; a lab of more accepts on the wildcard
   * address (a process may hold only so many sockets: often 1,024 to 65,536).
   */
  public static final int BOUND_ADDRESSES_MAX = 10_000;

  private final LabDnsServer dns;
  private final LabMailServer mail;
  private final LabCertificateAuthority ca;
  private final Map<String, Supplier<LabEndpoint>> endpoints;
  private final List<String> domains;

  /**
   * A lab host as built: its name, addresses, the chains it serves and its TLSA records.
   *
   * @param name the host name (absolute, lower case)
   * @param addresses the addresses of its A/AAAA records
   * @param chains the chains its server sends
   * @param tlsaRecords the TLSA records published for it
   */
  public record LabEndpoint(
      String name,
      List<InetAddress> addresses,
      List<ServerChain> chains,
      List<TlsaRecord> tlsaRecords) {
    /** Copies the lists. */
    public LabEndpoint {
      addresses = List.copyOf(addresses);
      chains = List.copyOf(chains);
      tlsaRecords = List.copyOf(tlsaRecords);
    }
  }

  private DaneLab(
      LabDnsServer dns,
      LabMailServer mail,
      LabCertificateAuthority ca,
      Map<String, Supplier<LabEndpoint>> endpoints,
      List<String> domains) {
    this.dns = dns;
    this.mail = mail;
    this.ca = ca;
    this.endpoints = endpoints;
    this.domains = domains;
  }

  /** A builder for a lab. */
  public static Builder builder() {
    return new Builder();
  }

  /** The lab DNS server's address, to use as the checker's only resolver. */
  @Override
  public InetSocketAddress dnsAddress() {
    return dns.address();
  }

  /** The lab root's trust anchor (DS records, presentation form). */
  @Override
  public String trustAnchor() {
    return dns.trustAnchor();
  }

  /** The port every lab mail server listens on. */
  @Override
  public int smtpPort() {
    return mail.port();
  }

  /** The lab's root CA: trust it in PKIX to see the "Trusted" level. */
  public TestCertificate rootCa() {
    return ca.root();
  }

  /**
   * A PKIX trust store holding the lab's root CA, so lab servers reach the "Trusted" level.
   *
   * @throws IllegalStateException if the JDK cannot make a key store
   */
  public KeyStore trustStore() {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      store.setCertificateEntry("dane-check-lab-root", ca.root().x509());
      return store;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot make a key store: " + e.getMessage(), e);
    }
  }

  /** The lab's intermediate CA, which signs generated leaves and is sent after them. */
  public TestCertificate intermediateCa() {
    return ca.intermediate();
  }

  /**
   * A host as built.
   *
   * @throws IllegalArgumentException when the lab has no such host
   */
  public LabEndpoint host(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    Supplier<LabEndpoint> endpoint = endpoints.get(key.endsWith(".") ? key : key + ".");
    if (endpoint == null) {
      throw new IllegalArgumentException(
          "the lab has no host "
              + name
              + "; it has "
              + (endpoints.size() <= 100 ? endpoints.keySet() : endpoints.size() + " hosts"));
    }
    return endpoint.get();
  }

  /**
   * The mail domains declared with {@link Builder#domain(String, Consumer)}, in that order, without
   * the trailing dot: for properties that must hold for every domain of a lab.
   */
  public List<String> domains() {
    return domains;
  }

  /** The DNS server, for query counts and the like. */
  public LabDnsServer dns() {
    return dns;
  }

  /**
   * The mail server, for session counts, the names clients sent in SNI, and (with {@link
   * Builder#acceptMail(boolean)}) the messages it took.
   */
  public LabMailServer mail() {
    return mail;
  }

  /** Stops the DNS and mail servers. */
  @Override
  public void close() {
    try {
      mail.close();
    } finally {
      dns.close();
    }
  }

  /** Describes the lab's domains, zones and servers, then starts it. */
  public static final class Builder {
    private final Map<String, LabDomain> domains = new LinkedHashMap<>();
    private final Map<String, List<Consumer<LabZone>>> zones = new LinkedHashMap<>();
    private final Map<String, LabHost> sharedHosts = new LinkedHashMap<>();
    private Duration latency = Duration.ZERO;
    private Duration sessionTimeout = Duration.ofSeconds(10);
    private LabAlgorithm zoneAlgorithm = LabAlgorithm.ECDSAP256SHA256;
    private boolean shareKeys;
    private boolean acceptMail;
    private boolean wildcardListener;
    private boolean lazyCertificates;
    private int nextAddress = 1;

    private Builder() {}

    /**
     * Accepts mail connections on one wildcard socket for every host address (default: only for
     * labs of more than {@value DaneLab#BOUND_ADDRESSES_MAX} addresses); see {@link
     * LabMailServer.Builder#wildcard(boolean)}: the port is then open on every interface while the
     * lab runs, and connections from or to non-loopback addresses are closed unread.
     */
    public Builder wildcardListener(boolean on) {
      this.wildcardListener = on;
      return this;
    }

    /**
     * Makes each host's generated certificate when a client first connects to it, or {@link
     * DaneLab#host(String)} asks for it, instead of at start (default off): a lab of hundreds of
     * thousands of servers then starts in minutes, and servers never connected to cost no
     * certificate. Each is made once; hosts whose TLSA records are computed from their own chain
     * get theirs at start. A {@link LabHost#leaf leaf customizer} that throws then fails that
     * connection (closed) instead of {@link #start()}.
     */
    public Builder lazyCertificates(boolean on) {
      this.lazyCertificates = on;
      return this;
    }

    /** A mail domain and its zone; host names in it are relative to it. */
    public Builder domain(String name, Consumer<LabDomain> spec) {
      String absolute = absolute(name);
      LabDomain domain = domains.computeIfAbsent(absolute, LabDomain::new);
      Objects.requireNonNull(spec, "spec").accept(domain);
      return this;
    }

    /** A zone that is not a mail domain (e.g. a hoster's zone, or one to leave unsigned). */
    public Builder zone(String name, Consumer<LabZone> spec) {
      zones.computeIfAbsent(absolute(name), n -> new ArrayList<>()).add(spec);
      return this;
    }

    /**
     * A mail host not tied to one domain (a hoster's server), for domains to name with {@link
     * LabDomain#mxShared(int, String)}; its zone is its parent name, created signed unless declared
     * otherwise with {@link #zone(String, Consumer)}.
     */
    public Builder host(String absoluteName, Consumer<LabHost> spec) {
      LabHost host = sharedHosts.computeIfAbsent(absolute(absoluteName), LabHost::new);
      Objects.requireNonNull(spec, "spec").accept(host);
      return this;
    }

    /**
     * Signs every zone of the lab (the root and its ancestors included) with this algorithm, unless
     * a zone's own description says otherwise; default ECDSA P-256. RSA makes validation cheap for
     * the checker (a signature check costs ~70 µs against ~1.7 ms for P-256), e.g. for scans.
     */
    public Builder zoneAlgorithm(LabAlgorithm algorithm) {
      this.zoneAlgorithm = Objects.requireNonNull(algorithm, "algorithm");
      return this;
    }

    /** Uses one key per algorithm for all zones: needed to start labs of many RSA zones fast. */
    public Builder shareKeys(boolean on) {
      this.shareKeys = on;
      return this;
    }

    /** Adds this latency to every DNS answer and every SMTP reply. */
    public Builder latency(Duration latency) {
      this.latency = Objects.requireNonNull(latency, "latency");
      return this;
    }

    /**
     * How long a mail session may last at most (default 10 s): hostile personas (silent, trickling,
     * never reading) hold their connections this long.
     */
    public Builder sessionTimeout(Duration timeout) {
      this.sessionTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Whether the lab's mail servers take mail and record it (default off; see {@link
     * LabMailServer.Builder#acceptMail(boolean)} and {@link LabMailServer#messages()}): for tests
     * of senders, e.g. that a message arrives only where a DANE MTA would deliver it.
     */
    public Builder acceptMail(boolean on) {
      this.acceptMail = on;
      return this;
    }

    /**
     * Generates the certificates, starts the mail servers, then signs and serves the zones.
     *
     * @throws IllegalStateException when a server cannot start
     */
    public DaneLab start() {
      LabCertificateAuthority ca = new LabCertificateAuthority();
      LabMailServer mail =
          LabMailServer.builder()
              .latency(latency)
              .sessionTimeout(sessionTimeout)
              .acceptMail(acceptMail)
              .wildcard(wildcardListener || hostAddresses() > BOUND_ADDRESSES_MAX)
              .build()
              .start();
      try {
        Map<String, List<String>> recordsByName = new LinkedHashMap<>();
        Map<String, Supplier<LabEndpoint>> endpoints = new LinkedHashMap<>();
        List<String[]> faults = new ArrayList<>();
        boolean ipv6Taken = false;
        for (LabHost host : sharedHosts.values()) {
          if (host.ipv6) {
            if (ipv6Taken) {
              throw new IllegalStateException("only one lab host can have the IPv6 loopback ::1");
            }
            ipv6Taken = true;
          }
          endpoints.put(host.name, buildHost(host, ca, mail, recordsByName, faults));
        }
        for (LabDomain domain : domains.values()) {
          if (domain.nullMx) {
            add(recordsByName, domain.name, domain.name + " 300 IN MX 0 .");
          }
          for (LabDomain.MxSpec mx : domain.mx) {
            add(
                recordsByName,
                domain.name,
                domain.name + " 300 IN MX " + mx.preference() + " " + mx.host());
          }
          List<LabHost> hosts = new ArrayList<>();
          domain.mx.stream()
              .map(LabDomain.MxSpec::spec)
              .filter(Objects::nonNull)
              .forEach(hosts::add);
          if (domain.implicitMx != null) {
            hosts.add(domain.implicitMx);
          }
          for (LabHost host : hosts) {
            if (host.ipv6) {
              if (ipv6Taken) {
                throw new IllegalStateException("only one lab host can have the IPv6 loopback ::1");
              }
              ipv6Taken = true;
            }
            endpoints.put(host.name, buildHost(host, ca, mail, recordsByName, faults));
          }
          for (String line : domain.records) {
            String record = atLabPort(qualify(line, domain.name), mail.port());
            add(recordsByName, ownerOf(record), record);
          }
          for (int i = 0; i < domain.faults.size(); i++) {
            LabHost.FaultSpec f = domain.faults.get(i);
            faults.add(new String[] {domain.faultNames.get(i), f.type(), f.fault().name()});
          }
        }
        LabDnsServer dns = buildDns(recordsByName, faults);
        return new DaneLab(
            dns,
            mail,
            ca,
            endpoints,
            domains.keySet().stream().map(d -> d.substring(0, d.length() - 1)).toList());
      } catch (RuntimeException e) {
        mail.close();
        throw e;
      }
    }

    private Supplier<LabEndpoint> buildHost(
        LabHost host,
        LabCertificateAuthority ca,
        LabMailServer mail,
        Map<String, List<String>> records,
        List<String[]> faults) {
      String addressName = host.alias != null ? absolute(host.alias) : host.name;
      if (host.alias != null) {
        add(records, host.name, host.name + " 300 IN CNAME " + addressName);
      }
      boolean chainsAtStart =
          !lazyCertificates
              || !host.chains.isEmpty()
              || host.tlsa.stream().anyMatch(t -> t.source() == LabHost.TlsaSource.LEAF)
              || host.tlsa.stream().anyMatch(t -> t.source() == LabHost.TlsaSource.TOP_OF_CHAIN);
      Supplier<List<ServerChain>> chainMaker =
          once(
              () -> {
                List<ServerChain> made = new ArrayList<>(host.chains);
                if (made.isEmpty()) {
                  if (host.dualAlgorithms) {
                    made.add(ca.issue(host, KeyAlgorithm.RSA));
                    made.add(ca.issue(host, KeyAlgorithm.ECDSA));
                  } else {
                    made.add(ca.issue(host, host.keyAlgorithm));
                  }
                }
                return List.copyOf(made);
              });
      if (chainsAtStart) {
        chainMaker.get();
      }
      Supplier<MailPersona> persona =
          once(
              () ->
                  new MailPersona(
                      host.behaviour,
                      needsChains(host.behaviour) ? chainMaker.get() : List.of(),
                      Duration.ofSeconds(2),
                      Duration.ZERO,
                      relative(host.name)));
      if (chainsAtStart) {
        persona.get();
      }
      List<InetAddress> addresses = new ArrayList<>();
      if (host.ipv4) {
        InetAddress address = host.fixedAddress != null ? host.fixedAddress : nextLoopback();
        add(records, addressName, addressName + " 300 IN A " + address.getHostAddress());
        serve(mail, address, persona, chainsAtStart).dispatcher(address, host.dispatcher);
        addresses.add(address);
      }
      if (host.ipv6) {
        InetAddress address = loopbackV6();
        add(records, addressName, addressName + " 300 IN AAAA ::1");
        serve(mail, address, persona, chainsAtStart).dispatcher(address, host.dispatcher);
        addresses.add(address);
      }
      String tlsaOwner =
          "_"
              + mail.port()
              + "._tcp."
              + (host.alias != null && !host.tlsaAtOriginalName ? addressName : host.name);
      List<TlsaRecord> tlsa = new ArrayList<>();
      for (LabHost.TlsaSpec spec : host.tlsa) {
        TlsaRecord record =
            tlsaRecord(
                spec,
                spec.source() == LabHost.TlsaSource.LEAF
                        || spec.source() == LabHost.TlsaSource.TOP_OF_CHAIN
                    ? chainMaker.get().get(0)
                    : null,
                ca);
        tlsa.add(record);
        add(records, tlsaOwner, tlsaOwner + " 300 IN TLSA " + record);
      }
      for (LabHost.FaultSpec fault : host.faults) {
        String base = fault.atAlias() ? addressName : host.name;
        String name = fault.type().equalsIgnoreCase("TLSA") ? tlsaOwner : base;
        faults.add(new String[] {name, fault.type(), fault.fault().name()});
      }
      String name = host.name;
      return once(() -> new LabEndpoint(name, addresses, chainMaker.get(), tlsa));
    }

    private static LabMailServer serve(
        LabMailServer mail, InetAddress address, Supplier<MailPersona> persona, boolean now) {
      return now ? mail.persona(address, persona.get()) : mail.persona(address, persona);
    }

    /** How many IPv4 addresses the lab's hosts will take (an upper bound: shared ones count). */
    private int hostAddresses() {
      int n = 0;
      for (LabHost host : sharedHosts.values()) {
        n += host.ipv4 ? 1 : 0;
      }
      for (LabDomain domain : domains.values()) {
        for (LabDomain.MxSpec mx : domain.mx) {
          n += mx.spec() != null && mx.spec().ipv4 ? 1 : 0;
        }
        n += domain.implicitMx != null && domain.implicitMx.ipv4 ? 1 : 0;
      }
      return n;
    }

    /** A supplier that calls {@code make} once, on first use, and keeps what it made. */
    private static <T> Supplier<T> once(Supplier<T> make) {
      return new Supplier<T>() {
        private T made; // guarded by this
        private Supplier<T> maker = make; // guarded by this; dropped once made

        @Override
        public synchronized T get() {
          if (made == null) {
            made = Objects.requireNonNull(maker.get());
            maker = null;
          }
          return made;
        }
      };
    }

    private static boolean needsChains(MailPersona.Behaviour behaviour) {
      return switch (behaviour) {
        case NORMAL, TLS_ALERT, TLS10_ONLY, DUAL_CERT, SLOW_GREETING -> true;
        default -> false;
      };
    }

    private LabDnsServer buildDns(Map<String, List<String>> records, List<String[]> faults) {
      Set<String> zoneNames = new LinkedHashSet<>(domains.keySet());
      zoneNames.addAll(zones.keySet());
      for (String name : records.keySet()) {
        if (zoneFor(name, zoneNames) == null) {
          // A host outside every declared zone: its parent becomes a signed zone of its own.
          zoneNames.add(name.substring(name.indexOf('.') + 1));
        }
      }
      if (zoneAlgorithm != LabAlgorithm.ECDSAP256SHA256) {
        // The ancestors the DNS server would create (root included) get the lab's algorithm too.
        for (String zone : List.copyOf(zoneNames)) {
          for (String n = zone; !n.equals("."); ) {
            int dot = n.indexOf('.');
            n = dot == n.length() - 1 ? "." : n.substring(dot + 1);
            zoneNames.add(n);
          }
        }
      }
      LabDnsServer.Builder builder = LabDnsServer.builder().latency(latency).shareKeys(shareKeys);
      for (String zone : zoneNames) {
        LabDomain domain = domains.get(zone);
        builder.zone(
            zone,
            z -> {
              z.algorithm(zoneAlgorithm);
              if (domain != null && !domain.signed) {
                z.unsigned();
              }
              zones.getOrDefault(zone, List.of()).forEach(spec -> spec.accept(z));
            });
      }
      records.forEach(
          (name, lines) -> {
            String zone = zoneFor(name, zoneNames);
            builder.zone(zone, z -> lines.forEach(z::record));
          });
      for (String[] f : faults) {
        builder.zone(zoneFor(f[0], zoneNames), z -> z.fault(f[0], f[1], LabFault.valueOf(f[2])));
      }
      return builder.start();
    }

    /** The longest zone name that is the name or an ancestor of it (not the root), or null. */
    private static String zoneFor(String name, Set<String> zoneNames) {
      for (String n = name; !n.isEmpty() && !n.equals("."); n = n.substring(n.indexOf('.') + 1)) {
        if (zoneNames.contains(n)) {
          return n;
        }
      }
      return null;
    }

    /** 127.1.0.1 to 127.1.255.255, then 127.64.0.0 to 127.127.255.255 (127.64.0.0/10). */
    private InetAddress nextLoopback() {
      return loopback(nextAddress++);
    }

    /** The lab's n-th host address (from 1). */
    static InetAddress loopback(int n) {
      byte[] address;
      if (n < 1 << 16) {
        address = new byte[] {127, 1, (byte) (n >> 8), (byte) n};
      } else if (n - (1 << 16) < 1 << 22) {
        int m = n - (1 << 16);
        address = new byte[] {127, (byte) (64 + (m >> 16)), (byte) (m >> 8), (byte) m};
      } else {
        throw new IllegalStateException(
            "the lab has run out of addresses (127.1.0.0/16 and 127.64.0.0/10)");
      }
      try {
        return InetAddress.getByAddress(address);
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }

    private static InetAddress loopbackV6() {
      try {
        return InetAddress.getByName("::1");
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }

    private static void add(Map<String, List<String>> records, String name, String line) {
      records.computeIfAbsent(name, n -> new ArrayList<>()).add(line);
    }

    private static String qualify(String line, String origin) {
      String[] parts = line.trim().split("\\s+", 2);
      String owner =
          parts[0].equals("@")
              ? origin
              : parts[0].endsWith(".") ? parts[0] : parts[0] + "." + origin;
      return owner.toLowerCase(Locale.ROOT) + " " + parts[1];
    }

    /**
     * Zone snippets name TLSA records for port 25; the lab's servers listen on another port, so
     * those records are served at the lab's port, where a checker configured for the lab looks.
     */
    private static String atLabPort(String record, int port) {
      return record.startsWith("_25._tcp.") ? "_" + port + record.substring(3) : record;
    }

    private static String ownerOf(String record) {
      return record.substring(0, record.indexOf(' '));
    }

    private static String absolute(String name) {
      String lower = name.toLowerCase(Locale.ROOT);
      return lower.endsWith(".") ? lower : lower + ".";
    }

    private static String relative(String name) {
      return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
  }

  static TlsaRecord tlsaRecord(
      LabHost.TlsaSpec spec, ServerChain chain, LabCertificateAuthority ca) {
    if (spec.source() == LabHost.TlsaSource.LITERAL) {
      return TlsaRecord.parse(spec.literal());
    }
    byte[] certificate =
        switch (spec.source()) {
          case LEAF -> chain.chainDerShared().get(0);
          case TOP_OF_CHAIN -> chain.chainDerShared().get(chain.chainDerShared().size() - 1);
          case ROOT_CA -> ca.root().certificateDer();
          case LITERAL -> throw new AssertionError();
        };
    byte[] selected = spec.selector() == 1 ? Certificates.spki(certificate) : certificate;
    byte[] data =
        switch (spec.matchingType()) {
          case 0 -> selected;
          case 1 -> digest("SHA-256", selected);
          case 2 -> digest("SHA-512", selected);
          default ->
              throw new IllegalArgumentException(
                  "matching type " + spec.matchingType() + " is not 0, 1 or 2");
        };
    return TlsaRecord.of(spec.usage(), spec.selector(), spec.matchingType(), data);
  }

  private static byte[] digest(String algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(algorithm).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is missing from the JDK", e);
    }
  }
}
