/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.security.Provider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLException;
import org.danecheck.PolicyAction;
import org.danecheck.SecurityLevel;
import org.danecheck.core.DaneChecker;
import org.danecheck.core.DaneTrustManager;
import org.danecheck.core.DaneVerification;
import org.danecheck.core.DomainPolicy;
import org.danecheck.core.MxHostPolicy;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Delivers one message to one recipient as an RFC 7672 MTA does, through Jakarta Mail (Angus Mail's
 * SMTP transport): the DNS-only {@link DaneChecker#policy(String) policy} of the recipient's
 * domain, then its MX hosts in order, each at its level:
 *
 * <ul>
 *   <li>DANE-authenticated TLS: STARTTLS required ({@code mail.smtp.starttls.required}), the host's
 *       {@link DaneTrustManager} on the socket factory; a host that does not authenticate gets no
 *       {@code MAIL FROM} (the handshake fails first) and the next host is tried (RFC 7672 2.2,
 *       3.2);
 *   <li>TLS without authentication (all TLSA records unusable): STARTTLS required, any chain;
 *   <li>opportunistic: STARTTLS when offered, cleartext when not, and a cleartext retry when the
 *       handshake fails (RFC 7672 2.2: "The MTA MAY retry in cleartext");
 *   <li>skipped hosts (a TLSA or address lookup failed) are never contacted (RFC 7672 2.1.2).
 * </ul>
 *
 * Connections go to the policy's validated addresses only, never through another resolver. When no
 * host takes the mail, or the policy says defer, the result is {@link Outcome#DEFERRED}; a null MX,
 * a domain that does not exist or a 5xx reply to the transaction is {@link Outcome#BOUNCED}.
 */
public final class DaneMailSender {
  /** What became of the message. */
  public enum Outcome {
    /** A server accepted it (250 after DATA). */
    DELIVERED,
    /** Not delivered now: retry later. */
    DEFERRED,
    /** Not deliverable: return it to the sender. */
    BOUNCED
  }

  /**
   * The outcome of one delivery.
   *
   * @param outcome delivered, deferred or bounced
   * @param reason one sentence: the server's reply, or why no host took the mail
   * @param log one line per step (policy, each attempt), for the mail log
   * @param verification the TLS verification of the session that took the mail, when TLS was used
   */
  public record Result(
      Outcome outcome, String reason, List<String> log, Optional<DaneVerification> verification) {
    /** Copies the list and checks for nulls. */
    public Result {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(reason, "reason");
      log = List.copyOf(log);
      Objects.requireNonNull(verification, "verification");
    }
  }

  private final DaneChecker checker;
  private final int port;
  private final String ehloName;
  private final Duration timeout;
  private final Duration deadline;
  private final Optional<Provider> jsse;

  private DaneMailSender(Builder b) {
    this.checker = b.checker;
    this.port = b.port;
    this.ehloName = b.ehloName;
    this.timeout = b.timeout;
    this.deadline = b.deadline;
    this.jsse = Optional.ofNullable(b.jsse);
  }

  /** A sender whose policies come from this checker (one per process: it caches DNS answers). */
  public static Builder builder(DaneChecker checker) {
    return new Builder(checker);
  }

  /**
   * Delivers a message (RFC 5322 bytes, sent as they are) to one recipient.
   *
   * @param envelopeFrom the {@code MAIL FROM} reverse path; empty for a null reverse path
   * @param recipient the {@code RCPT TO} address, {@code local@domain}
   * @throws IllegalArgumentException when the recipient is not an address with a domain
   */
  public Result send(byte[] message, String envelopeFrom, String recipient) {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(envelopeFrom, "envelopeFrom");
    InternetAddress to = parse(recipient);
    String domain = to.getAddress().substring(to.getAddress().lastIndexOf('@') + 1);
    long end = System.nanoTime() + deadline.toNanos();
    List<String> log = new ArrayList<>();
    DomainPolicy policy = checker.policy(domain);
    log.add("policy " + policy.domain() + ": " + policy.action() + ": " + policy.reason());
    if (policy.action() == PolicyAction.NO_MAIL) {
      return new Result(Outcome.BOUNCED, policy.reason(), log, Optional.empty());
    }
    if (policy.action() == PolicyAction.DEFER) {
      return new Result(Outcome.DEFERRED, policy.reason(), log, Optional.empty());
    }
    for (MxHostPolicy host : policy.hosts()) {
      if (host.level().skip()) {
        log.add(relative(host.name()) + ": skipped, " + host.level() + ": " + host.reason());
        continue;
      }
      for (InetAddress address : host.addresses()) {
        Duration left = Duration.ofNanos(end - System.nanoTime());
        if (left.isNegative() || left.isZero()) {
          return new Result(
              Outcome.DEFERRED,
              "the delivery ran out of time (" + deadline + ")",
              log,
              Optional.empty());
        }
        Attempt attempt = attempt(message, envelopeFrom, to, host, address, false, left, log);
        if (attempt.result != null) {
          return attempt.result;
        }
      }
    }
    return new Result(
        Outcome.DEFERRED,
        "no MX host of "
            + domain
            + " took the mail as its DNS requires (RFC 7672 2.2), the last: "
            + log.get(log.size() - 1),
        log,
        Optional.empty());
  }

  /** One connection; a null result means: try the next address or host. */
  private record Attempt(Result result) {}

  private Attempt attempt(
      byte[] bytes,
      String from,
      InternetAddress to,
      MxHostPolicy host,
      InetAddress address,
      boolean cleartext,
      Duration left,
      List<String> log) {
    String endpoint = relative(host.name()) + "[" + address.getHostAddress() + "]:" + port;
    DaneTrustManager trust = host.trustManager();
    Session session = Session.getInstance(properties(host, trust, address, from, cleartext, left));
    SMTPTransport transport;
    try {
      transport = (SMTPTransport) session.getTransport("smtp");
    } catch (MessagingException e) {
      throw new IllegalStateException("Angus Mail's SMTP transport is not on the class path", e);
    }
    try {
      try {
        transport.connect();
      } catch (MessagingException e) {
        Optional<DaneVerification> v = trust.lastVerification();
        if (v.isPresent() && !v.get().accepted()) {
          // RFC 7672 3.2: never deliver to a host that fails authentication; no MAIL FROM was sent.
          log.add(v.get().summary());
        } else if (!cleartext && host.level() == SecurityLevel.OPPORTUNISTIC && causedBy(e)) {
          log.add(endpoint + ": TLS failed (" + message(e) + "), retrying in cleartext");
          return attempt(bytes, from, to, host, address, true, left, log);
        } else {
          log.add(endpoint + ": " + message(e));
        }
        return new Attempt(null);
      }
      Optional<DaneVerification> verification = trust.lastVerification();
      if (host.level().tlsRequired() && verification.map(v -> !v.accepted()).orElse(true)) {
        // Never happens with Angus Mail (the handshake fails first); a seatbelt all the same.
        log.add(endpoint + ": no authenticated TLS session, no mail sent");
        return new Attempt(null);
      }
      String tls = verification.map(DaneVerification::summary).orElse("cleartext: " + endpoint);
      try {
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(bytes));
        transport.sendMessage(message, new Address[] {to});
        String reply = transport.getLastServerResponse().strip();
        log.add("delivered: " + tls + ": " + reply);
        return new Attempt(new Result(Outcome.DELIVERED, reply, log, verification));
      } catch (MessagingException e) {
        int code = replyCode(e);
        log.add("refused: " + tls + ": " + message(e));
        if (code >= 500) {
          return new Attempt(new Result(Outcome.BOUNCED, message(e), log, verification));
        }
        if (code >= 400) {
          return new Attempt(new Result(Outcome.DEFERRED, message(e), log, verification));
        }
        return new Attempt(null); // the session broke: the next host may do better
      }
    } finally {
      try {
        transport.close();
      } catch (MessagingException e) {
        // closing anyway
      }
    }
  }

  private Properties properties(
      MxHostPolicy host,
      DaneTrustManager trust,
      InetAddress address,
      String from,
      boolean cleartext,
      Duration left) {
    long millis = Math.max(1, Math.min(timeout.toMillis(), left.toMillis()));
    Properties p = new Properties();
    // The policy's validated address, never the name: Jakarta Mail would resolve it again.
    p.setProperty("mail.smtp.host", address.getHostAddress());
    p.setProperty("mail.smtp.port", Integer.toString(port));
    p.setProperty("mail.smtp.localhost", ehloName);
    // "<>" is the null reverse path; an empty property would make Jakarta Mail use the From:
    // header.
    p.setProperty("mail.smtp.from", from.isEmpty() ? "<>" : from);
    p.setProperty("mail.smtp.connectiontimeout", Long.toString(millis));
    p.setProperty("mail.smtp.timeout", Long.toString(millis));
    p.setProperty("mail.smtp.writetimeout", Long.toString(millis));
    if (cleartext) {
      p.setProperty("mail.smtp.starttls.enable", "false");
      return p;
    }
    p.setProperty("mail.smtp.starttls.enable", "true");
    // RFC 7672 2.2: with secure TLSA records, no mail without STARTTLS.
    p.setProperty("mail.smtp.starttls.required", Boolean.toString(host.level().tlsRequired()));
    p.put(
        "mail.smtp.ssl.socketFactory",
        jsse.map(trust::socketFactory).orElseGet(trust::socketFactory));
    // Names are the trust manager's to check (DANE-EE(3) checks none, RFC 7672 3.2.1).
    p.setProperty("mail.smtp.ssl.checkserveridentity", "false");
    return p;
  }

  private static InternetAddress parse(String recipient) {
    try {
      InternetAddress address = new InternetAddress(Objects.requireNonNull(recipient), true);
      int at = address.getAddress().lastIndexOf('@');
      if (at <= 0 || at == address.getAddress().length() - 1) {
        throw new IllegalArgumentException("not local@domain: " + recipient);
      }
      return address;
    } catch (AddressException e) {
      throw new IllegalArgumentException("not an e-mail address: " + recipient, e);
    }
  }

  /** Whether a TLS failure (not a trust decision) is among the causes. */
  private static boolean causedBy(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException
          || t instanceof MessagingException m && m.getNextException() instanceof SSLException) {
        return true;
      }
    }
    return false;
  }

  /** The SMTP reply code a failed transaction ended with, or 0 when none. */
  private static int replyCode(MessagingException e) {
    for (Exception x = e; x != null; ) {
      if (x instanceof SMTPAddressFailedException a) {
        return a.getReturnCode();
      }
      if (x instanceof SMTPSendFailedException s) {
        return s.getReturnCode();
      }
      x = x instanceof MessagingException m ? m.getNextException() : null;
    }
    return 0;
  }

  /**
   * What went wrong, in the server's words when it said something: the reply of the innermost SMTP
   * exception (e.g. {@code 550 5.1.1 ...} under Jakarta Mail's "Invalid Addresses"), else the
   * message and its cause's.
   */
  private static String message(Exception e) {
    for (Exception x = e; x != null; ) {
      if (x instanceof SMTPAddressFailedException || x instanceof SMTPSendFailedException) {
        return String.valueOf(x.getMessage()).strip();
      }
      x = x instanceof MessagingException m ? m.getNextException() : null;
    }
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()).strip());
    Throwable cause =
        e instanceof MessagingException m && m.getNextException() != null
            ? m.getNextException()
            : e.getCause();
    if (cause != null && cause.getMessage() != null) {
      text.append(" (").append(cause.getMessage().strip()).append(')');
    }
    return text.toString();
  }

  private static String relative(String name) {
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  /** Settings of a {@link DaneMailSender}. */
  public static final class Builder {
    private final DaneChecker checker;
    private int port = 25;
    private String ehloName = "localhost";
    private Duration timeout = Duration.ofSeconds(30);
    private Duration deadline = Duration.ofMinutes(5);
    private Provider jsse;

    private Builder(DaneChecker checker) {
      this.checker = Objects.requireNonNull(checker, "checker");
    }

    /** The SMTP port (default 25); the checker's TLSA lookups must use the same. */
    public Builder port(int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port " + port + " is not 1 to 65535");
      }
      this.port = port;
      return this;
    }

    /** The name sent in EHLO. */
    public Builder ehloName(String name) {
      this.ehloName = Objects.requireNonNull(name, "name");
      return this;
    }

    /** The timeout of the TCP connect and of each SMTP reply (default 30 s). */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** The limit of a whole delivery, all hosts (default 5 min): then it is deferred. */
    public Builder deadline(Duration deadline) {
      this.deadline = Objects.requireNonNull(deadline, "deadline");
      return this;
    }

    /** The JSSE provider of the TLS sessions (default the JDK's), e.g. Bouncy Castle's. */
    public Builder jsseProvider(Provider provider) {
      this.jsse = Objects.requireNonNull(provider, "provider");
      return this;
    }

    /** The sender. */
    public DaneMailSender build() {
      return new DaneMailSender(this);
    }
  }
}
