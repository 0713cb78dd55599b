/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.dns;

import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.danecheck.core.internal.Deadline;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;

/**
 * One lookup's bounds, carried through dnsjava as the {@link Executor} it is given: dnsjava's
 * {@code ValidatingResolver} hands the executor of {@code sendAsync(query, executor)} on to every
 * DS and DNSKEY sub-query it sends to its head resolver, so {@link Gate}, the head, finds the
 * lookup's deadline there and sends each sub-query with timeouts capped by what is left of it, or
 * fails it at once when the lookup is over (its time is up, or no caller waits any more).
 *
 * <p>dnsjava 3.6.4 continues some of its steps with {@code thenComposeAsync(fn)} and {@code
 * handleAsync(fn)}, without an executor, which run on the JDK's default async pool (the common
 * ForkJoin pool, or a new thread per step when that pool has fewer than two threads, as on 2
 * cores). Every future the gate returns is an {@link Owned} future whose default executor is this
 * scope, so the steps that follow a network answer run on the checker's own threads. The steps that
 * follow a key already in the validator's key cache start from a plain completed future and cannot
 * be reached from here (see docs/architecture.md).
 *
 * <p>The gate also records the first query of the lookup that got no answer ({@link #failure()}),
 * and whether the lookup's deadline rather than the servers ended it: dnsjava hides some such
 * failures (a DNSKEY query that times out while a NODATA or NXDOMAIN answer is validated leaves the
 * answer unchecked, which reads as insecure), so {@link DnsClient} needs to know.
 */
final class LookupScope implements Executor {
  private final Executor pool;
  final Deadline deadline;
  private final AtomicReference<Failure> failure = new AtomicReference<>();

  /**
   * A query of the lookup (the asked one or a DS/DNSKEY sub-query) that got no answer.
   *
   * @param question the name and type it asked
   * @param error why, or null when it was not sent because the lookup's time was up
   * @param cut whether the lookup's deadline ended it (a caller's deadline, a stop), not the
   *     servers: such a failure is not data about the domain
   */
  record Failure(Record question, Throwable error, boolean cut) {}

  /**
   * @param deadline the lookup's deadline: {@link Deadline#extendable} to its latest caller's, up
   *     to the lookup's budget
   */
  LookupScope(Executor pool, Deadline deadline) {
    this.pool = pool;
    this.deadline = deadline;
  }

  /** The first query of the lookup that got no answer, if one did. */
  Optional<Failure> failure() {
    return Optional.ofNullable(failure.get());
  }

  private void failed(Record question, Throwable error, boolean cut) {
    failure.compareAndSet(null, new Failure(question, error, cut));
  }

  @Override
  public void execute(Runnable task) {
    try {
      pool.execute(task);
    } catch (RejectedExecutionException e) {
      task.run(); // closing: finish the step here so its future completes
    }
  }

  /** A future of the scope completing like {@code stage}, on the scope's threads. */
  <T> Owned<T> own(CompletionStage<T> stage) {
    Owned<T> owned = new Owned<>(this);
    stage.whenCompleteAsync(
        (value, error) -> {
          if (error != null) {
            owned.completeExceptionally(error);
          } else {
            owned.complete(value);
          }
        },
        this);
    return owned;
  }

  /** A future whose {@code *Async} steps without an executor run on the scope's threads. */
  static final class Owned<T> extends CompletableFuture<T> {
    private final Executor scope;

    Owned(Executor scope) {
      this.scope = scope;
    }

    @Override
    public Executor defaultExecutor() {
      return scope;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
      return new Owned<>(scope);
    }
  }

  /**
   * The head resolver under the validator (or alone, in AD-trust mode): sends each query or
   * sub-query of a lookup under the lookup's deadline, on futures of the lookup's scope.
   */
  static final class Gate extends ForwardingResolver {
    private final boolean records;

    /**
     * @param records whether this gate records the queries that fail in {@link #failure()}: the
     *     gate under the validator does (it sees every query of a lookup once); the gates around
     *     single tries do not (a failed try that a retry makes good is no failure)
     */
    Gate(Resolver head, boolean records) {
      this(head, records, null);
    }

    /**
     * @param chain the validator's DS and DNSKEY answers kept across lookups, or null
     */
    Gate(Resolver head, boolean records, ChainCache chain) {
      super(head);
      this.records = records;
      this.chain = chain;
    }

    private final ChainCache chain;

