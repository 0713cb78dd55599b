/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
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
    header = "Add up the summaries of disjoint shards; refuse overlapping ones.",
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
    List<Path> merged = new java.util.ArrayList<>();
    for (Path file : files) {
      ScanSummary part;
      // Read as a stream: a million-server summary costs its tables, not a tree of its text.
      try (java.io.Reader in = Files.newBufferedReader(file)) {
        part = ScanSummary.read(in);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException(
            "cannot read " + file + ": " + org.danecheck.examples.UserMessages.io(file, e), e);
      }
      if (part.coverage().isEmpty()) {
        throw new IllegalArgumentException(
            file
                + ": the summary does not say what it covers (made by an older dane-scan):"
                + " merging could count domains twice");
      }
      java.util.Optional<String> overlap = total.overlap(part);
      if (overlap.isPresent()) {
        throw new IllegalArgumentException(
            "refusing to merge "
                + file
                + " with "
                + String.join(", ", merged.stream().map(Path::toString).toList())
                + ": "
                + overlap.get()
                + ", so its domains would be counted twice");
      }
      if (merged.isEmpty()) {
        total = part; // no copy of the first: one summary's tables fewer in the heap
      } else {
        total.merge(part);
      }
      merged.add(file);
    }
    PrintWriter out = spec.commandLine().getOut();
    switch (format) {
      case "json" -> {
        total.writeJson(out); // streamed, as dane-scan writes it
        out.println();
      }
      case "md" -> out.print(new SummaryReport(total, top).markdown());
      case "html" -> out.print(new SummaryReport(total, top).html());
      default ->
          throw new IllegalArgumentException("--format must be json, md or html, not " + format);
    }
    out.flush();
    return 0;
  }
}
