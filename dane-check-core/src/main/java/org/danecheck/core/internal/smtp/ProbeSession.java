/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.smtp;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.danecheck.PkixStatus;
import org.danecheck.Problem;
import org.danecheck.ProblemCode;
import org.danecheck.SmtpOutcome;
import org.danecheck.core.internal.Deadline;
import org.danecheck.core.internal.Reasons;
import org.danecheck.core.internal.pkix.PkixClassifier;
import org.danecheck.core.internal.tlsa.RsaModulusCheck;

/** One probe: the state of one SMTP session, from connect to the result. Not thread-safe. */
final class ProbeSession {
  /** The most bytes one session may read, TLS records included. */
  static final int MAX_SESSION_BYTES = 1024 * 1024;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration QUIT_TIMEOUT = Duration.ofSeconds(2);

  private final ProberConfig config;
  private final PkixClassifier classifier;
  private final ProbeRequest request;
  private final Deadline deadline;

  private final List<Problem> problems = new ArrayList<>();
  private SmtpOutcome outcome = SmtpOutcome.TLS_ESTABLISHED;
  private String detail = "";
  private Duration connectTime;
  private Duration greetingTime;
  private Duration ehloTime;
  private Duration starttlsTime;
  private Duration handshakeTime;
  private String greeting = "";
  private List<String> ehloExtensions = List.of();
  private boolean starttlsOffered;
  private String starttlsReply = "";
  private List<String> tlsEhloExtensions = List.of();
  private Optional<String> tlsVersion = Optional.empty();
  private Optional<String> cipherSuite = Optional.empty();
  private Optional<String> keyExchangeGroup = Optional.empty();
  private List<byte[]> chain = List.of();
  private Optional<String> alert = Optional.empty();

  private Socket socket;
  private SocketWatchdog.Guard watchdog;
  private GuardedInputStream in;

  ProbeSession(
      ProberConfig config, PkixClassifier classifier, ProbeRequest request, Deadline deadline) {
    this.config = config;
    this.classifier = classifier;
    this.request = request;
    this.deadline = deadline;
  }

  ProbeResult run() {
    long start = System.nanoTime();
    socket = new Socket();
    watchdog = SocketWatchdog.guard(socket, deadline);
    try {
      dialogue();
    } catch (StepFailure failure) {
      outcome = failure.outcome;
      detail = failure.getMessage();
      problems.add(Problem.of(failure.code, request.endpoint(), failure.getMessage()));
    } finally {
      watchdog.close();
      try {
        socket.close();
      } catch (IOException e) {
        // closed anyway
      }
    }
    PkixClassifier.Classification pkix =
        tlsVersion.isPresent() && !chain.isEmpty()
            ? classifier.classify(chain, Instant.now())
            : new PkixClassifier.Classification(
                PkixStatus.NOT_CHECKED,
                tlsVersion.isPresent()
                    ? "no certificate was presented"
                    : "no TLS session was established");
    return new ProbeResult(
        request,
        outcome,
        new ProbeTimings(
            Optional.ofNullable(connectTime),
            Optional.ofNullable(greetingTime),
            Optional.ofNullable(ehloTime),
            Optional.ofNullable(starttlsTime),
            Optional.ofNullable(handshakeTime),
            Duration.ofNanos(System.nanoTime() - start)),
        greeting,
        ehloExtensions,
        starttlsOffered,
        starttlsReply,
        tlsEhloExtensions,
        tlsVersion,
        cipherSuite,
        keyExchangeGroup,
        CertificateSummaries.summarize(chain),
        pkix.status(),
        pkix.reason(),
        alert,
        detail,
        problems,
        deadline.cancelled());
  }

