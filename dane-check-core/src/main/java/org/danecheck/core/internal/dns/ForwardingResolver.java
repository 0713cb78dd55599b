/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.dns;

import java.time.Duration;
import java.util.List;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TSIG;

/**
 * A resolver that passes its settings to another; subclasses decide what {@code sendAsync} does.
 */
abstract class ForwardingResolver implements Resolver {
  final Resolver head;

  ForwardingResolver(Resolver head) {
    this.head = head;
  }

  @Override
  public void setPort(int port) {
    head.setPort(port);
  }

  @Override
  public void setTCP(boolean flag) {
    head.setTCP(flag);
  }

  @Override
  public void setIgnoreTruncation(boolean flag) {
    head.setIgnoreTruncation(flag);
  }

  @Override
  public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {
    head.setEDNS(version, payloadSize, flags, options);
  }

  @Override
  public void setTSIGKey(TSIG key) {
    head.setTSIGKey(key);
  }

  @Override
  public void setTimeout(Duration timeout) {
    head.setTimeout(timeout);
  }

  @Override
  public Duration getTimeout() {
    return head.getTimeout();
  }
}
