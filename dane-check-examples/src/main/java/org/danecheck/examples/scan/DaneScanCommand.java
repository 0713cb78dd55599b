/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.danecheck.core.DaneChecker;
import org.danecheck.examples.ConnectionOptions;
import org.danecheck.examples.DaneCheckCommand;
import org.danecheck.examples.ResolverOptions;
import org.danecheck.testkit.DaneLab;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dane-scan}: checks a list of mail domains (plain or Tranco-style CSV) in bulk, politely,
 * with one probe per mail server, writing one JSON line per domain as it completes and a summary
 * (Markdown, JSON for merging shards, HTML with charts). {@code --lab N} scans a synthetic lab of N
 * domains instead of the Internet.
 */
@Command(
    name = "dane-scan",
    mixinStandardHelpOptions = true,
    version = "dane-scan 0.1.0-SNAPSHOT",
    description = {
      "Scan many mail domains for STARTTLS and DANE (RFC 7672): one JSON line per domain and a",
      "summary of the TLS levels, servers and DANE status. Exit 0 when the scan completed, 1 when",
      "its summary could not be written, 3 on bad usage or input, 130 when interrupted (SIGINT,",
      "SIGTERM: the domains done are kept, --resume does the rest)."
    },
    subcommands = {MergeCommand.class})
public final class DaneScanCommand implements Callable<Integer> {
  private static final String COMMON_PARALLELISM =
      "java.util.concurrent.ForkJoinPool.common.parallelism";

  /** The exit code of an interrupted scan (128 + SIGINT, as shells report Ctrl-C). */
  static final int EXIT_INTERRUPTED = 130;

  /** The scan completed but its summary could not be written. */
  static final int EXIT_SUMMARY_FAILED = 1;

  @Spec CommandSpec spec;

  private volatile boolean interruptRequested;
  private volatile ScanEngine running;
  private final CountDownLatch finished = new CountDownLatch(1);

  /** Where progress and messages go (standard error; tests replace it). */
  PrintStream err = System.err;

