/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.interop;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.danecheck.DaneVerdict;
import org.danecheck.DnssecStatus;
import org.danecheck.HostStatus;
import org.danecheck.MtaAction;
import org.danecheck.ProblemCode;
import org.danecheck.TlsLevel;
import org.danecheck.TlsaRecord;
import org.danecheck.core.TlsaGenerator;

/**
 * The interop world as {@code interop/work/world.properties} describes it (interop/README.md): real
 * NSD, Unbound and Postfix on loopback, written by {@code bash interop/world start}. Pure data: it
 * reads files, never the network. A missing or unreadable description fails the test loudly, since
 * the interop profile must never pass by skipping.
 */
final class InteropWorld {
  /** The system property naming world.properties; the {@code interop} Maven profile sets it. */
  static final String PROPERTY = "danecheck.world";

  private static InteropWorld loaded;

  /**
   * The server an MX host leads to, when its address can be had.
   *
   * @param host the CNAME-expanded host name, whose A record gives the address (= the MX name when
   *     it is no CNAME)
   * @param level the TlsLevel a DANE MTA's session with it has
   */
  record Endpoint(
      String host, String address, boolean starttls, Path leafCert, Path chain, TlsLevel level) {}

  /**
   * One MX host of a scenario, as the world's DNS publishes it.
   *
   * @param tlsaBase the TLSA base domain RFC 7672 2.2.2 gives (the original MX name for an insecure
   *     CNAME, the expanded one for a secure CNAME)
   * @param tlsa the records at the base domain
   * @param referenceNames the reference identifiers of RFC 7672 3.2.2: the base domain, and with a
   *     secure MX RRset the original and the CNAME-expanded next-hop domain
   * @param endpoint the server, empty when the host's address lookup fails (bogus)
   */
  record Mx(
      String name,
      int preference,
      String tlsaBase,
      List<TlsaRecord> tlsa,
      Set<String> referenceNames,
      Optional<Endpoint> endpoint,
      HostStatus expectedStatus) {
    @Override
    public String toString() {
      return name;
    }

    /** The endpoint, which the caller knows exists. */
    Endpoint server() {
      return endpoint.orElseThrow(() -> new AssertionError(name + " has no address in the world"));
    }
  }

  /**
   * One scenario: a mail domain and what a DANE MTA must conclude about it.
   *
   * @param domain the next-hop domain checked (a CNAME for the nexthop* scenarios)
   * @param expandedDomain the CNAME-expanded next-hop domain, where the MX RRset is
   */
  record Scenario(
      String name,
      String domain,
      String expandedDomain,
      String description,
      DaneVerdict verdict,
      MtaAction mtaAction,
      DnssecStatus mxDnssec,
      Set<ProblemCode> problems,
      List<Mx> mxHosts) {
    @Override
    public String toString() {
      return name;
    }
  }

  private final Path file;
  private final Properties props;
  private final List<Scenario> scenarios;

  private InteropWorld(Path file, Properties props) {
    this.file = file;
    this.props = props;
    List<Scenario> list = new ArrayList<>();
    for (String name : get("scenarios").split(",")) {
      list.add(scenario(name.strip()));
    }
    this.scenarios = List.copyOf(list);
  }

  /** The world named by {@value #PROPERTY}; fails with what to do when there is none. */
  static synchronized InteropWorld get() {
    if (loaded == null) {
      loaded = load();
    }
    return loaded;
  }

