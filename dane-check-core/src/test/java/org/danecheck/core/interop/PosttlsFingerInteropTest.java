/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.danecheck.core.interop.InteropScenarioTest.bare;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.danecheck.DaneVerdict;
import org.danecheck.DomainReport;
import org.danecheck.EndpointReport;
import org.danecheck.HostStatus;
import org.danecheck.MtaAction;
import org.danecheck.MxHostReport;
import org.danecheck.ProblemCode;
import org.danecheck.SmtpOutcome;
import org.danecheck.TlsLevel;
import org.danecheck.TlsaMatchResult;
import org.danecheck.TlsaRecord;
import org.danecheck.core.DomainReportJson;
import org.danecheck.core.interop.InteropWorld.Scenario;
import org.danecheck.core.interop.PosttlsFingerLog.Endpoint;
import org.danecheck.core.interop.WorldChecks.Mode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our per-endpoint result against Postfix's own DANE client, {@code posttls-finger -l dane}, for
 * every domain of the interop world (through {@code interop/posttls-finger-check}, which points
 * glibc at the world's Unbound with {@code options trust-ad}). Both trust the world's root CA for
 * PKIX ({@code -F root-ca.pem} there, {@code pkixTrustPem} here).
 *
 * <p>Beyond the level of each endpoint, the two must agree on the order the hosts are tried (RFC
 * 7672 2.2.1: the first server posttls-finger connects to is our first), on the TLSA record, depth
 * and reference identifier that authenticated a server, on why DANE failed (OpenSSL's verify error
 * mapped to our problem code: num=65 TLSA_NO_MATCH, num=62 CERT_NAME_MISMATCH, num=47/34/26 and
 * Postfix's purpose check CERT_CHAIN_INVALID), on the records that are unusable, and on a null MX
 * among other MX records (no mail, no host used).
 *
 * <p>Where the two must differ, the test asserts the RFC's answer (documented in interop/README.md,
 * "Where posttls-finger and dane-check differ"):
 *
 * <ul>
 *   <li>No TLSA records (secure denial, insecure zone) or only unusable ones: posttls-finger falls
 *       back from {@code dane} to its {@code secure} level (posttls-finger(1), {@code -l}) and
 *       reports "Verified" by PKIX and name. For RFC 7672 this is not DANE: the MTA delivers
 *       opportunistically (2.2: no secure usable TLSA records) or over mandatory but
 *       unauthenticated TLS (3.1.3: PKIX usages are unusable). Our level is the PKIX one, TRUSTED,
 *       and the host is NO_DANE or TLSA_UNUSABLE. (Records that OpenSSL refuses to load, such as
 *       {@code 3 1 0 deadbeef}, are found unusable only in the handshake; Postfix then logs
 *       "fallback to unauthenticated TLS", as smtp(8) does.)
 *   <li>A DANE failure: posttls-finger logs the verification failure and "Untrusted", because at
 *       the {@code dane} level the CA file plays no part. Our level is the PKIX level: TRUSTED
 *       where the chain validates to the world's CA, UNTRUSTED where it breaks a PKIX rule; our
 *       TLSA match is not authenticated and the host is DANE_FAILED (RFC 7672 3) either way.
 * </ul>
 */
@Tag("interop")
@ExtendWith(WorldChecks.Resolver.class)
class PosttlsFingerInteropTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Map<String, PosttlsFingerLog> RUNS = new ConcurrentHashMap<>();

  static Stream<Arguments> scenariosAndModes() {
    return InteropScenarioTest.scenariosAndModes();
  }

  @ParameterizedTest(name = "{0} ({1})")
  @MethodSource("scenariosAndModes")
  void endpointLevelsAgreeWithPosttlsFinger(Scenario scenario, Mode mode, WorldChecks checks) {
    InteropWorld world = checks.world();
    DomainReport report = checks.report(mode, scenario);
    PosttlsFingerLog finger = finger(world, scenario.domain());
    String context =
        scenario.domain()
            + " ("
            + mode
            + ")\nposttls-finger said:\n"
            + finger.output()
            + "\nwe said: "
            + DomainReportJson.toJson(report);

    if (finger.nullMx()) {
      // RFC 7505: a null MX means the domain accepts no mail. Postfix's dns_lookup() says so for
      // an MX RRset with a null MX among other records too (DNS_NULLMX), and uses no host.
      assertThat(report.verdict()).as(context).isEqualTo(DaneVerdict.NO_MAIL);
      assertThat(report.mtaAction()).as(context).isEqualTo(MtaAction.NO_MAIL);
      assertThat(report.mxHosts()).as(context).isEmpty();
      return;
    }
    if (finger.lookupFailure().isPresent()) {
      // RFC 7672 2.1.2: an MX lookup that fails (bogus: SERVFAIL), or MX hosts none of whose
      // addresses can be had, defers the mail.
      assertThat(report.mtaAction()).as(context).isEqualTo(MtaAction.DEFER);
      assertThat(report.mxHosts().stream().flatMap(h -> h.endpoints().stream()))
          .as(context)
          .isEmpty();
      assertThat(finger.endpoints()).as(context).isEmpty();
      return;
    }
    assertThat(report.mxHosts()).as(context).isNotEmpty();
    // Both try the hosts in MX preference order (RFC 7672 2.2.1): the first server posttls-finger
    // connected to is the first one we list, under the MX host name (unexpanded).
    Optional<MxHostReport> first =
        report.mxHosts().stream().filter(h -> !h.endpoints().isEmpty()).findFirst();
    assertThat(first).as("a host with an endpoint; %s", context).isPresent();
    assertThat(finger.endpoints().values().stream().findFirst())
        .as("the first server posttls-finger tried; %s", context)
        .hasValueSatisfying(
            e -> {
              assertThat(e.address()).isEqualTo(first.get().endpoints().get(0).address());
              assertThat(e.host()).isEqualTo(bare(first.get().name()));
            });
    for (MxHostReport host : report.mxHosts()) {
      for (EndpointReport endpoint : host.endpoints()) {
        PosttlsFingerLog log = finger;
        Endpoint seen = finger.endpoints().get(endpoint.address());
        String where = host.name() + " " + endpoint.endpoint() + ": " + context;
        if (seen == null) {
          // posttls-finger stops at the first MX host that works (partial: mx1); ask it about
          // this host directly, as a [host] next hop, which keeps DANE (TLSA at the host name).
          log = finger(world, "[" + bare(host.name()) + "]");
          seen = log.endpoints().get(endpoint.address());
          where = where + "\nposttls-finger [" + bare(host.name()) + "] said:\n" + log.output();
        }
        assertThat(seen)
            .as("posttls-finger reached %s; %s", endpoint.endpoint(), where)
            .isNotNull();
        // The unusable records posttls-finger warns about (unsupported usages when the RRset is
        // read, records OpenSSL refuses to load) are the ones we report unusable.
        List<TlsaRecord> unusable = new ArrayList<>(seen.unusableTlsa());
        unusable.addAll(log.unsupportedTlsa().getOrDefault(tlsaOwner(world, host), List.of()));
        assertThat(unusable)
            .as("unusable TLSA records of %s; %s", host.name(), where)
            .containsExactlyInAnyOrderElementsOf(
                endpoint.tlsaMatch().map(TlsaMatchResult::unusableRecords).orElse(List.of()));
        compare(host, endpoint, seen, where);
      }
    }
  }

  /**
   * What a certificate verification failure that posttls-finger logs at the DANE level means in our
   * terms: OpenSSL's X509_V_ERR numbers, and Postfix's own purpose check.
   */
  private static ProblemCode failureCode(String failure, String where) {
    if (failure.startsWith("num=65:")) {
      return ProblemCode.TLSA_NO_MATCH; // no matching DANE TLSA records
    }
    if (failure.startsWith("num=62:")) {
      return ProblemCode.CERT_NAME_MISMATCH; // hostname mismatch (RFC 7672 3.2.2)
    }
    if (failure.startsWith("num=47:")
        || failure.startsWith("num=34:")
        || failure.startsWith("num=26:")
        || failure.equals("not designated for use as a server certificate")) {
      // Name constraint, unknown critical extension, purpose (EKU): the path does not validate.
      return ProblemCode.CERT_CHAIN_INVALID;
    }
    throw new AssertionError("a failure this test does not know: " + failure + "; " + where);
  }

  private static void compare(
      MxHostReport host, EndpointReport ours, Endpoint finger, String where) {
    if (finger.tlsLevel().isEmpty()) {
      // No TLS session: with TLSA records, RFC 7672 2.2 forbids cleartext; posttls-finger QUITs.
      assertThat(ours.level()).as(where).isEqualTo(TlsLevel.NONE);
      assertThat(ours.smtpOutcome()).as(where).isEqualTo(SmtpOutcome.STARTTLS_NOT_OFFERED);
      assertThat(host.status()).as(where).isEqualTo(HostStatus.DANE_FAILED);
      return;
    }
    assertThat(ours.smtpOutcome()).as(where).isEqualTo(SmtpOutcome.TLS_ESTABLISHED);
    String level = finger.tlsLevel().get();
    if (finger.daneMatch().isPresent()) {
      // Both authenticated the server by DANE, with the same record at the same depth, and (for
      // DANE-TA) the same reference identifier.
      assertThat(level).as(where).isEqualTo("Verified");
      assertThat(ours.level()).as(where).isEqualTo(TlsLevel.VERIFIED);
      TlsaMatchResult match = ours.tlsaMatch().orElseThrow();
      assertThat(match.matchedRecord()).as(where).isEqualTo(finger.daneMatch());
      assertThat(match.matchedDepth()).as(where).isEqualTo(finger.daneMatchDepth());
      if (finger.matchedPeername().isPresent()) {
        assertThat(match.matchedName().map(PosttlsFingerInteropTest::lowerBare))
            .as(where)
            .isEqualTo(finger.matchedPeername().map(PosttlsFingerInteropTest::lowerBare));
      }
    } else if (finger.verificationFailure().isPresent()) {
      // RFC 7672 3: usable records, but DANE did not authenticate (no match, a name check, or a
      // path to the DANE-TA anchor that breaks a PKIX rule): the MTA skips the host. At the dane
      // level posttls-finger ignores its CA file, so it says Untrusted; our level is the PKIX one
      // (TRUSTED by the world's CA, or UNTRUSTED where that path breaks a rule too).
      assertThat(level).as(where).isEqualTo("Untrusted");
      assertThat(ours.tlsaMatch().map(TlsaMatchResult::authenticated)).as(where).hasValue(false);
      assertThat(ours.level()).as(where).isIn(TlsLevel.TRUSTED, TlsLevel.UNTRUSTED);
      assertThat(host.status()).as(where).isEqualTo(HostStatus.DANE_FAILED);
      assertThat(ours.problems().stream().map(p -> p.code()))
          .as(where)
          .contains(failureCode(finger.verificationFailure().get(), where));
    } else if (finger.allTlsaUnusable()) {
      // OpenSSL refused every record: Postfix falls back to unauthenticated TLS ("encrypt"),
      // RFC 7672 2.2's secure RRset with only unusable records.
      assertThat(level).as(where).isIn("Trusted", "Untrusted");
      assertThat(host.status()).as(where).isEqualTo(HostStatus.TLSA_UNUSABLE);
      assertThat(ours.level()).as(where).isEqualTo(TlsLevel.TRUSTED);
      assertThat(ours.tlsaMatch().filter(TlsaMatchResult::authenticated)).as(where).isEmpty();
    } else if (level.equals("Verified") || level.equals("Trusted")) {
      // posttls-finger fell back to its secure level (no usable TLSA records): PKIX only. For
      // RFC 7672 (2.2, 3.1.3) that is no DANE authentication; our level is the PKIX one.
      assertThat(ours.level()).as(where).isEqualTo(TlsLevel.TRUSTED);
      assertThat(host.status()).as(where).isIn(HostStatus.NO_DANE, HostStatus.TLSA_UNUSABLE);
      assertThat(ours.tlsaMatch().filter(TlsaMatchResult::authenticated)).as(where).isEmpty();
    } else if (level.equals("Untrusted")) {
      assertThat(ours.level()).as(where).isEqualTo(TlsLevel.UNTRUSTED);
    } else {
      assertThat(ours.level()).as(where).isEqualTo(TlsLevel.ANONYMOUS);
    }
  }

  private static String lowerBare(String name) {
    return bare(name).toLowerCase(Locale.ROOT);
  }

  /** posttls-finger's TLSA owner name for a host: at the CNAME-expanded name when there is one. */
  private static String tlsaOwner(InteropWorld world, MxHostReport host) {
    return "_" + world.smtpPort() + "._tcp." + bare(host.tlsaBaseDomain());
  }

  /** posttls-finger at DANE level against a destination, trusting the world's CA; cached. */
  static PosttlsFingerLog finger(InteropWorld world, String destination) {
    return RUNS.computeIfAbsent(
        destination, d -> PosttlsFingerLog.run(world.interopDir(), world.rootCa(), d, TIMEOUT));
  }
}
