/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.testkit;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A DNS server on loopback that answers as a DNSSEC-aware recursive resolver would, from a
 * hierarchy of lab zones described in code: a root, TLDs and zones, signed with real keys (ECDSA
 * P-256 by default), with DS records in the parents and faults injected per name and type.
 *
 * <pre>{@code
 * try (LabDnsServer dns = LabDnsServer.builder()
 *     .zone("example.org", z -> z
 *         .record("example.org. 300 IN MX 10 mx.example.org.")
 *         .record("mx 300 IN A 127.0.0.2")
 *         .fault("mx.example.org.", "AAAA", LabFault.SERVFAIL))
 *     .start()) {
 *   InetSocketAddress resolver = dns.address();
 *   String anchors = dns.trustAnchor(); // root DS records, one per line
 * }
 * }</pre>
 *
 * <p>What it answers, like a recursive resolver to a validating stub: RA set, AA clear; with DO=1,
 * the RRSIGs of every RRset; DS and DNSKEY on demand; CNAME chains assembled in the answer (at most
 * {@value #MAX_CNAME_HOPS} links, loops cut); for NXDOMAIN and NODATA the SOA and NSEC records with
 * their RRSIGs in the authority section; with {@link LabZone#nsec3()} the NSEC3 records of RFC 5155
 * 7.2 instead (closest encloser proofs, opt-out). Wildcards are expanded (RFC 4592) with the proof
 * that the name asked does not exist. Ancestors of declared zones (and the root) are created,
 * signed, when not declared. Not supported: DNAME.
 *
 * <p>Threads: one UDP receiver, one TCP acceptor, a fixed pool of two workers, four TCP connection
 * handlers and one timer for latency; queues are bounded and queries beyond them are dropped.
 * Signing is lazy and cached per RRset, so start-up takes milliseconds even for large zones.
 */
public final class LabDnsServer implements AutoCloseable {
  /** The longest CNAME chain the server assembles in one answer. */
  public static final int MAX_CNAME_HOPS = 16;

  private static final int TCP_IDLE_MILLIS = 5000;
  private static final Duration MAX_LATENCY = Duration.ofSeconds(30);

  /**
   * The most (name, type) pairs whose queries are counted one by one: a million-domain lab is asked
   * ~10 per domain, ~130 bytes each, which would take over a GB.
   */
  static final int MAX_COUNTED = 1 << 20;

  private final Responder responder;
  private final Map<String, AtomicInteger> queryCounts = new ConcurrentHashMap<>();
  private final AtomicInteger totalQueries = new AtomicInteger();
  private final int maxCounted;
  private volatile boolean countsFull;
  private final Duration latency;
  private final Map<Name, Duration> nameLatencies;
  private final DatagramChannel udp;
  private final ServerSocket tcp;
  private final ExecutorService workers;
  private final ExecutorService tcpHandlers;
  private final ScheduledExecutorService timer;
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private final List<Thread> threads = new ArrayList<>();
  private final List<DSRecord> trustAnchor;
  private volatile boolean closed;

  private LabDnsServer(Builder b, Map<Name, SignedZone> zones) throws IOException {
    Map<LabZone.FaultKey, LabFault> faults = new HashMap<>();
    Map<Name, Duration> latencies = new HashMap<>();
    for (LabZone spec : b.zones.values()) {
      faults.putAll(spec.faults());
      latencies.putAll(spec.latencies());
    }
    this.nameLatencies = Map.copyOf(latencies);
    this.latency = b.latency;
    this.maxCounted = b.maxCounted;
    this.responder = new Responder(zones, faults, b.authenticatedData, b.inception, b.expiration);
    SignedZone root = zones.get(Name.root);
    this.trustAnchor =
        List.of(new DSRecord(Name.root, DClass.IN, 86400, DNSSEC.Digest.SHA256, root.dnskey()));
    DatagramChannel boundUdp = null;
    ServerSocket boundTcp = null;
    for (int attempt = 0; boundTcp == null; attempt++) {
      boundUdp = DatagramChannel.open();
      boundUdp.bind(new InetSocketAddress(b.bindAddress, b.port));
      int port = ((InetSocketAddress) boundUdp.getLocalAddress()).getPort();
      try {
        boundTcp = new ServerSocket();
        boundTcp.setReuseAddress(true);
        boundTcp.bind(new InetSocketAddress(b.bindAddress, port), 50);
      } catch (IOException e) {
        boundUdp.close();
        boundTcp = null;
        if (b.port != 0 || attempt >= 10) {
          throw e;
        }
      }
    }
    this.udp = boundUdp;
    this.tcp = boundTcp;
    this.workers = pool("lab-dns-worker", 2, 1024);
    this.tcpHandlers = pool("lab-dns-tcp", 4, 64);
    this.timer = Executors.newSingleThreadScheduledExecutor(daemon("lab-dns-timer"));
    threads.add(daemon("lab-dns-udp").newThread(this::receiveUdp));
    threads.add(daemon("lab-dns-accept").newThread(this::acceptTcp));
    threads.forEach(Thread::start);
  }

  /** A builder with only the root zone. */
  public static Builder builder() {
    return new Builder();
  }

  /** The address to send queries to (UDP and TCP, same port). */
  public InetSocketAddress address() {
    return new InetSocketAddress(tcp.getInetAddress(), tcp.getLocalPort());
  }

  /**
   * The root trust anchor: the root zone's DS record(s) in presentation format, one per line, as a
   * trust-anchor file holds them.
   */
  public String trustAnchor() {
    StringBuilder text = new StringBuilder();
    trustAnchor.forEach(ds -> text.append(ds).append('\n'));
    return text.toString();
  }

  /**
   * The root trust anchor's DS records, each in presentation format (the lines of {@link
   * #trustAnchor()}); strings, so that the testkit's API carries no dnsjava types.
   */
  public List<String> trustAnchorRecords() {
    return trustAnchor.stream().map(DSRecord::toString).toList();
  }

  /** When the signatures the server makes expire (faults aside). */
  public Instant signatureExpiration() {
    return responder.expiration();
  }

  /** How many queries arrived in all, over UDP and TCP (malformed ones aside). */
  public int totalQueries() {
    return totalQueries.get();
  }

  /**
   * How many queries for this name and type (e.g. {@code "A"}) arrived, over UDP and TCP. The
   * server counts the first {@value #MAX_COUNTED} names and types asked one by one (each exactly);
   * once as many were asked, the queries of others are in {@link #totalQueries()} only.
   *
   * @throws IllegalStateException when this name and type may have been asked after that bound
   */
  public int queryCount(String name, String type) {
    AtomicInteger count = queryCounts.get(countKey(parseName(name), LabZone.typeNumber(type)));
    if (count == null && countsFull) {
      throw new IllegalStateException(
          "the lab counted the queries of its first "
              + maxCounted
              + " names and types only, and "
              + name
              + " "
              + type
              + " is not among them");
    }
    return count == null ? 0 : count.get();
  }

  /** Stops the server: closes its sockets and ends its threads. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    closeQuietly(udp);
    closeQuietly(tcp);
    connections.forEach(LabDnsServer::closeQuietly);
    workers.shutdownNow();
    tcpHandlers.shutdownNow();
    timer.shutdownNow();
    try {
      for (Thread t : threads) {
        t.join(2000);
      }
      workers.awaitTermination(2, TimeUnit.SECONDS);
      tcpHandlers.awaitTermination(2, TimeUnit.SECONDS);
      timer.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void receiveUdp() {
    ByteBuffer buffer = ByteBuffer.allocate(65535);
    while (!closed) {
      try {
        buffer.clear();
        SocketAddress from = udp.receive(buffer);
        buffer.flip();
        byte[] query = new byte[buffer.remaining()];
        buffer.get(query);
        submit(workers, () -> answerUdp(query, from));
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void answerUdp(byte[] query, SocketAddress from) {
    Responder.Reply reply = responder.answer(query, true, this::count);
    if (reply == null) {
      return;
    }
    Runnable send =
        () -> {
          try {
            udp.send(ByteBuffer.wrap(reply.wire()), from);
          } catch (IOException e) {
            // the client is gone or the server closed: nothing to do
          }
        };
    long delay = delayMillis(reply);
    if (delay <= 0) {
      send.run();
    } else {
      try {
        timer.schedule(send, delay, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        // closing
      }
    }
  }

  private void acceptTcp() {
    while (!closed) {
      try {
        Socket socket = tcp.accept();
        connections.add(socket);
        if (!submit(tcpHandlers, () -> serveTcp(socket))) {
          connections.remove(socket);
          closeQuietly(socket);
        }
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void serveTcp(Socket socket) {
    try (socket) {
      socket.setSoTimeout(TCP_IDLE_MILLIS);
      DataInputStream in = new DataInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      while (!closed) {
        byte[] query = readFrame(in);
        if (query == null) {
          return;
        }
        Responder.Reply reply = responder.answer(query, false, this::count);
        if (reply == null) {
          continue;
        }
        long delay = delayMillis(reply);
        if (delay > 0) {
          Thread.sleep(delay);
        }
        DataOutputStream frame = new DataOutputStream(out);
        frame.writeShort(reply.wire().length);
        frame.write(reply.wire());
        frame.flush();
      }
    } catch (IOException e) {
      // the client closed or went idle
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      connections.remove(socket);
    }
  }

  private static byte[] readFrame(DataInputStream in) throws IOException {
    int length;
    try {
      length = in.readUnsignedShort();
    } catch (java.io.EOFException e) {
      return null;
    }
    byte[] frame = new byte[length];
    in.readFully(frame);
    return frame;
  }

  private long delayMillis(Responder.Reply reply) {
    Duration total = latency;
    Duration forName = nameLatencies.get(reply.name());
    if (forName != null) {
      total = total.plus(forName);
    }
    return Math.min(total.toMillis(), MAX_LATENCY.toMillis());
  }

  private void count(Name name, int type) {
    totalQueries.incrementAndGet();
    String key = countKey(name, type);
    AtomicInteger count = queryCounts.get(key);
    if (count == null) {
      if (queryCounts.size() >= maxCounted) { // (concurrent first queries may pass it by a few)
        countsFull = true;
        return;
      }
      count = queryCounts.computeIfAbsent(key, k -> new AtomicInteger());
    }
    count.incrementAndGet();
  }

  private static String countKey(Name name, int type) {
    return name.canonicalize() + "/" + type;
  }

  private static Name parseName(String text) {
    try {
      return Name.fromString(text, Name.root);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a domain name: '" + text + "'", e);
    }
  }

  private static boolean submit(ExecutorService pool, Runnable task) {
    try {
      pool.execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      return false; // overloaded or closing: the query is dropped, as a busy resolver would
    }
  }

  private static ExecutorService pool(String name, int threads, int queue) {
    return new ThreadPoolExecutor(
        threads,
        threads,
        0,
        TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(queue),
        daemon(name),
        new ThreadPoolExecutor.AbortPolicy());
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // closing anyway
    }
  }

  /** Describes a lab DNS server; {@link #start()} builds and starts it. */
  public static final class Builder {
    private final Map<Name, LabZone> zones = new LinkedHashMap<>();
    private Duration latency = Duration.ZERO;
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int port;
    private boolean authenticatedData;
    private boolean shareKeys;
    private Instant inception = Instant.now().minus(1, ChronoUnit.HOURS);
    private Instant expiration =
        Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    private int maxCounted = MAX_COUNTED;

    private Builder() {}

    /** For tests of the bound: counts this many names and types one by one. */
    Builder maxCounted(int pairs) {
      this.maxCounted = pairs;
      return this;
    }

    /** Declares a signed zone with no records but its apex SOA, NS and DNSKEY. */
    public Builder zone(String name) {
      return zone(name, z -> {});
    }

    /**
     * Declares a zone and describes it; calling again for the same name adds to it.
     *
     * @throws IllegalArgumentException when the name does not parse
     */
    public Builder zone(String name, Consumer<LabZone> description) {
      Objects.requireNonNull(description, "description");
      Name origin = parseName(name.endsWith(".") ? name : name + ".").canonicalize();
      description.accept(zones.computeIfAbsent(origin, LabZone::new));
      return this;
    }

    /** Delays every answer by this much. */
    public Builder latency(Duration latency) {
      this.latency = Objects.requireNonNull(latency, "latency");
      return this;
    }

    /**
     * Listens on this loopback address (e.g. 127.0.0.53) instead of 127.0.0.1.
     *
     * @throws IllegalArgumentException when the address is not a loopback address
     */
    public Builder bindAddress(InetAddress address) {
      if (!address.isLoopbackAddress()) {
        throw new IllegalArgumentException("the lab listens on loopback only, not " + address);
      }
      this.bindAddress = address;
      return this;
    }

    /** Listens on this port instead of an ephemeral one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port " + port + " is not 0 to 65535");
      }
      this.port = port;
      return this;
    }

    /**
     * Sets the AD bit on answers whose records all come from signed zones without signature or
     * denial faults, as a validating resolver would (for testing AD-trust clients).
     */
    public Builder authenticatedData(boolean on) {
      this.authenticatedData = on;
      return this;
    }

    /** Uses one key per algorithm for all zones, to start faster with many RSA zones. */
    public Builder shareKeys(boolean on) {
      this.shareKeys = on;
      return this;
    }

    /**
     * Builds the zones and starts the server.
     *
     * @throws IllegalStateException when the sockets cannot be bound or a key not made
     */
    public LabDnsServer start() {
      zones.computeIfAbsent(Name.root, LabZone::new);
      for (Name origin : List.copyOf(zones.keySet())) {
        for (Name n = origin; n.labels() > 1; ) {
          n = new Name(n, 1);
          zones.computeIfAbsent(n, LabZone::new);
        }
      }
      try {
        return new LabDnsServer(this, buildZones());
      } catch (IOException e) {
        throw new IllegalStateException("lab DNS server: cannot listen: " + e.getMessage(), e);
      }
    }

    private Map<Name, SignedZone> buildZones() {
      Map<LabAlgorithm, KeyPair> shared = new EnumMap<>(LabAlgorithm.class);
      Map<Name, SignedZone> built = new TreeMap<>(Comparator.naturalOrder());
      for (LabZone spec : zones.values()) {
        Name origin = spec.origin();
        SignedZone zone;
        if (spec.signed()) {
          KeyPair keys =
              shareKeys
                  ? shared.computeIfAbsent(spec.algorithm(), Builder::generate)
                  : generate(spec.algorithm());
          zone = new SignedZone(origin, keys, dnskey(origin, spec.algorithm(), keys));
          zone.add(zone.dnskey());
        } else {
          zone = new SignedZone(origin, null, null);
        }
        spec.records().forEach(zone::add);
        if (spec.signed() && spec.nsec3Parameters() != null) {
          zone.useNsec3(spec.nsec3Parameters());
        }
        Name ns = nsName(origin);
        if (!zone.has(origin, Type.SOA)) {
          zone.add(
              new SOARecord(
                  origin,
                  DClass.IN,
                  SignedZone.NEGATIVE_TTL,
                  ns,
                  nsName(origin),
                  1,
                  3600,
                  600,
                  86400,
                  SignedZone.NEGATIVE_TTL));
        }
        if (!zone.has(origin, Type.NS)) {
          zone.add(new NSRecord(origin, DClass.IN, 86400, ns));
        }
        built.put(origin, zone);
      }
      // Delegations: NS in the parent, and DS when the child is signed.
      for (SignedZone child : built.values()) {
        Name origin = child.origin();
        if (origin.equals(Name.root)) {
          continue;
        }
        SignedZone parent = parentOf(built, origin);
        parent.add(new NSRecord(origin, DClass.IN, 86400, nsName(origin)));
        if (child.signed()) {
          parent.add(new DSRecord(origin, DClass.IN, 3600, DNSSEC.Digest.SHA256, child.dnskey()));
        }
      }
      built.values().forEach(SignedZone::seal);
      return built;
    }

    static SignedZone parentOf(Map<Name, SignedZone> zones, Name origin) {
      for (Name n = origin; n.labels() > 1; ) {
        n = new Name(n, 1);
        SignedZone zone = zones.get(n);
        if (zone != null) {
          return zone;
        }
      }
      return zones.get(Name.root);
    }

    private static Name nsName(Name origin) {
      try {
        return Name.concatenate(Name.fromConstantString("ns"), origin);
      } catch (org.xbill.DNS.NameTooLongException e) {
        return origin;
      }
    }

    private static KeyPair generate(LabAlgorithm algorithm) {
      try {
        if (algorithm == LabAlgorithm.RSASHA256) {
          KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
          rsa.initialize(2048);
          return rsa.generateKeyPair();
        }
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        return ec.generateKeyPair();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot generate a " + algorithm + " key", e);
      }
    }

    private static DNSKEYRecord dnskey(Name origin, LabAlgorithm algorithm, KeyPair keys) {
      try {
        return new DNSKEYRecord(
            origin,
            DClass.IN,
            3600,
            DNSKEYRecord.Flags.ZONE_KEY | DNSKEYRecord.Flags.SEP_KEY,
            DNSKEYRecord.Protocol.DNSSEC,
            algorithm.number(),
            keys.getPublic());
      } catch (DNSSEC.DNSSECException e) {
        throw new IllegalStateException("cannot make a DNSKEY for " + origin, e);
      }
    }
  }
}
