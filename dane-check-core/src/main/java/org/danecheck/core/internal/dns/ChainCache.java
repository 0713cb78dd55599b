/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.dns;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The upstream answers to the validator's own DS and DNSKEY queries, kept by their TTL.
 *
 * <p>Why: dnsjava 3.6.4's validator keeps validated keys (its key cache), but when the closest
 * cached key is a good key above the answer's signer it starts the key search again from the trust
 * anchor ({@code ValidatingResolver.prepareFindKey}), so every new zone under a signed parent
 * (every domain of a survey) queries the root's and the parent's DNSKEY and DS again: four round
 * trips and their parsing per zone, measured in a scan as 4.5 DNSKEY and 2.3 DS re-validations per
 * domain. Answering those repeats here costs nothing upstream; the validator still validates every
 * answer it gets, so a kept answer proves exactly what the same bytes from the resolver would.
 *
 * <p>Only positive answers are kept (NOERROR, not truncated, with records of the asked type in the
 * answer section): a failure or denial is asked again, as before. Kept at most for the answer's
 * smallest TTL and never longer than {@link #MAX_SECONDS} (dnsjava's key cache limit), bounded by
 * bytes.
 */
final class ChainCache {
  /** The longest an answer is kept: dnsjava's key cache keeps keys at most this long too. */
  static final long MAX_SECONDS = 900;

  private final Cache<String, Kept> answers;

  private record Kept(byte[] wire, long ttlSeconds) {}

  ChainCache(long maxBytes) {
    this.answers =
        Caffeine.newBuilder()
            .maximumWeight(maxBytes)
            .weigher((String key, Kept kept) -> kept.wire().length + 2 * key.length() + 64)
            .expireAfter(
                Expiry.writing((String key, Kept kept) -> Duration.ofSeconds(kept.ttlSeconds())))
            // Maintenance on the calling thread: Caffeine's default is the common pool.
            .executor(Runnable::run)
            .build();
  }

  /** Whether this cache answers queries of this kind at all. */
  static boolean cachable(Message query) {
    Record q = query.getQuestion();
    return q != null && (q.getType() == Type.DS || q.getType() == Type.DNSKEY);
  }

  /** A kept answer to this query, as a new message with the query's ID; null when none. */
  Message get(Message query) {
    if (!cachable(query)) {
      return null;
    }
    Kept kept = answers.getIfPresent(key(query));
    if (kept == null) {
      return null;
    }
    try {
      Message answer = new Message(kept.wire());
      answer.getHeader().setID(query.getHeader().getID());
      return answer;
    } catch (java.io.IOException e) {
      return null; // it parsed when it was kept; never expected
    }
  }

  /** Keeps a positive answer to one of the validator's DS or DNSKEY queries. */
  void offer(Message query, Message answer) {
    if (!cachable(query)
        || answer == null
        || answer.getRcode() != Rcode.NOERROR
        || answer.getHeader().getFlag(Flags.TC)
        || answer.getQuestion() == null
        || !answer.getQuestion().equals(query.getQuestion())) {
      return;
    }
    int type = query.getQuestion().getType();
    List<Record> records = answer.getSection(Section.ANSWER);
    long ttl = MAX_SECONDS;
    boolean any = false;
    for (Record r : records) {
      any |= r.getType() == type;
      ttl = Math.min(ttl, r.getTTL());
    }
    if (!any || ttl <= 0) {
      return;
    }
    answers.put(key(query), new Kept(answer.toWire(), ttl));
  }

  private static String key(Message query) {
    Record q = query.getQuestion();
    return q.getName().canonicalize() + "/" + q.getType() + "/" + q.getDClass();
  }
}
