/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, artifacts: the BOM has no parent (an imported BOM would bring the parent's third-party
 * pins), so nothing inherits its version; this test keeps it equal to the parent's and keeps every
 * published library module in it.
 */
class BomTest {
  private static final Path ROOT = Path.of("..");

  @Test
  void theBomListsEveryLibraryAtTheParentsVersion() throws Exception {
    String parent = Files.readString(ROOT.resolve("pom.xml"));
    String bom = Files.readString(ROOT.resolve("dane-check-bom/pom.xml"));
    assertThat(firstVersion(bom)).isEqualTo(firstVersion(parent));
    List<String> managed =
        all(Pattern.compile("<artifactId>(dane-check-[a-z0-9-]+)</artifactId>"), bom);
    for (String module :
        List.of(
            "dane-check-api",
            "dane-check-core",
            "dane-check-testkit",
            "dane-check-testkit-junit5")) {
      assertThat(managed).contains(module);
    }
    assertThat(managed).doesNotContain("dane-check-examples", "dane-check-parent");
    assertThat(bom).doesNotContain("<parent>");
    for (String tag : List.of("<url>", "<licenses>", "<developers>", "<scm>")) {
      assertThat(parent).contains(tag);
      assertThat(bom).contains(tag);
    }
  }

  /** The project's own version: the first version after the artifactId at the top level. */
  private static String firstVersion(String pom) {
    String top = pom.replaceAll("(?s)<parent>.*?</parent>", "");
    Matcher m = Pattern.compile("<version>([^<]+)</version>").matcher(top);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static List<String> all(Pattern p, String text) {
    List<String> found = new ArrayList<>();
    Matcher m = p.matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }
}
