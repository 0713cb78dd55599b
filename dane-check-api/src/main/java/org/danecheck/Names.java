/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

/**
 * The API's one rule for DNS names: they are written as people and MTAs log them, A-labels in lower
 * case, without the trailing dot of an absolute name ({@code mx.example.org}, {@code
 * _25._tcp.mx.example.org}). Every builder and factory that takes a name drops a trailing dot, so
 * the rule holds whatever form the caller has; the root stays {@code "."}.
 */
final class Names {
  private Names() {}

  static String relative(String name) {
    return name.length() > 1 && name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }
}
