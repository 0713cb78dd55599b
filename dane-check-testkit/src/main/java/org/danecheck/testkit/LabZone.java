/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.testkit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The description of one lab zone, filled in by the lambda given to {@link
 * LabDnsServer.Builder#zone(String, java.util.function.Consumer)}. Names may be absolute ({@code
 * mx.example.org.}) or relative to the zone ({@code mx}, {@code @}). A zone is signed with ECDSA
 * P-256 unless {@link #unsigned()} or {@link #algorithm} says otherwise; SOA, NS and DNSKEY records
 * at the apex are added when not given. It denies with NSEC (RFC 4035) unless {@link #nsec3()} says
 * NSEC3 (RFC 5155).
 */
public final class LabZone {
  /** The TTL of records whose text names none. */
  public static final long DEFAULT_TTL = 300;

  private final Name origin;
  private final List<Record> records = new ArrayList<>();
  private final Map<FaultKey, LabFault> faults = new HashMap<>();
  private final Map<Name, Duration> latencies = new HashMap<>();
  private boolean signed = true;
  private LabAlgorithm algorithm = LabAlgorithm.ECDSAP256SHA256;
  private LabNsec3 nsec3; // null: NSEC

  LabZone(Name origin) {
    this.origin = origin;
  }

  /** Adds records from one zone-file line (or several), e.g. {@code mx 300 IN A 127.0.0.2}. */
  public LabZone record(String line) {
    return zoneFile(line);
  }

  /**
   * Adds the records of a zone file's text ({@code $ORIGIN}, {@code $TTL}, {@code @} and relative
   * names work; the origin is the zone's name).
   *
   * @throws IllegalArgumentException when the text does not parse or a name is outside the zone
   */
  public LabZone zoneFile(String text) {
    Objects.requireNonNull(text, "zone text");
    try (Master master =
        new Master(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), origin, DEFAULT_TTL)) {
      Record r;
      while ((r = master.nextRecord()) != null) {
        if (!r.getName().subdomain(origin)) {
          throw new IllegalArgumentException(
              "record " + r + " is outside zone " + origin + ": declare it in its own zone");
        }
        records.add(r);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "zone " + origin + ": cannot parse '" + text.strip() + "': " + e.getMessage(), e);
    }
    return this;
  }

  /** Leaves the zone unsigned: with no DS in its (signed) parent, an insecure delegation. */
  public LabZone unsigned() {
    this.signed = false;
    return this;
  }

  /** Signs the zone with this algorithm instead of ECDSA P-256. */
  public LabZone algorithm(LabAlgorithm algorithm) {
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    return this;
  }

  /**
   * Denies with NSEC3 (RFC 5155) instead of NSEC, with the parameters RFC 9276 recommends (SHA-1,
   * no extra iterations, no salt, no opt-out): the zone gets an NSEC3PARAM at its apex and an NSEC3
   * for every name (empty non-terminals included); NXDOMAIN, NODATA and wildcard answers carry the
   * NSEC3 records of RFC 5155 7.2. No effect on an unsigned zone.
   */
  public LabZone nsec3() {
    return nsec3(n -> {});
  }

  /** Denies with NSEC3 with these parameters (see {@link LabNsec3}); calling again adds to them. */
  public LabZone nsec3(Consumer<LabNsec3> parameters) {
    Objects.requireNonNull(parameters, "parameters");
    if (nsec3 == null) {
      nsec3 = new LabNsec3();
    }
    parameters.accept(nsec3);
    return this;
  }

  /**
   * Injects a fault for a name and a record type ({@code "*"} for every type).
   *
   * @throws IllegalArgumentException when the name or type does not parse
   */
  public LabZone fault(String name, String type, LabFault fault) {
    Objects.requireNonNull(fault, "fault");
    faults.put(new FaultKey(name(name), typeNumber(type)), fault);
    return this;
  }

  /** Delays every answer to queries for this name (any type) by this much. */
  public LabZone latency(String name, Duration latency) {
    Objects.requireNonNull(latency, "latency");
    latencies.put(name(name), latency);
    return this;
  }

  Name origin() {
    return origin;
  }

  List<Record> records() {
    return records;
  }

  Map<FaultKey, LabFault> faults() {
    return faults;
  }

  Map<Name, Duration> latencies() {
    return latencies;
  }

  boolean signed() {
    return signed;
  }

  LabAlgorithm algorithm() {
    return algorithm;
  }

  /** The NSEC3 parameters, or null when the zone denies with NSEC. */
  LabNsec3 nsec3Parameters() {
    return nsec3;
  }

  private Name name(String text) {
    Objects.requireNonNull(text, "name");
    try {
      return Name.fromString(text.equals("@") ? origin.toString() : text, origin).canonicalize();
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a domain name: '" + text + "'", e);
    }
  }

  static int typeNumber(String type) {
    Objects.requireNonNull(type, "type");
    if (type.equals("*")) {
      return FaultKey.ANY_TYPE;
    }
    int number = Type.value(type);
    if (number < 0) {
      throw new IllegalArgumentException("not a record type: '" + type + "'");
    }
    return number;
  }

  /** A fault's name and type; {@link #ANY_TYPE} matches every type. */
  record FaultKey(Name name, int type) {
    static final int ANY_TYPE = -1;
  }
}
