/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.testkit;

import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.NSEC3PARAMRecord;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * One zone's data, signed lazily: an RRset's RRSIG is made on first use and cached, so a zone of
 * tens of thousands of names starts in no time. It denies with NSEC, or with NSEC3 once {@link
 * #useNsec3} is called (the chain is hashed when the zone is {@link #seal sealed}). Thread-safe
 * once sealed.
 */
final class SignedZone {
  static final long NEGATIVE_TTL = 300;

  private final Name origin;
  private final KeyPair keyPair; // null when unsigned
  private final DNSKEYRecord dnskey; // null when unsigned
  private final NavigableMap<Name, Map<Integer, RRset>> names = new TreeMap<>();
  private final Map<String, RRset> signedCache = new ConcurrentHashMap<>();
  private final Map<Name, NSECRecord> nsecCache = new ConcurrentHashMap<>();
  private NSEC3PARAMRecord nsec3Parameters; // null: NSEC
  private boolean optOut;
  private Nsec3Chain nsec3; // made by seal()

  /**
   * A denial's records (NSEC or NSEC3) and whether they prove it securely (false when it rests on
   * an opt-out NSEC3, which proves only that no signed name is there).
   */
  record Denial(List<Record> records, boolean secure) {}

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

  /**
   * Denies with NSEC3 (adding the NSEC3PARAM at the apex); only while the server is being built.
   */
  void useNsec3(LabNsec3 spec) {
    nsec3Parameters =
        new NSEC3PARAMRecord(
            origin,
            DClass.IN,
            0, // RFC 5155 4: the TTL of NSEC3PARAM is 0
            NSEC3Record.SHA1_DIGEST_ID,
            0,
            spec.iterations(),
            spec.salt());
    optOut = spec.optOut();
    add(nsec3Parameters);
  }

  /**
   * Ends building: with NSEC3, hashes every name into the chain (RFC 5155 7.1: each authoritative
   * name and empty non-terminal; with opt-out, unsigned delegations left out; names below a
   * delegation are not authoritative).
   */
  void seal() {
    if (nsec3Parameters == null || !signed()) {
      return;
    }
    Set<Name> cuts = new HashSet<>();
    for (Map.Entry<Name, Map<Integer, RRset>> e : names.entrySet()) {
      if (!e.getKey().equals(origin) && e.getValue().containsKey(Type.NS)) {
        cuts.add(e.getKey());
      }
    }
    Set<Name> members = new LinkedHashSet<>();
    for (Map.Entry<Name, Map<Integer, RRset>> e : names.entrySet()) {
      Name name = e.getKey();
      if (below(name, cuts)) {
        continue;
      }
      boolean insecureDelegation = cuts.contains(name) && !e.getValue().containsKey(Type.DS);
      if (!(optOut && insecureDelegation)) {
        members.add(name);
      }
      for (Name n = name; n.labels() > origin.labels(); ) {
        n = new Name(n, 1);
        members.add(n); // an empty non-terminal, or an owner already in the set
      }
    }
    nsec3 = new Nsec3Chain(origin, nsec3Parameters, optOut, members, this::nsec3Types);
  }

  private boolean below(Name name, Set<Name> cuts) {
    if (cuts.isEmpty()) {
      return false;
    }
    for (Name n = name; n.labels() > origin.labels() + 1; ) {
      n = new Name(n, 1);
      if (cuts.contains(n)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The types of an NSEC3's original owner (RFC 5155 3.2.1): none for an empty non-terminal; at a
   * delegation RRSIG only with a DS (NS there is not signed).
   */
  private int[] nsec3Types(Name owner) {
    Map<Integer, RRset> types = names.get(owner);
    if (types == null) {
      return new int[0];
    }
    List<Integer> list = new ArrayList<>(types.keySet());
    boolean delegation = !owner.equals(origin) && types.containsKey(Type.NS);
    if (!delegation || types.containsKey(Type.DS)) {
      list.add(Type.RRSIG);
    }
    return list.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Whether the zone denies with NSEC3. */
  boolean nsec3() {
    return nsec3 != null;
  }

  /**
   * The denial of a name's RRset of the type asked (NODATA, when the name exists) or of the name
   * (NXDOMAIN; the caller has found no wildcard at its closest encloser).
   */
  Denial deny(Name name) {
    boolean exists = exists(name);
    if (nsec3 != null) {
      Nsec3Chain.Proof proof = nsec3.deny(name, exists);
      return new Denial(proof.records(), proof.secure());
    }
    Set<Record> nsecs = new LinkedHashSet<>();
    // NODATA (RFC 4035 3.1.3.1); an empty non-terminal is proven by the NSEC covering it.
    nsecs.add(nsecCovering(name));
    if (!exists) {
      // NXDOMAIN (RFC 4035 3.1.3.2): the name and the wildcard at its closest encloser.
      nsecs.add(nsecCovering(Nsec3Chain.wildcard(closestEncloser(name))));
    }
    return new Denial(List.copyOf(nsecs), true);
  }

  /**
   * The wildcard at a name's closest encloser when the name does not exist and that wildcard does
   * (RFC 4592 3.3.1), else null.
   */
  Name wildcardFor(Name name) {
    if (exists(name)) {
      return null;
    }
    Name wildcard = Nsec3Chain.wildcard(closestEncloser(name));
    return names.containsKey(wildcard) && !wildcard.equals(name) ? wildcard : null;
  }

  /**
   * The proof that goes with an answer synthesised from a wildcard (the name asked does not exist):
   * NSEC, the one covering the name (RFC 4035 3.1.3.3), for a wildcard NODATA also the wildcard's
   * own (3.1.3.4); NSEC3, RFC 5155 7.2.6 and 7.2.5.
   */
  Denial wildcardProof(Name name, Name wildcard, boolean nodata) {
    Name encloser = new Name(wildcard, 1);
    if (nsec3 != null) {
      Nsec3Chain.Proof proof = nsec3.wildcard(name, encloser, nodata);
      return new Denial(proof.records(), proof.secure());
    }
    Set<Record> nsecs = new LinkedHashSet<>();
    nsecs.add(nsecCovering(name));
    if (nodata) {
      nsecs.add(nsecAt(wildcard));
    }
    return new Denial(List.copyOf(nsecs), true);
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