  private void dialogue() throws StepFailure {
    connect();
    OutputStream out;
    try {
      out = socket.getOutputStream();
      in =
          new GuardedInputStream(
              socket, socket.getInputStream(), MAX_SESSION_BYTES, step(config.commandTimeout()));
    } catch (IOException e) {
      throw failure("opening the connection's streams", e);
    }
    SmtpReplyReader reader = new SmtpReplyReader(in);

    long stepStart = System.nanoTime();
    SmtpReply greetingReply = readReply(reader, "the greeting");
    greetingTime = since(stepStart);
    greeting = greetingReply.text();
    if (greetingReply.code() != 220) {
      // RFC 5321 3.1: a 554 greeting refuses service; the client should still QUIT.
      quitPolitely(reader, out);
      throw new StepFailure(
          SmtpOutcome.GREETING_REJECTED,
          ProblemCode.SMTP_GREETING_REJECTED,
          "The server refused the session at greeting: "
              + SmtpReplyReader.printable(greetingReply.firstLine()));
    }

    stepStart = System.nanoTime();
    SmtpReply ehlo = command(reader, out, "EHLO " + config.ehloName(), "the EHLO reply");
    ehloTime = since(stepStart);
    if (ehlo.code() != 250) {
      quitPolitely(reader, out);
      // Without EHLO there are no extensions, so no STARTTLS (RFC 3207 4).
      throw new StepFailure(
          SmtpOutcome.STARTTLS_NOT_OFFERED,
          ProblemCode.STARTTLS_NOT_OFFERED,
          "The server refused EHLO ("
              + SmtpReplyReader.printable(ehlo.firstLine())
              + "), so STARTTLS cannot be negotiated.");
    }
    ehloExtensions = extensions(ehlo);
    starttlsOffered = offers(ehloExtensions, "STARTTLS");
    if (!starttlsOffered) {
      quitPolitely(reader, out);
      throw new StepFailure(
          SmtpOutcome.STARTTLS_NOT_OFFERED,
          ProblemCode.STARTTLS_NOT_OFFERED,
          "The server does not advertise STARTTLS in its EHLO reply (RFC 3207 4).");
    }

    stepStart = System.nanoTime();
    SmtpReply starttls = command(reader, out, "STARTTLS", "the STARTTLS reply");
    starttlsTime = since(stepStart);
    starttlsReply = starttls.text();
    if (starttls.code() != 220) {
      quitPolitely(reader, out);
      // RFC 3207 4: 454 is "TLS not available due to temporary reason".
      throw new StepFailure(
          SmtpOutcome.STARTTLS_REFUSED,
          ProblemCode.STARTTLS_REFUSED,
          "The server refused STARTTLS: " + SmtpReplyReader.printable(starttls.firstLine()));
    }
    // Plaintext sent after the 220 must not be taken for part of the TLS session.
    reader.discardBuffered();

    TlsClientProtocol protocol = handshake(out);
    try {
      // RFC 3207 4.2: the client discards what it knew and issues EHLO again.
      SmtpReplyReader tlsReader = new SmtpReplyReader(protocol.getInputStream());
      OutputStream tlsOut = protocol.getOutputStream();
      SmtpReply tlsEhlo =
          command(tlsReader, tlsOut, "EHLO " + config.ehloName(), "the EHLO reply inside TLS");
      if (tlsEhlo.code() != 250) {
        quitPolitely(tlsReader, tlsOut);
        throw new StepFailure(
            SmtpOutcome.PROTOCOL_ERROR,
            ProblemCode.SMTP_PROTOCOL_ERROR,
            "The server refused EHLO after STARTTLS: "
                + SmtpReplyReader.printable(tlsEhlo.firstLine()));
      }
      tlsEhloExtensions = extensions(tlsEhlo);
      quitPolitely(tlsReader, tlsOut);
    } finally {
      try {
        protocol.close();
      } catch (IOException e) {
        // the socket is closed next anyway
      }
    }
  }

