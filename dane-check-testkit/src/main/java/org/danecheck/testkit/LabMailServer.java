/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * STARTTLS mail servers on loopback for tests: one TCP port, one {@link MailPersona} per local
 * address (Linux routes all of 127.0.0.0/8 to the loopback interface, so {@code 127.0.1.7} works
 * without setup; for IPv6 only {@code ::1} exists).
 *
 * <p>By default each address is bound on its own, so the server touches nothing but the loopback
 * addresses it serves. A lab of more servers than a process can hold sockets for (tens of
 * thousands) asks for {@link Builder#wildcard(boolean)}: then one socket on the wildcard address
 * accepts for every address (Linux delivers connections to any 127.x.y.z to it), each connection
 * goes to the persona of the address it was made to, and connections made to a non-loopback address
 * or from a non-loopback peer are closed at once, before a byte is read or sent.
 *
 * <p>One selector thread accepts on every address; sessions run on a bounded pool ({@link
 * Builder#maxSessions(int)} threads, more connections wait in a queue of 4096 and beyond that are
 * closed). Every session read has a timeout and every session ends after {@link
 * Builder#sessionTimeout(Duration)}, so a stuck client cannot hold a thread for long. By default
 * the server accepts no mail: {@code MAIL}, {@code RCPT} and {@code DATA} are answered with 502;
 * with {@link Builder#acceptMail(boolean)} it takes messages and records them ({@link
 * #messages()}). Either way it counts the {@code MAIL} commands it receives ({@link
 * #mailCommands(InetAddress)}), so a test can tell that a client never began a transaction. What a
 * server says can be scripted per address ({@link #dispatcher(InetAddress, MailDispatcher)}).
 *
 * <pre>{@code
 * try (LabMailServer server = LabMailServer.builder().build()) {
 *   server.persona(InetAddress.getByName("127.0.1.2"), MailPersona.normal(chain));
 *   server.start();
 *   int port = server.port();
 * }
 * }</pre>
 */
public final class LabMailServer implements AutoCloseable {
  private static final JcaTlsCryptoProvider CRYPTO_PROVIDER =
      // An instance, never registered with Security.addProvider.
      new JcaTlsCryptoProvider().setProvider(new BouncyCastleProvider());

  private final Duration latency;
  private final Duration sessionTimeout;
  private final boolean wildcard;
  private volatile ServerSocketChannel wildcardChannel;
  private final Map<InetAddress, Listener> listeners = new ConcurrentHashMap<>();
  private final Map<InetAddress, List<String>> serverNames = new ConcurrentHashMap<>();
  private final Map<InetAddress, AtomicInteger> sessionCounts = new ConcurrentHashMap<>();
  private final Map<InetAddress, AtomicInteger> mailCommands = new ConcurrentHashMap<>();
  private final List<LabMessage> messages = new CopyOnWriteArrayList<>();
  private final boolean acceptMail;
  private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
  private final Queue<Listener> pendingRegistrations = new ConcurrentLinkedQueue<>();
  private final ThreadPoolExecutor sessions;
  private final JcaTlsCrypto crypto = CRYPTO_PROVIDER.create(new SecureRandom());
  private final Object lifecycle = new Object();
  private final AtomicInteger refused = new AtomicInteger();
  private Selector selector;
  private Thread acceptor;
  private volatile int port;
  private volatile boolean closed;

  private LabMailServer(Builder builder) {
    this.latency = builder.latency;
    this.sessionTimeout = builder.sessionTimeout;
    this.acceptMail = builder.acceptMail;
    this.port = builder.port;
    this.wildcard = builder.wildcard;
    AtomicInteger threadNumber = new AtomicInteger();
    this.sessions =
        new ThreadPoolExecutor(
            builder.maxSessions,
            builder.maxSessions,
            2,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(4096),
            runnable -> {
              Thread thread = new Thread(runnable, "lab-smtp-" + threadNumber.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.sessions.allowCoreThreadTimeOut(true);
  }

  /** A builder with an ephemeral port, no latency, 10 s sessions and 64 session threads. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Serves a persona at an address, replacing an earlier one there. May be called before or after
   * {@link #start()}; after start the address is bound at once on the server's port (a {@link
   * Builder#wildcard(boolean) wildcard} server serves it at once, binding nothing).
   *
   * @throws UncheckedIOException when the address cannot be bound
   */
  public LabMailServer persona(InetAddress address, MailPersona persona) {
    Objects.requireNonNull(persona, "persona");
    return persona(address, persona, null);
  }

  /**
   * Serves a persona made when the first client connects to the address (or {@link
   * #personaAt(InetAddress)} asks), once: for labs of many servers, whose certificates would take
   * long to make at start. A supplier that throws fails that connection (closed) and the next one
   * tries again.
   */
  LabMailServer persona(InetAddress address, Supplier<MailPersona> persona) {
    Objects.requireNonNull(persona, "persona");
    return persona(address, null, persona);
  }

  private LabMailServer persona(
      InetAddress address, MailPersona persona, Supplier<MailPersona> supplier) {
    Objects.requireNonNull(address, "address");
    if (!address.isLoopbackAddress()) {
      throw new IllegalArgumentException("lab servers listen on loopback only, not " + address);
    }
    synchronized (lifecycle) {
      if (closed) {
        throw new IllegalStateException("server is closed");
      }
      Listener existing = listeners.get(address);
      if (existing != null) {
        existing.set(persona, supplier);
        return this;
      }
      Listener listener = new Listener(address);
      listener.set(persona, supplier);
      listeners.put(address, listener);
      if (selector != null && !wildcard) {
        bind(listener);
        pendingRegistrations.add(listener);
        selector.wakeup();
      }
    }
    return this;
  }

  /** The persona served at an address (made now if it is made on first use), or null. */
  MailPersona personaAt(InetAddress address) {
    Listener listener = listeners.get(address);
    return listener == null ? null : listener.persona();
  }

  /**
   * Scripts what the server at an address says ({@link MailDispatcher}), in place of its persona's
   * replies; the persona still serves TLS. {@code null} goes back to the persona's replies. Takes
   * effect for sessions that start afterwards.
   *
   * @throws IllegalStateException when no persona is served at the address
   */
  public LabMailServer dispatcher(InetAddress address, MailDispatcher dispatcher) {
    Listener listener = listeners.get(Objects.requireNonNull(address, "address"));
    if (listener == null) {
      throw new IllegalStateException("no persona at " + address + "; set one first");
    }
    listener.dispatcher = dispatcher;
    return this;
  }

  /** Binds every address and starts accepting. */
  public LabMailServer start() {
    synchronized (lifecycle) {
      if (selector != null || closed) {
        throw new IllegalStateException("server already started or closed");
      }
      try {
        selector = Selector.open();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (wildcard) {
        bindWildcard();
      } else {
        for (Listener listener : listeners.values()) {
          bind(listener);
          pendingRegistrations.add(listener);
        }
      }
      acceptor = new Thread(this::acceptLoop, "lab-smtp-acceptor");
      acceptor.setDaemon(true);
      acceptor.start();
    }
    return this;
  }

  /** One socket on the wildcard address (IPv4 and IPv6) for every persona. */
  private void bindWildcard() {
    try {
      ServerSocketChannel channel = ServerSocketChannel.open();
      try {
        channel.configureBlocking(false);
        channel.bind(new InetSocketAddress(port), 4096);
      } catch (IOException e) {
        channel.close();
        throw e;
      }
      wildcardChannel = channel;
      port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
      Listener all = new Listener(null);
      all.channel = channel;
      pendingRegistrations.add(all);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the wildcard address port " + port, e);
    }
  }

  private void bind(Listener listener) {
    try {
      ServerSocketChannel channel = ServerSocketChannel.open();
      try {
        channel.configureBlocking(false);
        channel.bind(new InetSocketAddress(listener.address, port), 256);
      } catch (IOException e) {
        channel.close();
        throw e;
      }
      listener.channel = channel;
      if (port == 0) {
        // The first ephemeral port becomes every persona's port.
        port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind " + listener.address + " port " + port, e);
    }
  }

  /** The port every persona listens on; known once an address is bound. */
  public int port() {
    if (port == 0) {
      throw new IllegalStateException("no address bound yet; add a persona and start the server");
    }
    return port;
  }

  /** The SNI host names received at an address, in order; {@code ""} for a hello without SNI. */
  public List<String> serverNames(InetAddress address) {
    return List.copyOf(serverNames.getOrDefault(address, List.of()));
  }

  /** How many sessions were accepted at an address. */
  public int sessionCount(InetAddress address) {
    AtomicInteger count = sessionCounts.get(address);
    return count == null ? 0 : count.get();
  }

  /**
   * How many {@code MAIL} commands arrived at an address, in or outside TLS, accepted or not: zero
   * means no client began a mail transaction there.
   */
  public int mailCommands(InetAddress address) {
    AtomicInteger count = mailCommands.get(address);
    return count == null ? 0 : count.get();
  }

  /** The messages accepted so far, at every address, in order ({@link Builder#acceptMail}). */
  public List<LabMessage> messages() {
    return List.copyOf(messages);
  }

  /** The messages accepted so far at an address, in order. */
  public List<LabMessage> messages(InetAddress address) {
    return messages.stream().filter(m -> m.address().equals(address)).toList();
  }

  /** How many sessions are open now. */
  public int openSessions() {
    return openSockets.size();
  }

  /** How many sessions are open now at an address (closed by either side ends a session). */
  public int openSessions(InetAddress address) {
    int open = 0;
    for (Socket socket : openSockets) {
      if (address.equals(socket.getLocalAddress())) {
        open++;
      }
    }
    return open;
  }

  private void acceptLoop() {
    try {
      while (!closed) {
        Listener pending;
        while ((pending = pendingRegistrations.poll()) != null) {
          pending.channel.register(selector, SelectionKey.OP_ACCEPT, pending);
        }
        selector.select();
        for (SelectionKey key : selector.selectedKeys()) {
          if (key.isValid() && key.isAcceptable()) {
            accept((Listener) key.attachment());
          }
        }
        selector.selectedKeys().clear();
      }
    } catch (IOException | ClosedSelectorException e) {
      // closed
    }
  }

  private void accept(Listener acceptor) throws IOException {
    SocketChannel channel;
    while ((channel = acceptor.channel.accept()) != null) {
      Listener listener = acceptor.address != null ? acceptor : dispatch(channel);
      if (listener == null) {
        closeQuietly(channel);
        continue;
      }
      channel.configureBlocking(true);
      Socket socket = channel.socket();
      socket.setTcpNoDelay(true);
      openSockets.add(socket);
      int sessionNumber =
          sessionCounts
              .computeIfAbsent(listener.address, a -> new AtomicInteger())
              .incrementAndGet();
      InetAddress address = listener.address;
      LabMailSession.Mailbox mailbox =
          new LabMailSession.Mailbox() {
            @Override
            public boolean accepts() {
              return acceptMail;
            }

            @Override
            public void mailCommand() {
              mailCommands.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
            }

            @Override
            public void deliver(LabMessage message) {
              messages.add(message);
            }
          };
      MailDispatcher dispatcher = listener.dispatcher;
      Runnable session =
          () -> {
            MailPersona persona;
            try {
              // Made here, not on the acceptor thread: a certificate made on first use takes ms.
              persona = listener.persona();
            } catch (RuntimeException e) {
              openSockets.remove(socket);
              closeQuietly(socket);
              return;
            }
            new LabMailSession(
                    socket,
                    address,
                    sessionNumber,
                    persona,
                    dispatcher == null ? persona : dispatcher,
                    crypto,
                    latency,
                    sessionTimeout,
                    name ->
                        serverNames
                            .computeIfAbsent(listener.address, a -> new CopyOnWriteArrayList<>())
                            .add(name),
                    mailbox,
                    () -> openSockets.remove(socket))
                .run();
          };
      try {
        sessions.execute(session);
      } catch (RejectedExecutionException e) {
        openSockets.remove(socket);
        socket.close();
      }
    }
  }

  /**
   * The persona's listener for a connection the wildcard socket accepted: by the address the client
   * connected to; null (closed unread) for a non-loopback local or peer address, or an address
   * without a persona.
   */
  private Listener dispatch(SocketChannel channel) {
    try {
      InetAddress local = ((InetSocketAddress) channel.getLocalAddress()).getAddress();
      InetAddress peer = ((InetSocketAddress) channel.getRemoteAddress()).getAddress();
      if (!local.isLoopbackAddress() || !peer.isLoopbackAddress()) {
        refused.incrementAndGet();
        return null;
      }
      return listeners.get(local);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * How many connections the {@link Builder#wildcard(boolean) wildcard} socket closed unread
   * because they came from or went to a non-loopback address.
   */
  public int refusedConnections() {
    return refused.get();
  }

  /** Stops accepting, ends every session and waits for the server's threads to end. */
  @Override
  public void close() {
    Thread acceptorThread;
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      acceptorThread = acceptor;
      if (selector != null) {
        try {
          selector.close();
        } catch (IOException e) {
          // nothing left to do
        }
      }
    }
    for (Listener listener : listeners.values()) {
      closeQuietly(listener.channel);
    }
    closeQuietly(wildcardChannel);
    sessions.shutdownNow();
    for (Socket socket : openSockets) {
      closeQuietly(socket);
    }
    try {
      if (acceptorThread != null) {
        acceptorThread.join(5000);
      }
      sessions.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      // closing anyway
    }
  }

  /** An address's persona and, unless the server is a wildcard one, its own socket. */
  private static final class Listener {
    final InetAddress address;
    private MailPersona persona; // guarded by this
    private Supplier<MailPersona> supplier; // guarded by this; made on first use when set
    volatile MailDispatcher dispatcher;
    volatile ServerSocketChannel channel;

    Listener(InetAddress address) {
      this.address = address;
    }

    synchronized void set(MailPersona persona, Supplier<MailPersona> supplier) {
      this.persona = persona;
      this.supplier = supplier;
    }

    synchronized MailPersona persona() {
      if (persona == null) {
        persona = Objects.requireNonNull(supplier.get(), "persona");
        supplier = null;
      }
      return persona;
    }
  }

  /** Settings of a {@link LabMailServer}. */
  public static final class Builder {
    private int port;
    private Duration latency = Duration.ZERO;
    private Duration sessionTimeout = Duration.ofSeconds(10);
    private int maxSessions = 64;
    private boolean acceptMail;
    private boolean wildcard;

    private Builder() {}

    /**
     * Accepts on one socket bound to the wildcard address instead of one socket per persona's
     * address (default off): for labs of more servers than the process may open sockets, or than
     * one selector serves well. Connections go to the persona of the address the client connected
     * to; those made to a non-loopback address (the port is open on every interface while the
     * server runs) or from a non-loopback peer are closed at once, unread, and counted ({@link
     * LabMailServer#refusedConnections()}); so are connections to loopback addresses without a
     * persona. Linux delivers any 127.x.y.z to it; elsewhere only configured loopback addresses
     * reach it.
     */
    public Builder wildcard(boolean on) {
      this.wildcard = on;
      return this;
    }

    /**
     * Whether the servers take mail (default off): {@code MAIL FROM}, {@code RCPT TO} (except to
     * local part {@code nobody}, answered {@code 550 5.1.1}) and {@code DATA} of up to {@value
     * LabMailSession#MAX_MESSAGE_BYTES} bytes, each message recorded in {@link
     * LabMailServer#messages()}. Personas that never get that far are unaffected.
     */
    public Builder acceptMail(boolean on) {
      this.acceptMail = on;
      return this;
    }

    /** The port for every persona; 0 (the default) for an ephemeral one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.port = port;
      return this;
    }

    /** A delay before every reply of every persona. */
    public Builder latency(Duration latency) {
      if (latency.isNegative()) {
        throw new IllegalArgumentException("latency must not be negative");
      }
      this.latency = latency;
      return this;
    }

    /** The longest a session may last, and the longest a read may wait; 10 s by default. */
    public Builder sessionTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("session timeout must be positive");
      }
      this.sessionTimeout = timeout;
      return this;
    }

    /** The most sessions served at once; 64 by default. */
    public Builder maxSessions(int maxSessions) {
      if (maxSessions < 1) {
        throw new IllegalArgumentException("maxSessions must be at least 1");
      }
      this.maxSessions = maxSessions;
      return this;
    }

    /** A server with these settings, not yet started. */
    public LabMailServer build() {
      return new LabMailServer(this);
    }
  }
}
