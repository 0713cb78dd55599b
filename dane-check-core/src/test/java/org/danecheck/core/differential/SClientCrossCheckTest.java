/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.danecheck.TlsaRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the reference itself: dane_verify.c (OpenSSL's DANE code called directly, as Postfix sets
 * it up) must give the same verdict as a real TLS handshake, {@code openssl s_client
 * -dane_tlsa_domain ... -dane_tlsa_rrdata ...} against {@code openssl s_server} on loopback, on a
 * spread of generated cases. s_client cannot give several reference names nor Postfix's
 * no-partial-wildcards flag, so the cases here have one name and no partial wildcard.
 */
@Tag("openssl")
class SClientCrossCheckTest {
  /** Cases with one reference name, across the outcomes. */
  static final List<String> CASES =
      List.of(
          "gen:feature/baseline/2-0-1-root-sent",
          "gen:feature/baseline/2-0-0-root-absent",
          "gen:feature/baseline/2-1-0-root-absent",
          "gen:feature/baseline/2-1-1-issuer",
          "gen:feature/baseline/3-1-1-leaf",
          "gen:feature/nc-int-permitted-other/2-0-1-root-sent",
          "gen:feature/nc-root-excluded-match/2-0-0-root-absent",
          "gen:feature/eku-leaf-clientauth/2-1-1-issuer",
          "gen:feature/eku-leaf-clientauth/3-1-1-leaf",
          "gen:feature/eku-int-clientauth/2-0-1-root-sent",
          "gen:feature/ku-leaf-crlsign-only/2-0-1-root-sent",
          "gen:feature/crit-leaf/2-0-1-root-sent",
          "gen:feature/crit-leaf/3-1-1-leaf",
          "gen:feature/bc-root-absent/2-0-0-root-absent",
          "gen:feature/bc-int-absent/2-1-1-issuer",
          "gen:feature/time-leaf-expired/2-0-1-root-sent",
          "gen:feature/time-leaf-expired/3-1-1-leaf",
          "gen:feature/time-int-expired/2-1-1-issuer",
          "gen:feature/time-leaf-notafter-now/2-0-1-root-sent",
          "gen:feature/sig-leaf-sha1/2-0-1-root-sent",
          "gen:feature/sig-int-md5/2-1-0-root-absent",
          "gen:feature/key-int-rsa768/2-0-1-root-sent",
          "gen:feature/key-leaf-rsa768/3-1-1-leaf",
          "gen:feature/self-issued-leaf/2-1-1-issuer",
          "gen:self/self-signed-leaf/2-0-1",
          "gen:self/self-signed-leaf/3-1-1",
          "gen:self/ca-issued-leaf-as-ta/2-0-0",
          "gen:agility/3-1-1-ok-3-1-2-wrong",
          "gen:malformed/3-1-0-deadbeef-3-1-1-ok",
          "gen:names/wildcard/2-0-1-root-sent",
          "gen:names/absent/2-1-1-issuer",
          "gen:names/absent/3-1-1-leaf",
          "gen:deep/pathlen-root-1/2-0-1-root-sent",
          "gen:depth/10-intermediates-2-0-1-root",
          "gen:depth/11-intermediates-2-0-1-root");

  private static final Pattern VERIFY_ERROR = Pattern.compile("verify error:num=(\\d+):(.*)");
  private static final Pattern RETURN_CODE =
      Pattern.compile("Verify return code: (\\d+) \\((.*)\\)");

