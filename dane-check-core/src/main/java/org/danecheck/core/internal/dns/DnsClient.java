/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.dns;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import org.danecheck.DnsRecordType;
import org.danecheck.DnssecStatus;
import org.danecheck.LookupOutcome;
import org.danecheck.LookupStatus;
import org.danecheck.core.internal.AsyncPermits;
import org.danecheck.core.internal.Deadline;
import org.danecheck.core.internal.Reasons;
import org.danecheck.core.internal.Waiters;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.dnssec.ValidatingResolver;

/**
 * Sends single queries and turns each answer into a {@link DnsAnswer} with its DNSSEC status.
 *
 * <p>In-process mode uses dnsjava's {@link ValidatingResolver}, which keeps the RRSIGs of a
 * validated answer in the message it returns (so {@link LookupStatus#signatureExpiry()} is read
 * from them), sets AD on secure answers and turns bogus ones into SERVFAIL with an RFC 8914 EDE
 * option and a reason TXT record at {@code .} in class {@value
 * ValidatingResolver#VALIDATION_REASON_QCLASS}. It does the same for a SERVFAIL from upstream
 * (classifying it as an unknown response), so the upstream rcode of each query is recorded on the
 * way in: an upstream failure is FAILED, a validation failure BOGUS. A NOERROR or NXDOMAIN answer
 * without AD is INSECURE (the validator proved it unsigned, or it lies outside every trust anchor);
 * nothing unreadable is ever reported SECURE.
 *
 * <p>Bounds. Each lookup (a query with all its DNSSEC sub-queries) runs in a {@link LookupScope}
 * whose deadline is its latest caller's deadline, but at most {@link DnsConfig#lookupBudget()} from
 * its start: a caller who joins a lookup in flight extends it to its own deadline. Every sub-query
 * is sent with timeouts capped by what is left, and none is sent once the lookup is over. Each
 * caller waits until its own deadline only; when the last caller is gone (deadline or cancel), the
 * lookup is stopped. Identical lookups in flight are shared, but only with callers the lookup can
 * serve about as well as a fresh one (within one query timeout of the budget a fresh lookup would
 * have). At most {@link DnsConfig#maxConcurrentLookups()} lookups run at once per client; more
 * wait, holding no thread.
 *
 * <p>Cut answers. An answer ended by a deadline or a stop rather than by the servers (a caller's
 * deadline, a sub-query whose timeout a caller's deadline shortened, the checker's close, a wait
 * for a lookup slot) is marked {@link DnsAnswer#cut()}: it says nothing about the domain, so the
 * check lists the step as not finished instead of reporting a failure, and it is never cached. A
 * caller whose own deadline is not over when such an answer reaches it asks once more, on a fresh
 * lookup. An answer ended by the lookup's own budget is a real failure: the servers did not answer
 * in time.
 *
 * <p>Hidden failures. dnsjava's validator leaves a NODATA or NXDOMAIN answer unchecked (which reads
 * as insecure, without AD) when a DNSKEY or DS query it needs gets no answer; an on-path attacker
 * who drops that query would turn a signed denial into an unsigned one, e.g. "no TLSA records, no
 * DANE". So an answer without AD from a lookup one of whose queries failed is FAILED here, never
 * INSECURE.
 *
 * <p>The optional cache (Caffeine, bounded by bytes) keeps answered results for their TTL.
 */
final class DnsClient {
  /** The longest CNAME chain followed; longer chains are FAILED (RFC 1034 3.6.2 loops too). */
  static final int MAX_CNAME_DEPTH = 8;

  /** The most records of one answer section considered. */
  static final int MAX_ANSWER_RECORDS = 256;

  /** The most bytes of the validator's DS and DNSKEY answers kept ({@link ChainCache}). */
  static final long CHAIN_CACHE_BYTES = 4L << 20;

  private static final String ALL = "all";

  private final boolean adTrust;
  private final Resolver resolver;
  private final UpstreamRcodes upstream;
  private final Executor executor;
  private final ScheduledExecutorService timer;
  private final Duration budget;
  private final Duration staleness;
  private final String resolverNames;
  private volatile boolean stopped;
  private final AsyncPermits<String> lookups;
  private final ConcurrentMap<String, Lookup> inFlight = new ConcurrentHashMap<>();
  private final Set<Lookup> running = ConcurrentHashMap.newKeySet();
  private final Cache<String, DnsAnswer> cache;

