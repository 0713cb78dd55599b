package org.danecheck.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A build step, not a tool: lays out check_dane's class path for a class-data archive. The JDK's
 * CDS skips classes from signed JARs, and Bouncy Castle's JARs are signed, so their classes, most
 * of what a check loads, would be parsed anew on every run. This copies the application JAR and its
 * libraries into one directory, the libraries without their JAR signatures (OpenJDK does not check
 * provider signatures, and these JARs came checksummed from Maven Central).
 *
 * <p>Usage: {@code PluginJars APP_JAR LIB_DIR OUT_DIR} writes {@code OUT_DIR/<app jar>} and {@code
 * OUT_DIR/lib/*.jar}, so the manifest's {@code Class-Path: lib/...} finds the copies.
 */
final class PluginJars {
  private PluginJars() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: PluginJars APP_JAR LIB_DIR OUT_DIR");
    }
    Path appJar = Path.of(args[0]);
    Path libDir = Path.of(args[1]);
    Path out = Path.of(args[2]);
    Files.createDirectories(out.resolve("lib"));
    Files.copy(
        appJar,
        out.resolve(appJar.getFileName()),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(libDir, "*.jar")) {
      for (Path jar : jars) {
        unsigned(jar, out.resolve("lib").resolve(jar.getFileName()));
      }
    }
  }

  /** Copies a JAR without its signature files and the per-entry digests of its manifest. */
  static void unsigned(Path from, Path to) throws IOException {
    try (InputStream raw = Files.newInputStream(from);
        JarInputStream in = new JarInputStream(raw, false)) {
      Manifest manifest = new Manifest();
      if (in.getManifest() != null) {
        manifest.getMainAttributes().putAll(in.getManifest().getMainAttributes());
      }
      manifest.getMainAttributes().putIfAbsent(Attributes.Name.MANIFEST_VERSION, "1.0");
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
