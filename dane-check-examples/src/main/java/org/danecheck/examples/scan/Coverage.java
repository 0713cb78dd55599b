/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one scan covered, carried in its summary so that {@code merge} can refuse to count a domain
 * twice: the input (its name and content digest), the shard, when it ran and with which options.
 *
 * @param input the input's file name, or {@code lab:N:SEED} for a synthetic lab
 * @param inputSha256 the SHA-256 of the input file (empty for standard input or a lab)
 * @param shard the shard, 1-based
 * @param shards the number of shards
 * @param started when the scan started (ISO 8601)
 * @param finished when its summary was written (ISO 8601)
 * @param parameters the options that shape the figures, as given
 */
record Coverage(
    String input,
    String inputSha256,
    int shard,
    int shards,
    String started,
    String finished,
    String parameters) {

  /** The input file's SHA-256, hex; empty when it is not a regular file. */
  static String sha256(Path file) {
    if (file == null || file.toString().equals("-") || !Files.isRegularFile(file)) {
      return "";
    }
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException | NoSuchAlgorithmException e) {
      return "";
    }
  }

  /** Whether both scans read the same input (same digest, or the same name without one). */
  boolean sameInput(Coverage other) {
    return !inputSha256.isEmpty() || !other.inputSha256.isEmpty()
        ? inputSha256.equals(other.inputSha256)
        : input.equals(other.input);
  }

  /**
   * Why this scan and another may have checked the same domains, if they may: the same input, and
   * the same shard or shard counts that do not tell disjoint parts apart.
   */
  Optional<String> overlap(Coverage other) {
    if (!sameInput(other)) {
      return Optional.empty();
    }
    if (shards == other.shards && shard != other.shard) {
      return Optional.empty(); // disjoint shards of the same input
    }
    return Optional.of(
        shards == other.shards
            ? "both cover shard " + shard + "/" + shards + " of " + input
            : "shards "
                + shard
                + "/"
                + shards
                + " and "
                + other.shard
                + "/"
                + other.shards
                + " of "
                + input
                + " overlap (different shard counts)");
  }

  /** Writes this into a JSON object. */
  void write(ObjectNode w) {
    w.put("input", input)
        .put("inputSha256", inputSha256)
        .put("shard", shard)
        .put("shards", shards)
        .put("started", started)
        .put("finished", finished)
        .put("parameters", parameters);
  }

  /** Read from a summary's JSON. */
  static Coverage of(JsonNode o) {
    ScanJson.object(o);
    int shards = (int) ScanJson.count(o.get("shards"), Integer.MAX_VALUE);
    int shard = (int) ScanJson.count(o.get("shard"), Integer.MAX_VALUE);
    if (shards < 1 || shard < 1 || shard > shards) {
      throw new IllegalArgumentException("a coverage with shard " + shard + "/" + shards);
    }
    return new Coverage(
        text(o, "input"),
        text(o, "inputSha256"),
        shard,
        shards,
        text(o, "started"),
        text(o, "finished"),
        text(o, "parameters"));
  }

  private static String text(JsonNode o, String name) {
    String v = ScanJson.string(o, name);
    return v == null ? "" : v;
  }

  static List<Coverage> listOf(JsonNode json) {
    return ScanJson.array(json).stream().map(Coverage::of).toList();
  }
}
