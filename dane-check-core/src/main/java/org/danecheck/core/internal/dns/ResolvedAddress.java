package org.danecheck.core.internal.dns;

import java.net.InetAddress;
import java.util.Objects;
import org.danecheck.DnssecStatus;

/**
 * One address of an MX host, with the DNSSEC status of the RRset it came from.
 *
 * @param address the address
 * @param status SECURE or INSECURE (addresses of failed or bogus lookups are not kept)
 */
public record ResolvedAddress(InetAddress address, DnssecStatus status) {
  /** Checks for nulls. */
  public ResolvedAddress {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(status, "status");
  }
}
