package org.danecheck.examples.scan;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dane-scan merge a.json b.json ...}: adds the summaries of shards (exactly). */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    description = "Add up summary.json files of shards; print the total as json, md or html.")
final class MergeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "SUMMARY.json")
  List<Path> files;

  @Option(
      names = "--format",
      paramLabel = "json|md|html",
      description = "Output format (default ${DEFAULT-VALUE}).")
  String format = "json";

  @Option(
      names = "--top",
      paramLabel = "N",
      description = "Servers listed in md/html (default ${DEFAULT-VALUE}).")
  int top = 20;

  @Override
  public Integer call() throws Exception {
    ScanSummary total = new ScanSummary();
    for (Path file : files) {
      try {
        total.merge(ScanSummary.fromJson(Files.readString(file)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    switch (format) {
      case "json" -> out.println(total.toJson());
      case "md" -> out.print(new SummaryReport(total, top).markdown());
      case "html" -> out.print(new SummaryReport(total, top).html());
      default ->
          throw new IllegalArgumentException("--format must be json, md or html, not " + format);
    }
    out.flush();
    return 0;
  }
}