    @Override
    public CompletionStage<Message> sendAsync(Message query, Executor executor) {
      if (!(executor instanceof LookupScope scope)) {
        return head.sendAsync(query, executor);
      }
      if (scope.deadline.expired()) {
        if (records) {
          // Ended at a caller's deadline or by a stop: cut; at the lookup's own limit: its budget.
          scope.failed(
              query.getQuestion(),
              null,
              scope.deadline.cancelled() || scope.deadline.beforeLimit());
        }
        CompletableFuture<Message> over = new Owned<>(scope);
        over.completeExceptionally(
            new SocketTimeoutException(
                "not sent: the lookup timed out or no check waits for it any more"));
        return over;
      }
      if (chain != null) {
        Message kept = chain.get(query);
        if (kept != null) {
          return scope.own(CompletableFuture.completedFuture(kept));
        }
      }
      Duration left = scope.deadline.remaining();
      // Whether its timeouts are shorter than its own because a caller's deadline is nearer.
      boolean cappedByCaller =
          left.compareTo(head.getTimeout()) < 0 && scope.deadline.beforeLimit();
      CompletionStage<Message> sent;
      try {
        sent =
            head instanceof Bounded bounded
                ? bounded.sendAsync(query, left, scope)
                : head.sendAsync(query, scope);
      } catch (RuntimeException e) {
        sent = CompletableFuture.failedFuture(e);
      }
      if (records) {
        // Recorded before the validator sees the failure (it may hide it: see DnsClient).
        sent =
            sent.whenComplete(
                (message, error) -> {
                  if (error != null) {
                    scope.failed(
                        query.getQuestion(),
                        error,
                        scope.deadline.cancelled()
                            || (cappedByCaller && DnsClient.timedOut(error)));
                  }
                });
      }
      if (chain != null && ChainCache.cachable(query)) {
        sent =
            sent.thenApply(
                message -> {
                  chain.offer(query, message);
                  return message;
                });
      }
      return scope.own(sent);
    }
  }

  /**
   * The configured resolvers, tried in order with retries as dnsjava's {@link ExtendedResolver}
   * does, but with every try's timeout and the whole query's capped by what is left of the lookup:
   * a resolver set's timeouts are fixed per instance, so each query gets its own (cheap) instances.
   */
  static final class Bounded implements Resolver {
    private final List<InetSocketAddress> servers;
    private final Duration queryTimeout;
    private final int attempts;
    private volatile int ednsVersion = Integer.MIN_VALUE;
    private volatile int ednsPayload;
    private volatile int ednsFlags;
    private volatile List<EDNSOption> ednsOptions = List.of();
    private volatile boolean tcp;
    private volatile boolean ignoreTruncation;
    private volatile TSIG tsig;

    Bounded(List<InetSocketAddress> servers, Duration queryTimeout, int retries) {
      this.servers = List.copyOf(servers);
      this.queryTimeout = queryTimeout;
      this.attempts = retries + 1;
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query, Executor executor) {
      return sendAsync(
          query, queryTimeout.multipliedBy((long) attempts * servers.size()), executor);
    }

    CompletionStage<Message> sendAsync(Message query, Duration left, Executor executor) {
      Duration perTry = min(queryTimeout, left);
      List<Resolver> simple = new ArrayList<>(servers.size());
      for (InetSocketAddress server : servers) {
        SimpleResolver r = new SimpleResolver(server);
        r.setTimeout(perTry);
        r.setTCP(tcp);
        r.setIgnoreTruncation(ignoreTruncation);
        if (ednsVersion != Integer.MIN_VALUE) {
          r.setEDNS(ednsVersion, ednsPayload, ednsFlags, ednsOptions);
        }
        if (tsig != null) {
          r.setTSIGKey(tsig);
        }
        // Gated too: the retries ExtendedResolver makes stop when the lookup is over.
        simple.add(new Gate(r, false));
      }
      ExtendedResolver extended = new ExtendedResolver(simple);
      extended.setRetries(attempts);
      extended.setLoadBalance(false);
      extended.setTimeout(min(queryTimeout.multipliedBy((long) attempts * servers.size()), left));
      return extended.sendAsync(query, executor);
    }

    private static Duration min(Duration a, Duration b) {
      Duration m = a.compareTo(b) < 0 ? a : b;
      return m.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : m;
    }

    @Override
    public void setPort(int port) {
      throw new UnsupportedOperationException("ports are part of the resolver addresses");
    }

    @Override
    public void setTCP(boolean flag) {
      this.tcp = flag;
    }

    @Override
    public void setIgnoreTruncation(boolean flag) {
      this.ignoreTruncation = flag;
    }

    @Override
    public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {
      this.ednsPayload = payloadSize;
      this.ednsFlags = flags;
      this.ednsOptions = options == null ? List.of() : List.copyOf(options);
      this.ednsVersion = version;
    }

    @Override
    public void setTSIGKey(TSIG key) {
      this.tsig = key;
    }

    @Override
    public void setTimeout(Duration timeout) {
      // Fixed by the configuration: each query's timeouts come from its lookup.
    }

    @Override
    public Duration getTimeout() {
      return queryTimeout.multipliedBy((long) attempts * servers.size());
    }
  }
}