  DnsClient(DnsConfig config, Executor executor, ScheduledExecutorService timer) {
    this(
        config,
        new LookupScope.Bounded(config.resolvers(), config.queryTimeout(), config.retries()),
        executor,
        timer);
  }

  /** For tests of {@link #classify}: no timer, so no queries. */
  DnsClient(DnsConfig config, Resolver head, Executor executor) {
    this(config, head, executor, null);
  }

  DnsClient(DnsConfig config, Resolver head, Executor executor, ScheduledExecutorService timer) {
    this.adTrust = config.adTrust();
    this.lookups = new AsyncPermits<>(config.maxConcurrentLookups());
    this.executor = executor;
    this.timer = timer;
    this.budget = config.lookupBudget();
    this.staleness = config.queryTimeout();
    this.resolverNames = resolverNames(config.resolvers());
    this.cache = config.cacheBytes() > 0 ? answerCache(config.cacheBytes()) : null;
    LookupScope.Gate gate =
        new LookupScope.Gate(
            head,
            true,
            // Only under the validator, and only when answers are cached at all.
            !adTrust && config.cacheBytes() > 0
                ? new ChainCache(Math.min(config.cacheBytes() / 8, CHAIN_CACHE_BYTES))
                : null);
    if (adTrust) {
      gate.setEDNS(0, 0, ExtendedFlags.DO, List.of());
      this.upstream = null;
      this.resolver = gate;
    } else {
      this.upstream = new UpstreamRcodes(gate);
      ValidatingResolver validating = new ValidatingResolver(upstream);
      validating.getTrustAnchors().clear();
      try {
        validating.loadTrustAnchors(
            new ByteArrayInputStream(config.trustAnchors().getBytes(StandardCharsets.UTF_8)));
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException("trust anchors do not parse: " + e.getMessage(), e);
      }
      if (validating.getTrustAnchors().items().isEmpty()) {
        throw new IllegalArgumentException("no DS or DNSKEY record in the trust anchors");
      }
      this.resolver = validating;
    }
  }

  private static Cache<String, DnsAnswer> answerCache(long maxBytes) {
    return Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .weigher((String key, DnsAnswer answer) -> weight(key, answer))
        // Kept for the answer's TTL from each write; reads do not extend it.
        .expireAfter(
            Expiry.writing(
                (String key, DnsAnswer answer) ->
                    Duration.ofSeconds(Math.min(answer.ttl(), 86400))))
        // Maintenance on the calling thread: Caffeine's default is the common pool.
        .executor(Runnable::run)
        .build();
  }

  /** About how many bytes an answer holds: its records' wire size plus object overhead. */
  private static int weight(String key, DnsAnswer answer) {
    long bytes = 512 + 2L * key.length();
    for (Record r : answer.records()) {
      bytes += r.rdataToWireCanonical().length + 2L * r.getName().length() + 96;
    }
    for (String link : answer.cnameChain()) {
      bytes += 2L * link.length() + 48;
    }
    return (int) Math.min(Integer.MAX_VALUE, bytes);
  }

  /**
   * Queries a name and type; the future never fails and completes by the deadline, or at once when
   * the deadline is cancelled.
   */
  CompletableFuture<DnsAnswer> query(String name, int type, Deadline deadline) {
    Name qname;
    try {
      qname = Name.fromString(name.endsWith(".") ? name : name + ".").canonicalize();
    } catch (IOException e) {
      return CompletableFuture.completedFuture(
          failed(name, type, "not a domain name: " + e.getMessage()));
    }
    String key = qname + "/" + type;
    if (cache != null) {
      DnsAnswer cached = cache.getIfPresent(key);
      if (cached != null) {
        // What is left of the TTL, so that a policy built from cached answers expires on time.
        long left =
            cache
                .policy()
                .expireVariably()
                .flatMap(e -> e.getExpiresAfter(key))
                .map(Duration::toSeconds)
                .orElse(0L);
        return CompletableFuture.completedFuture(cached.withTtl(Math.min(cached.ttl(), left)));
      }
    }
    return lookup(key, qname, type, deadline)
        .thenCompose(
            answer ->
                // Cut by another caller's deadline or a shortened sub-query: ask once more.
                answer.cut() && !deadline.expired() && !stopped
                    ? lookup(key, qname, type, deadline)
                    : CompletableFuture.completedFuture(answer));
  }

