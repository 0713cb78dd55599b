/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.danecheck.EndpointReport;
import org.danecheck.core.internal.dns.HostAddresses;
import org.danecheck.core.internal.dns.MxHost;
import org.danecheck.core.internal.policy.AddressPlan;
import org.danecheck.core.internal.policy.HostPolicy;
import org.danecheck.core.internal.policy.SessionAssessment;
import org.danecheck.core.internal.policy.TlsaResult;

/**
 * What is known so far about one MX host during a check. Written by the check's steps as they
 * finish, read when the report is assembled (possibly at the deadline, before everything is in).
 */
final class HostRun {
  final MxHost mxHost;
  private HostAddresses addresses;
  private AddressPlan addressPlan;
  private TlsaResult tlsa;
  private HostPolicy policy;
  private int expectedEndpoints = -1;

  /**
   * By their index in the host's probe plan: a report lists them in that order, not as they end.
   */
  private final Map<Integer, Endpoint> endpoints = new TreeMap<>();

  private final List<String> limitCut = new ArrayList<>();
  private boolean done;

  /** One probed endpoint: its report and what the policy made of its session. */
  record Endpoint(EndpointReport report, SessionAssessment session) {}

  HostRun(MxHost mxHost) {
    this.mxHost = mxHost;
  }

  synchronized void addresses(HostAddresses addresses, AddressPlan plan) {
    this.addresses = addresses;
    this.addressPlan = plan;
  }

  synchronized void tlsa(TlsaResult tlsa, HostPolicy policy, int expectedEndpoints) {
    this.tlsa = tlsa;
    this.policy = policy;
    this.expectedEndpoints = expectedEndpoints;
  }

  /** The endpoint probed as the host's {@code index}th planned probe. */
  synchronized void endpoint(int index, Endpoint endpoint) {
    endpoints.put(index, endpoint);
  }

  /** An endpoint not probed: the check's per-server probe limit was reached. */
  synchronized void limitCut(String endpoint) {
    limitCut.add(endpoint);
  }

  synchronized void done() {
    done = true;
  }

  /** A consistent copy of the state, for assembling the report. */
  synchronized Snapshot snapshot() {
    return new Snapshot(
        mxHost,
        addresses,
        addressPlan,
        tlsa,
        policy,
        expectedEndpoints,
        List.copyOf(endpoints.values()),
        List.copyOf(limitCut),
        done);
  }

  /** A consistent copy of a host's state; null fields are steps that did not finish. */
  record Snapshot(
      MxHost mxHost,
      HostAddresses addresses,
      AddressPlan addressPlan,
      TlsaResult tlsa,
      HostPolicy policy,
      int expectedEndpoints,
      List<Endpoint> endpoints,
      List<String> limitCut,
      boolean done) {}
}
