/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A headless Chromium driven over the DevTools protocol (a WebSocket, the JDK's client): enough to
 * load a page, collect its console errors, evaluate an expression and take a screenshot. Test code:
 * a CDP library would bring Selenium or Playwright and their browser downloads; Debian's chromium
 * and forty lines of protocol do.
 */
final class HeadlessChromium implements AutoCloseable {
  private static final Duration STEP = Duration.ofSeconds(60);
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new ArrayList<>();

  /** The browser on the PATH (Debian's package: chromium), if any. */
  static Optional<Path> find() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      for (String name : new String[] {"chromium", "chromium-browser", "google-chrome"}) {
        Path p = Path.of(dir.isEmpty() ? "." : dir, name);
        if (Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  HeadlessChromium(Path browser, Path profile, int width, int height) throws Exception {
    process =
        new ProcessBuilder(
                browser.toString(),
                "--headless=new",
                "--no-sandbox", // CI runs as root
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--user-data-dir=" + profile,
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                "--window-size=" + width + "," + height,
                "about:blank")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      URI browserUri = listening();
      HttpClient http = HttpClient.newHttpClient();
      String list =
          http.send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + browserUri.getPort() + "/json/list"))
                      .timeout(STEP)
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      String page =
          ScanJson.array(ScanJson.MAPPER.readTree(list)).stream()
              .filter(o -> "page".equals(ScanJson.string(o, "type")))
              .map(o -> ScanJson.string(o, "webSocketDebuggerUrl"))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("no page target: " + list));
      socket =
          http.newWebSocketBuilder()
              .buildAsync(URI.create(page), new Listener())
              .get(STEP.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly().waitFor();
      throw e;
    }
  }

  /** Reads stderr up to the DevTools line, then drains it so the browser never blocks on it. */
  private URI listening() throws IOException {
    BufferedReader err =
        new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line; (line = err.readLine()) != null; ) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        Thread drain =
            new Thread(
                () -> {
                  try {
                    while (err.readLine() != null) {
                      // discard
                    }
                  } catch (IOException ignored) {
                    // the browser ended
                  }
                },
                "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        return URI.create(m.group(1));
      }
      seen.append(line).append('\n');
    }
    throw new IOException("chromium ended before it listened:\n" + seen);
  }

  /** Sends a command (params: a JSON object's text) and waits for its result. */
  JsonNode send(String method, String params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    socket
        .sendText(
            "{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}", true)
        .get(STEP.toSeconds(), TimeUnit.SECONDS);
    JsonNode message = reply.get(STEP.toSeconds(), TimeUnit.SECONDS);
    if (message.get("error") != null) {
      throw new IllegalStateException(method + " failed: " + message.get("error"));
    }
    return ScanJson.object(message.get("result"));
  }

  /** Waits for an event of this method. */
  void await(String method) throws InterruptedException {
    long end = System.nanoTime() + STEP.toNanos();
    synchronized (events) {
      while (events.stream().noneMatch(e -> method.equals(ScanJson.string(e, "method")))) {
        long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
        if (left <= 0) {
          throw new IllegalStateException("no " + method + " within " + STEP);
        }
        events.wait(left);
      }
    }
  }

  /** The events received so far. */
  List<JsonNode> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  /** A JSON string literal. */
  static String quote(String text) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  @Override
  public void close() throws Exception {
    try {
      socket.sendText("{\"id\":0,\"method\":\"Browser.close\",\"params\":{}}", true);
      process.waitFor(10, TimeUnit.SECONDS);
    } finally {
      socket.abort();
      if (process.isAlive()) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        JsonNode message = ScanJson.parseObject(text.toString());
        text.setLength(0);
        JsonNode id = message.get("id");
        if (id != null && id.isIntegralNumber()) {
          CompletableFuture<JsonNode> reply = pending.remove(id.intValue());
          if (reply != null) {
            reply.complete(message);
          }
        } else {
          synchronized (events) {
            events.add(message);
            events.notifyAll();
          }
        }
      }
      ws.request(1);
      return null;
    }
  }
}
