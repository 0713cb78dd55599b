/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * The HTML report of a lab scan in a real browser (Debian's headless Chromium over the DevTools
 * protocol): it loads without console errors or failed requests, every chart has a non-zero size,
 * nothing comes from outside the file, and a screenshot is taken. Skipped without Chromium unless
 * {@code DANECHECK_BROWSER_REQUIRED=1} (as {@code .ci/run} sets).
 *
 * <p>{@code -Dreport.html=FILE -Dreport.screenshot=PNG} renders another report (the README's
 * screenshot in docs/ was taken so, from {@code bin/dane-scan --lab 2000}).
 */
class HtmlReportBrowserTest {
  @TempDir static Path dir;
  static Path browser;
  static Path report;

  @BeforeAll
  static void scanTheLab() throws Exception {
    Optional<Path> found = HeadlessChromium.find();
    if (found.isEmpty()) {
      if ("1".equals(System.getenv("DANECHECK_BROWSER_REQUIRED"))) {
        fail("DANECHECK_BROWSER_REQUIRED=1 but no chromium on the PATH");
      }
      Assumptions.abort("no chromium on the PATH (apt-get install chromium)");
    }
    browser = found.get();
    String given = System.getProperty("report.html", "");
    if (!given.isEmpty()) {
      report = Path.of(given);
      return;
    }
    CommandLine cl = DaneScanCommand.commandLine();
    cl.setErr(new PrintWriter(new StringWriter()));
    int exit =
        cl.execute(
            "--lab",
            "120",
            "--lab-world",
            "CLASSIC",
            "--seed",
            "3",
            "--dir",
            dir.resolve("scan").toString(),
            "--concurrency",
            "16",
            "--timeout",
            "20");
    assertThat(exit).isZero();
    report = dir.resolve("scan/summary.html");
  }

  @Test
  void theReportRendersWithoutErrorsAndEveryChartHasASize() throws Exception {
    String html = Files.readString(report);
    // Self-contained: the only URL is the SVG namespace; no script.
    List<String> urls = new ArrayList<>();
    Matcher m = Pattern.compile("https?://[^\"'\\s<>)]+").matcher(html);
    while (m.find()) {
      urls.add(m.group());
    }
    assertThat(urls).allMatch(u -> u.equals("http://www.w3.org/2000/svg"));
    assertThat(html).doesNotContain("<script", "<link", "<img", "@import");

    JsonNode shot;
    List<JsonNode> events;
    List<JsonNode> charts;
    try (HeadlessChromium chrome =
        new HeadlessChromium(
            browser, Files.createDirectories(dir.resolve("profile")), 1000, 1400)) {
      chrome.send("Page.enable", "{}");
      chrome.send("Runtime.enable", "{}");
      chrome.send("Log.enable", "{}");
      chrome.send("Network.enable", "{}");
      chrome.send(
          "Page.navigate", "{\"url\":" + HeadlessChromium.quote(report.toUri().toString()) + "}");
      chrome.await("Page.loadEventFired");
      JsonNode sizes =
          chrome.send(
              "Runtime.evaluate",
              "{\"returnByValue\":true,\"expression\":"
                  + HeadlessChromium.quote(
                      "JSON.stringify([...document.querySelectorAll('svg')].map(s => {"
                          + " const r = s.getBoundingClientRect();"
                          + " return [s.querySelector('title').textContent,"
                          + " Math.round(r.width), Math.round(r.height)]; }))")
                  + "}");
      charts =
          ScanJson.array(
              ScanJson.MAPPER.readTree(
                  ScanJson.string(ScanJson.object(sizes.get("result")), "value")));
      JsonNode metrics = chrome.send("Page.getLayoutMetrics", "{}");
      long height =
          Math.round(ScanJson.object(metrics.get("cssContentSize")).get("height").doubleValue());
      shot =
          chrome.send(
              "Page.captureScreenshot",
              "{\"format\":\"png\",\"captureBeyondViewport\":true,\"clip\":{\"x\":0,\"y\":0,"
                  + "\"width\":1000,\"height\":"
                  + Math.min(height, 2600)
                  + ",\"scale\":1}}");
      events = chrome.events();
    }

    List<String> errors = new ArrayList<>();
    for (JsonNode e : events) {
      String method = ScanJson.string(e, "method");
      JsonNode params = ScanJson.object(e.get("params"));
      if ("Runtime.exceptionThrown".equals(method)
          || "Network.loadingFailed".equals(method)
          || ("Runtime.consoleAPICalled".equals(method)
              && "error".equals(ScanJson.string(params, "type")))
          || ("Log.entryAdded".equals(method)
              && "error".equals(ScanJson.string(ScanJson.object(params.get("entry")), "level")))) {
        errors.add(method + " " + params);
      }
    }
    assertThat(errors).as("console errors and failed loads").isEmpty();

    // The DANE chart appears only when a domain fails; the three others always.
    assertThat(charts).hasSizeGreaterThanOrEqualTo(3);
    for (JsonNode chart : charts) {
      List<JsonNode> c = ScanJson.array(chart);
      assertThat(ScanJson.count(c.get(1), Integer.MAX_VALUE))
          .as("width of " + c.get(0))
          .isPositive();
      assertThat(ScanJson.count(c.get(2), Integer.MAX_VALUE))
          .as("height of " + c.get(0))
          .isPositive();
    }
    assertThat(charts.stream().map(c -> ScanJson.array(c).get(0).stringValue()))
        .contains(
            "TLS sessions by level: this scan and the seed study",
            "Distinct servers by level: this scan and the seed study",
            "Domains per server");

    byte[] png = Base64.getDecoder().decode(ScanJson.string(shot, "data"));
    assertThat(png).hasSizeGreaterThan(10_000);
    assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
    Path out = Path.of(System.getProperty("report.screenshot", "target/dane-scan-report.png"));
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.write(out, png);
  }
}
