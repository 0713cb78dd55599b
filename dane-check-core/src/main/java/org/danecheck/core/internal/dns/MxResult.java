package org.danecheck.core.internal.dns;

import java.util.List;
import java.util.Objects;
import org.danecheck.LookupStatus;
import org.danecheck.MxSource;
import org.danecheck.Problem;

/**
 * The MX step of RFC 7672 2.1.
 *
 * @param source where the host list came from
 * @param lookup the MX lookup
 * @param hosts the hosts by preference (then name), at most {@link MailDns#MAX_MX_HOSTS}; empty for
 *     a null MX, a missing domain or a failed lookup; the domain itself for an implicit MX
 * @param problems findings (failure, bogus, insecure, null or implicit MX, limit)
 */
public record MxResult(
    MxSource source, LookupStatus lookup, List<MxHost> hosts, List<Problem> problems) {
  /** Copies the lists and checks for nulls. */
  public MxResult {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(lookup, "lookup");
    hosts = List.copyOf(hosts);
    problems = List.copyOf(problems);
  }
}
