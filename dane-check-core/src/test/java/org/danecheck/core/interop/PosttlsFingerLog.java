/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.interop;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.danecheck.TlsaRecord;

/**
 * What posttls-finger (Postfix 3.x, {@code -l dane}) logged about one destination, read from its
 * output lines:
 *
 * <pre>
 * Connected to mx.ee.interop[127.0.60.1]:25
 * mx.ee.interop[127.0.60.1]:25: Matched DANE EE certificate at depth 0: 3 1 1 6D34…
 * mx.ta.interop[127.0.60.2]:25: matched peername: mx.ta.interop
 * Verified TLS connection established to mx.ee.interop[127.0.60.1]:25: TLSv1.3 …
 * server certificate verification failed for mx.wrongdigest.interop[…]:25: num=65:no matching DANE TLSA records
 * certificate verification failed for mx.eku.interop[…]:25: not designated for use as a server certificate
 * warning: _25._tcp.mx.unusable.interop unsupported TLSA certificate usage: 1 0 1 EF39…
 * warning: mx.badfull.interop[127.0.60.25]:25: unusable TLSA RR: 3 1 0 DEADBEEF
 * warning: mx.badfull.interop[127.0.60.25]:25: all TLSA records unusable, fallback to unauthenticated TLS
 * Destination address lookup failed: … Domain nullmx.interop does not accept mail (nullMX)
 * </pre>
 *
 * <p>Public, with {@link #run}, for the sender's interop test in dane-check-examples (through this
 * module's test jar), which compares deliveries with what Postfix does.
 *
 * @param endpoints what was seen per server address, in the order posttls-finger connected
 * @param unsupportedTlsa TLSA records posttls-finger ignored as unusable, by owner name
 * @param lookupFailure the "Destination address lookup failed" reason, when the lookup failed
 * @param output the whole output, for messages
 */
