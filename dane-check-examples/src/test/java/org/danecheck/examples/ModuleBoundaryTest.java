/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.danecheck.TlsaRecord;
import org.danecheck.core.DaneChecker;
import org.danecheck.testkit.DaneLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module descriptors are enforced for users: a consumer module compiled against the built
 * {@code org.danecheck.core}, {@code org.danecheck.testkit} and {@code org.danecheck.api} (on the
 * module path, as a modular application sees them) can use the public packages, and the compiler
 * refuses an import of a class under {@code org.danecheck.core.internal}.
 */
class ModuleBoundaryTest {
  /** The libraries the modules require, found on this test's class path by file name. */
  private static final Pattern LIBRARIES =
      Pattern.compile(
          "(dnsjava|icu4j|bcprov|bcpkix|bcutil|bctls|slf4j-api|caffeine|jspecify"
              + "|error_prone_annotations|junit-jupiter-api|opentest4j|apiguardian-api"
              + "|junit-platform-commons|assertj-core|byte-buddy)-[0-9].*\\.jar");

  @TempDir Path dir;

  @Test
  void aConsumerModuleCompilesAgainstThePublicPackages() throws Exception {
    String errors =
        compile(
            """
            module consumer {
              requires org.danecheck.core;
              requires org.danecheck.testkit;
            }
            """,
            """
            package consumer;

            import org.danecheck.TlsaRecord;
            import org.danecheck.core.DaneChecker;
            import org.danecheck.testkit.DaneLab;

            public class Use {
              static Object use() {
                return List.of(DaneChecker.builder(), DaneLab.builder(), TlsaRecord.parse("3 1 1 00"));
              }
              interface List { static Object of(Object... o) { return o; } }
            }
            """);
    assertThat(errors).isEmpty();
  }

  @Test
  void aConsumerModuleCannotImportAnInternalClass() throws Exception {
    String errors =
        compile(
            """
            module consumer {
              requires org.danecheck.core;
            }
            """,
            """
            package consumer;

            import org.danecheck.core.internal.tlsa.TlsaEngine;

            public class Use {
              static int use() {
                return TlsaEngine.MAX_PATH_LENGTH;
              }
            }
            """);
    assertThat(errors)
        .contains("org.danecheck.core.internal.tlsa")
        .containsPattern("is not visible|does not export");
  }

  /** Compiles a module on the module path of the built modules; the compiler's errors. */
  private String compile(String moduleInfo, String use) throws IOException, URISyntaxException {
    Path src = dir.resolve("src");
    Files.createDirectories(src.resolve("consumer"));
    Files.writeString(src.resolve("module-info.java"), moduleInfo);
    Files.writeString(src.resolve("consumer/Use.java"), use);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> args =
        new ArrayList<>(
            List.of(
                "--release",
                // The parent pom's release (surefire passes it); outside Maven the running JDK's.
                System.getProperty(
                    "danecheck.release", Integer.toString(Runtime.version().feature())),
                "-proc:none",
                "-d",
                dir.resolve("out").toString(),
                "--module-path",
                String.join(File.pathSeparator, modulePath())));
    args.add(src.resolve("module-info.java").toString());
    args.add(src.resolve("consumer/Use.java").toString());
    int rc = javac.run(null, out, out, args.toArray(String[]::new));
    String printed = out.toString(StandardCharsets.UTF_8);
    return rc == 0 ? "" : printed.isEmpty() ? "javac exited " + rc : printed;
  }

  private static Set<String> modulePath() throws URISyntaxException {
    Set<String> path = new LinkedHashSet<>();
    for (Class<?> c : List.of(TlsaRecord.class, DaneChecker.class, DaneLab.class)) {
      path.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
    }
    try (Stream<String> entries =
        Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))) {
      entries
          .filter(e -> LIBRARIES.matcher(Path.of(e).getFileName().toString()).matches())
          .forEach(path::add);
    }
    return path;
  }
}
