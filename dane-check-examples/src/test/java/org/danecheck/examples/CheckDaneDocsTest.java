/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The shipped monitoring configurations and the docs use only options check_dane has, and every
 * option is documented: an option renamed in the code must be renamed in the configurations.
 */
class CheckDaneDocsTest {
  private static final Set<String> OPTIONS =
      new CommandLine(new CheckDaneCommand()).getCommandSpec().optionsMap().keySet();

  private static Path docs() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("docs/check_dane.md"))) {
        return dir.resolve("docs");
      }
    }
    throw new IllegalStateException("docs/check_dane.md not found above the working directory");
  }

  private static Set<String> matches(String text, Pattern pattern) {
    Set<String> found = new LinkedHashSet<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  @Test
  void icingaCommandArgumentsAreOptions() throws IOException {
    String conf = Files.readString(docs().resolve("check_dane.icinga2.conf"));
    Set<String> used = matches(conf, Pattern.compile("\"(-[-\\w]+)\" = \\{"));

    assertThat(used).hasSizeGreaterThan(15);
    assertThat(OPTIONS).containsAll(used);
  }

  @Test
  void nagiosCommandLinesUseOptions() throws IOException {
    String cfg = Files.readString(docs().resolve("check_dane.nagios.cfg"));
    Set<String> used = new LinkedHashSet<>();
    for (String line : cfg.lines().toList()) {
      if (line.strip().startsWith("command_line") || line.strip().startsWith("check_command")) {
        used.addAll(matches(line, Pattern.compile("(?:^|[\\s!])(-[-\\w]+)")));
      }
    }

    assertThat(used).contains("-H", "-t", "--mx", "--require-dane");
    assertThat(OPTIONS).containsAll(used);
  }

  @Test
  void everyOptionIsInTheOptionTable() throws IOException {
    String doc = Files.readString(docs().resolve("check_dane.md"));
    Set<String> documented = matches(doc, Pattern.compile("\\| `(-[-\\w]+)"));
    documented.addAll(matches(doc, Pattern.compile("\\| `-\\w, (--[-\\w]+)")));
    documented.addAll(matches(doc, Pattern.compile("` / `(-\\w)`")));
    documented.addAll(Set.of("-h", "--help", "-V", "--version"));

    assertThat(documented).containsAll(OPTIONS);
  }
}