  private CompletableFuture<DnsAnswer> lookup(String key, Name qname, int type, Deadline caller) {
    if (caller.expired() || stopped) {
      return CompletableFuture.completedFuture(
          failed(qname.toString(), type, "not asked: the check's time was up").asCut());
    }
    return Waiters.joinOrStart(
        inFlight,
        key,
        lookup -> lookup.canServe(caller),
        k -> create(k, qname, type, caller),
        lookup -> lookup.join(caller));
  }

  /** Stops every lookup (the checker closes): waiting callers get a cut answer at once. */
  void stopAll() {
    stopped = true;
    for (Lookup lookup : running) {
      lookup.stop("the checker was closed");
    }
  }

  private Lookup create(String key, Name qname, int type, Deadline first) {
    Duration left = first.remaining();
    Lookup lookup =
        new Lookup(
            key,
            qname,
            type,
            new LookupScope(
                executor, Deadline.extendable(left.compareTo(budget) < 0 ? left : budget, budget)));
    running.add(lookup);
    // Bookkeeping before any caller sees the answer: a caller that asks again at once finds it
    // cached, not a lookup that is still in the map.
    lookup.result.whenComplete(
        (answer, e) -> {
          settle(lookup, answer);
          lookup.publish(answer, e);
        });
    return lookup;
  }

  /** A lookup has its answer: out of the maps, and cached if it may be (never when cut). */
  private void settle(Lookup lookup, DnsAnswer answer) {
    running.remove(lookup);
    inFlight.remove(lookup.key, lookup);
    if (cache != null && answer != null && answer.status().outcome().answered() && !answer.cut()) {
      cache.put(lookup.key, answer);
    }
  }

  /** One lookup in flight and the callers waiting for it. */
  private final class Lookup implements Waiters.Work<DnsAnswer> {
    final String key;
    final Name qname;
    final int type;
    final LookupScope scope;

    /** Completed by the lookup (or its stop). */
    final CompletableFuture<DnsAnswer> result = new CompletableFuture<>();

    /** What callers get: {@link #result}, once it is cached and out of the map. */
    final CompletableFuture<DnsAnswer> published = new CompletableFuture<>();

    final Waiters<DnsAnswer> waiters;

    Lookup(String key, Name qname, int type, LookupScope scope) {
      this.key = key;
      this.qname = qname;
      this.type = type;
      this.scope = scope;
      this.waiters = new Waiters<>(scope.deadline, published);
      // Stopped (its last caller left, or the client closes): end it for all at once.
      scope.deadline.onCancel(
          () ->
              result.complete(
                  failed(qname.toString(), type, "lookup stopped: no caller left").asCut()));
    }

    /**
     * Whether this lookup serves a new caller about as well as a fresh one would: extended to the
     * caller's deadline, it may run for what the caller could give a fresh lookup, less one query
     * timeout (only the lookup budget, counted from its start, can make it less).
     */
    boolean canServe(Deadline caller) {
      if (result.isDone() || scope.deadline.expired()) {
        return false;
      }
      Duration need = min(caller.remaining(), budget);
      Duration canGive = min(caller.remaining(), scope.deadline.remainingToLimit());
      return canGive.compareTo(need.minus(staleness)) >= 0;
    }

    /** Joins the caller, extending the lookup to its deadline; null when that is too late. */
    CompletableFuture<DnsAnswer> join(Deadline caller) {
      if (!scope.deadline.extendTo(caller)) {
        return null;
      }
      return waiters.join(caller, why -> failed(qname.toString(), type, why).asCut(), timer);
    }

    void stop(String why) {
      result.complete(failed(qname.toString(), type, "lookup stopped: " + why).asCut());
      scope.deadline.cancel();
    }

    void publish(DnsAnswer answer, Throwable error) {
      if (error != null) {
        published.completeExceptionally(error);
      } else {
        published.complete(answer);
      }
    }

    @Override
    public CompletableFuture<DnsAnswer> result() {
      return published;
    }

