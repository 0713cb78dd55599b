/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.testkit.junit5;

import java.util.Objects;
import org.danecheck.testkit.DaneLab;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a {@link DaneLab} for a JUnit 5 test class (as a {@code static} field) or for each test
 * (as an instance field), and stops it afterwards.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final DaneLabExtension LAB = new DaneLabExtension(DaneLab.builder()
 *     .domain("example.test", d -> d.mx(10, "mx", h -> h.tlsa(3, 1, 1))));
 * }</pre>
 */
public final class DaneLabExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private final DaneLab.Builder builder;
  private DaneLab lab;
  private boolean perClass;

  /** An extension that starts the lab this builder describes. */
  public DaneLabExtension(DaneLab.Builder builder) {
    this.builder = Objects.requireNonNull(builder, "builder");
  }

  /**
   * The running lab.
   *
   * @throws IllegalStateException outside a test
   */
  public DaneLab lab() {
    if (lab == null) {
      throw new IllegalStateException("the lab runs only during tests");
    }
    return lab;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    lab = builder.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!perClass) {
      lab = builder.start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      stop();
    }
  }

  private void stop() {
    if (lab != null) {
      lab.close();
      lab = null;
    }
  }
}
