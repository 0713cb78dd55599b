/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.interop;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.danecheck.DomainReport;
import org.danecheck.ValidationMode;
import org.danecheck.core.DaneChecker;
import org.danecheck.core.interop.InteropWorld.Scenario;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Our checker's reports on every domain of the running interop world, one checker per {@link Mode},
 * computed once for the whole test run and shared by the interop test classes (through {@link
 * Resolver}, which keeps it in JUnit's root store; JUnit closes it, and with it the checkers, at
 * the end of the run).
 */
final class WorldChecks implements AutoCloseable {
  /** How the checker validates DNSSEC. */
  enum Mode {
    /** In-process validation from the world's root DS, through Unbound as a plain recursor. */
    VALIDATING,
    /** Trusting Unbound's AD bit, as Postfix does; no trust anchor in process. */
    AD_TRUST
  }

  private final InteropWorld world;
  private final Map<Mode, DaneChecker> checkers = new EnumMap<>(Mode.class);
  private final Map<Mode, Map<String, DomainReport>> reports = new EnumMap<>(Mode.class);

  private WorldChecks(InteropWorld world) {
    this.world = world;
    requireRunning(world);
  }

  InteropWorld world() {
    return world;
  }

  /** The report on a scenario's domain; the first call per mode checks all domains at once. */
  synchronized DomainReport report(Mode mode, Scenario scenario) {
    Map<String, DomainReport> byDomain = reports.get(mode);
    if (byDomain == null) {
      DaneChecker checker = checkers.computeIfAbsent(mode, this::checker);
      Map<String, CompletableFuture<DomainReport>> futures = new LinkedHashMap<>();
      for (Scenario s : world.scenarios()) {
        futures.put(s.domain(), checker.checkAsync(s.domain()));
      }
      byDomain = new LinkedHashMap<>();
      for (Map.Entry<String, CompletableFuture<DomainReport>> e : futures.entrySet()) {
        byDomain.put(e.getKey(), e.getValue().join());
      }
      reports.put(mode, byDomain);
    }
    return byDomain.get(scenario.domain());
  }

  private DaneChecker checker(Mode mode) {
    DaneChecker.Builder builder =
        DaneChecker.builder()
            .resolvers(List.of(world.resolver()))
            .smtpPort(world.smtpPort())
            .pkixTrustPem(world.rootCa())
            .deadline(Duration.ofSeconds(45))
            .queryTimeout(Duration.ofSeconds(3))
            .connectTimeout(Duration.ofSeconds(5))
            .commandTimeout(Duration.ofSeconds(10));
    if (mode == Mode.AD_TRUST) {
      builder.validationMode(ValidationMode.AD_TRUST);
    } else {
      builder.trustAnchors(world.trustAnchor());
    }
    return builder.build();
  }

  @Override
  public synchronized void close() {
    checkers.values().forEach(DaneChecker::close);
    checkers.clear();
  }

  /** Fails, saying what to do, unless Unbound answers the world's TLD SOA with the AD bit. */
  private static void requireRunning(InteropWorld world) {
    String what =
        "the interop world's Unbound ("
            + world.resolver()
            + ") does not validate "
            + world.tld()
            + ".: is the world running? bash interop/world status; bash interop/world start";
    try {
      SimpleResolver resolver =
          new SimpleResolver(new InetSocketAddress(world.resolverAddress(), world.resolverPort()));
      resolver.setTimeout(Duration.ofSeconds(3));
      Message query =
          Message.newQuery(
              Record.newRecord(Name.fromString(world.tld() + "."), Type.SOA, DClass.IN));
      query.getHeader().setFlag(Flags.AD);
      Message answer = resolver.send(query);
      if (answer.getRcode() != Rcode.NOERROR || !answer.getHeader().getFlag(Flags.AD)) {
        throw new AssertionError(what + " (answer: " + Rcode.string(answer.getRcode()) + ")");
      }
    } catch (IOException e) {
      throw new AssertionError(what + " (" + e + ")", e);
    }
  }

  /** Resolves a {@link WorldChecks} parameter: the one of this test run. */
  static final class Resolver implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
        ExtensionContext.Namespace.create(WorldChecks.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == WorldChecks.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return context
          .getRoot()
          .getStore(NAMESPACE)
          .getOrComputeIfAbsent(
              WorldChecks.class, k -> new WorldChecks(InteropWorld.get()), WorldChecks.class);
    }
  }
}
