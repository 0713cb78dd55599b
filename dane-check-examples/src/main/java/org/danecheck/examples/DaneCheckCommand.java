/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code dane-check} command line: a top command whose subcommands do the work. Add a
 * subcommand by listing its class in {@code subcommands}.
 *
 * <p>Exit codes shared by all subcommands: 0 success (authenticated), 2 checked but not
 * authenticated, 3 bad usage or unreadable input (one line on stderr, no stack trace).
 */
@Command(
    name = "dane-check",
    mixinStandardHelpOptions = true,
    version = "dane-check 0.1.0-SNAPSHOT",
    description = "Would a DANE-enforcing MTA (RFC 7672) deliver to this domain securely?",
    commandListHeading = "%nCommands:%n",
    footerHeading = "%nExamples:%n",
    footer = {
      "  dane-check check example.org",
      "  dane-check send --from me@example.net --to you@example.org --file message.eml",
      "  dane-check demo",
      "  dane-check exporter --listen 127.0.0.1:9552",
      "  dane-check tlsa generate --cert cert.pem --host mx.example.org",
      "",
      "'dane-check COMMAND --help' shows a command's options.",
      "check_dane is the monitoring plugin, dane-scan the bulk scanner."
    },
    subcommands = {
      CheckCommand.class,
      SendCommand.class,
      DemoCommand.class,
      TlsaCommand.class,
      LabCommand.class,
      org.danecheck.examples.exporter.ExporterCommand.class
    })
public final class DaneCheckCommand implements Callable<Integer> {
  /** Success; for checks: the peer was authenticated. */
  public static final int EXIT_OK = 0;

  /** The check ran, and the answer is no. */
  public static final int EXIT_NOT_AUTHENTICATED = 2;

  /** Bad usage or input. */
  public static final int EXIT_BAD_INPUT = 3;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return EXIT_BAD_INPUT;
  }

  /**
   * A configured command line: usage errors and input errors exit 3 with one line on stderr, other
   * failures too (with the exception's message, never a stack trace).
   */
  public static CommandLine commandLine() {
    return configure(new CommandLine(new DaneCheckCommand()), "dane-check");
  }

  /**
   * Configures a tool's command line: errors are one line on stderr, starting with the program's
   * name, in the user's terms ({@link UserMessages}: no Java class names), exit 3; time values
   * parse as ISO 8601 with a message saying so.
   */
  public static CommandLine configure(CommandLine cl, String program) {
    cl.registerConverter(Instant.class, DaneCheckCommand::instant);
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          PrintWriter err = ex.getCommandLine().getErr();
          err.println(
              program
                  + ": "
                  + SafeText.of(UserMessages.strip(ex.getMessage()))
                  + " (try '"
                  + ex.getCommandLine().getCommandSpec().qualifiedName()
                  + " --help')");
          return EXIT_BAD_INPUT;
        });
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          commandLine.getErr().println(program + ": " + SafeText.of(UserMessages.of(ex)));
          return EXIT_BAD_INPUT;
        });
    return cl;
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text.strip());
    } catch (java.time.format.DateTimeParseException e) {
      throw new CommandLine.TypeConversionException(
          "'" + text + "' is not a time: give one in ISO 8601, e.g. 2026-01-31T12:00:00Z");
    }
  }

  /** When the process started, set by {@link #main}: {@code check --timeout} counts from it. */
  private static volatile Instant processStarted;

  /**
   * When the run started: the process's start when run as a program, or now when the command line
   * is run inside a longer-lived JVM (tests, embedding), whose start says nothing about this run.
   */
  static Instant runStarted() {
    Instant started = processStarted;
    return started != null ? started : Instant.now();
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    processStarted = CheckDaneCommand.processStart();
    System.exit(commandLine().execute(args));
  }
}
