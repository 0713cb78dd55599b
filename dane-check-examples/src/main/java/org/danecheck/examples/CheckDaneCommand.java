/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntConsumer;
import org.danecheck.DomainReport;
import org.danecheck.core.DaneChecker;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code check_dane}: a Nagios/Icinga plugin (Monitoring Plugins interface) that checks a mail
 * domain's DANE (RFC 7672) and warns before an outage. One status line {@code DANE <STATE> - <what
 * matters> | <perfdata>}, exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN; {@code -v} adds a line per
 * finding and endpoint. The state mapping is {@link CheckDaneEvaluator}.
 */
@Command(
    name = "check_dane",
    mixinStandardHelpOptions = true,
    version = {"check_dane " + CheckDaneCommand.VERSION, "https://github.com/danecheck/dane-check"},
    sortOptions = false,
    usageHelpWidth = 100,
    description = {
      "Monitoring plugin: would a DANE-enforcing MTA (RFC 7672) deliver to DOMAIN securely,",
      "and will it still when a certificate or a DNSSEC signature expires?",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    // One entry per code: picocli wraps a long entry, but drops lines without "code:".
    exitCodeList = {
      "0:OK: a DANE MTA delivers as the domain's DANE requires (or no DANE / null MX, noted)",
      "1:WARNING: delivered, but an MX host or endpoint a DANE MTA must skip, expiry within"
          + " -w/--rrsig-warn, all TLSA records unusable, a rollover hint",
      "2:CRITICAL: a DANE MTA would defer the mail (no host authenticates, STARTTLS missing,"
          + " a lookup failed or bogus) or send it without the DANE it requires; expiry within"
          + " -c/--rrsig-crit; no such domain",
      "3:UNKNOWN: bad arguments, --help/--version, -t reached, the check could not finish"
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  check_dane -H example.org",
      "  check_dane -H example.org --mx mx1.example.org -w 21 -c 10 -t 20",
      "  check_dane -H example.org --resolver 127.0.0.1 --ad-trust --require-dane",
      "",
      "Thresholds are in days (decimals allowed); an alert starts below the value, as the range",
      "'14:' of the plugin guidelines. See docs/check_dane.md for the full state table."
    })
public final class CheckDaneCommand {
  /** The plugin's version. */
  static final String VERSION = "0.1.0-SNAPSHOT";

  @Option(
      names = {"-H", "--hostname"},
      required = true,
      paramLabel = "DOMAIN",
      description = "The mail domain to check.")
  String domain;

  @Option(
      names = "--mx",
      paramLabel = "HOST",
      description = "Check only this MX host (as if it were the domain's only MX).")
  String mxHost;

  @Option(
      names = {"-w", "--warning"},
      paramLabel = "DAYS",
      description = "WARNING when a certificate expires in less (default ${DEFAULT-VALUE}).")
  double certWarnDays = PluginThresholds.DEFAULTS.certWarnDays();

  @Option(
      names = {"-c", "--critical"},
      paramLabel = "DAYS",
      description = "CRITICAL when a certificate expires in less (default ${DEFAULT-VALUE}).")
  double certCritDays = PluginThresholds.DEFAULTS.certCritDays();

  @Option(
      names = "--rrsig-warn",
      paramLabel = "DAYS",
      description =
          "WARNING when an RRSIG over the MX or TLSA records expires in less"
              + " (default ${DEFAULT-VALUE}).")
  double rrsigWarnDays = PluginThresholds.DEFAULTS.rrsigWarnDays();

  @Option(
      names = "--rrsig-crit",
      paramLabel = "DAYS",
      description = "CRITICAL when such an RRSIG expires in less (default ${DEFAULT-VALUE}).")
  double rrsigCritDays = PluginThresholds.DEFAULTS.rrsigCritDays();

  @Option(
      names = {"-t", "--timeout"},
      paramLabel = "SECONDS",
      description =
          "Time limit of the whole run, JVM start included; UNKNOWN when reached"
              + " (default ${DEFAULT-VALUE}).")
  int timeoutSeconds = 10;

  @Mixin ResolverOptions dns = new ResolverOptions();

  /** {@code --ca-file}: without it, no CAs (an empty store), which saves loading the JDK's. */
  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Option(
      names = "--require-dane",
      description = "CRITICAL, not OK, when the domain has no DANE or accepts no mail.")
  boolean requireDane;

  @Option(
      names = "--require-rollover-key",
      description = "WARNING when a TLSA RRset has a single record (no next key published).")
  boolean requireRolloverKey;

  @Option(
      names = "--strict",
      description =
          "WARNING, not a note, for hints that do not change delivery: unusable TLSA records"
              + " beside usable ones, TLS 1.0/1.1, an unsigned MX RRset, a single-record TLSA RRset.")
  boolean strict;

  @Option(
      names = "--both-algorithms",
      description = "Probe RSA and ECDSA certificates separately on hosts with TLSA records.")
  boolean bothAlgorithms;

  @Option(
      names = {"-v", "--verbose"},
      description = "Add a line per finding, MX host and endpoint after the status line.")
  boolean[] verbose = new boolean[0];

  /** Time kept back from the checker's deadline for the report and the JVM's exit. */
  static Duration reserve(Duration limit) {
    Duration quarter = limit.dividedBy(4);
    return quarter.compareTo(Duration.ofMillis(1500)) < 0 ? quarter : Duration.ofMillis(1500);
  }

  /** How long before the limit the watchdog prints its UNKNOWN line and halts. */
  static Duration watchdogMargin(Duration limit) {
    Duration tenth = limit.dividedBy(10);
    return tenth.compareTo(Duration.ofMillis(250)) < 0 ? tenth : Duration.ofMillis(250);
  }

  /**
   * Runs the plugin and prints its output.
   *
   * @param args the command line
   * @param out where the plugin output goes (standard output in the real plugin)
   * @param startedAt when the run started: the JVM's start, so {@code -t} covers it
   * @param clock the clock expiry is judged by
   * @param exit called by the watchdog with 3 after it printed the timeout line
   * @return the exit code
   */
  static int run(String[] args, PrintWriter out, Instant startedAt, Clock clock, IntConsumer exit) {
    CommandLine cl = new CommandLine(new CheckDaneCommand());
    try {
      cl.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      return unknown(out, UserMessages.strip(e.getMessage()) + " (try 'check_dane --help')");
    }
    // Monitoring Plugins interface: --help and --version exit UNKNOWN.
    if (cl.isUsageHelpRequested()) {
      cl.usage(out);
      out.flush();
      return PluginState.UNKNOWN.exitCode();
    }
    if (cl.isVersionHelpRequested()) {
      cl.printVersionHelp(out);
      out.flush();
      return PluginState.UNKNOWN.exitCode();
    }
    CheckDaneCommand command = cl.getCommand();
    return command.check(out, startedAt, clock, exit);
  }

  private int check(PrintWriter out, Instant startedAt, Clock clock, IntConsumer exit) {
    PluginThresholds thresholds;
    try {
      thresholds = thresholds();
    } catch (IllegalArgumentException e) {
      return unknown(out, e.getMessage());
    }
    Duration limit = Duration.ofSeconds(timeoutSeconds);
    Duration left = Duration.between(clock.instant(), startedAt.plus(limit));
    try (PluginWatchdog watchdog = new PluginWatchdog(out, timeoutSeconds, exit)) {
      watchdog.arm(left.minus(watchdogMargin(limit)));
      Duration budget = left.minus(reserve(limit));
      if (budget.compareTo(Duration.ofMillis(100)) < 0) {
        budget = Duration.ofMillis(100);
      }
      PluginResult result;
      try {
        watchdog.stage("starting the checker");
        DaneChecker.Builder builder =
            DaneChecker.builder().deadline(budget).bothAlgorithms(bothAlgorithms).clock(clock);
        dns.applyTo(builder, connection.adTrust());
        connection.applyTo(builder);
        // RFC 7672 3.1.3: PKIX usages are unusable for SMTP, so CAs only change the level shown.
        if (!connection.hasCaFile()) {
          builder.pkixTrustStore(emptyTrustStore());
        }
        DomainReport report;
        DaneChecker checker = builder.build();
        try {
          watchdog.stage("checking " + (mxHost != null ? mxHost : domain));
          report = mxHost != null ? checker.checkHost(mxHost) : checker.check(domain);
        } finally {
          watchdog.stage("closing the checker");
          checker.close();
        }
        watchdog.stage("reporting");
        result = CheckDaneEvaluator.evaluate(report, thresholds, clock.instant());
      } catch (IllegalArgumentException e) {
        // Bad input the parser could not see: a malformed domain, an unreadable trust anchor.
        result = PluginResult.of(PluginState.UNKNOWN, message(e));
      } catch (RuntimeException e) {
        result = PluginResult.of(PluginState.UNKNOWN, "check_dane failed: " + message(e));
      }
      return watchdog.print(result.render(verbose.length > 0), result.state().exitCode());
    }
  }

  private PluginThresholds thresholds() {
    connection.validate();
    if (timeoutSeconds < 1 || timeoutSeconds > 3600) {
      throw new IllegalArgumentException(
          "-t/--timeout must be 1 to 3600 seconds, not " + timeoutSeconds);
    }
    return new PluginThresholds(
        certWarnDays,
        certCritDays,
        rrsigWarnDays,
        rrsigCritDays,
        requireDane,
        requireRolloverKey,
        strict);
  }

  private static KeyStore emptyTrustStore() {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      return store;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot make an empty key store: " + e.getMessage(), e);
    }
  }

  private static int unknown(PrintWriter out, String message) {
    PluginResult result = PluginResult.of(PluginState.UNKNOWN, message);
    out.print(result.render(false));
    out.flush();
    return result.state().exitCode();
  }

  private static String message(Exception e) {
    return UserMessages.of(e);
  }

  /** The usage text, for the docs and tests. */
  static String usage() {
    StringWriter text = new StringWriter();
    new CommandLine(new CheckDaneCommand()).usage(new PrintWriter(text));
    return text.toString();
  }

  /** When this process started, as the operating system says; now if it cannot say. */
  static Instant processStart() {
    Instant now = Instant.now();
    return ProcessHandle.current()
        .info()
        .startInstant()
        .filter(t -> !t.isAfter(now) && t.isAfter(now.minusSeconds(60)))
        .orElse(now);
  }

  /**
   * Runs the plugin and exits with its state. The time limit counts from the JVM's start (as the
   * operating system reports it), so {@code -t} bounds what the monitoring system waits for.
   */
  public static void main(String[] args) {
    Instant now = Instant.now();
    Instant started =
        ProcessHandle.current()
            .info()
            .startInstant()
            .filter(t -> !t.isAfter(now) && t.isAfter(now.minusSeconds(60)))
            .orElse(now);
    PrintWriter out =
        new PrintWriter(
            new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8));
    int code = run(args, out, started, Clock.systemUTC(), c -> Runtime.getRuntime().halt(c));
    out.flush();
    System.exit(code);
  }
}
