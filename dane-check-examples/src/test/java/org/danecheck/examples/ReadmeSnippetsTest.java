/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.danecheck.core.DaneChecker;
import org.danecheck.testkit.DaneLab;
import org.danecheck.testkit.TestCertificate;
import org.danecheck.testkit.junit5.DaneLabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's library and testkit snippets, taken from README.md between their {@code <!--
 * snippet: NAME ... -->} and {@code <!-- /snippet -->} markers, compiled as they are (imports and
 * all) against this test's class path, which has the artifacts the README tells users to add, and
 * run: the library snippet's check against the lab, the testkit snippet as the JUnit test it is,
 * with a generated chain in place of the reader's files.
 */
class ReadmeSnippetsTest {
  private static final Path README = Path.of("..", "README.md");

  @RegisterExtension
  static final DaneLabExtension LAB =
      new DaneLabExtension(
          DaneLab.builder()
              .domain("readme.test", d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1)))
              .domain(
                  "readme-wrong.test",
                  d -> d.mx(10, "mx", h -> h.tlsa("3 1 1 " + "00".repeat(32)))));

  @TempDir Path dir;

  @Test
  void theLibrarySnippetCompilesAndChecksADomain() throws Exception {
    Class<?> snippet = compile(snippet("library"));
    Method check = snippet.getDeclaredMethod("check", DaneChecker.Builder.class, String.class);
    check.setAccessible(true);
    PrintStream saved = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int verified;
    int wrong;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      verified =
          (int) check.invoke(null, DaneChecker.builder().environment(LAB.lab()), "readme.test");
      wrong =
          (int)
              check.invoke(null, DaneChecker.builder().environment(LAB.lab()), "readme-wrong.test");
    } finally {
      System.setOut(saved);
    }
    assertThat(verified).isZero();
    assertThat(wrong).isOne();
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("readme.test: VERIFIED, AUTHENTICATED_TLS")
        .contains("readme-wrong.test: FAILED, DEFER")
        .contains("TLSA_NO_MATCH: ");
  }

  @Test
  void theTestkitSnippetCompilesAndPassesForAMatchingRecordOnly() throws Throwable {
    TestCertificate ca =
        TestCertificate.builder().subject("readme CA").certificateAuthority(0).build();
    TestCertificate leaf =
        TestCertificate.builder()
            .subject("mail.example.test")
            .dnsNames("mail.example.test")
            .signedBy(ca)
            .build();
    Path fullchain = TestCertificate.writeChainPem(dir.resolve("fullchain.pem"), leaf, ca);
    Path privkey = leaf.writePrivateKeyPem(dir.resolve("privkey.pem"));
    String digest =
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(leaf.spkiDer()));
    String source = snippet("testkit");

    // The reader's files and digest: the only edits, so the code run is the README's.
    Pattern files =
        Pattern.compile("Path\\.of\\(\"fullchain\\.pem\"\\), Path\\.of\\(\"privkey\\.pem\"\\)");
    Pattern tlsa = Pattern.compile("TLSA 3 1 1 [0-9a-f]+\\.\\.\\.");
    assertThat(source).containsPattern(files).containsPattern(tlsa);
    String withFiles =
        files
            .matcher(source)
            .replaceFirst(
                Matcher.quoteReplacement(
                    "Path.of(\"" + java(fullchain) + "\"), Path.of(\"" + java(privkey) + "\")"));
    runTest(tlsa.matcher(withFiles).replaceFirst("TLSA 3 1 1 " + digest));

    // The same test with another key's digest fails: the snippet asserts what it says.
    String other = "ab".repeat(32);
    assertThatThrownBy(() -> runTest(tlsa.matcher(withFiles).replaceFirst("TLSA 3 1 1 " + other)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected verdict VERIFIED");
  }

  @Test
  void theTestkitDependenciesAreThoseOfThisBuild() throws Exception {
    String xml = snippet("testkit-dependencies", "xml");
    String parent = Files.readString(Path.of("..", "pom.xml"));
    String version =
        first(parent.replaceAll("(?s)<parent>.*?</parent>", ""), "<version>([^<]+)</version>");
    String junit = first(parent, "<junit.version>([^<]+)</junit.version>");
    assertThat(xml)
        .contains(
            "<artifactId>dane-check-testkit-junit5</artifactId>\n  <version>"
                + version
                + "</version>\n  <scope>test</scope>")
        .contains(
            "<artifactId>junit-jupiter</artifactId>\n  <version>"
                + junit
                + "</version>\n  <scope>test</scope>");
    assertThat(Files.exists(Path.of("..", "dane-check-testkit-junit5", "pom.xml"))).isTrue();
  }

  private static String first(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as(regex).isTrue();
    return m.group(1);
  }

  private static String java(Path path) {
    return path.toAbsolutePath().toString().replace("\\", "\\\\");
  }

  /** Compiles the snippet, a JUnit test class, and calls its one {@code @Test} method. */
  private void runTest(String source) throws Throwable {
    Class<?> test = compile(source);
    Method method =
        List.of(test.getDeclaredMethods()).stream()
            .filter(m -> m.isAnnotationPresent(Test.class))
            .findFirst()
            .orElseThrow();
    var constructor = test.getDeclaredConstructor();
    constructor.setAccessible(true);
    method.setAccessible(true);
    try {
      method.invoke(constructor.newInstance());
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** The Java code block between a snippet's markers in README.md. */
  static String snippet(String name) throws Exception {
    return snippet(name, "java");
  }

  /** The code block of this language between a snippet's markers in README.md. */
  static String snippet(String name, String language) throws Exception {
    String readme = Files.readString(README);
    Matcher m =
        Pattern.compile(
                "<!-- snippet: "
                    + Pattern.quote(name)
                    + "\\b[^>]*-->\\s*```"
                    + language
                    + "\\n(.*?)```\\s*<!-- /snippet -->",
                Pattern.DOTALL)
            .matcher(readme);
    assertThat(m.find()).as("README.md has the snippet " + name).isTrue();
    return m.group(1);
  }

  /** Compiles one class (default package) against this test's class path and loads it. */
  private Class<?> compile(String source) throws Exception {
    Matcher name = Pattern.compile("(?m)^(?:public )?class (\\w+)").matcher(source);
    assertThat(name.find()).as("a top-level class in\n" + source).isTrue();
    Path src = Files.createTempDirectory(dir, "src");
    Path out = Files.createTempDirectory(dir, "out");
    Path file = src.resolve(name.group(1) + ".java");
    Files.writeString(file, source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int rc =
        javac.run(
            null,
            errors,
            errors,
            "--release",
            System.getProperty("danecheck.release", Integer.toString(Runtime.version().feature())),
            "-proc:none",
            "-Xlint:all",
            "-Werror",
            "-cp",
            System.getProperty("java.class.path"),
            "-d",
            out.toString(),
            file.toString());
    assertThat(rc).as(errors.toString(StandardCharsets.UTF_8)).isZero();
    URLClassLoader loader =
        new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader());
    return loader.loadClass(name.group(1));
  }
}
