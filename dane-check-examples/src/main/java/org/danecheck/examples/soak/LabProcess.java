/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.soak;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.danecheck.testkit.DaneLab;

/**
 * The soak lab in a child JVM (same class path): started, read its settings, stopped. The child
 * prints {@code dns PORT}, {@code smtp PORT}, {@code anchor BASE64} and {@code ready}, and exits
 * when its standard input ends, so it never outlives the parent.
 */
final class LabProcess implements AutoCloseable {
  private final Process process;
  private final Soak.LabSettings settings;

  private LabProcess(Process process, Soak.LabSettings settings) {
    this.process = process;
    this.settings = settings;
  }

  static LabProcess start() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                Soak.class.getName(),
                "serve")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      int dns = -1;
      int smtp = -1;
      String anchor = null;
      for (String line; (line = in.readLine()) != null && !line.equals("ready"); ) {
        String[] kv = line.split(" ", 2);
        switch (kv[0]) {
          case "dns" -> dns = Integer.parseInt(kv[1]);
          case "smtp" -> smtp = Integer.parseInt(kv[1]);
          case "anchor" ->
              anchor = new String(Base64.getDecoder().decode(kv[1]), StandardCharsets.UTF_8);
          default -> {} // the lab's own output
        }
      }
      if (dns < 0 || smtp < 0 || anchor == null) {
        throw new IOException("the soak lab process did not start");
      }
      return new LabProcess(
          p, new Soak.LabSettings(new InetSocketAddress("127.0.0.1", dns), smtp, anchor));
    } catch (IOException | RuntimeException e) {
      p.destroyForcibly();
      throw e;
    }
  }

  Soak.LabSettings settings() {
    return settings;
  }

  /** The child's side: runs the lab until standard input ends. */
  static void serve() throws IOException {
    PrintStream out = System.out;
    try (DaneLab lab = Soak.lab().start()) {
      out.println("dns " + lab.dnsAddress().getPort());
      out.println("smtp " + lab.smtpPort());
      out.println(
          "anchor "
              + Base64.getEncoder()
                  .encodeToString(lab.trustAnchor().getBytes(StandardCharsets.UTF_8)));
      out.println("ready");
      out.flush();
      while (System.in.read() >= 0) {
        // until the parent closes the pipe (or dies)
      }
    }
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
