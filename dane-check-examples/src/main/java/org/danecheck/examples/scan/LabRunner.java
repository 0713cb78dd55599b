/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.danecheck.testkit.DaneLab;

/** A started synthetic lab and the files a scanner in another process needs to use it. */
final class LabRunner implements AutoCloseable {
  private final DaneLab lab;
  private final Path dir;
  private final long startMillis;

  private LabRunner(DaneLab lab, Path dir, long startMillis) {
    this.lab = lab;
    this.dir = dir;
    this.startMillis = startMillis;
  }

  static LabRunner start(
      int domains, long seed, SyntheticLab.World world, Duration latency, Path dir)
      throws IOException {
    long t0 = System.nanoTime();
    SyntheticLab plan = SyntheticLab.generate(domains, seed, world);
    // Sessions as long as real servers allow (Postfix: no session cap, 300 s per read), not the
    // testkit's 10 s: on a loaded machine a big lab's first handshakes (cold JIT, certificates made
    // on first use) outlasted it, the server hung up mid-EHLO, and the probe cache kept the failure
    // for every domain of the server (2.7% of sessions at 100,000 domains, load 27), which Postfix
    // serving the same plan never did (docs/benchmarks.md: Scale; Against real servers).
    DaneLab lab =
        plan.labBuilder().latency(latency).sessionTimeout(Duration.ofSeconds(300)).start();
    try {
      Files.createDirectories(dir);
      Files.write(dir.resolve("domains.txt"), plan.domainNames());
      Files.writeString(dir.resolve("trust-anchor.txt"), lab.trustAnchor() + "\n");
      Files.writeString(dir.resolve("lab-ca.pem"), lab.rootCa().certificatePem());
    } catch (IOException | RuntimeException e) {
      lab.close();
      throw e;
    }
    return new LabRunner(lab, dir, (System.nanoTime() - t0) / 1_000_000);
  }

  DaneLab lab() {
    return lab;
  }

  Path domainsFile() {
    return dir.resolve("domains.txt");
  }

  /** How to point a scanner at the lab. */
  String describe() {
    return "lab started in "
        + startMillis
        + " ms ("
        + lab.domains().size()
        + " zones of mail domains): pid "
        + ProcessHandle.current().pid()
        + " --resolver "
        + lab.dnsAddress().getAddress().getHostAddress()
        + ":"
        + lab.dnsAddress().getPort()
        + " --port "
        + lab.smtpPort()
        + " --trust-anchor "
        + dir.resolve("trust-anchor.txt")
        + " --ca-file "
        + dir.resolve("lab-ca.pem")
        + " --input "
        + domainsFile();
  }

  @Override
  public void close() {
    lab.close();
  }
}
