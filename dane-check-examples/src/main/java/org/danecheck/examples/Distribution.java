/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Locale;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * A build step, not a tool: lays out the install directory ({@code mvn package} → {@code
 * target/dist/}) a packager copies as it is:
 *
 * <pre>
 * bin/   dane-check, check_dane, dane-scan (the launchers; they find lib/ through their own path)
 * lib/   dane-check.jar and its libraries, check_dane.jsa (the class-data archive, made next)
 * etc/   monitoring configuration: Icinga 2, Nagios, Prometheus scrape config and alert rules
 * </pre>
 *
 * <p>The libraries are copied without their JAR signatures: the JDK's class-data sharing skips
 * classes from signed JARs, and Bouncy Castle's JARs are signed, so their classes, most of what a
 * check loads, would be parsed anew on every run (OpenJDK does not check provider signatures, and
 * these JARs came checksummed from Maven Central). The application JAR's manifest class path is
 * rewritten for the flat {@code lib/}.
 *
 * <p>Usage: {@code Distribution APP_JAR LIB_DIR OUT_DIR BIN_DIR ETC_FILE...}.
 */
final class Distribution {
  private Distribution() {}

  /** The launchers copied into {@code bin/}. */
  static final String[] LAUNCHERS = {"dane-check", "check_dane", "dane-scan"};

  public static void main(String[] args) throws IOException {
    if (args.length < 4) {
      throw new IllegalArgumentException(
          "usage: Distribution APP_JAR LIB_DIR OUT_DIR BIN_DIR ETC_FILE...");
    }
    Path appJar = Path.of(args[0]);
    Path libDir = Path.of(args[1]);
    Path out = Path.of(args[2]);
    Path binDir = Path.of(args[3]);
    Path lib = Files.createDirectories(out.resolve("lib"));
    Path bin = Files.createDirectories(out.resolve("bin"));
    Path etc = Files.createDirectories(out.resolve("etc"));
    copyJar(appJar, lib.resolve(appJar.getFileName()), true);
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(libDir, "*.jar")) {
      for (Path jar : jars) {
        copyJar(jar, lib.resolve(jar.getFileName()), false);
      }
    }
    for (String launcher : LAUNCHERS) {
      Path to = bin.resolve(launcher);
      Files.copy(binDir.resolve(launcher), to, StandardCopyOption.REPLACE_EXISTING);
      Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    for (String file : Arrays.asList(args).subList(4, args.length)) {
      Path from = Path.of(file);
      Files.copy(from, etc.resolve(from.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Copies a JAR without its signature files and the per-entry digests of its manifest; for the
   * application JAR ({@code flatClassPath}), its {@code Class-Path: lib/a.jar ...} becomes {@code
   * a.jar ...}, the libraries being beside it.
   */
  static void copyJar(Path from, Path to, boolean flatClassPath) throws IOException {
    try (InputStream raw = Files.newInputStream(from);
        JarInputStream in = new JarInputStream(raw, false)) {
      Manifest manifest = new Manifest();
      if (in.getManifest() != null) {
        manifest.getMainAttributes().putAll(in.getManifest().getMainAttributes());
      }
      Attributes main = manifest.getMainAttributes();
      main.putIfAbsent(Attributes.Name.MANIFEST_VERSION, "1.0");
      String classPath = main.getValue(Attributes.Name.CLASS_PATH);
      if (flatClassPath && classPath != null) {
        main.put(
            Attributes.Name.CLASS_PATH,
            Arrays.stream(classPath.trim().split("\\s+"))
                .map(p -> p.substring(p.lastIndexOf('/') + 1))
                .collect(Collectors.joining(" ")));
      }
      try (OutputStream file = Files.newOutputStream(to);
          JarOutputStream jar = new JarOutputStream(file, manifest)) {
        for (JarEntry entry; (entry = in.getNextJarEntry()) != null; ) {
          if (isSignature(entry.getName()) || entry.getName().equals(JarFile.MANIFEST_NAME)) {
            continue;
          }
          JarEntry copy = new JarEntry(entry.getName());
          copy.setTime(entry.getTime());
          jar.putNextEntry(copy);
          in.transferTo(jar);
          jar.closeEntry();
        }
      }
    }
  }

  private static boolean isSignature(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    return upper.startsWith("META-INF/")
        && upper.indexOf('/', "META-INF/".length()) < 0
        && (upper.endsWith(".SF")
            || upper.endsWith(".RSA")
            || upper.endsWith(".DSA")
            || upper.endsWith(".EC")
            || upper.startsWith("META-INF/SIG-"));
  }
}
