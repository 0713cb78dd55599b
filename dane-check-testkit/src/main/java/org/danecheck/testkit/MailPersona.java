/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.testkit;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How one lab mail server address behaves: a {@link Behaviour}, the certificate chains it serves
 * and its timing. Immutable. A persona is the {@link MailDispatcher} of its address unless another
 * is set: {@link #dispatch(MailCommand)} gives its replies, which a script may reuse.
 *
 * @param behaviour what the server does
 * @param chains the chains it serves, at most one per key type; a {@link Behaviour#DUAL_CERT}
 *     persona picks among them by the client's signature algorithms
 * @param greetingDelay how long {@link Behaviour#SLOW_GREETING} waits before greeting
 * @param latency an extra delay before every reply (on top of the server's)
 * @param hostName the name the server greets with
 */
public record MailPersona(
    Behaviour behaviour,
    List<ServerChain> chains,
    Duration greetingDelay,
    Duration latency,
    String hostName)
    implements MailDispatcher {

  /** What a lab server does at one address. */
  public enum Behaviour {
    /** Greets, offers STARTTLS, completes TLS 1.2 or 1.3, answers EHLO again and QUIT. */
    NORMAL,
    /** EHLO does not advertise STARTTLS; the command is answered with 502. */
    NO_STARTTLS,
    /** STARTTLS is advertised but answered with {@code 454 4.7.0}. */
    STARTTLS_454,
    /**
     * Sends its certificate, then a fatal {@code handshake_failure} alert instead of the signature
     * that proves it holds the key.
     */
    TLS_ALERT,
    /** Speaks TLS 1.0 only. */
    TLS10_ONLY,
    /**
     * Waits {@link MailPersona#greetingDelay()} before the greeting, then behaves as {@link
     * #NORMAL} (TLS too when it has a chain, as lab hosts do).
     */
    SLOW_GREETING,
    /**
     * Sends a greeting that never ends, one byte every {@link MailPersona#greetingDelay()}: each
     * read succeeds quickly, so only a deadline over the whole reply stops a client.
     */
    TRICKLE,
    /** Greets with {@code 554 5.3.2} (RFC 5321 3.1: no service). */
    GREETING_554,
    /** Greets, then closes the connection without answering EHLO. */
    DROP_AFTER_GREETING,
    /** Greets with a line far longer than any SMTP reply line may be. */
    GARBAGE,
    /** Answers EHLO with {@code 250-} continuation lines that never end. */
    ENDLESS_CONTINUATION,
    /** Answers STARTTLS with 220, then says nothing more. */
    STALL_AFTER_STARTTLS,
    /** Serves an RSA and an ECDSA chain, chosen by the client's suites and signature algorithms. */
    DUAL_CERT,
    /** Offers only anonymous (aNULL) cipher suites, TLS 1.2 at most; sends no certificate. */
    ANONYMOUS_ONLY,
    /** Accepts the connection and never sends a byte, until the session ends. */
    SILENT,
    /**
     * Greets, then never reads what the client sends and never answers: the client's commands pile
     * up in the socket buffers, unanswered, until the session ends.
     */
    NEVER_READS
  }

  private static final Set<Behaviour> WITHOUT_TLS =
      EnumSet.of(
          Behaviour.NO_STARTTLS,
          Behaviour.STARTTLS_454,
          Behaviour.SLOW_GREETING,
          Behaviour.TRICKLE,
          Behaviour.GREETING_554,
          Behaviour.DROP_AFTER_GREETING,
          Behaviour.GARBAGE,
          Behaviour.ENDLESS_CONTINUATION,
          Behaviour.STALL_AFTER_STARTTLS,
          Behaviour.ANONYMOUS_ONLY,
          Behaviour.SILENT,
          Behaviour.NEVER_READS);

  /** Checks the components and that the chains fit the behaviour. */
  public MailPersona {
    Objects.requireNonNull(behaviour, "behaviour");
    chains = List.copyOf(chains);
    Objects.requireNonNull(greetingDelay, "greetingDelay");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(hostName, "hostName");
    if (greetingDelay.isNegative() || latency.isNegative()) {
      throw new IllegalArgumentException("delays must not be negative");
    }
    if (chains.stream().map(ServerChain::keyAlgorithm).distinct().count() != chains.size()) {
      throw new IllegalArgumentException("at most one chain per key type");
    }
    if (behaviour == Behaviour.DUAL_CERT && chains.size() != 2) {
      throw new IllegalArgumentException("DUAL_CERT needs an RSA and an ECDSA chain");
    }
    if (chains.isEmpty() && !WITHOUT_TLS.contains(behaviour)) {
      throw new IllegalArgumentException(behaviour + " needs a certificate chain");
    }
  }

  /** A persona with no extra latency, a 2 s greeting delay and the name {@code mx.lab.test}. */
  public static MailPersona of(Behaviour behaviour, ServerChain... chains) {
    return new MailPersona(
        behaviour, List.of(chains), Duration.ofSeconds(2), Duration.ZERO, "mx.lab.test");
  }

  /** A well-behaved server with these chains. */
  public static MailPersona normal(ServerChain... chains) {
    return of(chains.length > 1 ? Behaviour.DUAL_CERT : Behaviour.NORMAL, chains);
  }

  /** A copy with another greeting delay (for {@link Behaviour#SLOW_GREETING}). */
  public MailPersona withGreetingDelay(Duration delay) {
    return new MailPersona(behaviour, chains, delay, latency, hostName);
  }

  /** A copy with another per-reply latency. */
  public MailPersona withLatency(Duration perReply) {
    return new MailPersona(behaviour, chains, greetingDelay, perReply, hostName);
  }

  /** A copy that greets with another host name. */
  public MailPersona withHostName(String name) {
    return new MailPersona(behaviour, chains, greetingDelay, latency, name);
  }

  /**
   * The persona's answer: its greeting, EHLO (with or without STARTTLS), STARTTLS (taken, refused
   * with 454 or 502, or stalled) and QUIT; MAIL, RCPT, DATA and RSET go to the server's {@link
   * MailReply#mailTransaction()}, other commands get 500.
   */
  @Override
  public MailReply dispatch(MailCommand command) {
    if (command.isGreeting()) {
      return switch (behaviour) {
        case GREETING_554 -> MailReply.of("554 5.3.2 " + hostName + " lab persona refuses service");
        case GARBAGE -> MailReply.close("220-" + "x".repeat(8000), "\u0000\u00ff garbage");
        default -> MailReply.of("220 " + hostName + " ESMTP lab");
      };
    }
    if (behaviour == Behaviour.DROP_AFTER_GREETING) {
      return MailReply.close();
    }
    boolean tls = command.inTls();
    return switch (command.verb()) {
      case "EHLO" ->
          MailReply.of(
              "250-" + hostName + " greets you",
              "250-PIPELINING",
              "250-SIZE 10240000",
              !tls && behaviour != Behaviour.NO_STARTTLS
                  ? "250-STARTTLS"
                  : "250-ENHANCEDSTATUSCODES",
              "250 8BITMIME");
      case "HELO", "NOOP" -> MailReply.of("250 2.0.0 OK");
      case "QUIT" -> MailReply.close("221 2.0.0 Bye");
      case "STARTTLS" -> {
        if (tls || behaviour == Behaviour.NO_STARTTLS) {
          yield MailReply.of("502 5.5.1 STARTTLS not available");
        } else if (behaviour == Behaviour.STARTTLS_454) {
          yield MailReply.of("454 4.7.0 TLS not available due to temporary reason");
        } else if (behaviour == Behaviour.STALL_AFTER_STARTTLS) {
          yield MailReply.stall("220 2.0.0 Ready to start TLS");
        }
        yield MailReply.startTls("220 2.0.0 Ready to start TLS");
      }
      case "MAIL", "RCPT", "DATA", "RSET" -> MailReply.mailTransaction();
      default -> MailReply.of("500 5.5.2 command not recognized");
    };
  }
}
