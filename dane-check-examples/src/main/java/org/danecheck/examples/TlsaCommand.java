/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.danecheck.TlsaMatchResult;
import org.danecheck.TlsaMatchingType;
import org.danecheck.TlsaProfile;
import org.danecheck.TlsaRecord;
import org.danecheck.TlsaRecordEvaluation;
import org.danecheck.TlsaSelector;
import org.danecheck.TlsaUsage;
import org.danecheck.core.DomainReportJson;
import org.danecheck.core.TlsaGenerator;
import org.danecheck.core.TlsaMatcher;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dane-check tlsa}: generate TLSA records and match chains against them, offline. */
@Command(
    name = "tlsa",
    header = "Generate TLSA records and match certificate chains against them (offline).",
    mixinStandardHelpOptions = true,
    subcommands = {TlsaCommand.Generate.class, TlsaCommand.Match.class})
final class TlsaCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return DaneCheckCommand.EXIT_BAD_INPUT;
  }

  /** {@code dane-check tlsa generate}. */
  @Command(
      name = "generate",
      header = "Print the TLSA record of a certificate file.",
      mixinStandardHelpOptions = true,
      description = {
        "Print the TLSA record for a certificate file (PEM chain or one DER certificate).",
        "Usage 3 or 1 uses the leaf (the first certificate); usage 2 or 0 uses the topmost CA"
            + " certificate in the file (a lone self-signed certificate has none: use 3 1 1).",
        "With --host, prints a zone-file line; without, the record data only."
      })
  static final class Generate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--cert", required = true, paramLabel = "FILE", description = "certificate")
    Path cert;

    @Option(names = "--usage", defaultValue = "3", description = "0-3 (default: ${DEFAULT-VALUE})")
    int usage;

    @Option(names = "--selector", defaultValue = "1", description = "0 Cert, 1 SPKI (default: 1)")
    int selector;

    @Option(
        names = "--mtype",
        defaultValue = "1",
        description = "0 Full, 1 SHA2-256, 2 SHA2-512 (default: 1)")
    int mtype;

    @Option(names = "--host", paramLabel = "HOST", description = "host name, e.g. mx.example.org")
    String host;

    @Option(
        names = {"-p", "--port"},
        paramLabel = "PORT",
        defaultValue = "25",
        description = "TCP port (default: 25)")
    int port;

    @Override
    public Integer call() {
      TlsaUsage u =
          TlsaUsage.fromNumber(usage)
              .orElseThrow(() -> new BadInputException("--usage must be 0 to 3, got " + usage));
      TlsaSelector s =
          TlsaSelector.fromNumber(selector)
              .orElseThrow(() -> new BadInputException("--selector must be 0 or 1"));
      TlsaMatchingType m =
          TlsaMatchingType.fromNumber(mtype)
              .orElseThrow(() -> new BadInputException("--mtype must be 0, 1 or 2"));
      UserMessages.port("--port", port);
      if (host != null) {
        UserMessages.hostName("--host", host);
      }
      List<byte[]> chain = readChain(cert);
      TlsaRecord record;
      try {
        record = TlsaGenerator.forChain(chain, u, s, m);
      } catch (IllegalArgumentException e) {
        throw new BadInputException(cert + ": " + e.getMessage());
      }
      spec.commandLine()
          .getOut()
          .println(SafeText.of(host != null ? record.toZoneLine(host, port) : record.toString()));
      return DaneCheckCommand.EXIT_OK;
    }
  }

  /** {@code dane-check tlsa match}. */
  @Command(
      name = "match",
      header = "Match a certificate chain against TLSA records.",
      mixinStandardHelpOptions = true,
      description = {
        "Match a certificate chain (PEM, leaf first) against TLSA records.",
        "Exit 0 if authenticated, 2 if not, 3 on bad usage or input."
      })
  static final class Match implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--cert", required = true, paramLabel = "CHAIN", description = "chain file")
    Path cert;

    static final class Records {
      @Option(
          names = "--tlsa",
          paramLabel = "'U S M HEX'",
          description = "a TLSA record; repeat for an RRset")
      List<String> tlsa = new ArrayList<>();

      @Option(
          names = "--tlsa-file",
          paramLabel = "ZONEFILE",
          description = "lines with TLSA records (zone-file lines or 'U S M HEX')")
      Path tlsaFile;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Records records;

    @Option(
        names = "--host",
        required = true,
        paramLabel = "NAME",
        description = "reference name the leaf must carry (MX host, domain); repeatable")
    List<String> hosts;

    @Option(
        names = "--profile",
        defaultValue = "smtp",
        description = "smtp (RFC 7672) or generic (RFC 6698) (default: smtp)")
    String profile;

    @Option(names = "--now", paramLabel = "INSTANT", description = "time to check at (ISO-8601)")
    Instant now;

    @Option(names = "--json", description = "print a JSON object")
    boolean json;

    @Override
    public Integer call() {
      TlsaProfile p;
      switch (profile.toLowerCase(Locale.ROOT)) {
        case "smtp":
          p = TlsaProfile.SMTP;
          break;
        case "generic":
          p = TlsaProfile.GENERIC;
          break;
        default:
          throw new BadInputException("--profile must be smtp or generic, got " + profile);
      }
      List<TlsaRecord> rrset = records.tlsaFile != null ? readZone(records.tlsaFile) : parse();
      List<byte[]> chain = readChain(cert);
      TlsaMatchResult result =
          TlsaMatcher.match(
              rrset, chain, new LinkedHashSet<>(hosts), now != null ? now : Instant.now(), p);
      java.io.PrintWriter out = spec.commandLine().getOut();
      out.print(json ? DomainReportJson.toJson(result) + "\n" : text(result));
      // print() does not flush an autoflush writer, and main() exits right after.
      out.flush();
      return result.authenticated()
          ? DaneCheckCommand.EXIT_OK
          : DaneCheckCommand.EXIT_NOT_AUTHENTICATED;
    }

    private List<TlsaRecord> parse() {
      List<TlsaRecord> out = new ArrayList<>();
      for (String t : records.tlsa) {
        try {
          out.add(TlsaRecord.parse(t));
        } catch (IllegalArgumentException e) {
          throw new BadInputException("--tlsa '" + t + "': " + e.getMessage());
        }
      }
      return out;
    }

    private static List<TlsaRecord> readZone(Path file) {
      List<String> lines;
      try {
        lines = Files.readAllLines(file);
      } catch (IOException e) {
        throw new BadInputException("cannot read " + file + ": " + describe(file, e));
      }
      return parseZone(lines, file.toString());
    }

    /**
     * The TLSA records of a zone file's lines (or bare {@code U S M HEX} lines).
     *
     * @throws BadInputException naming the file and line of a malformed record, or when none
     */
    static List<TlsaRecord> parseZone(List<String> lines, String file) {
      List<TlsaRecord> out = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        String content = line.contains(";") ? line.substring(0, line.indexOf(';')) : line;
        String trimmed = content.strip();
        // Other zone-file content ($ORIGIN, SOA, A records...) is skipped; TLSA lines and bare
        // "U S M HEX" lines are records.
        boolean tlsaLine = (" " + trimmed.toUpperCase(Locale.ROOT) + " ").contains(" TLSA ");
        boolean bare = !trimmed.isEmpty() && Character.isDigit(trimmed.charAt(0));
        if (tlsaLine || bare) {
          try {
            out.add(TlsaRecord.parse(trimmed));
          } catch (IllegalArgumentException e) {
            throw new BadInputException(file + ":" + (i + 1) + ": " + e.getMessage());
          }
        }
      }
      if (out.isEmpty()) {
        throw new BadInputException(file + ": no TLSA records found");
      }
      return out;
    }

    private static String text(TlsaMatchResult r) {
      StringBuilder s = new StringBuilder();
      // The messages and reasons quote certificate names: SafeText keeps them on their line.
      s.append(r.outcome()).append(": ").append(SafeText.of(r.message())).append('\n');
      for (TlsaRecordEvaluation e : r.evaluations()) {
        s.append("  ")
            .append(e.status())
            .append(e.depth().isPresent() ? " (depth " + e.depth().getAsInt() + ")" : "")
            .append("  ")
            .append(e.record().usageNumber())
            .append(' ')
            .append(e.record().selectorNumber())
            .append(' ')
            .append(e.record().matchingTypeNumber())
            .append(' ')
            .append(abbreviate(e.record().associationDataHex()))
            .append("\n      ")
            .append(SafeText.of(e.reason()))
            .append('\n');
      }
      return s.toString();
    }

    private static String abbreviate(String hex) {
      return hex.length() <= 72
          ? hex
          : hex.substring(0, 32) + "..." + hex.substring(hex.length() - 8);
    }
  }

  static List<byte[]> readChain(Path file) {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new BadInputException("cannot read " + file + ": " + describe(file, e));
    }
    return parseChain(content, file.toString());
  }

  /**
   * The certificates of a --cert file's content (PEM blocks or one DER certificate).
   *
   * @throws BadInputException when there is none or one is malformed
   */
  static List<byte[]> parseChain(byte[] content, String file) {
    try {
      return TlsaGenerator.readCertificates(content);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(file + ": " + e.getMessage());
    }
  }

  static String describe(Path file, IOException e) {
    return UserMessages.io(file, e);
  }
}
