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
 * at the apex are added when not given.
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
