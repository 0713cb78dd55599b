/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.danecheck.core.DaneChecker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dane-check send}: delivers one message to one recipient's domain as an RFC 7672 MTA would
 * ({@link DaneMailSender}), and exits 0 only when a server took it.
 */
@Command(
    name = "send",
    mixinStandardHelpOptions = true,
    description = {
      "Deliver one message to the recipient's domain as a DANE-enforcing MTA (RFC 7672) would:"
          + " MX hosts in order, authenticated TLS where the domain's TLSA records require it,"
          + " deferred when no host qualifies, or when --timeout passes first (each SMTP step"
          + " waits 30 s at most)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:delivered: a server accepted the message",
      "1:deferred: not delivered now (a DANE failure, a DNS failure, a 4xx reply); retry later",
      "2:bounced: the domain takes no mail (null MX, no such domain) or a 5xx reply",
      "3:usage error, or the message file cannot be read"
    })
final class SendCommand implements Callable<Integer> {
  static final int EXIT_DELIVERED = 0;
  static final int EXIT_DEFERRED = 1;
  static final int EXIT_BOUNCED = 2;

  /** The largest message file read (the lab and many servers take 10 MB). */
  static final long MAX_MESSAGE_BYTES = 50L * 1024 * 1024;

  @Spec CommandSpec spec;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "ADDRESS",
      description = "The recipient, local@domain (RCPT TO).")
  String to;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "ADDRESS",
      description = "The envelope sender (MAIL FROM); \"\" for a null reverse path.")
  String from;

  @Option(
      names = "--file",
      required = true,
      paramLabel = "FILE",
      description = "The message, RFC 5322 (e.g. message.eml), sent as it is.")
  Path file;

  @Mixin ResolverOptions dns = new ResolverOptions();

  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Mixin TimeLimit limit = new TimeLimit(120);

  @Override
  public Integer call() {
    byte[] message = read(file);
    Duration deadline = limit.checkDeadline();
    DaneChecker.Builder builder = DaneChecker.builder().deadline(deadline);
    dns.applyTo(builder, connection.adTrust);
    connection.applyTo(builder);
    DaneMailSender.Result result;
    try (DaneChecker checker = builder.build()) {
      DaneMailSender.Builder sender =
          DaneMailSender.builder(checker)
              .port(connection.port)
              .deadline(deadline)
              .timeout(Duration.ofSeconds(Math.min(30, limit.seconds)));
      sender.ehloName(connection.ehloName != null ? connection.ehloName : defaultEhloName());
      result = sender.build().send(message, from, to);
    }
    PrintWriter out = spec.commandLine().getOut();
    result.log().forEach(line -> out.println("  " + SafeText.of(line)));
    out.println(
        switch (result.outcome()) {
              case DELIVERED -> "delivered";
              case DEFERRED -> "deferred";
              case BOUNCED -> "bounced";
            }
            + ": "
            + SafeText.of(to)
            + ": "
            + SafeText.of(result.reason()));
    out.flush();
    return switch (result.outcome()) {
      case DELIVERED -> EXIT_DELIVERED;
      case DEFERRED -> EXIT_DEFERRED;
      case BOUNCED -> EXIT_BOUNCED;
    };
  }

  private static byte[] read(Path file) {
    try {
      if (Files.size(file) > MAX_MESSAGE_BYTES) {
        throw new BadInputException(file + " is larger than " + MAX_MESSAGE_BYTES + " bytes");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new BadInputException("cannot read " + file + ": " + e.getMessage());
    }
  }

  /** Debian's /etc/mailname when present, as the checker's EHLO name; else localhost. */
  private static String defaultEhloName() {
    try {
      String name = Files.readString(Path.of("/etc/mailname")).strip();
      return name.isEmpty() || name.contains(" ") ? "localhost" : name;
    } catch (IOException e) {
      return "localhost";
    }
  }
}
