package org.danecheck.examples;

import java.io.PrintWriter;
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
    subcommands = {
      CheckCommand.class,
      SendCommand.class,
      DemoCommand.class,
      TlsaCommand.class,
      LabCommand.class
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
    CommandLine cl = new CommandLine(new DaneCheckCommand());
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          PrintWriter err = ex.getCommandLine().getErr();
          err.println(
              "dane-check: "
                  + SafeText.of(ex.getMessage())
                  + " (try '"
                  + ex.getCommandLine().getCommandSpec().qualifiedName()
                  + " --help')");
          return EXIT_BAD_INPUT;
        });
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          String message = ex.getMessage() != null ? ex.getMessage() : ex.toString();
          commandLine.getErr().println("dane-check: " + SafeText.of(message));
          return EXIT_BAD_INPUT;
        });
    return cl;
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
