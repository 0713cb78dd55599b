/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.danecheck.HostStatus;
import org.danecheck.MtaAction;
import org.danecheck.TlsLevel;
import org.danecheck.ValidationMode;
import org.danecheck.core.DaneChecker;
import org.danecheck.core.DaneVerification;
import org.danecheck.core.interop.PosttlsFingerLog;
import org.danecheck.examples.DaneMailSender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Jakarta Mail sender against the interop world's Postfix smtpd servers (interop/README.md),
 * for every scenario and both DNSSEC modes: it defers exactly where a DANE MTA defers, returns the
 * mail where the domain takes none, and elsewhere reaches the mail transaction at the first MX host
 * a DANE MTA uses, over a session of the level the world expects of that host. The expectations are
 * the world's ({@code scenario.*.expect.mtaAction}, {@code mx.*.expect.hostStatus}, {@code
 * expect.level}), which {@code PosttlsFingerInteropTest} holds to what Postfix's own DANE client
 * does with the same servers; this test adds real mail transactions under our trust manager, and
 * compares each with Postfix directly: {@code posttls-finger -l dane} against the same domain
 * (core's {@link PosttlsFingerLog}) must defer exactly where the sender defers, and otherwise
 * establish its first working session with the server where the sender's transaction took place
 * (RFC 7672 2.2.1: the same MX order; 3.2: the same authentication).
 *
 * <p>The world's smtpd takes no mail ({@code smtpd_relay_restrictions = reject}), so a transaction
 * ends with its 5xx refusal of the recipient: the sender reports that as bounced, by the server
 * that was reached. (Were the world to take mail, the outcome would be delivered; both mean that
 * the sender got past {@code MAIL FROM} there.) Where a DANE MTA defers, the sender must never get
 * that far.
 *
 * <p>Needs the world running ({@code bash interop/world start}); fails, never skips, without it.
 * Run: {@code mvn -B verify -Pinterop -pl dane-check-examples -am -Dgroups=interop
 * -Dcds.skip=true}.
 */
@Tag("interop")
class SenderInteropTest {
  private static final Set<HostStatus> DELIVERING =
      EnumSet.of(
          HostStatus.DANE_VERIFIED,
          HostStatus.DANE_PARTIAL,
          HostStatus.TLSA_UNUSABLE,
          HostStatus.NO_DANE);

  private static World world;
  private static final List<DaneChecker> CHECKERS = new ArrayList<>();
  private static final Map<String, PosttlsFingerLog> POSTFIX = new ConcurrentHashMap<>();

  /** Outcomes by scenario and mode, for the figures printed at the end (interop/README.md). */
  private static final Map<String, String> FIGURES = new ConcurrentHashMap<>();

  /** How the checker validates DNSSEC, as in the core interop tests. */
  enum Mode {
    VALIDATING,
    AD_TRUST
  }

  /** One MX host of a scenario: what the world expects of it. */
  record Mx(String name, String address, HostStatus status, Optional<TlsLevel> level) {}

  /** One scenario: its next-hop domain, the expected MTA action, its MX hosts in order. */
  record Scenario(String name, String domain, MtaAction action, List<Mx> mx) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** The part of interop/work/world.properties this test reads. */
  record World(
      InetSocketAddress resolver,
      String trustAnchor,
      int smtpPort,
      Path rootCa,
      Path interopDir,
      List<Scenario> scenarios) {}

  static synchronized World world() {
    if (world == null) {
      world = load();
    }
    return world;
  }

  private static World load() {
    String location = System.getProperty("danecheck.world", "");
    if (location.isBlank()) {
      throw new AssertionError(
          "system property danecheck.world is not set: run with mvn -Pinterop (interop/README.md)");
    }
    Path file = Path.of(location);
    if (!Files.isRegularFile(file)) {
      throw new AssertionError(
          "the interop world is not running: "
              + file
              + " does not exist (bash interop/world start)");
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new AssertionError("cannot read " + file + ": " + e, e);
    }
    List<Scenario> scenarios = new ArrayList<>();
    for (String name : get(p, "scenarios").split(",")) {
      String s = "scenario." + name.strip() + ".";
      List<Mx> mx = new ArrayList<>();
      for (int i = 0; i < Integer.parseInt(get(p, s + "mxCount")); i++) {
        String m = s + "mx." + i + ".";
        String address = get(p, m + "address");
        mx.add(
            new Mx(
                get(p, m + "name"),
                address,
                HostStatus.valueOf(get(p, m + "expect.hostStatus")),
                address.isEmpty()
                    ? Optional.empty()
                    : Optional.of(TlsLevel.valueOf(get(p, m + "expect.level")))));
      }
      scenarios.add(
          new Scenario(
              name.strip(),
              get(p, s + "domain"),
              MtaAction.valueOf(get(p, s + "expect.mtaAction")),
              List.copyOf(mx)));
    }
    return new World(
        new InetSocketAddress(
            get(p, "resolver.address"), Integer.parseInt(get(p, "resolver.port"))),
        get(p, "trustAnchor.ds"),
        Integer.parseInt(get(p, "smtp.port")),
        Path.of(get(p, "pki.rootCa")),
        // The scripts' directory, beside the work directory that holds world.properties.
        p.getProperty("interop.dir", "").isBlank()
            ? file.toAbsolutePath().getParent().getParent()
            : Path.of(p.getProperty("interop.dir")),
        List.copyOf(scenarios));
  }

  private static String get(Properties p, String key) {
    String value = p.getProperty(key);
    if (value == null) {
      throw new AssertionError("world.properties has no " + key + ": bash interop/world start");
    }
    return value.strip();
  }

  static Stream<Arguments> scenariosAndModes() {
    List<Arguments> rows = new ArrayList<>();
    for (Scenario s : world().scenarios()) {
      for (Mode mode : Mode.values()) {
        rows.add(Arguments.of(s, mode));
      }
    }
    return rows.stream();
  }

  private static synchronized DaneChecker checker(Mode mode) {
    World w = world();
    DaneChecker.Builder builder =
        DaneChecker.builder()
            .resolver(w.resolver())
            .smtpPort(w.smtpPort())
            .pkixTrustPem(w.rootCa())
            .deadline(Duration.ofSeconds(45))
            .queryTimeout(Duration.ofSeconds(3))
            .dnsCache(10_000);
    if (mode == Mode.AD_TRUST) {
      builder.validationMode(ValidationMode.AD_TRUST);
    } else {
      builder.trustAnchors(w.trustAnchor());
    }
    DaneChecker checker = builder.build();
    CHECKERS.add(checker);
    return checker;
  }

  @AfterAll
  static void closeCheckers() {
    CHECKERS.forEach(DaneChecker::close);
    // The figures interop/README.md records: outcomes, and agreement with Postfix.
    Map<String, Long> counts = new java.util.TreeMap<>();
    FIGURES.values().forEach(f -> counts.merge(f, 1L, Long::sum));
    System.out.println(
        "SenderInteropTest: "
            + FIGURES.size()
            + " runs ("
            + world().scenarios().size()
            + " scenarios x "
            + Mode.values().length
            + " modes), agreeing with posttls-finger: "
            + counts);
  }

  /** posttls-finger at DANE level against a domain of the world; once per domain. */
  private static PosttlsFingerLog postfix(String domain) {
    World w = world();
    return POSTFIX.computeIfAbsent(
        domain, d -> PosttlsFingerLog.run(w.interopDir(), w.rootCa(), d, Duration.ofSeconds(60)));
  }

  private static byte[] message(String to) {
    return ("From: dane-check interop <sender@example.test>\r\n"
            + "To: "
            + to
            + "\r\nSubject: dane-check send, interop\r\n\r\nA test message.\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  @ParameterizedTest(name = "{0} ({1})")
  @MethodSource("scenariosAndModes")
  void senderDefersWhereADaneMtaDefersAndElseReachesTheRightServer(Scenario scenario, Mode mode) {
    World w = world();
    String to = "postmaster@" + scenario.domain();
    DaneMailSender.Result result =
        DaneMailSender.builder(checker(mode))
            .port(w.smtpPort())
            .ehloName("sender.interop-client.test")
            .timeout(Duration.ofSeconds(15))
            .build()
            .send(message(to), "sender@example.test", to);
    String context = scenario.domain() + " (" + mode + "):\n" + String.join("\n", result.log());

    switch (scenario.action()) {
      case NO_MAIL -> {
        // RFC 7505, RFC 5321 5.1: return the mail; no server is contacted.
        assertThat(result.outcome()).as(context).isEqualTo(DaneMailSender.Outcome.BOUNCED);
        assertThat(result.verification()).as(context).isEmpty();
        assertThat(result.log()).as(context).hasSize(1);
      }
      case DEFER -> {
        // RFC 7672 2.1.2, 2.2, 3.2: no host qualifies; no transaction was begun anywhere.
        assertThat(result.outcome()).as(context).isEqualTo(DaneMailSender.Outcome.DEFERRED);
        assertThat(result.log())
            .as(context)
            .noneMatch(l -> l.startsWith("delivered:") || l.startsWith("refused:"));
      }
      case AUTHENTICATED_TLS, UNAUTHENTICATED_TLS, OPPORTUNISTIC -> {
        // The first host a DANE MTA delivers through (RFC 7672 2.2.1: MX order) got the
        // transaction, over a session of its expected level; the world's smtpd then refuses the
        // recipient (5xx) or, were it to take mail, accepts it.
        Mx first =
            scenario.mx().stream()
                .filter(m -> DELIVERING.contains(m.status()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no delivering host in " + scenario));
        assertThat(result.outcome())
            .as(context)
            .isIn(DaneMailSender.Outcome.BOUNCED, DaneMailSender.Outcome.DELIVERED);
        String transaction = result.log().get(result.log().size() - 1);
        assertThat(transaction)
            .as(context)
            .matches("(delivered|refused): .*")
            .contains("[" + first.address() + "]");
        if (result.outcome() == DaneMailSender.Outcome.BOUNCED) {
          assertThat(result.reason()).as(context).startsWith("5");
        }
        DaneVerification v = result.verification().orElseThrow(() -> new AssertionError(context));
        assertThat(v.accepted()).as(context).isTrue();
        assertThat(Optional.of(v.level())).as(context).isEqualTo(first.level());
        if (scenario.action() == MtaAction.AUTHENTICATED_TLS) {
          assertThat(v.matchedRecord()).as(context).isPresent();
        }
      }
    }

    // Postfix's own DANE client with the same world: the same deferral, the same server.
    PosttlsFingerLog postfix = postfix(scenario.domain());
    String both = context + "\nposttls-finger said:\n" + postfix.output();
    Optional<PosttlsFingerLog.Endpoint> postfixServer = postfix.transactionEndpoint();
    if (postfix.nullMx()) {
      assertThat(result.outcome()).as(both).isEqualTo(DaneMailSender.Outcome.BOUNCED);
      assertThat(result.verification()).as(both).isEmpty();
      FIGURES.put(scenario + " " + mode, "no mail (both)");
    } else if (postfixServer.isEmpty()) {
      assertThat(result.outcome()).as(both).isEqualTo(DaneMailSender.Outcome.DEFERRED);
      FIGURES.put(scenario + " " + mode, "deferred (both)");
    } else {
      String transaction = result.log().get(result.log().size() - 1);
      assertThat(transaction)
          .as(both)
          .matches("(delivered|refused): .*")
          .contains("[" + postfixServer.get().address() + "]");
      FIGURES.put(scenario + " " + mode, "transaction at the same server (both)");
    }
  }
}
