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
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * STARTTLS mail servers on loopback for tests: one TCP port, one {@link MailPersona} per local
 * address (Linux routes all of 127.0.0.0/8 to the loopback interface, so {@code 127.0.1.7} works
 * without setup; for IPv6 only {@code ::1} exists).
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
  private Selector selector;
  private Thread acceptor;
  private volatile int port;
  private volatile boolean closed;

  private LabMailServer(Builder builder) {
    this.latency = builder.latency;
    this.sessionTimeout = builder.sessionTimeout;
    this.acceptMail = builder.acceptMail;
    this.port = builder.port;
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
   * {@link #start()}; after start the address is bound at once on the server's port.
   *
   * @throws UncheckedIOException when the address cannot be bound
   */
  public LabMailServer persona(InetAddress address, MailPersona persona) {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(persona, "persona");
    if (!address.isLoopbackAddress()) {
      throw new IllegalArgumentException("lab servers listen on loopback only, not " + address);
    }
    synchronized (lifecycle) {
      if (closed) {
        throw new IllegalStateException("server is closed");
      }
      Listener existing = listeners.get(address);
      if (existing != null) {
        existing.persona = persona;
        return this;
      }
      Listener listener = new Listener(address, persona);
      listeners.put(address, listener);
      if (selector != null) {
        bind(listener);
        pendingRegistrations.add(listener);
        selector.wakeup();
      }
    }
    return this;
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
      for (Listener listener : listeners.values()) {
        bind(listener);
        pendingRegistrations.add(listener);
      }
      acceptor = new Thread(this::acceptLoop, "lab-smtp-acceptor");
      acceptor.setDaemon(true);
      acceptor.start();
    }
    return this;
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

  private void accept(Listener listener) throws IOException {
    SocketChannel channel;
    while ((channel = listener.channel.accept()) != null) {
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
      MailPersona persona = listener.persona;
      MailDispatcher dispatcher = listener.dispatcher;
      LabMailSession session =
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
              () -> openSockets.remove(socket));
      try {
        sessions.execute(session);
      } catch (RejectedExecutionException e) {
        openSockets.remove(socket);
        socket.close();
      }
    }
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

  private static final class Listener {
    final InetAddress address;
    volatile MailPersona persona;
    volatile MailDispatcher dispatcher;
    volatile ServerSocketChannel channel;

    Listener(InetAddress address, MailPersona persona) {
      this.address = address;
      this.persona = persona;
    }
  }

  /** Settings of a {@link LabMailServer}. */
  public static final class Builder {
    private int port;
    private Duration latency = Duration.ZERO;
    private Duration sessionTimeout = Duration.ofSeconds(10);
    private int maxSessions = 64;
    private boolean acceptMail;

    private Builder() {}

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
