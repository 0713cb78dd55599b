/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.check;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.danecheck.TlsaProfile;
import org.danecheck.core.internal.pkix.PkixTrust;

/**
 * The checker's settings that judging a session needs: the TLSA profile, the PKIX trust for the
 * Trusted/Untrusted levels (and, under the generic profile, PKIX-TA/EE records), and the clock.
 *
 * @param profile which rules govern TLSA usages 0 and 1
 * @param pkixTrust the CAs of the PKIX classification
 * @param pkixAnchorsDer the same CAs as DER that the matcher can use, for PKIX usages under {@link
 *     TlsaProfile#GENERIC}; empty under {@link TlsaProfile#SMTP}
 * @param clock the clock for validity periods
 */
public record SessionContext(
    TlsaProfile profile, PkixTrust pkixTrust, List<byte[]> pkixAnchorsDer, Clock clock) {
  /** Copies the list and checks for nulls. */
  public SessionContext {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(pkixTrust, "pkixTrust");
    pkixAnchorsDer = List.copyOf(pkixAnchorsDer);
    Objects.requireNonNull(clock, "clock");
  }

  /**
   * Whether PKIX trust anchors exist for PKIX-TA/EE records: the one flag the policy and the
   * matcher share.
   */
  public boolean pkixTrustAnchors() {
    return !pkixAnchorsDer.isEmpty();
  }
}
