/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.testkit;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Answers one query from the lab zones, as a recursive resolver would. Thread-safe. */
final class Responder {
  /** A reply's wire form and the name asked (for per-name latency). */
  record Reply(byte[] wire, Name name) {}

  private final Map<Name, SignedZone> zones;
  private final Map<LabZone.FaultKey, LabFault> faults;
  private final boolean authenticatedData;
  private final Instant inception;
  private final Instant expiration;

  Responder(
      Map<Name, SignedZone> zones,
      Map<LabZone.FaultKey, LabFault> faults,
      boolean authenticatedData,
      Instant inception,
      Instant expiration) {
    this.zones = zones;
    this.faults = faults;
    this.authenticatedData = authenticatedData;
    this.inception = inception;
    this.expiration = expiration;
  }

  Instant expiration() {
    return expiration;
  }

  /** The reply to a query, or null when there is none to send (malformed query, DROP fault). */
  Reply answer(byte[] wire, boolean udp, BiConsumer<Name, Integer> counter) {
    Message query;
    try {
      query = new Message(wire);
    } catch (IOException e) {
      return null;
    }
    Record question = query.getQuestion();
    if (question == null || query.getHeader().getFlag(Flags.QR)) {
      return null;
    }
    Name qname = question.getName().canonicalize();
    int qtype = question.getType();
    counter.accept(qname, qtype);

    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setFlag(Flags.RA);
    if (query.getHeader().getFlag(Flags.RD)) {
      response.getHeader().setFlag(Flags.RD);
    }
    response.addRecord(question, Section.QUESTION);
    OPTRecord queryOpt = query.getOPT();
    boolean dnssecOk = queryOpt != null && (queryOpt.getFlags() & ExtendedFlags.DO) != 0;
    if (queryOpt != null) {
      response.addRecord(
          new OPTRecord(4096, 0, 0, dnssecOk ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
    }
    int maxLength = udp ? Math.max(512, queryOpt == null ? 512 : queryOpt.getPayloadSize()) : 65535;

    LabFault fault = fault(qname, qtype);
    if (fault == LabFault.DROP) {
      return null;
    }
    if (query.getHeader().getOpcode() != Opcode.QUERY) {
      response.getHeader().setRcode(Rcode.NOTIMP);
    } else if (fault == LabFault.SERVFAIL) {
      response.getHeader().setRcode(Rcode.SERVFAIL);
    } else if (fault == LabFault.TRUNCATE && udp) {
      response.getHeader().setFlag(Flags.TC);
    } else {
      boolean secure = resolve(response, qname, qtype, dnssecOk, fault);
      if (secure && authenticatedData) {
        response.getHeader().setFlag(Flags.AD);
      }
    }
    return new Reply(response.toWire(maxLength), qname);
  }

  /** Fills the answer; returns whether every RRset came signed and unfaulted from signed zones. */
  private boolean resolve(
      Message response, Name qname, int qtype, boolean dnssecOk, LabFault queryFault) {
    Name name = qname;
    Set<Name> seen = new HashSet<>();
    boolean secure = true;
    for (int hop = 0; hop <= LabDnsServer.MAX_CNAME_HOPS && seen.add(name); hop++) {
      SignedZone zone = zoneFor(name, qtype);
      secure &= zone.signed();
      RRset data = zone.get(name, qtype);
      if (data != null) {
        secure &= add(response, Section.ANSWER, zone, data, dnssecOk, null);
        return secure;
      }
      RRset cname = qtype == Type.CNAME ? null : zone.get(name, Type.CNAME);
      if (cname != null) {
        secure &= add(response, Section.ANSWER, zone, cname, dnssecOk, null);
        name = ((CNAMERecord) cname.first()).getTarget().canonicalize();
        continue;
      }
      LabFault denialFault = denialFault(queryFault, fault(name, qtype));
      Name wildcard = zone.wildcardFor(name);
      if (wildcard != null) {
        // RFC 4592: the answer is synthesised from the wildcard, with the proof that the name
        // asked does not exist.
        RRset wildData = zone.get(wildcard, qtype);
        RRset wildCname = qtype == Type.CNAME ? null : zone.get(wildcard, Type.CNAME);
        RRset used = wildData != null ? wildData : wildCname;
        if (used == null) {
          add(response, Section.AUTHORITY, zone, zone.get(zone.origin(), Type.SOA), dnssecOk, null);
          return secure
              & prove(
                  response, zone, zone.wildcardProof(name, wildcard, true), dnssecOk, denialFault);
        }
        secure &= add(response, Section.ANSWER, zone, used, dnssecOk, name);
        secure &=
            prove(response, zone, zone.wildcardProof(name, wildcard, false), dnssecOk, denialFault);
        if (used == wildData) {
          return secure;
        }
        name = ((CNAMERecord) used.first()).getTarget().canonicalize();
        continue;
      }
      add(response, Section.AUTHORITY, zone, zone.get(zone.origin(), Type.SOA), dnssecOk, null);
      if (!zone.exists(name)) {
        response.getHeader().setRcode(Rcode.NXDOMAIN);
      }
      return secure & prove(response, zone, zone.deny(name), dnssecOk, denialFault);
    }
    return false; // a CNAME loop or an overlong chain: the answer stops there
  }

  /** The denial fault for a name: the query's, else the denied name's own. */
  private static LabFault denialFault(LabFault queryFault, LabFault nameFault) {
    for (LabFault f : new LabFault[] {queryFault, nameFault}) {
      if (f == LabFault.BROKEN_DENIAL || f == LabFault.INCOMPLETE_DENIAL) {
        return f;
      }
    }
    return null;
  }

  /**
   * Adds a denial's NSEC or NSEC3 records to the authority section (when signed and asked, less
   * what a fault removes); returns whether the denial is proven securely.
   */
  private boolean prove(
      Message response,
      SignedZone zone,
      SignedZone.Denial denial,
      boolean dnssecOk,
      LabFault fault) {
    List<Record> records = denial.records();
    if (fault == LabFault.BROKEN_DENIAL) {
      records = List.of();
    } else if (fault == LabFault.INCOMPLETE_DENIAL) {
      records = records.subList(0, records.size() - 1);
    }
    if (zone.signed() && dnssecOk) {
      for (Record r : records) {
        add(response, Section.AUTHORITY, zone, new RRset(r), true, null);
      }
    }
    return zone.signed() && denial.secure() && fault == null;
  }

  /**
   * Adds an RRset (with its RRSIG when asked), under another owner name when {@code synthesised} is
   * not null (a wildcard's); returns whether it is validly signed.
   */
  private boolean add(
      Message response,
      int section,
      SignedZone zone,
      RRset rrset,
      boolean dnssecOk,
      Name synthesised) {
    LabFault fault = fault(rrset.getName(), rrset.getType());
    boolean faulty = fault == LabFault.BOGUS_SIGNATURE || fault == LabFault.EXPIRED_SIGNATURE;
    RRset out =
        zone.signed()
            ? zone.signed(rrset, faulty ? fault.name() : "", r -> signature(zone, r, fault))
            : rrset;
    for (Record r : out.rrs(false)) {
      response.addRecord(synthesised == null ? r : r.withName(synthesised), section);
    }
    if (dnssecOk) {
      for (RRSIGRecord sig : out.sigs()) {
        // A synthesised answer keeps the wildcard's RRSIG, whose label count tells (RFC 4035
        // 5.3.4).
        response.addRecord(synthesised == null ? sig : sig.withName(synthesised), section);
      }
    }
    return zone.signed() && !faulty;
  }

  private RRSIGRecord signature(SignedZone zone, RRset rrset, LabFault fault) {
    if (fault == LabFault.EXPIRED_SIGNATURE) {
      Instant now = Instant.now();
      return zone.sign(rrset, now.minus(10, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS));
    }
    RRSIGRecord sig = zone.sign(rrset, inception, expiration);
    if (fault != LabFault.BOGUS_SIGNATURE) {
      return sig;
    }
    byte[] corrupt = sig.getSignature();
    corrupt[corrupt.length / 2] ^= 0x5a;
    return new RRSIGRecord(
        sig.getName(),
        sig.getDClass(),
        sig.getTTL(),
        sig.getTypeCovered(),
        sig.getAlgorithm(),
        sig.getOrigTTL(),
        sig.getExpire(),
        sig.getTimeSigned(),
        sig.getFootprint(),
        sig.getSigner(),
        corrupt);
  }

  /** The zone that answers for a name: the deepest one; for DS at a zone's apex, its parent. */
  private SignedZone zoneFor(Name name, int qtype) {
    SignedZone own = zones.get(name);
    if (own != null && qtype == Type.DS && !name.equals(Name.root)) {
      return LabDnsServer.Builder.parentOf(zones, name);
    }
    for (Name n = name; ; n = new Name(n, 1)) {
      SignedZone zone = zones.get(n);
      if (zone != null) {
        return zone;
      }
      if (n.labels() <= 1) {
        return zones.get(Name.root);
      }
    }
  }

  private LabFault fault(Name name, int type) {
    LabFault exact = faults.get(new LabZone.FaultKey(name, type));
    return exact != null
        ? exact
        : faults.get(new LabZone.FaultKey(name, LabZone.FaultKey.ANY_TYPE));
  }
}
