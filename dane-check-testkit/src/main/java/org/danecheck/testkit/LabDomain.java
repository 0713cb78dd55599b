/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How one lab mail domain is set up: its zone (signed by default), its MX hosts and any extra
 * records or faults. Host names without a trailing dot are relative to the domain; with one they
 * are absolute (a host in another zone, which is created signed unless declared otherwise).
 */
public final class LabDomain {
  final String name;
  boolean signed = true;
  final List<MxSpec> mx = new ArrayList<>();
  boolean nullMx;
  LabHost implicitMx;
  final List<String> records = new ArrayList<>();
  final List<LabHost.FaultSpec> faults = new ArrayList<>();
  final List<String> faultNames = new ArrayList<>();

  record MxSpec(int preference, String host, LabHost spec) {}

  LabDomain(String name) {
    this.name = name;
  }

  /** Leaves the domain's zone unsigned (an insecure delegation). */
  public LabDomain unsigned() {
    this.signed = false;
    return this;
  }

  /** An MX record to a host set up here. */
  public LabDomain mx(int preference, String host, Consumer<LabHost> spec) {
    LabHost h = new LabHost(absolute(host));
    Objects.requireNonNull(spec, "spec").accept(h);
    mx.add(new MxSpec(preference, h.name, h));
    return this;
  }

  /** An MX record to a well-behaved host without TLSA records. */
  public LabDomain mx(int preference, String host) {
    return mx(preference, host, h -> {});
  }

  /** An MX record to a host set up elsewhere in the lab (a shared mail server). */
  public LabDomain mxShared(int preference, String absoluteHost) {
    mx.add(new MxSpec(preference, absolute(absoluteHost), null));
    return this;
  }

  /** A null MX (RFC 7505): {@code 0 .}. */
  public LabDomain nullMx() {
    this.nullMx = true;
    return this;
  }

  /** No MX record: the domain itself is the mail host (RFC 5321 5.1). */
  public LabDomain implicitMx(Consumer<LabHost> spec) {
    LabHost h = new LabHost(absolute(name));
    spec.accept(h);
    this.implicitMx = h;
    return this;
  }

  /**
   * A raw record, e.g. {@code "www 300 IN A 127.0.0.1"} (owner relative to the domain, or absolute
   * with a trailing dot), such as a line of the user's zone file. TLSA records for port 25 ({@code
   * _25._tcp.mx ...}) are served at the lab's SMTP port instead.
   */
  public LabDomain record(String line) {
    records.add(line);
    return this;
  }

  /** A DNS fault for a name (relative or absolute) and type ({@code "*"} for every type). */
  public LabDomain fault(String name, String type, LabFault fault) {
    faultNames.add(absolute(name));
    faults.add(new LabHost.FaultSpec(type, fault, false));
    return this;
  }

  String absolute(String host) {
    if (host.endsWith(".")) {
      return host.toLowerCase(java.util.Locale.ROOT);
    }
    if (host.equals("@")) {
      return name;
    }
    return (host + "." + name).toLowerCase(java.util.Locale.ROOT);
  }
}
