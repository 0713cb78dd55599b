/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.danecheck.Problem;
import org.danecheck.SecurityLevel;
import org.danecheck.Severity;
import org.danecheck.TlsaRecord;
import org.danecheck.core.internal.check.PolicyLookup;
import org.danecheck.core.internal.check.SessionContext;
import org.danecheck.core.internal.policy.HostPolicy;
import org.danecheck.core.internal.policy.Rfc7672Policy;
import org.danecheck.core.internal.policy.TlsaState;

/**
 * One MX host of a {@link DomainPolicy}: what its SMTP sessions must achieve and with which
 * parameters, decided from DNS before connecting (RFC 7672 2.2, 3.2.2, 8.1, 8.2). Immutable.
 *
 * <p>Connect only to {@link #addresses()} (they were validated as the policy requires; never
 * resolve the name again with another resolver), send {@link #sni()} in the TLS handshake, and for
 * the TLS-required levels authenticate with {@link #trustManager()}, which applies {@link
 * #tlsaRecords()} and {@link #referenceIdentifiers()} with the checker's TLSA matcher.
 */
public final class MxHostPolicy {
  private final PolicyLookup.Host host;
  private final boolean mxSecure;
  private final SessionContext session;
  private final List<TlsaRecord> records;
  private final List<TlsaRecord> usable;

  private MxHostPolicy(PolicyLookup.Host host, boolean mxSecure, SessionContext session) {
    this.host = host;
    this.mxSecure = mxSecure;
    this.session = session;
    this.records =
        host.tlsa().state() == TlsaState.SECURE_RECORDS ? host.tlsa().records() : List.of();
    this.usable =
        records.stream()
            .filter(r -> Rfc7672Policy.isUsable(r, session.profile(), session.pkixTrustAnchors()))
            .toList();
  }

  static MxHostPolicy of(PolicyLookup.Host host, boolean mxSecure, SessionContext session) {
    return new MxHostPolicy(host, mxSecure, session);
  }

  /** The MX preference (lower is tried first); 0 for the implicit MX. */
  public int preference() {
    return host.mxHost().preference();
  }

  /** The MX host name as published (A-labels, lower case, no trailing dot). */
  public String name() {
    return DomainNames.relative(host.mxHost().name());
  }

  /** What the host's sessions must achieve, or why it is skipped. */
  public SecurityLevel level() {
    return host.policy().securityLevel();
  }

  /**
   * The addresses to connect to, in order: those of the address RRsets that were answered (secure
   * or insecure; RFC 7672 2.2.2). Empty for a skipped host.
   */
  public List<InetAddress> addresses() {
    return host.addresses();
  }

  /**
   * The TLSA base domain (RFC 7672 2.2.2, 2.2.3): the name whose secure TLSA records (or their
   * secure absence) decided the level; the host name when no TLSA lookup was made. No trailing dot,
   * as everywhere in the API.
   */
  public String tlsaBaseDomain() {
    return DomainNames.relative(host.tlsa().baseDomain());
  }

  /** The secure TLSA RRset of the host, usable records or not; empty when there is none. */
  public List<TlsaRecord> tlsaRecords() {
    return records;
  }

  /**
   * The records that can authenticate the host (RFC 7672 3.1; RFC 6698 4.1): DANE-TA(2) and
   * DANE-EE(3) with known selectors and matching types; non-empty exactly when the level is {@link
   * SecurityLevel#AUTHENTICATED_TLS}.
   */
  public List<TlsaRecord> usableTlsaRecords() {
    return usable;
  }

  /**
   * The name to send in SNI (RFC 7672 8.1): the TLSA base domain when TLS is required, else the
   * host name; without the trailing dot.
   */
  public String sni() {
    return host.probe().sni();
  }

  /**
   * The names a DANE-TA(2) leaf certificate must carry (RFC 7672 3.2.2): the TLSA base domain and,
   * with a secure MX RRset, the next-hop domain and its CNAME expansion; in that order, without
   * trailing dots. DANE-EE(3) ignores names (RFC 7672 3.2.1).
   */
  public Set<String> referenceIdentifiers() {
    return host.referenceIdentifiers();
  }

  /**
   * Whether anonymous (aNULL) cipher suites may be offered (RFC 7672 8.2): only when no
   * authentication is required. {@link #trustManager()}'s factories never enable them.
   */
  public boolean anonymousSuitesAllowed() {
    return host.probe().anonymous();
  }

  /**
   * Whether the MX RRset that named this host was DNSSEC-secure: a DANE match then is "Verified",
   * else "Trusted" (RFC 7672 2.2.1).
   */
  public boolean mxSecure() {
    return mxSecure;
  }

  /** The host's findings (addresses, TLSA search, TLSA records), as the full check reports them. */
  public List<Problem> problems() {
    return host.problems();
  }

  /**
   * Why the level, in one sentence: the most severe finding when the host is skipped or its TLSA
   * records are all unusable, else a description of the level.
   */
  public String reason() {
    Optional<Problem> worst =
        host.problems().stream()
            .filter(p -> p.severity() == Severity.ERROR)
            .findFirst()
            .or(() -> host.problems().stream().findFirst());
    return switch (level()) {
      case AUTHENTICATED_TLS ->
          "DANE: TLS authenticated by "
              + usable.size()
              + " usable TLSA record"
              + (usable.size() == 1 ? "" : "s")
              + " at "
              + tlsaBaseDomain();
      case UNAUTHENTICATED_TLS ->
          worst
              .map(Problem::message)
              .orElse("every TLSA record is unusable: TLS without" + " authentication");
      case OPPORTUNISTIC -> worst.map(Problem::message).orElse("no DANE: opportunistic TLS");
      case SKIP_TLSA_LOOKUP_FAILED, SKIP_ADDRESS_LOOKUP_FAILED, SKIP_NO_ADDRESSES ->
          worst.map(Problem::message).orElse("skipped");
    };
  }

  /**
   * A trust manager that enforces this host's policy in a JSSE handshake, with factories for
   * sockets, contexts and parameters; make one per connection attempt.
   *
   * @throws IllegalArgumentException when the host is skipped: an MTA must not connect to it
   */
  public DaneTrustManager trustManager() {
    return DaneTrustManager.forHost(this);
  }

  PolicyLookup.Host lookupHost() {
    return host;
  }

  HostPolicy hostPolicy() {
    return host.policy();
  }

  SessionContext session() {
    return session;
  }

  @Override
  public String toString() {
    return "MxHostPolicy[" + preference() + " " + name() + " " + level() + ", sni " + sni() + "]";
  }
}
