/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples;

/**
 * The four service states of the Monitoring Plugins interface, with their exit codes. States are
 * combined as the Monitoring Plugins' {@code max_state()} does: CRITICAL over WARNING over UNKNOWN
 * over OK, so a failure found before a timeout is still reported as a failure.
 */
enum PluginState {
  OK(0),
  WARNING(1),
  CRITICAL(2),
  UNKNOWN(3);

  private final int exitCode;

  PluginState(int exitCode) {
    this.exitCode = exitCode;
  }

  /** The plugin's exit code for this state. */
  int exitCode() {
    return exitCode;
  }

  /** The worse of two states. */
  PluginState worse(PluginState other) {
    return other.rank() > rank() ? other : this;
  }

  /** How bad the state is, for ordering: OK 0, UNKNOWN 1, WARNING 2, CRITICAL 3. */
  int rank() {
    return switch (this) {
      case OK -> 0;
      case UNKNOWN -> 1;
      case WARNING -> 2;
      case CRITICAL -> 3;
    };
  }
}
