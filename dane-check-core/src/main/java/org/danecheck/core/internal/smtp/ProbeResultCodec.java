/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.smtp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.danecheck.CertificateAlgorithm;
import org.danecheck.PeerCertificate;
import org.danecheck.PkixStatus;
import org.danecheck.Problem;
import org.danecheck.ProblemCode;
import org.danecheck.Severity;
import org.danecheck.SmtpOutcome;

/**
 * A {@link ProbeResult} as bytes and back, for checks made apart from their probes (a distributed
 * scan ships probe results from the task that probed a server to the tasks that evaluate its
 * domains). Every field is kept, so a check evaluated from decoded results reports what it would
 * have reported from the probes themselves. Decoding is bounded: a corrupt or hostile record fails
 * with {@link IllegalArgumentException}, never with an unbounded allocation.
 */
public final class ProbeResultCodec {
  private static final int MAGIC = 0x44435052; // "DCPR"
  private static final int VERSION = 1;
  private static final int MAX_LIST = 4096;
  private static final int MAX_BYTES = 1 << 24;

  private ProbeResultCodec() {}

  public static byte[] encode(ProbeResult r) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      ProbeRequest q = r.request();
      out.writeUTF(q.hostName());
      writeBytes(out, q.address().getAddress());
      out.writeInt(q.port());
      out.writeUTF(q.sni());
      out.writeUTF(q.algorithm().name());
      out.writeBoolean(q.offerAnonymous());
      out.writeUTF(r.outcome().name());
      ProbeTimings t = r.timings();
      for (Optional<Duration> d :
          List.of(t.connect(), t.greeting(), t.ehlo(), t.starttls(), t.handshake())) {
        out.writeLong(d.map(Duration::toNanos).orElse(-1L));
      }
      out.writeLong(t.total().toNanos());
      writeString(out, r.greeting());
      writeStrings(out, r.ehloExtensions());
      out.writeBoolean(r.starttlsOffered());
      writeString(out, r.starttlsReply());
      writeStrings(out, r.tlsEhloExtensions());
      writeOptional(out, r.tlsVersion());
      writeOptional(out, r.cipherSuite());
      writeOptional(out, r.keyExchangeGroup());
      out.writeInt(r.certificates().size());
      for (PeerCertificate c : r.certificates()) {
        out.writeInt(c.depth());
        writeBytes(out, c.der());
        writeString(out, c.subject());
        writeString(out, c.issuer());
        writeStrings(out, c.dnsNames());
        writeInstant(out, c.notBefore());
        writeInstant(out, c.notAfter());
        writeString(out, c.keyAlgorithm());
        out.writeInt(c.keySize());
        writeString(out, c.sha256());
        writeString(out, c.spkiSha256());
        writeOptional(out, c.parseError());
      }
      out.writeUTF(r.pkix().name());
      writeString(out, r.pkixReason());
      writeOptional(out, r.alert());
      writeString(out, r.detail());
      out.writeInt(r.problems().size());
      for (Problem p : r.problems()) {
        out.writeUTF(p.code().name());
        out.writeUTF(p.severity().name());
        writeString(out, p.subject());
        writeString(out, p.message());
      }
      out.writeBoolean(r.cut());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return bytes.toByteArray();
  }

  /**
   * @throws IllegalArgumentException when the bytes are not an encoded result
   */
  public static ProbeResult decode(byte[] encoded) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
      if (in.readInt() != MAGIC || in.readInt() != VERSION) {
        throw new IllegalArgumentException("not a probe record (or another version)");
      }
      ProbeRequest request =
          new ProbeRequest(
              in.readUTF(),
              InetAddress.getByAddress(readBytes(in)),
              in.readInt(),
              in.readUTF(),
              CertificateAlgorithm.valueOf(in.readUTF()),
              in.readBoolean());
      SmtpOutcome outcome = SmtpOutcome.valueOf(in.readUTF());
      List<Optional<Duration>> steps = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        long n = in.readLong();
        steps.add(n < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(n)));
      }
      ProbeTimings timings =
          new ProbeTimings(
              steps.get(0),
              steps.get(1),
              steps.get(2),
              steps.get(3),
              steps.get(4),
              Duration.ofNanos(in.readLong()));
      String greeting = readString(in);
      List<String> ehlo = readStrings(in);
      boolean starttls = in.readBoolean();
      String starttlsReply = readString(in);
      List<String> tlsEhlo = readStrings(in);
      Optional<String> tlsVersion = readOptional(in);
      Optional<String> cipher = readOptional(in);
      Optional<String> group = readOptional(in);
      int certificateCount = count(in);
      List<PeerCertificate> certificates = new ArrayList<>();
      for (int i = 0; i < certificateCount; i++) {
        certificates.add(
            new PeerCertificate(
                in.readInt(),
                readBytes(in),
                readString(in),
                readString(in),
                readStrings(in),
                readInstant(in),
                readInstant(in),
                readString(in),
                in.readInt(),
                readString(in),
                readString(in),
                readOptional(in)));
      }
      PkixStatus pkix = PkixStatus.valueOf(in.readUTF());
      String pkixReason = readString(in);
      Optional<String> alert = readOptional(in);
      String detail = readString(in);
      int problemCount = count(in);
      List<Problem> problems = new ArrayList<>();
      for (int i = 0; i < problemCount; i++) {
        problems.add(
            new Problem(
                ProblemCode.valueOf(in.readUTF()),
                Severity.valueOf(in.readUTF()),
                readString(in),
                readString(in)));
      }
      boolean cut = in.readBoolean();
      if (in.read() != -1) {
        throw new IllegalArgumentException("trailing bytes after a probe record");
      }
      return new ProbeResult(
          request,
          outcome,
          timings,
          greeting,
          ehlo,
          starttls,
          starttlsReply,
          tlsEhlo,
          tlsVersion,
          cipher,
          group,
          certificates,
          pkix,
          pkixReason,
          alert,
          detail,
          problems,
          cut);
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalArgumentException("malformed probe record: " + e.getMessage(), e);
    }
  }

  private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > MAX_BYTES || n > in.available()) {
      throw new IllegalArgumentException("bad length in a probe record: " + n);
    }
    return in.readNBytes(n);
  }

  // writeUTF is limited to 64 KiB; greetings and messages from hostile servers may be longer.
  private static void writeString(DataOutputStream out, String s) throws IOException {
    writeBytes(out, s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String readString(DataInputStream in) throws IOException {
    return new String(readBytes(in), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static void writeStrings(DataOutputStream out, List<String> list) throws IOException {
    out.writeInt(list.size());
    for (String s : list) {
      writeString(out, s);
    }
  }

  private static List<String> readStrings(DataInputStream in) throws IOException {
    int n = count(in);
    List<String> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(readString(in));
    }
    return list;
  }

  private static void writeOptional(DataOutputStream out, Optional<String> s) throws IOException {
    out.writeBoolean(s.isPresent());
    if (s.isPresent()) {
      writeString(out, s.get());
    }
  }

  private static Optional<String> readOptional(DataInputStream in) throws IOException {
    return in.readBoolean() ? Optional.of(readString(in)) : Optional.empty();
  }

  private static void writeInstant(DataOutputStream out, Optional<Instant> i) throws IOException {
    out.writeBoolean(i.isPresent());
    if (i.isPresent()) {
      out.writeLong(i.get().getEpochSecond());
      out.writeInt(i.get().getNano());
    }
  }

  private static Optional<Instant> readInstant(DataInputStream in) throws IOException {
    return in.readBoolean()
        ? Optional.of(Instant.ofEpochSecond(in.readLong(), in.readInt()))
        : Optional.empty();
  }

  private static int count(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > MAX_LIST) {
      throw new IllegalArgumentException("bad count in a probe record: " + n);
    }
    return n;
  }
}
