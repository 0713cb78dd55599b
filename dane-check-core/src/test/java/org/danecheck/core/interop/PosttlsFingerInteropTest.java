package org.danecheck.core.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.danecheck.core.interop.InteropScenarioTest.bare;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * <p>Where the two must differ, the test asserts the RFC's answer (documented in interop/README.md,
 * "Where posttls-finger and dane-check differ"):
 *
 * <ul>
 *   <li>No TLSA records (secure denial, insecure zone) or only unusable ones: posttls-finger falls
 *       back from {@code dane} to its {@code secure} level (posttls-finger(1), {@code -l}) and
 *       reports "Verified" by PKIX and name. For RFC 7672 this is not DANE: the MTA delivers
 *       opportunistically (2.2: no secure usable TLSA records) or over mandatory but
 *       unauthenticated TLS (3.1.3: PKIX usages are unusable). Our level is the PKIX one, TRUSTED,
 *       and the host is NO_DANE or TLSA_UNUSABLE.
 *   <li>A DANE failure (no TLSA record matches): posttls-finger logs the verification failure and
 *       "Untrusted", because at the {@code dane} level the CA file plays no part. Our level is the
 *       PKIX level, TRUSTED (the chain does validate to the world's CA), and our TLSA match says
 *       NO_MATCH: the endpoint fails DANE (RFC 7672 3) either way.
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
      // RFC 7505: a null MX means the domain accepts no mail.
      assertThat(report.verdict()).as(context).isEqualTo(DaneVerdict.NO_MAIL);
      assertThat(report.mxHosts()).as(context).isEmpty();
      return;
    }
    if (finger.lookupFailure().isPresent()) {
      // RFC 7672 2.1.1, 2.1.2: an MX lookup that fails (here: bogus, SERVFAIL) defers the mail.
      assertThat(report.mtaAction()).as(context).isEqualTo(MtaAction.DEFER);
      assertThat(report.mxHosts()).as(context).isEmpty();
      assertThat(finger.endpoints()).as(context).isEmpty();
      return;
    }
    assertThat(report.mxHosts()).as(context).isNotEmpty();
    for (MxHostReport host : report.mxHosts()) {
      // The unusable records posttls-finger warns about are the ones we report unusable.
      assertThat(finger.unsupportedTlsa().getOrDefault(tlsaOwner(world, host), List.of()))
          .as("unusable TLSA records of %s; %s", host.name(), context)
          .containsExactlyInAnyOrderElementsOf(
              host.endpoints().stream()
                  .flatMap(e -> e.tlsaMatch().stream())
                  .flatMap(m -> m.unusableRecords().stream())
                  .distinct()
                  .toList());
      for (EndpointReport endpoint : host.endpoints()) {
        Endpoint seen = finger.endpoints().get(endpoint.address());
        String where = host.name() + " " + endpoint.endpoint() + ": " + context;
        if (seen == null) {
          // posttls-finger stops at the first MX host that works (partial: mx1); ask it about
          // this host directly, as a [host] next hop, which keeps DANE (TLSA at the host name).
          PosttlsFingerLog direct = finger(world, "[" + bare(host.name()) + "]");
          seen = direct.endpoints().get(endpoint.address());
          where = where + "\nposttls-finger [" + bare(host.name()) + "] said:\n" + direct.output();
        }
        assertThat(seen)
            .as("posttls-finger reached %s; %s", endpoint.endpoint(), where)
            .isNotNull();
        compare(host, endpoint, seen, where);
      }
    }
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
      // Both authenticated the server by DANE, with the same record at the same depth.
      assertThat(level).as(where).isEqualTo("Verified");
      assertThat(ours.level()).as(where).isEqualTo(TlsLevel.VERIFIED);
      TlsaMatchResult match = ours.tlsaMatch().orElseThrow();
      assertThat(match.matchedRecord()).as(where).isEqualTo(finger.daneMatch());
      assertThat(match.matchedDepth()).as(where).isEqualTo(finger.daneMatchDepth());
    } else if (finger.daneFailed()) {
      // RFC 7672 3: no usable record matches: not authenticated, the MTA skips the host. Our
      // level is the PKIX one (TRUSTED by the world's CA); posttls-finger says Untrusted because
      // its dane level ignores the CA file.
      assertThat(level).as(where).isEqualTo("Untrusted");
      assertThat(ours.tlsaMatch().map(TlsaMatchResult::authenticated)).as(where).hasValue(false);
      assertThat(ours.level()).as(where).isEqualTo(TlsLevel.TRUSTED);
      assertThat(host.status()).as(where).isEqualTo(HostStatus.DANE_FAILED);
      assertThat(ours.problems().stream().map(p -> p.code()))
          .as(where)
          .contains(ProblemCode.TLSA_NO_MATCH);
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

  /** posttls-finger's TLSA owner name for a host: at the CNAME-expanded name when there is one. */
  private static String tlsaOwner(InteropWorld world, MxHostReport host) {
    return "_" + world.smtpPort() + "._tcp." + bare(host.tlsaBaseDomain());
  }

  /** posttls-finger at DANE level against a destination, trusting the world's CA; cached. */
  static PosttlsFingerLog finger(InteropWorld world, String destination) {
    return RUNS.computeIfAbsent(
        destination,
        d -> {
          ExternalTool.requireOnPath("posttls-finger");
          List<String> command = new ArrayList<>();
          command.add("bash");
          command.add(world.interopDir().resolve("posttls-finger-check").toString());
          command.add(d);
          command.addAll(
              List.of("-t", "10", "-T", "10", "-l", "dane", "-F", world.rootCa().toString()));
          ExternalTool.Result result = ExternalTool.run(command, "", TIMEOUT);
          assertThat(result.exitStatus()).as(result.transcript()).isZero();
          return PosttlsFingerLog.parse(result.output());
        });
  }
}