  @Option(
      names = "--input",
      paramLabel = "FILE",
      description = "Domains, one a line, or CSV rank,domain ('-' for stdin).")
  Path input;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description =
          "Where the results, the summary and the lab's files go unless named below (default"
              + " ${DEFAULT-VALUE}/, created; ignored by git in a checkout).")
  Path dir = Path.of("dane-scan");

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "JSON lines, one per domain (default DIR/results.jsonl).")
  Path output;

  @Option(
      names = "--summary",
      paramLabel = "FILE.md",
      description = "Summary; .json and .html written next to it (default DIR/summary.md).")
  Path summaryFile;

  @Option(
      names = "--overwrite",
      description = "Start again: replace the results and summary of an earlier scan.")
  boolean overwrite;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description = "Domains in flight (default ${DEFAULT-VALUE}).")
  int concurrency = 200;

  @Option(
      names = "--probe-threads",
      paramLabel = "N",
      description = "SMTP probes at once (threads; default ${DEFAULT-VALUE}).")
  int probeThreads = 64;

  @Option(
      names = "--dns-lookups",
      paramLabel = "N",
      description =
          "DNS lookups at once (default ${DEFAULT-VALUE}): the bound on throughput when DNS latency,"
              + " not CPU, is the limit.")
  int dnsLookups = DNS_LOOKUPS;

  @Option(
      names = "--per-server",
      paramLabel = "N",
      description = "Connections at once to one server address (default ${DEFAULT-VALUE}).")
  int perServer = 2;

  @Option(
      names = "--rate",
      paramLabel = "N",
      description = "New domains a second at most; 0: no limit (default ${DEFAULT-VALUE}).")
  double rate = 0;

  @Option(
      names = "--resume",
      description = "Skip the domains already in the output file and append.")
  boolean resume;

  @Option(
      names = "--shard",
      paramLabel = "I/N",
      description = "Scan shard I (1..N) of N: a stable 1/N of the input.")
  String shard;

  @Option(
      names = {"-t", "--timeout"},
      paramLabel = "SECONDS",
      description = "Deadline of one domain's check (default ${DEFAULT-VALUE}).")
  int timeoutSeconds = 60;

  @Mixin ResolverOptions dns = new ResolverOptions();

  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Option(
      names = "--no-anonymous",
      negatable = true,
      description =
          "Offer anonymous TLS suites to hosts without TLSA, as Postfix does (default on).")
  boolean offerAnonymous = true;

  @Option(
      names = "--top",
      paramLabel = "N",
      description = "Servers listed in the summary (default ${DEFAULT-VALUE}).")
  int top = 20;

  @Option(
      names = "--lab",
      paramLabel = "N",
      description = "Start a synthetic lab of N domains and scan it (offline).")
  Integer labDomains;

  @Option(
      names = "--latency",
      paramLabel = "MS",
      description = "With --lab: latency added to every DNS answer and SMTP reply.")
  Integer latencyMillis;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "With --lab: the plan's seed (default 1).")
  Long seed;

  @Option(
      names = "--lab-world",
      paramLabel = "WORLD",
      description =
          "With --lab: REPRESENTATIVE (default: ECDSA P-256 zones, mostly unsigned delegations,"
              + " ~0.46 servers per domain, RSA and ECDSA certificates) or CLASSIC (the first lab:"
              + " RSA zones sharing one key, ~8 domains per server).")
  SyntheticLab.World labWorld;

  @Option(
      names = "--serve-only",
      description = "With --lab: serve the lab until killed; print how to scan it.")
  boolean serveOnly;

  @Option(
      names = "--lab-dir",
      paramLabel = "DIR",
      description =
          "With --lab: where to write the trust anchor, CA and domain list (default DIR/lab).")
  Path labDir;

  @Option(
      names = "--export-world",
      paramLabel = "DIR",
      description =
          "With --lab: write the plan as the files of a real-server world (zones, certificates,"
              + " servers; for interop/bench-world) to DIR and exit; no scan.")
  Path exportWorld;

  @Override
  public Integer call() throws Exception {
    PrintStream err = this.err;
    validate();
    usesDir = output == null || summaryFile == null || (labDomains != null && labDir == null);
    if (output == null) {
      output = dir.resolve("results.jsonl");
    }
    if (summaryFile == null) {
      summaryFile = dir.resolve("summary.md");
    }
    if (labDir == null) {
      labDir = dir.resolve("lab");
    }
    if (exportWorld != null) {
      SyntheticLab plan =
          SyntheticLab.generate(
              labDomains,
              seed != null ? seed : 1,
              labWorld != null ? labWorld : SyntheticLab.World.REPRESENTATIVE);
      try (DaneLab lab = plan.labBuilder().start()) {
        String what = WorldExport.write(plan, lab, exportWorld, connection.port());
        err.println("dane-scan: wrote " + what + " to " + exportWorld);
      }
      return DaneCheckCommand.EXIT_OK;
    }
    if (labDomains != null) {
      // Before the lab, whose start takes seconds for thousands of domains.
      checkOutputs();
      err.println(
          "dane-scan: starting a lab of "
              + labDomains
              + " domains (signing its zones takes a few seconds)...");
      err.flush();
      try (LabRunner lab =
          LabRunner.start(
              labDomains,
              seed != null ? seed : 1,
              labWorld != null ? labWorld : SyntheticLab.World.REPRESENTATIVE,
              Duration.ofMillis(latencyMillis != null ? latencyMillis : 0),
              labDir)) {
        err.println("dane-scan: " + lab.describe());
        if (serveOnly) {
          System.out.println(lab.describe());
          System.out.flush();
          Thread.currentThread().join(); // until killed
        }
        return scan(lab.lab(), input != null ? input : lab.domainsFile(), err);
      }
    }
    if (input == null) {
      throw bad("give --input FILE (the domains to scan) or --lab N (a synthetic lab)");
    }
    return scan(null, input, err);
  }

  /**
   * Every option checked before the lab or the input is opened, each message naming the option
   * given (picocli prefixes "dane-scan:").
   */
  private void validate() {
    range("--concurrency", concurrency, 1, 100_000);
    range("--probe-threads", probeThreads, 1, 4096);
    range("--dns-lookups", dnsLookups, 1, 4096);
    range("--per-server", perServer, 1, 64);
    range("--timeout", timeoutSeconds, 1, 3600);
    try {
      connection.validate();
    } catch (IllegalArgumentException e) {
      throw bad(e.getMessage());
    }
    range("--top", top, 1, 10_000);
    if (!(rate >= 0) || Double.isInfinite(rate)) {
      throw bad(
          "--rate must be 0 (no limit) or a positive number of domains a second, not " + rate);
    }
    parseShard(shard);
    if (resume && overwrite) {
      throw bad("--resume and --overwrite exclude each other: continue the scan, or start again");
    }
    if (labDomains != null) {
      range("--lab", labDomains, 1, 10_000_000);
      if (connection.adTrust()) {
        throw bad(
            "--ad-trust and --lab exclude each other: the lab's DNS server is authoritative and"
                + " sets no AD bit; the scan validates against the lab's trust anchor");
      }
    } else {
      for (String[] labOnly :
          new String[][] {
            {"--latency", latencyMillis == null ? null : "set"},
            {"--seed", seed == null ? null : "set"},
            {"--lab-world", labWorld == null ? null : "set"},
            {"--serve-only", serveOnly ? "set" : null},
            {"--lab-dir", labDir == null ? null : "set"},
            {"--export-world", exportWorld == null ? null : "set"}
          }) {
        if (labOnly[1] != null) {
          throw bad(labOnly[0] + " goes with --lab N");
        }
      }
    }
    if (latencyMillis != null) {
      range("--latency", latencyMillis, 0, 60_000);
    }
  }

  private void range(String option, long value, long min, long max) {
    if (value < min || value > max) {
      throw bad(option + " must be " + min + " to " + max + ", not " + value);
    }
  }

  private ParameterException bad(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** An earlier scan's results are never appended to or replaced by accident. */
  private void checkOutputs() throws IOException {
    if (Files.exists(output) && Files.size(output) > 0 && !resume) {
      if (!overwrite) {
        throw new IllegalArgumentException(
            output
                + " holds an earlier scan: add --resume to continue it, --overwrite to start"
                + " again, or --dir DIR for a new scan");
      }
      Files.delete(output);
    }
    if (usesDir) {
      Files.createDirectories(dir); // what the user names is theirs to make
    }
  }

  /** Whether a default output goes into {@link #dir}. */
  private boolean usesDir;

  /**
   * DNS lookups in flight by default: 256 against the library's 64 gave 13% more domains/s and 8%
   * less CPU per domain at 25 ms latency; 1,024 no more (docs/benchmarks.md, lever 6).
   */
  static final int DNS_LOOKUPS = 256;

  /** The DNS answer cache's bound: about 16,000 typical answers. */
  static final long DNS_CACHE_BYTES = 32L << 20;

  /** The probe result cache's bound: about 8,000 typical results, or 80 hostile megabyte ones. */
  static final long PROBE_CACHE_BYTES = 64L << 20;

  /**
   * A checker builder with a scanner's settings, for dane-scan and its Spark job alike (the job's
   * reports must equal dane-scan's): the caches bounded by bytes, within the launcher's 256 MB heap
   * whatever the servers send. The caller adds resolvers, trust and connection options.
   */
  static DaneChecker.Builder scanBuilder(
      int timeoutSeconds, boolean offerAnonymous, int probeThreads, int perServer) {
    return DaneChecker.builder()
        .deadline(Duration.ofSeconds(timeoutSeconds))
        .offerAnonymous(offerAnonymous)
        .dnsCacheBytes(DNS_CACHE_BYTES)
        .probeCacheBytes(Duration.ofHours(6), PROBE_CACHE_BYTES)
        .maxConcurrentProbes(probeThreads)
        .maxConcurrentLookups(DNS_LOOKUPS)
        .maxConnectionsPerServer(perServer);
  }

  private int scan(DaneLab lab, Path inputFile, PrintStream err) throws Exception {
    int[] shardOf = parseShard(shard);
    // Everything that can fail on the user's input fails before any output file is touched.
    BufferedReader reader = open(inputFile);
    if (lab == null) {
      try {
        checkOutputs();
      } catch (IOException | RuntimeException e) {
        reader.close();
        throw e;
      }
    }
    try (reader;
        Interruption interruption = Interruption.install(this)) {
      return scan(lab, inputFile, reader, shardOf, err);
    } finally {
      finished.countDown();
    }
  }

  private int scan(
      DaneLab lab, Path inputFile, BufferedReader reader, int[] shardOf, PrintStream err)
      throws Exception {
    DaneChecker.Builder builder =
        scanBuilder(timeoutSeconds, offerAnonymous, probeThreads, perServer)
            .maxConcurrentLookups(dnsLookups);
    connection.applyTo(builder);
    dns.applyTo(builder, connection.adTrust());
    if (lab != null) {
      builder.resolver(lab.dnsAddress()).trustAnchors(lab.trustAnchor()).smtpPort(lab.smtpPort());
      if (!connection.hasCaFile()) {
        builder.pkixTrustStore(lab.trustStore());
      }
    }
    ScanSummary summary = new ScanSummary();
    LongHashSet seen = new LongHashSet(1 << 16);
    ScanEngine.Options options =
        new ScanEngine.Options(
            concurrency,
            rate > 0 ? new TokenBucket(rate, Math.max(1, rate), System::nanoTime) : null,
            shardOf[0],
            shardOf[1]);
    long cpuStart = processCpuNanos();
    long wallStart = System.nanoTime();
    java.time.Instant started = java.time.Instant.now();
    String inputName =
        lab != null && input == null
            ? "lab:" + labDomains + ":" + (seed != null ? seed : 1)
            : inputFile.toString().equals("-") ? "-" : String.valueOf(inputFile.getFileName());
    String inputSha = lab != null && input == null ? "" : Coverage.sha256(inputFile);
    ScanEngine engine;
    try (DaneChecker checker = builder.build();
        Writer out =
            new BufferedWriter(
                new OutputStreamWriter(
                    Files.newOutputStream(
                        output, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                    StandardCharsets.UTF_8),
                1 << 16)) {
      engine = new ScanEngine(options, checker::checkAsync, out, summary, seen);
      long resumed = 0;
      if (resume) {
        long[] count = {0};
        long cut =
            ResultsFile.readForResume(
                output,
                line -> {
                  ScanFacts facts = ScanFacts.ofJson(line);
                  seen.add(engine.keyHash(facts.domain()));
                  summary.add(facts, line);
                  count[0]++;
                });
        resumed = count[0];
        err.println(
            "dane-scan: resuming after "
                + resumed
                + " results"
                + (cut > 0 ? " (cut a partial last line of " + cut + " bytes)" : ""));
      }
      long total = lab != null && input == null ? labDomains : countLinesCheaply(inputFile);
      if (total > 0 && shardOf[1] > 1) {
        total = total / shardOf[1];
      }
      try (Progress progress =
          new Progress(
              err,
              System.console() != null,
              total > 0 ? Math.max(0, total - resumed) : -1,
              engine::done,
              summary)) {
        running = engine;
        if (interruptRequested) {
          engine.stop();
        }
        engine.run(new DomainInput(reader));
      } finally {
        running = null;
      }
      // Closing the checker (end of this block) cuts the checks still in flight short; the
      // stopped engine writes none of them.
    }
    summary.cover(
        new Coverage(
            inputName,
            inputSha,
            shardOf[0] + 1,
            shardOf[1],
            started.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
            java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
            parameters()));
    if (engine.stopped()) {
      boolean written = writeSummaries(summary, err);
      err.println(
          "dane-scan: interrupted: "
              + summary.counter("entries")
              + " done, rerun with --resume"
              + (written ? "" : " (the summary could not be written)"));
      err.flush();
      return EXIT_INTERRUPTED;
    }
    double wall = (System.nanoTime() - wallStart) / 1e9;
    double cpu = (processCpuNanos() - cpuStart) / 1e9;
    long n = engine.done();
    err.printf(
        Locale.ROOT,
        "dane-scan: %d domains in %.1f s (%.1f/s), %d skipped (duplicates or done), CPU %.1f s (%.2f ms/domain), probes cached: each server contacted once%n",
        n,
        wall,
        n / Math.max(1e-3, wall),
        engine.skipped(),
        cpu,
        n == 0 ? 0 : 1000 * cpu / n);
    err.printf(
        Locale.ROOT,
        "dane-scan: the summary holds %d server addresses and %d MX host names in %.1f MB%n",
        summary.serverTable().size(),
        summary.hostTable().size(),
        (summary.serverTable().arrayBytes() + summary.hostTable().arrayBytes()) / 1e6);
    return writeSummaries(summary, err) ? DaneCheckCommand.EXIT_OK : EXIT_SUMMARY_FAILED;
  }

  /** The options that shape the figures, for the summary's reader. */
  private String parameters() {
    StringBuilder b =
        new StringBuilder()
            .append("--concurrency ")
            .append(concurrency)
            .append(" --timeout ")
            .append(timeoutSeconds)
            .append(" --per-server ")
            .append(perServer)
            .append(" --port ")
            .append(connection.port());
    if (rate > 0) {
      b.append(" --rate ").append(rate);
    }
    if (!offerAnonymous) {
      b.append(" --no-anonymous");
    }
    if (labDomains != null && latencyMillis != null) {
      b.append(" --latency ").append(latencyMillis);
    }
    return b.toString();
  }

  /**
   * Interrupts the running scan as SIGINT and SIGTERM do: no new domain is started, the domains in
   * flight are dropped (not written), the summary is written from exactly the lines in the results
   * file, and the scan returns {@value #EXIT_INTERRUPTED}. Before the scan starts, it makes the
   * scan stop at once. Callable from any thread, more than once.
   */
  void interrupt() {
    interruptRequested = true;
    ScanEngine engine = running;
    if (engine != null) {
      engine.stop();
    }
  }

  /** Waits until the scan has returned (its results and summary written), at most that long. */
  boolean awaitFinished(long millis) throws InterruptedException {
    return finished.await(millis, TimeUnit.MILLISECONDS);
  }

  /** Whether the summary files were written. */
  private boolean writeSummaries(ScanSummary summary, PrintStream err) {
    try {
      SummaryReport report = new SummaryReport(summary, top);
      Files.writeString(summaryFile, report.markdown());
      try (Writer json =
          Files.newBufferedWriter(sibling(summaryFile, ".json"), StandardCharsets.UTF_8)) {
        summary.writeJson(json);
      }
      Files.writeString(sibling(summaryFile, ".html"), report.html());
      err.println(
          "dane-scan: wrote "
              + output
              + ", "
              + summaryFile
              + ", "
              + sibling(summaryFile, ".json")
              + ", "
              + sibling(summaryFile, ".html"));
      return true;
    } catch (IOException e) {
      err.println(
          "dane-scan: cannot write the summary: "
              + org.danecheck.examples.UserMessages.io(null, e));
      return false;
    }
  }

  static Path sibling(Path file, String extension) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return file.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + extension);
  }

  /** {@code I/N} as {index 0-based, count}; {0, 1} when absent. */
  static int[] parseShard(String text) {
    if (text == null) {
      return new int[] {0, 1};
    }
    String[] parts = text.split("/");
    try {
      int i = Integer.parseInt(parts[0].strip());
      int n = Integer.parseInt(parts[1].strip());
      if (parts.length == 2 && n >= 1 && i >= 1 && i <= n) {
        return new int[] {i - 1, n};
      }
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      // falls through to the message below
    }
    throw new IllegalArgumentException(
        "--shard must be I/N with 1 <= I <= N (shard I of N), not '" + text + "'");
  }

  private static BufferedReader open(Path file) {
    InputStream in;
    try {
      in = file.toString().equals("-") ? System.in : Files.newInputStream(file);
      if (Files.isDirectory(file)) {
        in.close();
        throw new IOException("is a directory");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read --input " + file + ": " + org.danecheck.examples.UserMessages.io(file, e),
          e);
    }
    return new BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }

  /** The number of lines when the input is a file of at most 256 MB (a quick pass), else -1. */
  static long countLinesCheaply(Path file) throws IOException {
    if (file.toString().equals("-")
        || !Files.isRegularFile(file)
        || Files.size(file) > (256L << 20)) {
      return -1;
    }
    long lines = 0;
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            lines++;
          }
        }
      }
    }
    return lines;
  }

  static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  /** The command line, configured like dane-check's (usage errors exit 3, no stack traces). */
  public static CommandLine commandLine() {
    return commandLine(new DaneScanCommand());
  }

  /** The command line, with progress and messages of the scan going to {@code err}. */
  public static CommandLine commandLine(PrintStream err) {
    DaneScanCommand command = new DaneScanCommand();
    command.err = err;
    return commandLine(command);
  }

  /** The command line of this command object (tests reach {@link #interrupt()} through it). */
  static CommandLine commandLine(DaneScanCommand command) {
    return DaneCheckCommand.configure(new CommandLine(command), "dane-scan");
  }

  /** Runs dane-scan and exits with its code. */
  public static void main(String[] args) {
    // On a machine with 2 cores the common pool has parallelism 1, and CompletableFuture then
    // runs every default-executor async stage on a new thread. The checker keeps its own work on
    // its own threads, but dnsjava 3.6.4 still runs one such stage per denial validated with
    // cached keys (~2 a domain): a scanner of thousands of domains a second keeps them pooled.
    if (System.getProperty(COMMON_PARALLELISM) == null) {
      System.setProperty(
          COMMON_PARALLELISM,
          String.valueOf(Math.max(2, Runtime.getRuntime().availableProcessors() - 1)));
    }
    System.exit(commandLine().execute(args));
  }

  static Iterator<DomainInput.Entry> entries(BufferedReader reader) {
    return new DomainInput(reader);
  }
}
