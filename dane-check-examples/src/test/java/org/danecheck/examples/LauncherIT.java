/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.danecheck.testkit.DaneLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers as an operator runs them, after {@code mvn package} (failsafe): through symlinks
 * (absolute, relative, a chain of two, as a plugin directory links them), from a working directory
 * that is neither the checkout nor {@code bin/}, from the checkout and from the install archive
 * unpacked elsewhere, where check_dane checks a lab domain end to end.
 */
class LauncherIT {
  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  static final Path ARCHIVE =
      ROOT.resolve(
          "dane-check-examples/target/dane-check-" + CheckDaneCommand.VERSION + "-bin.tar.gz");

  @TempDir static Path dir;

  @BeforeAll
  static void built() {
    assertThat(ROOT.resolve("dane-check-examples/target/dist/lib/dane-check.jar")).exists();
    assertThat(ARCHIVE).exists();
  }

  @Test
  void everyLauncherRunsThroughSymlinksFromAnyDirectory() throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    for (String launcher : Distribution.LAUNCHERS) {
      Path absolute =
          Files.createSymbolicLink(plugins.resolve(launcher), ROOT.resolve("bin/" + launcher));
      // A relative link to the absolute one: a chain of two, resolved step by step.
      Path relative =
          Files.createSymbolicLink(
              elsewhere.resolve(launcher + "-link"), Path.of("../plugins/" + launcher));
      for (Path link : List.of(absolute, relative)) {
        Run run = run(elsewhere, link.toString(), versionOption(launcher));
        assertThat(run.stdout).as(link + " " + run.stderr).contains(CheckDaneCommand.VERSION);
        assertThat(run.stderr).as(link.toString()).isEmpty();
        assertThat(run.code).as(link.toString()).isEqualTo(launcher.equals("check_dane") ? 3 : 0);
      }
    }
  }

  @Test
  void theInstallArchiveWorksUnpackedElsewhereThroughASymlink() throws Exception {
    Path opt = Files.createDirectories(dir.resolve("opt"));
    assertThat(run(opt, "tar", "xzf", ARCHIVE.toString()).code).isZero();
    Path home = opt.resolve("dane-check-" + CheckDaneCommand.VERSION);
    assertThat(home.resolve("bin/check_dane")).isExecutable();
    assertThat(home.resolve("lib/dane-check.jar")).exists();
    assertThat(home.resolve("etc/check_dane.icinga2.conf")).exists();
    Path plugins = Files.createDirectories(dir.resolve("nagios-plugins"));
    Path plugin =
        Files.createSymbolicLink(plugins.resolve("check_dane"), home.resolve("bin/check_dane"));
    Path cli =
        Files.createSymbolicLink(plugins.resolve("dane-check"), home.resolve("bin/dane-check"));

    Run version = run(dir, cli.toString(), "--version");
    assertThat(version.stdout).contains(CheckDaneCommand.VERSION);
    assertThat(version.code).isZero();

    try (DaneLab lab = LabCommand.lab().start()) {
      Path anchor = dir.resolve("anchor.ds");
      Files.writeString(anchor, lab.trustAnchor(), StandardCharsets.US_ASCII);
      Run check =
          run(
              dir,
              plugin.toString(),
              "-H",
              "verified.demo.test",
              "--resolver",
              lab.dnsAddress().getAddress().getHostAddress() + ":" + lab.dnsAddress().getPort(),
              "--trust-anchor",
              anchor.toString(),
              "-p",
              Integer.toString(lab.smtpPort()),
              "-t",
              "30");
      assertThat(check.stdout).as(check.stderr).startsWith("DANE OK - verified.demo.test");
      // No archive in the unpacked tree yet: no JVM complaint either.
      assertThat(check.stderr).isEmpty();
      assertThat(check.code).isZero();
    }
  }

  /** The links point outside the temporary directory: removed here, not by JUnit's warning. */
  @AfterAll
  static void removeLinks() throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.filter(Files::isSymbolicLink).toList()) {
        Files.delete(p);
      }
    }
  }

  private static String versionOption(String launcher) {
    return launcher.equals("check_dane") ? "-V" : "--version";
  }

  record Run(int code, String stdout, String stderr) {}

  static Run run(Path cwd, String... command) throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    List<String> cmd = new ArrayList<>(List.of(command));
    Process p =
        new ProcessBuilder(cmd)
            .directory(cwd.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(cmd + " did not end in 60 s");
    }
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }
}