    @Override
    public void begin() {
      if (result.isDone()) {
        return; // stopped before it began
      }
      lookups
          .acquire(ALL, scope.deadline)
          .thenAccept(
              permit -> {
                if (!permit.granted()) {
                  // Our own load, not the servers': its time ended (a deadline, or a stop) while
                  // every lookup slot was taken; the lookup never started.
                  result.complete(
                      failed(
                              qname.toString(),
                              type,
                              "not asked: the deadline passed while every lookup slot was taken")
                          .asCut());
                  return;
                }
                result.whenComplete((a, e) -> permit.release());
                send(qname, type, scope)
                    .whenComplete(
                        (answer, e) ->
                            result.complete(
                                answer != null
                                    ? answer
                                    : failed(qname.toString(), type, "no answer: " + describe(e))));
              });
    }
  }

  private CompletableFuture<DnsAnswer> send(Name qname, int type, LookupScope scope) {
    Message query = Message.newQuery(Record.newRecord(qname, type, DClass.IN));
    Object token = upstream == null ? null : upstream.watch(query);
    CompletionStage<Message> sent;
    try {
      // The scope travels with every sub-query of the validator (see LookupScope).
      sent = resolver.sendAsync(query, scope);
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    return sent.toCompletableFuture()
        .handleAsync(
            (message, error) -> {
              int upstreamRcode = upstream == null ? -1 : upstream.take(token);
              Optional<LookupScope.Failure> failure = scope.failure();
              DnsAnswer answer;
              if (error != null) {
                answer =
                    failed(
                        qname.toString(),
                        type,
                        "no answer: "
                            + failure.map(this::describe).orElseGet(() -> describe(error)));
              } else {
                try {
                  answer = classify(qname, type, message, upstreamRcode);
                } catch (RuntimeException e) {
                  answer =
                      failed(
                          qname.toString(),
                          type,
                          "unreadable answer from " + resolverNames + ": " + sayWhy(e));
                }
              }
              return failure.isPresent() ? afterFailedQuery(answer, failure.get()) : answer;
            },
            scope);
  }

  /**
   * An answer of a lookup one of whose queries got no answer: not insecure (the validator may have
   * left it unchecked, see the class comment), and cut when a deadline ended that query.
   */
  private DnsAnswer afterFailedQuery(DnsAnswer answer, LookupScope.Failure failure) {
    LookupStatus status = answer.status();
    DnsAnswer result = answer;
    if (status.outcome().answered() && status.dnssec() != DnssecStatus.SECURE) {
      result =
          failed(
              status.name(),
              Type.value(status.type().name()),
              "DNSSEC status unknown: "
                  + describe(failure)
                  + ", so the answer could not be validated");
    }
    return failure.cut() && !result.status().outcome().answered() ? result.asCut() : result;
  }

  /** Turns a (validated) response into a {@link DnsAnswer}. */
  DnsAnswer classify(Name qname, int type, Message m, int upstreamRcode) {
    String name = qname.toString();
    String typeName = Type.string(type);
    int rcode = m.getRcode();
    OptionalInt ede = extendedError(m);
    String reason = validationReason(m);
    if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
      boolean upstreamFailed =
          upstreamRcode >= 0 && upstreamRcode != Rcode.NOERROR && upstreamRcode != Rcode.NXDOMAIN;
      boolean bogus =
          adTrust
              ? ede.isPresent() && isDnssecError(ede.getAsInt())
              : !upstreamFailed && (reason != null || ede.isPresent());
      if (bogus) {
        return answer(
            name,
            typeName,
            LookupOutcome.FAILED,
            DnssecStatus.BOGUS,
            reason != null ? reason : "DNSSEC validation failed",
            ede,
            List.of(),
            List.of(),
            false,
            0,
            Optional.empty());
      }
      String said = Rcode.string(upstreamFailed ? upstreamRcode : rcode);
      return answer(
          name,
          typeName,
          LookupOutcome.FAILED,
          DnssecStatus.FAILED,
          "the resolver answered " + said,
          ede,
          List.of(),
          List.of(),
          false,
          0,
          Optional.empty());
    }

    List<Record> answerSection = m.getSection(Section.ANSWER);
    if (answerSection.size() > MAX_ANSWER_RECORDS) {
      answerSection = answerSection.subList(0, MAX_ANSWER_RECORDS);
    }
    Name current = qname;
    List<String> chain = new ArrayList<>();
    Set<Name> seen = new HashSet<>();
    seen.add(current);
    List<Record> data = new ArrayList<>();
    String chainProblem = null;
    while (true) {
      List<Record> here = new ArrayList<>();
      Name cnameTarget = null;
      for (Record r : answerSection) {
        if (!r.getName().equals(current)) {
          continue;
        }
        if (r.getType() == type) {
          here.add(r);
        } else if (r.getType() == Type.CNAME && type != Type.CNAME && cnameTarget == null) {
          cnameTarget = ((CNAMERecord) r).getTarget().canonicalize();
        }
      }
      if (!here.isEmpty() || cnameTarget == null) {
        data = here;
        break;
      }
      if (!seen.add(cnameTarget)) {
        chainProblem = "CNAME loop at " + cnameTarget; // RFC 1034 3.6.2
        break;
      }
      chain.add(cnameTarget.toString());
      if (chain.size() > MAX_CNAME_DEPTH) {
        chainProblem = "CNAME chain longer than " + MAX_CNAME_DEPTH;
        break;
      }
      current = cnameTarget;
    }
    if (chainProblem != null) {
      return answer(
          name,
          typeName,
          LookupOutcome.FAILED,
          DnssecStatus.FAILED,
          chainProblem,
          ede,
          List.of(),
          chain,
          true,
          0,
          Optional.empty());
    }
    LookupOutcome outcome =
        !data.isEmpty()
            ? LookupOutcome.DATA
            : rcode == Rcode.NXDOMAIN ? LookupOutcome.NXDOMAIN : LookupOutcome.NODATA;
    boolean secure = m.getHeader().getFlag(Flags.AD);
    DnssecStatus dnssec = secure ? DnssecStatus.SECURE : DnssecStatus.INSECURE;
    String why =
        secure ? "" : reason != null ? reason : adTrust ? "the resolver did not set AD" : "";
    return answer(
        name,
        typeName,
        outcome,
        dnssec,
        why,
        ede,
        data,
        chain,
        false,
        ttl(m),
        signatureExpiry(answerSection, type));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) < 0 ? a : b;
  }

  private static DnsAnswer answer(
      String name,
      String type,
      LookupOutcome outcome,
      DnssecStatus dnssec,
      String reason,
      OptionalInt ede,
      List<Record> records,
      List<String> chain,
      boolean chainInvalid,
      long ttl,
      Optional<Instant> expiry) {
    return new DnsAnswer(
        LookupStatus.builder()
            .name(name)
            .type(recordType(type))
            .outcome(outcome)
            .dnssec(dnssec)
            .reason(reason)
            .extendedDnsError(ede)
            .signatureExpiry(expiry)
            .build(),
        records,
        chain,
        chainInvalid,
        ttl,
        false);
  }

  /** The API's name of a type this client asks for. */
  private static DnsRecordType recordType(String type) {
    try {
      return DnsRecordType.valueOf(type);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a type a check looks up: " + type, e);
    }
  }

  static DnsAnswer failed(String name, int type, String reason) {
    return answer(
        name.endsWith(".") ? name.toLowerCase(java.util.Locale.ROOT) : name + ".",
        Type.string(type),
        LookupOutcome.FAILED,
        DnssecStatus.FAILED,
        reason,
        OptionalInt.empty(),
        List.of(),
        List.of(),
        false,
        0,
        Optional.empty());
  }

  /** The earliest expiration of the RRSIGs over the answer's data and CNAME RRsets. */
  private static Optional<Instant> signatureExpiry(List<Record> answerSection, int type) {
    Instant earliest = null;
    for (Record r : answerSection) {
      if (r instanceof RRSIGRecord sig
          && (sig.getTypeCovered() == type || sig.getTypeCovered() == Type.CNAME)) {
        Instant expire = sig.getExpire();
        if (earliest == null || expire.isBefore(earliest)) {
          earliest = expire;
        }
      }
    }
    return Optional.ofNullable(earliest);
  }

  private static long ttl(Message m) {
    long ttl = Long.MAX_VALUE;
    for (int section : new int[] {Section.ANSWER, Section.AUTHORITY}) {
      for (Record r : m.getSection(section)) {
        ttl = Math.min(ttl, r.getTTL());
      }
    }
    return ttl == Long.MAX_VALUE ? 0 : ttl;
  }

  private static OptionalInt extendedError(Message m) {
    OPTRecord opt = m.getOPT();
    if (opt == null) {
      return OptionalInt.empty();
    }
    for (EDNSOption option : opt.getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR)) {
      if (option instanceof ExtendedErrorCodeOption ede) {
        return OptionalInt.of(ede.getErrorCode());
      }
    }
    return OptionalInt.empty();
  }

  /** The validator's reason: TXT at {@code .} in class 65280 (ValidatingResolver). */
  private static String validationReason(Message m) {
    for (Record r : m.getSection(Section.ADDITIONAL)) {
      if (r instanceof TXTRecord txt
          && r.getDClass() == ValidatingResolver.VALIDATION_REASON_QCLASS
          && r.getName().equals(Name.root)) {
        String text = String.join("", txt.getStrings());
        return text.length() > 500 ? text.substring(0, 500) + "..." : text;
      }
    }
    return null;
  }

  /** RFC 8914 4: codes 1 to 12 except 3 (stale answer) and 4 (forged) concern DNSSEC. */
  private static boolean isDnssecError(int code) {
    return code >= 1 && code <= 12 && code != 3 && code != 4;
  }

  /** What went wrong with one query of a lookup, in the user's terms (no class names). */
  private String describe(LookupScope.Failure failure) {
    Record q = failure.question();
    String question = q.getName() + " " + Type.string(q.getType());
    if (failure.error() == null) {
      return "the query for "
          + question
          + " was not sent: "
          + (failure.cut() ? "the check's time was up" : "the lookup had used its time");
    }
    return "the query for " + question + ": " + describe(failure.error());
  }

  /** What a failed query's exception means, in the user's terms (no class names). */
  private String describe(Throwable error) {
    Throwable cause = unwrap(error);
    if (timedOut(cause)) {
      return resolverNames + " did not answer in time";
    }
    if (cause instanceof java.net.PortUnreachableException
        || cause instanceof java.net.ConnectException) {
      return resolverNames + " refused the connection";
    }
    if (cause instanceof org.xbill.DNS.WireParseException) {
      return resolverNames + " sent a malformed answer (" + sayWhy(cause) + ")";
    }
    if (cause instanceof IOException) {
      return "network error talking to " + resolverNames + " (" + sayWhy(cause) + ")";
    }
    return "the query to " + resolverNames + " failed (" + sayWhy(cause) + ")";
  }

  /** An exception's own message, or a plain word when it has none. */
  private static String sayWhy(Throwable e) {
    return Reasons.own(e);
  }

  private static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException
            || cause instanceof java.util.concurrent.ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** Whether a query failed because no answer came in time. */
  static boolean timedOut(Throwable error) {
    Throwable cause = unwrap(error);
    return cause instanceof TimeoutException
        || cause instanceof java.net.SocketTimeoutException
        || String.valueOf(cause.getMessage())
            .toLowerCase(java.util.Locale.ROOT)
            .contains("timed out");
  }

  /** "resolver 127.0.0.9" or "resolvers 127.0.0.9, [::1]:5353" (port shown unless 53). */
  private static String resolverNames(List<java.net.InetSocketAddress> resolvers) {
    List<String> names = new ArrayList<>();
    for (java.net.InetSocketAddress r : resolvers) {
      String host = r.getAddress() == null ? r.getHostString() : r.getAddress().getHostAddress();
      if (r.getPort() != 53) {
        host = (host.contains(":") ? "[" + host + "]" : host) + ":" + r.getPort();
      }
      names.add(host);
    }
    return (names.size() == 1 ? "resolver " : "resolvers ") + String.join(", ", names);
  }

  /**
   * Records the upstream rcode of watched queries on their way through: the head resolver under the
   * validator sees the original query (same ID and question, CD added).
   */
  static final class UpstreamRcodes extends ForwardingResolver {
    private final Map<String, int[]> watched = new ConcurrentHashMap<>();

    UpstreamRcodes(Resolver head) {
      super(head);
    }

    Object watch(Message query) {
      String key = key(query);
      watched.put(key, new int[] {-1});
      return key;
    }

    int take(Object token) {
      int[] rcode = watched.remove((String) token);
      return rcode == null ? -1 : rcode[0];
    }

    private static String key(Message m) {
      Record q = m.getQuestion();
      return m.getHeader().getID() + "/" + q.getName().canonicalize() + "/" + q.getType();
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query, Executor executor) {
      int[] slot = watched.get(key(query));
      CompletionStage<Message> response = head.sendAsync(query, executor);
      if (slot == null) {
        return response;
      }
      return response.thenApply(
          m -> {
            slot[0] = m.getRcode();
            return m;
          });
    }
  }
}
