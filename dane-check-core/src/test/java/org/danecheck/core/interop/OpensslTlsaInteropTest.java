/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.danecheck.EndpointReport;
import org.danecheck.MxHostReport;
import org.danecheck.PeerCertificate;
import org.danecheck.TlsaMatchOutcome;
import org.danecheck.TlsaMatchResult;
import org.danecheck.TlsaMatchingType;
import org.danecheck.TlsaProfile;
import org.danecheck.TlsaRecord;
import org.danecheck.TlsaSelector;
import org.danecheck.TlsaUsage;
import org.danecheck.core.TlsaGenerator;
import org.danecheck.core.TlsaMatcher;
import org.danecheck.core.interop.InteropWorld.Mx;
import org.danecheck.core.interop.InteropWorld.Scenario;
import org.danecheck.core.interop.WorldChecks.Mode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our TLSA engine against OpenSSL's DANE implementation, one TLSA record at a time: for each TLS
 * server of the interop world, {@code openssl s_client -dane_tlsa_rrdata} with the record, and
 * {@link TlsaMatcher#match} of the same record against the chain our checker received from that
 * server. The records are the ones the world publishes, and for some servers a sweep of usages,
 * selectors and matching types over every certificate the server sends (and, for {@code mx.ee} and
 * {@code mx.ta}, the unsent root CA): an RSA and an EC leaf, and the leaves that break a PKIX rule
 * (name constraint, EKU clientAuth only, unknown critical extension), where DANE-TA(2) must fail
 * and DANE-EE(3) must not care (OpenSSL skips path checks after a depth-0 DANE-EE match).
 *
 * <p>The reference identifiers are those of RFC 7672 3.2.2 for the host (TLSA base domain; with a
 * secure MX the original and the CNAME-expanded next-hop domain). {@code s_client} takes one name
 * ({@code -dane_tlsa_domain}), so it is run per name until one verifies: a name check succeeds when
 * any reference identifier matches (RFC 7672 3.2.3). Neither side checks names for DANE-EE ({@code
 * -dane_ee_no_namechecks}; RFC 7672 3.1.1). When OpenSSL fails, its reason must be ours too:
 * "unusable TLSA rrdata" is {@link TlsaMatchOutcome#ALL_UNUSABLE}, num=62 (hostname mismatch)
 * {@link TlsaMatchOutcome#NAME_MISMATCH}, num=47, 26, 34 (name constraint, purpose, critical
 * extension) {@link TlsaMatchOutcome#CHAIN_INVALID}, num=65 {@link TlsaMatchOutcome#NO_MATCH}.
 * PKIX-TA(0) and PKIX-EE(1) are unusable for SMTP (RFC 7672 3.1.3), so for them the test asserts
 * that, and compares OpenSSL (with the world's root CA as its only trust) with our engine's generic
 * RFC 6698 profile given the same trust anchor.
 */
@Tag("interop")
@ExtendWith(WorldChecks.Resolver.class)
class OpensslTlsaInteropTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern DANE_LINE =
      Pattern.compile(
          "DANE TLSA \\d+ \\d+ \\d+ \\S+ (matched (?:EE|TA) certificate|signed the certificate)"
              + " at depth (\\d+)");
  private static final Pattern VERIFY_ERROR = Pattern.compile("verify error:num=(\\d+):");

  /** The servers whose chains get the full sweep. */
  private static final Set<String> SWEPT = Set.of("ee", "ta", "nameconstraint", "eku", "critext");

  /** What each OpenSSL verification error means in our terms. */
  private static final Map<Integer, TlsaMatchOutcome> OPENSSL_ERRORS =
      Map.of(
          62, TlsaMatchOutcome.NAME_MISMATCH,
          47, TlsaMatchOutcome.CHAIN_INVALID,
          26, TlsaMatchOutcome.CHAIN_INVALID,
          34, TlsaMatchOutcome.CHAIN_INVALID,
          65, TlsaMatchOutcome.NO_MATCH);

  /** One record to try against one server. */
  record Case(Scenario scenario, Mx mx, String label, TlsaRecord record) {
    @Override
    public String toString() {
      return mx.tlsaBase() + ": " + label;
    }
  }

  static Stream<Case> cases() {
    InteropWorld world = InteropWorld.get();
    byte[] root = InteropWorld.certificates(world.rootCa()).get(0);
    List<Case> cases = new ArrayList<>();
    for (Scenario s : world.scenarios()) {
      for (Mx mx : s.mxHosts()) {
        if (mx.endpoint().filter(InteropWorld.Endpoint::starttls).isEmpty()) {
          continue;
        }
        for (TlsaRecord r : mx.tlsa()) {
          cases.add(new Case(s, mx, "published " + r.describeFields(), r));
        }
        if (!SWEPT.contains(s.name())) {
          continue;
        }
        List<byte[]> sent = InteropWorld.certificates(mx.server().chain());
        byte[] leaf = sent.get(0);
        for (int depth = 0; depth < sent.size(); depth++) {
          // DANE-EE for the leaf, DANE-TA for the CAs, every selector and matching type.
          TlsaUsage usage = depth == 0 ? TlsaUsage.DANE_EE : TlsaUsage.DANE_TA;
          String what = depth == 0 ? "leaf" : "CA at depth " + depth;
          for (TlsaSelector sel : TlsaSelector.values()) {
            for (TlsaMatchingType type : TlsaMatchingType.values()) {
              cases.add(sweep(s, mx, sent.get(depth), what, usage, sel, type));
            }
          }
        }
        // The usages the other way round: OpenSSL never takes the leaf as a DANE-TA anchor.
        cases.add(sweep(s, mx, leaf, "leaf", TlsaUsage.DANE_TA, TlsaSelector.SPKI, sha256()));
        cases.add(sweep(s, mx, leaf, "leaf", TlsaUsage.DANE_TA, TlsaSelector.CERT, sha256()));
        cases.add(
            sweep(
                s,
                mx,
                sent.get(1),
                "CA at depth 1",
                TlsaUsage.DANE_EE,
                TlsaSelector.SPKI,
                sha256()));
        if (s.name().equals("ee") || s.name().equals("ta")) {
          // RFC 7671 5.2.2: a TA the server does not send matches only as a full key or cert.
          for (TlsaSelector sel : TlsaSelector.values()) {
            for (TlsaMatchingType type : List.of(TlsaMatchingType.FULL, sha256())) {
              cases.add(sweep(s, mx, root, "root CA (not sent)", TlsaUsage.DANE_TA, sel, type));
            }
          }
          byte[] issuing = sent.get(1);
          cases.add(sweep(s, mx, root, "root CA", TlsaUsage.PKIX_TA, TlsaSelector.CERT, sha256()));
          cases.add(
              sweep(s, mx, issuing, "issuing CA", TlsaUsage.PKIX_TA, TlsaSelector.SPKI, sha256()));
          cases.add(sweep(s, mx, leaf, "leaf", TlsaUsage.PKIX_EE, TlsaSelector.SPKI, sha256()));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void tlsaEngineAgreesWithOpenssl(Case c, WorldChecks checks) {
    InteropWorld world = checks.world();
    MxHostReport host =
        InteropScenarioTest.host(checks.report(Mode.VALIDATING, c.scenario()), c.mx());
    assertThat(host.endpoints()).as("endpoints of %s", c.mx()).isNotEmpty();
    EndpointReport endpoint = host.endpoints().get(0);
    assertThat(endpoint.smtpOutcome().tlsEstablished()).as(endpoint.toString()).isTrue();
    List<byte[]> chain = endpoint.certificates().stream().map(PeerCertificate::der).toList();
    Set<String> names = c.mx().referenceNames();
    Instant now = Instant.now();
    TlsaRecord record = c.record();
    boolean pkixUsage = record.usageNumber() < 2;

    // One s_client run per reference name while the failure is a name mismatch (DANE-EE: names
    // are not checked, one run); the first run's failure is the one compared.
    List<ExternalTool.Result> runs = new ArrayList<>();
    boolean opensslVerified = false;
    for (String name : record.usageNumber() == 3 ? List.of(c.mx().tlsaBase()) : names) {
      ExternalTool.Result run = openssl(world, c.mx(), name, record, pkixUsage);
      runs.add(run);
      if (run.exitStatus() == 0 && run.output().contains("\nVerification: OK")) {
        opensslVerified = true;
        break;
      }
      if (!run.output().contains("verify error:num=62:")) {
        break; // only the name check depends on the name
      }
    }
    ExternalTool.Result openssl = runs.get(runs.size() - 1);
    String context =
        c
            + " ("
            + record
            + ", reference names "
            + names
            + ")\nopenssl said:\n"
            + runs.stream().map(ExternalTool.Result::transcript).collect(Collectors.joining("\n"));

    TlsaMatchResult smtp = TlsaMatcher.match(List.of(record), chain, names, now, TlsaProfile.SMTP);
    if (pkixUsage) {
      // RFC 7672 3.1.3: PKIX-TA(0) and PKIX-EE(1) are unusable for SMTP.
      assertThat(smtp.outcome()).as(context).isEqualTo(TlsaMatchOutcome.ALL_UNUSABLE);
      byte[] root = InteropWorld.certificates(world.rootCa()).get(0);
      TlsaMatchResult generic =
          TlsaMatcher.match(List.of(record), chain, names, now, TlsaProfile.GENERIC, List.of(root));
      assertThat(generic.authenticated())
          .as("generic profile: %s; %s", generic.message(), context)
          .isEqualTo(opensslVerified);
      return;
    }
    assertThat(smtp.authenticated())
        .as("ours: %s %s; %s", smtp.outcome(), smtp.message(), context)
        .isEqualTo(opensslVerified);
    if (opensslVerified) {
      Matcher m = DANE_LINE.matcher(openssl.output());
      if (m.find() && m.group(1).startsWith("matched")) {
        // The certificate that matched (OpenSSL names the signer's depth for an unsent TA key).
        assertThat(smtp.matchedDepth())
            .as(context)
            .isEqualTo(OptionalInt.of(Integer.parseInt(m.group(2))));
      }
      return;
    }
    String first = runs.get(0).output();
    if (first.contains("unusable TLSA rrdata")) {
      // OpenSSL's SSL_dane_tlsa_add refused the record (e.g. Full(0) data that is no key).
      assertThat(smtp.outcome()).as(context).isEqualTo(TlsaMatchOutcome.ALL_UNUSABLE);
      return;
    }
    Matcher error = VERIFY_ERROR.matcher(first);
    if (error.find() && OPENSSL_ERRORS.containsKey(Integer.parseInt(error.group(1)))) {
      TlsaMatchOutcome expected = OPENSSL_ERRORS.get(Integer.parseInt(error.group(1)));
      assertThat(smtp.outcome())
          .as("ours: %s %s; %s", smtp.outcome(), smtp.message(), context)
          .isEqualTo(expected);
    }
  }

  private static ExternalTool.Result openssl(
      InteropWorld world, Mx mx, String name, TlsaRecord record, boolean pkixUsage) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "openssl",
                "s_client",
                "-brief",
                "-starttls",
                "smtp",
                "-connect",
                mx.server().address() + ":" + world.smtpPort(),
                // RFC 7672 8.1: SNI is the TLSA base domain.
                "-servername",
                mx.tlsaBase(),
                "-dane_tlsa_domain",
                name,
                "-dane_tlsa_rrdata",
                record.toString(),
                "-dane_ee_no_namechecks",
                "-verify_return_error",
                "-no-CApath",
                "-no-CAstore"));
    // The only PKIX trust: the world's root CA for the PKIX usages, none for the DANE ones.
    if (pkixUsage) {
      command.addAll(List.of("-CAfile", world.rootCa().toString()));
    } else {
      command.add("-no-CAfile");
    }
    return ExternalTool.run(command, "QUIT\n", TIMEOUT);
  }

  private static Case sweep(
      Scenario s,
      Mx mx,
      byte[] cert,
      String what,
      TlsaUsage usage,
      TlsaSelector selector,
      TlsaMatchingType type) {
    TlsaRecord record = TlsaGenerator.forCertificate(cert, usage, selector, type);
    return new Case(s, mx, record.describeFields() + " of the " + what, record);
  }

  private static TlsaMatchingType sha256() {
    return TlsaMatchingType.SHA2_256;
  }
}
