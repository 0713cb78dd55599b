package org.danecheck.core.internal.dns;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.danecheck.DnssecStatus;
import org.danecheck.LookupOutcome;
import org.danecheck.LookupStatus;
import org.danecheck.core.internal.Deadline;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
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
 * <p>Identical queries in flight are sent once; the optional cache keeps answered results for their
 * TTL. dnsjava gets its own executor; no callback here blocks.
 */
final class DnsClient {
  /** The longest CNAME chain followed; longer chains are FAILED (RFC 1034 3.6.2 loops too). */
  static final int MAX_CNAME_DEPTH = 8;

  /** The most records of one answer section considered. */
  static final int MAX_ANSWER_RECORDS = 256;

  private final boolean adTrust;
  private final Resolver resolver;
  private final UpstreamRcodes upstream;
  private final Executor executor;
  private final Map<String, CompletableFuture<DnsAnswer>> inFlight = new ConcurrentHashMap<>();
  private final AnswerCache cache;

  DnsClient(DnsConfig config, Executor executor) {
    this(config, headResolver(config), executor);
  }

  DnsClient(DnsConfig config, Resolver head, Executor executor) {
    this.adTrust = config.adTrust();
    this.executor = executor;
    this.cache = config.cacheEntries() > 0 ? new AnswerCache(config.cacheEntries()) : null;
    if (adTrust) {
      head.setEDNS(0, 0, ExtendedFlags.DO, List.of());
      this.upstream = null;
      this.resolver = head;
    } else {
      this.upstream = new UpstreamRcodes(head);
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

  private static Resolver headResolver(DnsConfig config) {
    List<Resolver> simple = new ArrayList<>();
    for (InetSocketAddress address : config.resolvers()) {
      SimpleResolver r = new SimpleResolver(address);
      r.setTimeout(config.queryTimeout());
      simple.add(r);
    }
    ExtendedResolver extended = new ExtendedResolver(simple);
    extended.setRetries(config.retries() + 1);
    extended.setLoadBalance(false);
    extended.setTimeout(
        config.queryTimeout().multipliedBy((long) (config.retries() + 1) * simple.size()));
    return extended;
  }

  /** Queries a name and type; the future never fails and completes by the deadline. */
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
      DnsAnswer cached = cache.get(key);
      if (cached != null) {
        return CompletableFuture.completedFuture(cached);
      }
    }
    if (deadline.expired()) {
      return CompletableFuture.completedFuture(
          failed(qname.toString(), type, "deadline exceeded before the query"));
    }
    CompletableFuture<DnsAnswer> fresh = new CompletableFuture<>();
    CompletableFuture<DnsAnswer> shared = inFlight.putIfAbsent(key, fresh);
    if (shared == null) {
      shared = fresh;
      send(qname, type)
          .whenComplete(
              (answer, e) -> {
                inFlight.remove(key, fresh);
                DnsAnswer result =
                    answer != null ? answer : failed(qname.toString(), type, describe(e));
                if (cache != null && result.status().outcome().answered()) {
                  cache.put(key, result);
                }
                fresh.complete(result);
              });
    }
    long millis = Math.max(1, deadline.remaining().toMillis());
    return shared
        .copy()
        .completeOnTimeout(
            failed(qname.toString(), type, "deadline exceeded after " + millis + " ms"),
            millis,
            TimeUnit.MILLISECONDS);
  }

  private CompletableFuture<DnsAnswer> send(Name qname, int type) {
    Message query = Message.newQuery(Record.newRecord(qname, type, DClass.IN));
    Object token = upstream == null ? null : upstream.watch(query);
    CompletionStage<Message> sent;
    try {
      sent = resolver.sendAsync(query, executor);
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    return sent.toCompletableFuture()
        .handle(
            (message, error) -> {
              int upstreamRcode = upstream == null ? -1 : upstream.take(token);
              if (error != null) {
                return failed(qname.toString(), type, describe(error));
              }
              try {
                return classify(qname, type, message, upstreamRcode);
              } catch (RuntimeException e) {
                return failed(qname.toString(), type, "unreadable answer: " + e);
              }
            });
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
        new LookupStatus(name, type, outcome, dnssec, reason, ede, expiry),
        records,
        chain,
        chainInvalid,
        ttl);
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

  private static String describe(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException
            || cause instanceof java.util.concurrent.ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof TimeoutException
        || cause instanceof java.net.SocketTimeoutException
        || String.valueOf(cause.getMessage())
            .toLowerCase(java.util.Locale.ROOT)
            .contains("timed out")) {
      return "no answer: timeout (" + cause.getMessage() + ")";
    }
    return "network error: " + cause;
  }

  /**
   * Records the upstream rcode of watched queries on their way through: the head resolver under the
   * validator sees the original query (same ID and question, CD added).
   */
  static final class UpstreamRcodes implements Resolver {
    private final Resolver head;
    private final Map<String, int[]> watched = new ConcurrentHashMap<>();

    UpstreamRcodes(Resolver head) {
      this.head = head;
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

    @Override
    public void setPort(int port) {
      head.setPort(port);
    }

    @Override
    public void setTCP(boolean flag) {
      head.setTCP(flag);
    }

    @Override
    public void setIgnoreTruncation(boolean flag) {
      head.setIgnoreTruncation(flag);
    }

    @Override
    public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {
      head.setEDNS(version, payloadSize, flags, options);
    }

    @Override
    public void setTSIGKey(TSIG key) {
      head.setTSIGKey(key);
    }

    @Override
    public void setTimeout(Duration timeout) {
      head.setTimeout(timeout);
    }

    @Override
    public Duration getTimeout() {
      return head.getTimeout();
    }
  }

  /** A bounded LRU of answers, each kept for its TTL. */
  private static final class AnswerCache {
    private final int maxEntries;
    private final LinkedHashMap<String, Map.Entry<DnsAnswer, Long>> entries;

    AnswerCache(int maxEntries) {
      this.maxEntries = maxEntries;
      this.entries =
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Map.Entry<DnsAnswer, Long>> e) {
              return size() > AnswerCache.this.maxEntries;
            }
          };
    }

    synchronized DnsAnswer get(String key) {
      Map.Entry<DnsAnswer, Long> e = entries.get(key);
      if (e == null) {
        return null;
      }
      if (System.nanoTime() - e.getValue() > 0) {
        entries.remove(key);
        return null;
      }
      return e.getKey();
    }

    synchronized void put(String key, DnsAnswer answer) {
      if (answer.ttl() <= 0) {
        return;
      }
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.min(answer.ttl(), 86400));
      entries.put(key, Map.entry(answer, until));
    }
  }
}