  private static InteropWorld load() {
    String location = System.getProperty(PROPERTY, "");
    if (location.isBlank()) {
      throw new AssertionError(
          "system property "
              + PROPERTY
              + " is not set: run the interop tests with mvn -Pinterop from the project root"
              + " (interop/README.md)");
    }
    Path file = Path.of(location);
    if (!Files.isRegularFile(file)) {
      throw new AssertionError(
          "the interop world is not running: "
              + file
              + " does not exist. Start it first: bash interop/world start (interop/README.md)");
    }
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(in);
    } catch (IOException e) {
      throw new AssertionError("cannot read the interop world description " + file + ": " + e, e);
    }
    return new InteropWorld(file, props);
  }

  List<Scenario> scenarios() {
    return scenarios;
  }

  String tld() {
    return get("world.tld");
  }

  /** The validating Unbound, as {@code address:port}. */
  String resolver() {
    return get("resolver.address") + ":" + get("resolver.port");
  }

  String resolverAddress() {
    return get("resolver.address");
  }

  int resolverPort() {
    return Integer.parseInt(get("resolver.port"));
  }

  /** The private root's DS record (presentation format), the DNSSEC trust anchor. */
  String trustAnchor() {
    return get("trustAnchor.ds");
  }

  int smtpPort() {
    return Integer.parseInt(get("smtp.port"));
  }

  /** The world's root CA (PEM): the PKIX trust of our checker and of posttls-finger alike. */
  Path rootCa() {
    return path("pki.rootCa");
  }

  Path issuingCa() {
    return path("pki.issuingCa");
  }

  /** The interop directory (scripts), next to the work directory that holds world.properties. */
  Path interopDir() {
    String dir = props.getProperty("interop.dir", "");
    return dir.isEmpty() ? file.toAbsolutePath().getParent().getParent() : Path.of(dir);
  }

  /** The certificates (DER) of a PEM file of the world. */
  static List<byte[]> certificates(Path pem) {
    try {
      return TlsaGenerator.readCertificates(Files.readAllBytes(pem));
    } catch (IOException e) {
      throw new AssertionError("cannot read " + pem + ": " + e, e);
    }
  }

  private Scenario scenario(String name) {
    String p = "scenario." + name + ".";
    List<Mx> mx = new ArrayList<>();
    int count = Integer.parseInt(get(p + "mxCount"));
    for (int i = 0; i < count; i++) {
      String q = p + "mx." + i + ".";
      List<TlsaRecord> tlsa = new ArrayList<>();
      for (String rdata : props.getProperty(q + "tlsa", "").split(";")) {
        if (!rdata.isBlank()) {
          tlsa.add(TlsaRecord.parse(rdata));
        }
      }
      Optional<Endpoint> endpoint = Optional.empty();
      if (!get(q + "address").isEmpty()) {
        endpoint =
            Optional.of(
                new Endpoint(
                    get(q + "host"),
                    get(q + "address"),
                    Boolean.parseBoolean(get(q + "starttls")),
                    path(q + "leafCert"),
                    path(q + "chain"),
                    TlsLevel.valueOf(get(q + "expect.level"))));
      }
      mx.add(
          new Mx(
              get(q + "name"),
              Integer.parseInt(get(q + "preference")),
              get(q + "tlsaBase"),
              List.copyOf(tlsa),
              Collections.unmodifiableSet(
                  new LinkedHashSet<>(Arrays.asList(get(q + "referenceNames").split(",")))),
              endpoint,
              HostStatus.valueOf(get(q + "expect.hostStatus"))));
    }
    Set<ProblemCode> problems = EnumSet.noneOf(ProblemCode.class);
    Arrays.stream(props.getProperty(p + "expect.problems", "").split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .forEach(s -> problems.add(ProblemCode.valueOf(s)));
    return new Scenario(
        name,
        get(p + "domain"),
        get(p + "expandedDomain"),
        get(p + "description"),
        DaneVerdict.valueOf(get(p + "expect.verdict")),
        MtaAction.valueOf(get(p + "expect.mtaAction")),
        DnssecStatus.valueOf(get(p + "expect.mxDnssec")),
        Set.copyOf(problems),
        List.copyOf(mx));
  }

  private Path path(String key) {
    return Path.of(get(key));
  }

  private String get(String key) {
    String value = props.getProperty(key);
    if (value == null) {
      throw new AssertionError(
          file + " has no " + key + ": regenerate it with bash interop/world start");
    }
    return value.strip();
  }
}
