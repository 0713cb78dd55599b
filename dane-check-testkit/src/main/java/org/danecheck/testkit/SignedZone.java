/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.testkit;

import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * One zone's data, signed lazily: an RRset's RRSIG is made on first use and cached, so a zone of
 * tens of thousands of names starts in no time. Thread-safe once built.
 */
final class SignedZone {
  static final long NEGATIVE_TTL = 300;

  private final Name origin;
  private final KeyPair keyPair; // null when unsigned
  private final DNSKEYRecord dnskey; // null when unsigned
  private final NavigableMap<Name, Map<Integer, RRset>> names = new TreeMap<>();
  private final Map<String, RRset> signedCache = new ConcurrentHashMap<>();
  private final Map<Name, NSECRecord> nsecCache = new ConcurrentHashMap<>();

  SignedZone(Name origin, KeyPair keyPair, DNSKEYRecord dnskey) {
    this.origin = origin;
    this.keyPair = keyPair;
    this.dnskey = dnskey;
  }

  Name origin() {
    return origin;
  }

  boolean signed() {
    return dnskey != null;
  }

  DNSKEYRecord dnskey() {
    return dnskey;
  }

  /** Adds a record; only while the server is being built. */
  void add(Record record) {
    Name owner = record.getName().canonicalize();
    names
        .computeIfAbsent(owner, n -> new HashMap<>())
        .computeIfAbsent(record.getType(), t -> new RRset())
        .addRR(record.withName(owner));
  }

  boolean has(Name owner, int type) {
    Map<Integer, RRset> types = names.get(owner);
    return types != null && types.containsKey(type);
  }

  RRset get(Name owner, int type) {
    Map<Integer, RRset> types = names.get(owner);
    return types == null ? null : types.get(type);
  }

  SOARecord soa() {
    return (SOARecord) get(origin, Type.SOA).first();
  }

  /** Whether the name exists: it owns records or is an empty non-terminal (RFC 4592 2.2.2). */
  boolean exists(Name name) {
    if (names.containsKey(name)) {
      return true;
    }
    Name next = names.higherKey(name);
    return next != null && next.subdomain(name);
  }

  /** The longest ancestor of a name that exists in this zone (RFC 4592 3.3.1). */
  Name closestEncloser(Name name) {
    Name candidate = name;
    while (candidate.labels() > origin.labels()) {
      candidate = new Name(candidate, 1);
      if (exists(candidate)) {
        return candidate;
      }
    }
    return origin;
  }

  /** The NSEC owned by this name (which must own records). */
  NSECRecord nsecAt(Name owner) {
    return nsecCache.computeIfAbsent(
        owner,
        o -> {
          List<Integer> types = new ArrayList<>(names.get(o).keySet());
          types.add(Type.NSEC);
          types.add(Type.RRSIG);
          Name next = names.higherKey(o);
          return new NSECRecord(
              o,
              DClass.IN,
              NEGATIVE_TTL,
              next == null ? origin : next,
              types.stream().mapToInt(Integer::intValue).toArray());
        });
  }

  /** The NSEC whose owner is the name or the closest one before it in canonical order. */
  NSECRecord nsecCovering(Name name) {
    Name owner = names.floorKey(name);
    return nsecAt(owner == null ? names.lastKey() : owner);
  }

  /**
   * The RRset with its RRSIG (when the zone is signed), made once and cached; {@code signer}
   * decides how to sign (e.g. with a fault).
   */
  RRset signed(RRset rrset, String variant, Function<RRset, RRSIGRecord> signer) {
    if (!signed()) {
      return rrset;
    }
    String key = rrset.getName() + "/" + rrset.getType() + "/" + variant;
    return signedCache.computeIfAbsent(
        key,
        k -> {
          RRset copy = new RRset(rrset);
          copy.addRR(signer.apply(rrset));
          return copy;
        });
  }

  /** Signs an RRset with the zone key, valid from {@code inception} to {@code expiration}. */
  RRSIGRecord sign(RRset rrset, Instant inception, Instant expiration) {
    try {
      return DNSSEC.sign(rrset, dnskey, keyPair.getPrivate(), inception, expiration);
    } catch (DNSSEC.DNSSECException e) {
      throw new IllegalStateException("lab zone " + origin + ": cannot sign " + rrset, e);
    }
  }
}