  @Test
  @Timeout(180)
  void helperAgreesWithRealHandshakes(@TempDir Path dir) throws Exception {
    OpenSslDane.helper();
    Map<String, DaneCase> all =
        GeneratedCases.all().stream().collect(Collectors.toMap(DaneCase::id, Function.identity()));
    List<DaneCase> cases = new ArrayList<>();
    for (String id : CASES) {
      assertThat(all).as("cross-check case").containsKey(id);
      cases.add(all.get(id));
    }
    Map<String, OpenSslDane.Verdict> helper = OpenSslDane.verify(cases);
    List<String> mismatches = new ArrayList<>();
    StringBuilder table = new StringBuilder("dane_verify vs s_client/s_server:\n");
    for (DaneCase c : cases) {
      assertThat(c.names()).hasSize(1);
      String handshake = handshake(dir, c);
      OpenSslDane.Verdict v = helper.get(c.id());
      boolean ok = handshake.startsWith("OK");
      table.append(
          String.format("%-58s helper %-50s s_client %s%n", c.id(), v.summary(), handshake));
      if (ok != v.verified()) {
        mismatches.add(c.id() + ": helper " + v.summary() + ", s_client " + handshake);
      }
    }
    System.out.println(table);
    assertThat(mismatches).as("dane_verify disagrees with a real handshake").isEmpty();
  }

  /** One s_server, one s_client; "OK" or "FAIL <code> <text>". */
  private static String handshake(Path dir, DaneCase c) throws Exception {
    Path d = Files.createDirectories(dir.resolve(c.id().replaceAll("[^A-Za-z0-9]", "_")));
    PrivateKey key = Pki.privateKeyFor(c.chain().get(0));
    assertThat(key).as("leaf key of " + c.id()).isNotNull();
    Files.writeString(d.resolve("key.pem"), pem("PRIVATE KEY", key.getEncoded()));
    Files.writeString(d.resolve("leaf.pem"), pem("CERTIFICATE", c.chain().get(0)));
    StringBuilder chain = new StringBuilder();
    for (byte[] der : c.chain().subList(1, c.chain().size())) {
      chain.append(pem("CERTIFICATE", der));
    }
    Files.writeString(d.resolve("chain.pem"), chain);
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    List<String> server =
        new ArrayList<>(
            List.of(
                "openssl",
                "s_server",
                "-accept",
                "127.0.0.1:" + port,
                "-naccept",
                "1",
                "-cert",
                d.resolve("leaf.pem").toString(),
                "-key",
                d.resolve("key.pem").toString(),
                "-cipher",
                "DEFAULT:@SECLEVEL=0"));
    if (c.chain().size() > 1) {
      server.addAll(List.of("-cert_chain", d.resolve("chain.pem").toString()));
    }
    Process s = new ProcessBuilder(server).redirectErrorStream(true).start();
    try {
      BufferedReader sout =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = sout.readLine()) != null && !line.startsWith("ACCEPT")) {
        // wait until it listens
      }
      if (line == null) {
        throw new AssertionError("s_server did not start for " + c.id());
      }
      List<String> client =
          new ArrayList<>(
              List.of(
                  "openssl",
                  "s_client",
                  "-connect",
                  "127.0.0.1:" + port,
                  "-dane_tlsa_domain",
                  c.names().get(0),
                  "-dane_ee_no_namechecks",
                  "-verify_return_error",
                  "-verify_depth",
                  "10",
                  "-attime",
                  Long.toString(c.now().getEpochSecond()),
                  "-cipher",
                  "DEFAULT:@SECLEVEL=1"));
      for (TlsaRecord r : c.records()) {
        client.add("-dane_tlsa_rrdata");
        client.add(
            r.usageNumber()
                + " "
                + r.selectorNumber()
                + " "
                + r.matchingTypeNumber()
                + " "
                + r.associationDataHex());
      }
      Process p =
          new ProcessBuilder(client)
              .redirectErrorStream(true)
              .redirectInput(new File("/dev/null"))
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("s_client hung on " + c.id());
      }
      if (out.contains("Verification: OK") && !out.contains("verify error:")) {
        return "OK";
      }
      Matcher m = VERIFY_ERROR.matcher(out);
      if (m.find()) {
        return "FAIL " + m.group(1) + " " + m.group(2);
      }
      m = RETURN_CODE.matcher(out);
      if (m.find()) {
        return "FAIL " + m.group(1) + " " + m.group(2);
      }
      return "FAIL handshake: "
          + out.lines().filter(l -> l.contains("error")).findFirst().orElse("?");
    } finally {
      s.destroy();
      if (!s.waitFor(5, TimeUnit.SECONDS)) {
        s.destroyForcibly();
      }
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