public record PosttlsFingerLog(
    Map<String, Endpoint> endpoints,
    Map<String, List<TlsaRecord>> unsupportedTlsa,
    Optional<String> lookupFailure,
    String output) {

  /**
   * One server endpoint.
   *
   * @param host the host name posttls-finger logged (the MX name, before CNAME expansion)
   * @param address the address it connected to
   * @param tlsLevel Verified, Trusted, Untrusted or Anonymous; empty when no TLS session was made
   * @param daneMatch the TLSA record that matched, when DANE authenticated the server
   * @param daneMatchDepth the chain depth it matched at
   * @param verificationFailure the certificate verification failure, when there was one
   * @param matchedPeername the reference identifier the certificate matched, when names were
   *     checked and one matched
   * @param unusableTlsa the records OpenSSL refused to load (Postfix: "unusable TLSA RR")
   * @param allTlsaUnusable whether Postfix then fell back to unauthenticated TLS
   */
  public record Endpoint(
      String host,
      String address,
      Optional<String> tlsLevel,
      Optional<TlsaRecord> daneMatch,
      OptionalInt daneMatchDepth,
      Optional<String> verificationFailure,
      Optional<String> matchedPeername,
      List<TlsaRecord> unusableTlsa,
      boolean allTlsaUnusable) {}

  private static final String PEER = "(\\S+)\\[([0-9A-Fa-f.:]+)\\]:\\d+";
  private static final Pattern CONNECTED = Pattern.compile("Connected to " + PEER);
  private static final Pattern MATCHED =
      Pattern.compile(
          PEER
              + ": Matched DANE (?:EE|TA) certificate at depth (\\d+): (\\d+ \\d+ \\d+ [0-9A-Fa-f]+)");
  private static final Pattern ESTABLISHED =
      Pattern.compile(
          "(Verified|Trusted|Untrusted|Anonymous) TLS connection established to " + PEER);
  private static final Pattern VERIFY_FAILED =
      Pattern.compile("certificate verification failed for " + PEER + ": (.*)$");
  private static final Pattern UNSUPPORTED =
      Pattern.compile(
          "warning: (\\S+) unsupported TLSA certificate usage: (\\d+ \\d+ \\d+ [0-9A-Fa-f]+)");
  private static final Pattern PEERNAME = Pattern.compile(PEER + ": matched peername: (\\S+)$");
  private static final Pattern UNUSABLE =
      Pattern.compile("warning: " + PEER + ": unusable TLSA RR: (\\d+ \\d+ \\d+ [0-9A-Fa-f]+)");
  private static final Pattern ALL_UNUSABLE =
      Pattern.compile("warning: " + PEER + ": all TLSA records unusable");
  private static final Pattern LOOKUP_FAILED =
      Pattern.compile("Destination address lookup failed: (.*)$");

  /**
   * Runs posttls-finger at DANE level ({@code interop/posttls-finger-check DESTINATION -t 10 -T 10
   * -l dane -F ROOT_CA}) against the running world and reads what it printed; fails the test when
   * posttls-finger is missing, hangs or exits non-zero.
   */
  public static PosttlsFingerLog run(
      Path interopDir, Path rootCa, String destination, Duration timeout) {
    ExternalTool.requireOnPath("posttls-finger");
    List<String> command =
        List.of(
            "bash",
            interopDir.resolve("posttls-finger-check").toString(),
            destination,
            "-t",
            "10",
            "-T",
            "10",
            "-l",
            "dane",
            "-F",
            rootCa.toString());
    ExternalTool.Result result = ExternalTool.run(command, "", timeout);
    if (result.exitStatus() != 0) {
      throw new AssertionError("posttls-finger failed:\n" + result.transcript());
    }
    return parse(result.output());
  }

  /** Reads posttls-finger's output. */
  static PosttlsFingerLog parse(String output) {
    Map<String, Builder> endpoints = new LinkedHashMap<>();
    Map<String, List<TlsaRecord>> unsupported = new LinkedHashMap<>();
    Optional<String> lookupFailure = Optional.empty();
    for (String line : output.split("\\R")) {
      Matcher m;
      if ((m = CONNECTED.matcher(line)).find()) {
        endpoint(endpoints, m.group(1), m.group(2));
      } else if ((m = MATCHED.matcher(line)).find()) {
        Builder e = endpoint(endpoints, m.group(1), m.group(2));
        e.daneMatchDepth = OptionalInt.of(Integer.parseInt(m.group(3)));
        e.daneMatch = Optional.of(TlsaRecord.parse(m.group(4)));
      } else if ((m = ESTABLISHED.matcher(line)).find()) {
        endpoint(endpoints, m.group(2), m.group(3)).tlsLevel = Optional.of(m.group(1));
      } else if ((m = VERIFY_FAILED.matcher(line)).find()) {
        endpoint(endpoints, m.group(1), m.group(2)).verificationFailure = Optional.of(m.group(3));
      } else if ((m = PEERNAME.matcher(line)).find()) {
        endpoint(endpoints, m.group(1), m.group(2)).matchedPeername = Optional.of(m.group(3));
      } else if ((m = UNUSABLE.matcher(line)).find()) {
        endpoint(endpoints, m.group(1), m.group(2)).unusableTlsa.add(TlsaRecord.parse(m.group(3)));
      } else if ((m = ALL_UNUSABLE.matcher(line)).find()) {
        endpoint(endpoints, m.group(1), m.group(2)).allTlsaUnusable = true;
      } else if ((m = UNSUPPORTED.matcher(line)).find()) {
        unsupported
            .computeIfAbsent(m.group(1), k -> new ArrayList<>())
            .add(TlsaRecord.parse(m.group(2)));
      } else if ((m = LOOKUP_FAILED.matcher(line)).find()) {
        lookupFailure = Optional.of(m.group(1));
      }
    }
    Map<String, Endpoint> built = new LinkedHashMap<>();
    endpoints.forEach((address, b) -> built.put(address, b.build()));
    return new PosttlsFingerLog(built, unsupported, lookupFailure, output);
  }

  /** Whether posttls-finger learnt that the domain has a null MX (RFC 7505). */
  public boolean nullMx() {
    return lookupFailure.filter(f -> f.contains("(nullMX)")).isPresent();
  }

  /**
   * The first server at which Postfix's smtp client, with these DANE results, begins the mail
   * transaction: one where the TLS session was established without a certificate verification
   * failure (posttls-finger tries the next server after a failure and stops at the first that
   * works). Empty where Postfix defers (or bounces, {@link #nullMx()}): no server qualified. A
   * server without STARTTLS never qualifies here, which is right for the interop world, where every
   * such server has TLSA records (RFC 7672 2.2: TLS is then mandatory).
   */
  public Optional<Endpoint> transactionEndpoint() {
    return endpoints.values().stream()
        .filter(e -> e.tlsLevel().isPresent() && e.verificationFailure().isEmpty())
        .findFirst();
  }

  private static Builder endpoint(Map<String, Builder> endpoints, String host, String address) {
    return endpoints.computeIfAbsent(address, a -> new Builder(host, a));
  }

  private static final class Builder {
    final String host;
    final String address;
    Optional<String> tlsLevel = Optional.empty();
    Optional<TlsaRecord> daneMatch = Optional.empty();
    OptionalInt daneMatchDepth = OptionalInt.empty();
    Optional<String> verificationFailure = Optional.empty();
    Optional<String> matchedPeername = Optional.empty();
    final List<TlsaRecord> unusableTlsa = new ArrayList<>();
    boolean allTlsaUnusable;

    Builder(String host, String address) {
      this.host = host;
      this.address = address;
    }

    Endpoint build() {
      return new Endpoint(
          host,
          address,
          tlsLevel,
          daneMatch,
          daneMatchDepth,
          verificationFailure,
          matchedPeername,
          List.copyOf(unusableTlsa),
          allTlsaUnusable);
    }
  }
}
