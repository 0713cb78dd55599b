package org.danecheck.core.internal.dns;

import java.util.Objects;

/**
 * One MX host.
 *
 * @param preference the MX preference (lower is preferred)
 * @param name the host name, absolute, lower case, with a trailing dot
 */
public record MxHost(int preference, String name) {
  /** Checks the components. */
  public MxHost {
    Objects.requireNonNull(name, "name");
  }
}