  private void connect() throws StepFailure {
    long start = System.nanoTime();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(
          new InetSocketAddress(request.address(), request.port()),
          deadline.capMillis(config.connectTimeout()));
      connectTime = since(start);
    } catch (IOException e) {
      String why =
          deadline.cancelled()
              ? "the probe was stopped"
              : watchdog.fired() || deadline.expired()
                  ? "the probe's time limit passed"
                  : e instanceof SocketTimeoutException
                      ? "no answer within " + config.connectTimeout().toMillis() + " ms"
                      : describe(e);
      throw new StepFailure(
          SmtpOutcome.CONNECT_FAILED,
          ProblemCode.CONNECT_FAILED,
          "Cannot connect to " + request.endpoint() + ": " + why + ".");
    }
  }

  private TlsClientProtocol handshake(OutputStream out) throws StepFailure {
    RawCaptureCrypto crypto = new RawCaptureCrypto(RANDOM, ProbeTlsClient.MAX_CHAIN_LENGTH + 1);
    ProbeTlsClient client = new ProbeTlsClient(crypto, request);
    TlsClientProtocol protocol = new TlsClientProtocol(in, out);
    in.step(step(config.handshakeTimeout()));
    long start = System.nanoTime();
    // No Miller-Rabin test of the server's RSA modulus (RsaModulusCheck: 9% of a survey's CPU);
    // RawCaptureCrypto bounds the key first.
    RsaModulusCheck.skip();
    try {
      protocol.connect(client);
      handshakeTime = since(start);
    } catch (IOException e) {
      // Keep what arrived before the failure: the chain, the alert.
      chain = crypto.received();
      alert = client.alert();
      StepFailure failure = failure("the TLS handshake", e);
      if (failure.outcome != SmtpOutcome.TIMEOUT) {
        throw new StepFailure(
            SmtpOutcome.TLS_HANDSHAKE_FAILED,
            ProblemCode.TLS_HANDSHAKE_FAILED,
            "The TLS handshake failed: "
                + alert.orElse(describe(e))
                + (chain.isEmpty() ? "." : ", after the server sent its certificate."));
      }
      throw failure;
    } finally {
      RsaModulusCheck.restore();
    }
    chain = crypto.received();
    SecurityParameters parameters = client.established().orElseThrow();
    tlsVersion = Optional.of(TlsNames.version(parameters.getNegotiatedVersion()));
    cipherSuite = Optional.of(TlsNames.cipherSuite(parameters.getCipherSuite()));
    int group = parameters.getNegotiatedGroup();
    keyExchangeGroup = group >= 0 ? Optional.of(TlsNames.group(group)) : Optional.empty();
    if (TlsNames.legacy(parameters.getNegotiatedVersion())) {
      problems.add(
          Problem.of(
              ProblemCode.TLS_LEGACY_PROTOCOL,
              request.endpoint(),
              "The server negotiated "
                  + tlsVersion.get()
                  + ", which is deprecated (RFC 8996); it should offer TLS 1.2 or 1.3."));
    }
    return protocol;
  }

  private SmtpReply command(SmtpReplyReader reader, OutputStream out, String line, String what)
      throws StepFailure {
    send(out, line, what);
    return readReply(reader, what);
  }

  private void send(OutputStream out, String line, String what) throws StepFailure {
    try {
      out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
    } catch (IOException e) {
      throw failure("sending the command for " + what, e);
    }
  }

  private SmtpReply readReply(SmtpReplyReader reader, String what) throws StepFailure {
    in.step(step(config.commandTimeout()));
    try {
      return reader.read();
    } catch (IOException e) {
      throw failure(what, e);
    }
  }

  /** QUIT and wait briefly for its reply; failures are ignored (the session is over anyway). */
  private void quitPolitely(SmtpReplyReader reader, OutputStream out) {
    if (deadline.expired()) {
      return;
    }
    try {
      out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      in.step(
          step(
              config.commandTimeout().compareTo(QUIT_TIMEOUT) < 0
                  ? config.commandTimeout()
                  : QUIT_TIMEOUT));
      reader.read();
    } catch (IOException e) {
      // impolite server; nothing to report
    }
  }

  private static final Duration DEADLINE_SLACK = Duration.ofMillis(20);

  private Deadline step(Duration timeout) {
    return Deadline.after(timeout).min(deadline);
  }

  private StepFailure failure(String what, IOException e) {
    if (deadline.cancelled()) {
      // Its callers went away (deadline, cancel, close): not a fact about the server.
      return new StepFailure(
          SmtpOutcome.TIMEOUT,
          ProblemCode.SMTP_TIMEOUT,
          "The probe was stopped while waiting for " + what + ".");
    }
    // A read timeout capped by the deadline fires a hair before it (millisecond rounding).
    if (watchdog.fired() || deadline.remaining().compareTo(DEADLINE_SLACK) <= 0) {
      return new StepFailure(
          SmtpOutcome.TIMEOUT,
          ProblemCode.SMTP_TIMEOUT,
          "The probe's time limit (the deadline) passed while waiting for " + what + ".");
    }
    if (causedBy(e, SocketTimeoutException.class)) {
      Duration timeout =
          what.contains("TLS handshake") ? config.handshakeTimeout() : config.commandTimeout();
      return new StepFailure(
          SmtpOutcome.TIMEOUT,
          ProblemCode.SMTP_TIMEOUT,
          "The server did not complete " + what + " within " + timeout.toMillis() + " ms.");
    }
    if (e instanceof TlsFatalAlertReceived || e instanceof TlsFatalAlert) {
      return new StepFailure(
          SmtpOutcome.TLS_HANDSHAKE_FAILED, ProblemCode.TLS_HANDSHAKE_FAILED, describe(e));
    }
    String message =
        e instanceof SmtpProtocolException || e instanceof EOFException
            ? e.getMessage()
            : describe(e);
    return new StepFailure(
        SmtpOutcome.PROTOCOL_ERROR,
        ProblemCode.SMTP_PROTOCOL_ERROR,
        "The server broke the SMTP protocol in " + what + ": " + message + ".");
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> extensions(SmtpReply ehlo) {
    return ehlo.lines().subList(1, ehlo.lines().size());
  }

  /** Whether an EHLO keyword is advertised (RFC 5321 4.1.1.1: keywords are case-insensitive). */
  static boolean offers(List<String> extensions, String keyword) {
    for (String line : extensions) {
      String first = line.strip().split("[ \t]", 2)[0];
      if (first.toUpperCase(Locale.ROOT).equals(keyword)) {
        return true;
      }
    }
    return false;
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** What a failed step's exception means, in the user's terms (no class names). */
  private static String describe(Throwable e) {
    if (e instanceof java.net.ConnectException) {
      return "connection refused";
    }
    if (e instanceof java.net.NoRouteToHostException) {
      return "no route to the server";
    }
    if (e instanceof EOFException) {
      return "the server closed the connection";
    }
    if (e instanceof TlsFatalAlertReceived received) {
      return "the server sent the TLS alert "
          + org.bouncycastle.tls.AlertDescription.getText(received.getAlertDescription());
    }
    if (e instanceof TlsFatalAlert alert) {
      return "the TLS client gave up with the alert "
          + org.bouncycastle.tls.AlertDescription.getText(alert.getAlertDescription())
          + " ("
          + Reasons.own(alert)
          + ")";
    }
    return Reasons.of(e);
  }

  /** Ends the dialogue with an outcome and a problem. */
  private static final class StepFailure extends Exception {
    final SmtpOutcome outcome;
    final ProblemCode code;

    StepFailure(SmtpOutcome outcome, ProblemCode code, String message) {
      super(message, null, false, false);
      this.outcome = outcome;
      this.code = code;
    }
  }
}
