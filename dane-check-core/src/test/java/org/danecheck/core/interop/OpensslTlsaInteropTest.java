package org.danecheck.core.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * server. The records are the ones the world publishes, and for two servers (an RSA and an EC leaf)
 * a sweep of usages, selectors and matching types over the leaf, the issuing CA (sent) and the root
 * CA (not sent).
 *
 * <p>Both use the TLSA base domain as the only reference name, and neither checks names for DANE-EE
 * ({@code -dane_ee_no_namechecks}; RFC 7672 3.1.1). PKIX-TA(0) and PKIX-EE(1) are unusable for SMTP
 * (RFC 7672 3.1.3), so for them the test asserts that, and compares OpenSSL (with the world's root
 * CA as its only trust) with our engine's generic RFC 6698 profile given the same trust anchor.
 */
@Tag("interop")
@ExtendWith(WorldChecks.Resolver.class)
class OpensslTlsaInteropTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern DANE_LINE =
      Pattern.compile(
          "DANE TLSA \\d+ \\d+ \\d+ \\S+ (matched (?:EE|TA) certificate|signed the certificate)"
              + " at depth (\\d+)");

  /** One record to try against one server. */
  record Case(Scenario scenario, Mx mx, String label, TlsaRecord record) {
    @Override
    public String toString() {
      return mx.host() + ": " + label;
    }
  }

  static Stream<Case> cases() {
    InteropWorld world = InteropWorld.get();
    byte[] issuing = InteropWorld.certificates(world.issuingCa()).get(0);
    byte[] root = InteropWorld.certificates(world.rootCa()).get(0);
    List<Case> cases = new ArrayList<>();
    for (Scenario s : world.scenarios()) {
      for (Mx mx : s.mxHosts()) {
        if (!mx.starttls()) {
          continue;
        }
        for (TlsaRecord r : mx.tlsa()) {
          cases.add(new Case(s, mx, "published " + r.describeFields(), r));
        }
        if (s.name().equals("ee") || s.name().equals("ta")) {
          byte[] leaf = InteropWorld.certificates(mx.leafCert()).get(0);
          for (TlsaSelector sel : TlsaSelector.values()) {
            for (TlsaMatchingType type : TlsaMatchingType.values()) {
              cases.add(sweep(s, mx, leaf, "leaf", TlsaUsage.DANE_EE, sel, type));
              cases.add(sweep(s, mx, issuing, "issuing CA", TlsaUsage.DANE_TA, sel, type));
            }
          }
          cases.add(sweep(s, mx, leaf, "leaf", TlsaUsage.DANE_TA, TlsaSelector.SPKI, sha256()));
          cases.add(
              sweep(s, mx, issuing, "issuing CA", TlsaUsage.DANE_EE, TlsaSelector.SPKI, sha256()));
          // RFC 7671 5.2.2: a TA the server does not send matches only as a full key or cert.
          for (TlsaSelector sel : TlsaSelector.values()) {
            for (TlsaMatchingType type : List.of(TlsaMatchingType.FULL, sha256())) {
              cases.add(sweep(s, mx, root, "root CA (not sent)", TlsaUsage.DANE_TA, sel, type));
            }
          }
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
    Set<String> names = Set.of(c.mx().host());
    Instant now = Instant.now();
    TlsaRecord record = c.record();
    boolean pkixUsage = record.usageNumber() < 2;

    ExternalTool.Result openssl = openssl(world, c.mx(), record, pkixUsage);
    boolean opensslVerified =
        openssl.exitStatus() == 0 && openssl.output().contains("\nVerification: OK");
    String context = c + " (" + record + ")\nopenssl said:\n" + openssl.transcript();

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
    Matcher m = DANE_LINE.matcher(openssl.output());
    if (opensslVerified && m.find() && m.group(1).startsWith("matched")) {
      // The certificate that matched (OpenSSL names the signer's depth for an unsent TA key).
      assertThat(smtp.matchedDepth())
          .as(context)
          .isEqualTo(OptionalInt.of(Integer.parseInt(m.group(2))));
    }
  }

  private static ExternalTool.Result openssl(
      InteropWorld world, Mx mx, TlsaRecord record, boolean pkixUsage) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "openssl",
                "s_client",
                "-brief",
                "-starttls",
                "smtp",
                "-connect",
                mx.address() + ":" + world.smtpPort(),
                "-servername",
                mx.host(),
                "-dane_tlsa_domain",
                mx.host(),
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
