package org.danecheck.core.interop;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.danecheck.DaneVerdict;
import org.danecheck.DnssecStatus;
import org.danecheck.HostStatus;
import org.danecheck.MtaAction;
import org.danecheck.ProblemCode;
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

  /** One MX host of a scenario, as the world's DNS publishes it. */
  record Mx(
      String name,
      int preference,
      String host,
      String address,
      boolean starttls,
      List<TlsaRecord> tlsa,
      Path leafCert,
      Path chain,
      HostStatus expectedStatus) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** One scenario: a mail domain and what a DANE MTA must conclude about it. */
  record Scenario(
      String name,
      String domain,
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
      mx.add(
          new Mx(
              get(q + "name"),
              Integer.parseInt(get(q + "preference")),
              get(q + "host"),
              get(q + "address"),
              Boolean.parseBoolean(get(q + "starttls")),
              List.copyOf(tlsa),
              path(q + "leafCert"),
              path(q + "chain"),
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
