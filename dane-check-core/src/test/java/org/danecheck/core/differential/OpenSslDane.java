/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.differential;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.danecheck.TlsaRecord;
import org.junit.jupiter.api.Assumptions;

/**
 * OpenSSL's DANE verdict for a batch of cases, from {@code dane_verify.c} (a test resource, which
 * says what it mirrors of Postfix and libssl), compiled with gcc against libssl on first use.
 *
 * <p>Without gcc or the libssl headers the tests are skipped, unless the system property {@code
 * danecheck.openssl.required} is true or DANECHECK_OPENSSL_REQUIRED=1 (CI sets it), when they fail.
 */
final class OpenSslDane {
  /** OpenSSL's answer for one case; see dane_verify.c for the fields. */
  record Verdict(
      String id,
      boolean verified,
      int code,
      int errorDepth,
      String usable,
      int matchedDepth,
      String matchedRecord,
      boolean bareKey,
      String error) {
    /** Whether record {@code i} was accepted by SSL_dane_tlsa_add (and Postfix's filter). */
    /**
     * The depth of the matched certificate as dane-check reports it: a DANE-TA key the server did
     * not send (2 1 0) is one above the certificate it signed, where OpenSSL reports the depth of
     * that certificate.
     */
    int depthOfAnchor() {
      return bareKey ? matchedDepth + 1 : matchedDepth;
    }

    boolean usable(int i) {
      return usable.charAt(i) == '1';
    }

    String summary() {
      return verified
          ? "OK (" + matchedRecord + " at depth " + depthOfAnchor() + ")"
          : "FAIL " + code + "@" + errorDepth + " " + error;
    }
  }

  private static Path binary;
  private static String version;

  private OpenSslDane() {}

  /** The OpenSSL version the helper runs with. */
  static synchronized String version() {
    helper();
    return version;
  }

  /** Runs every case through OpenSSL; the result maps case id to verdict. */
  static Map<String, Verdict> verify(List<DaneCase> cases) {
    Path exe = helper();
    Process p;
    try {
      p = new ProcessBuilder(exe.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      throw new AssertionError("cannot run " + exe, e);
    }
    CompletableFuture<Void> feeder =
        CompletableFuture.runAsync(
            () -> {
              try (Writer w =
                  new BufferedWriter(
                      new OutputStreamWriter(p.getOutputStream(), StandardCharsets.US_ASCII))) {
                for (DaneCase c : cases) {
                  write(w, c);
                }
              } catch (IOException e) {
                throw new IllegalStateException("cannot feed dane_verify", e);
              }
            });
    Map<String, Verdict> out = new LinkedHashMap<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("VERSION ")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        if (f.length != 9) {
          throw new AssertionError("unexpected dane_verify output: " + line);
        }
        out.put(
            f[0],
            new Verdict(
                f[0],
                f[1].equals("1"),
                Integer.parseInt(f[2]),
                Integer.parseInt(f[3]),
                f[4],
                Integer.parseInt(f[5]),
                f[6],
                f[7].equals("1"),
                f[8]));
      }
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("dane_verify did not finish");
      }
      feeder.join();
      if (p.exitValue() != 0) {
        throw new AssertionError("dane_verify exited " + p.exitValue());
      }
    } catch (IOException e) {
      throw new AssertionError("cannot read dane_verify output", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } finally {
      p.destroy();
    }
    for (DaneCase c : cases) {
      if (!out.containsKey(c.id())) {
        throw new AssertionError("dane_verify gave no verdict for " + c.id());
      }
    }
    return out;
  }

  /** Writes a case in dane_verify.c's input format (also read by {@link IsolatedMatcher}). */
  static void write(Writer w, DaneCase c) throws IOException {
    HexFormat hex = HexFormat.of();
    w.write("BEGIN " + c.id() + "\n");
    w.write("TIME " + c.now().getEpochSecond() + "\n");
    for (String n : c.names()) {
      w.write("HOST " + n + "\n");
    }
    for (TlsaRecord r : c.records()) {
      String data = r.associationDataHex();
      w.write(
          "TLSA "
              + r.usageNumber()
              + " "
              + r.selectorNumber()
              + " "
              + r.matchingTypeNumber()
              + " "
              + (data.isEmpty() ? "-" : data)
              + "\n");
    }
    for (byte[] der : c.chain()) {
      w.write("CERT " + hex.formatHex(der) + "\n");
    }
    w.write("END\n");
  }

  /** Compiles the helper once per JVM. */
  static synchronized Path helper() {
    if (binary != null) {
      return binary;
    }
    boolean required = required();
    try {
      Path dir = Files.createDirectories(Path.of("target", "differential").toAbsolutePath());
      Path src = dir.resolve("dane_verify.c");
      try (InputStream in = OpenSslDane.class.getResourceAsStream("/differential/dane_verify.c")) {
        Files.write(src, in.readAllBytes());
      }
      Path exe = dir.resolve("dane_verify");
      Process gcc =
          new ProcessBuilder(
                  "gcc", "-O1", "-o", exe.toString(), src.toString(), "-lssl", "-lcrypto")
              .redirectErrorStream(true)
              .start();
      String out = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!gcc.waitFor(60, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
        unavailable(required, "gcc could not build dane_verify against libssl:\n" + out);
      }
      Process v = new ProcessBuilder(exe.toString()).start();
      v.getOutputStream().close();
      String first = new BufferedReader(new InputStreamReader(v.getInputStream())).readLine();
      v.waitFor(10, TimeUnit.SECONDS);
      version = first == null ? "?" : first.replace("VERSION ", "");
      binary = exe;
      return exe;
    } catch (IOException e) {
      unavailable(required, "gcc/libssl not available: " + e.getMessage());
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * Whether the OpenSSL references must run (fail rather than skip when gcc, libssl or limbo.json
   * is missing): {@code -Ddanecheck.openssl.required=true} or {@code DANECHECK_OPENSSL_REQUIRED=1}
   * in the environment, which {@code .ci/run} sets.
   */
  static boolean required() {
    return Boolean.getBoolean("danecheck.openssl.required")
        || "1".equals(System.getenv("DANECHECK_OPENSSL_REQUIRED"));
  }

  private static void unavailable(boolean required, String why) {
    if (required) {
      throw new AssertionError(why + " (danecheck.openssl.required=true)");
    }
    Assumptions.abort(why);
  }
}
