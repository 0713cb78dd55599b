/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.testkit;

import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSEC3PARAMRecord;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.utils.base32;

/**
 * A zone's NSEC3 chain (RFC 5155): the hashes of its names, hashed once when the zone is sealed and
 * kept sorted, and the proofs of RFC 5155 7.2 from them. A proof costs a hash per label between the
 * name and its closest encloser plus one for the wildcard, and a binary search each; the records
 * are made once per hashed owner and cached. Thread-safe.
 */
final class Nsec3Chain {
  /** The Opt-Out flag of an NSEC3 record (RFC 5155 3.1.2.1). */
  static final int OPT_OUT = 1;

  private static final base32 BASE32HEX = new base32(base32.Alphabet.BASE32HEX, false, false);
  private static final Name WILDCARD = Name.fromConstantString("*");

  private final Name origin;
  private final NSEC3PARAMRecord parameters;
  private final boolean optOut;
  private final byte[][] hashes; // sorted, unsigned
  private final Name[] names; // the original owner of each hash
  private final Function<Name, int[]> types;
  private final Map<Integer, NSEC3Record> records = new ConcurrentHashMap<>();

  /**
   * A proof: the NSEC3 records to send, and whether it proves the denial securely (false when it
   * rests on an opt-out NSEC3 covering the next closer name, RFC 5155 6).
   */
  record Proof(List<Record> records, boolean secure) {}

  Nsec3Chain(
      Name origin,
      NSEC3PARAMRecord parameters,
      boolean optOut,
      Collection<Name> members,
      Function<Name, int[]> types) {
    this.origin = origin;
    this.parameters = parameters;
    this.optOut = optOut;
    this.types = types;
    record Entry(byte[] hash, Name name) {}
    Entry[] entries = members.stream().map(n -> new Entry(hash(n), n)).toArray(Entry[]::new);
    Arrays.sort(entries, (a, b) -> Arrays.compareUnsigned(a.hash(), b.hash()));
    this.hashes = new byte[entries.length][];
    this.names = new Name[entries.length];
    for (int i = 0; i < entries.length; i++) {
      hashes[i] = entries[i].hash();
      names[i] = entries[i].name();
    }
  }

  /** The NSEC3PARAM record of the apex (RFC 5155 4). */
  NSEC3PARAMRecord parameters() {
    return parameters;
  }

  /**
   * The proof that a name has no RRset of the type asked, or does not exist (its closest encloser
   * having no wildcard): for a name with an NSEC3, that NSEC3 (NODATA, RFC 5155 7.2.3, and 7.2.4
   * for DS); otherwise the closest encloser proof, the closest provable encloser's NSEC3 and the
   * one covering the next closer name (7.2.1), plus for a name that does not exist the one covering
   * the wildcard at the closest encloser (NXDOMAIN, 7.2.2). A name that exists but has no NSEC3 is
   * an unsigned delegation left out of an opt-out chain: the closest encloser proof alone, whose
   * NSEC3 covering the next closer name has the Opt-Out flag (7.2.4 for DS; 7.2.7 for a referral).
   */
  Proof deny(Name name, boolean exists) {
    byte[] hash = hash(name);
    int match = find(hash);
    if (match >= 0) {
      return new Proof(List.of(record(match)), true);
    }
    Name nextCloser = name;
    byte[] nextCloserHash = hash;
    int encloser = -1;
    Name closest = origin;
    for (Name n = parent(name); n.labels() >= origin.labels(); n = parent(n)) {
      byte[] h = hash(n);
      encloser = find(h);
      if (encloser >= 0) {
        closest = n;
        break;
      }
      nextCloser = n;
      nextCloserHash = h;
    }
    if (encloser < 0) {
      throw new IllegalStateException("zone " + origin + " has no NSEC3 at its apex");
    }
    Set<Integer> proof = new LinkedHashSet<>();
    proof.add(encloser);
    proof.add(cover(nextCloserHash));
    if (!exists) {
      proof.add(cover(hash(wildcard(closest))));
    }
    return new Proof(toRecords(proof), !optOut);
  }

  /**
   * The proof of a wildcard answer for a name that does not exist (RFC 5155 7.2.6): the NSEC3
   * covering the next closer name; for a wildcard NODATA (7.2.5) also the closest encloser's NSEC3
   * and the wildcard's own.
   */
  Proof wildcard(Name name, Name closestEncloser, boolean nodata) {
    Name nextCloser = new Name(name, name.labels() - closestEncloser.labels() - 1);
    Set<Integer> proof = new LinkedHashSet<>();
    proof.add(cover(hash(nextCloser)));
    if (nodata) {
      proof.add(find(hash(closestEncloser)));
      proof.add(find(hash(wildcard(closestEncloser))));
      proof.remove(-1);
    }
    return new Proof(toRecords(proof), !optOut);
  }

  private List<Record> toRecords(Set<Integer> indexes) {
    List<Record> out = new ArrayList<>(indexes.size());
    indexes.forEach(i -> out.add(record(i)));
    return out;
  }

  /** The NSEC3 at this index of the chain, made on first use. */
  private NSEC3Record record(int index) {
    return records.computeIfAbsent(
        index,
        i ->
            new NSEC3Record(
                hashedOwner(hashes[i]),
                DClass.IN,
                SignedZone.NEGATIVE_TTL,
                parameters.getHashAlgorithm(),
                optOut ? OPT_OUT : 0,
                parameters.getIterations(),
                parameters.getSalt(),
                hashes[(i + 1) % hashes.length],
                types.apply(names[i])));
  }

  private Name hashedOwner(byte[] hash) {
    try {
      return Name.fromString(BASE32HEX.toString(hash).toLowerCase(Locale.ROOT), origin);
    } catch (TextParseException e) {
      throw new IllegalStateException("zone " + origin + ": hashed name too long", e);
    }
  }

  /** The index of this hash in the chain, or -1. */
  private int find(byte[] hash) {
    int i = Arrays.binarySearch(hashes, hash, Arrays::compareUnsigned);
    return i >= 0 ? i : -1;
  }

  /** The index of the NSEC3 whose owner precedes this hash and whose next one follows it. */
  private int cover(byte[] hash) {
    int i = Arrays.binarySearch(hashes, hash, Arrays::compareUnsigned);
    int insertion = i >= 0 ? i : -i - 1;
    return insertion == 0 ? hashes.length - 1 : insertion - 1;
  }

  private byte[] hash(Name name) {
    try {
      return parameters.hashName(name);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from the JDK", e);
    }
  }

  private static Name parent(Name name) {
    return new Name(name, 1);
  }

  static Name wildcard(Name encloser) {
    try {
      return Name.concatenate(WILDCARD, encloser);
    } catch (NameTooLongException e) {
      return encloser; // no wildcard can be there; the encloser's own NSEC3 stands in
    }
  }
}
