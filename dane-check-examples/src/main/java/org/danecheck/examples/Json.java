package org.danecheck.examples;

import org.danecheck.TlsaMatchResult;
import org.danecheck.TlsaRecordEvaluation;

/** A small hand-written JSON serializer for match results (no JSON library needed). */
final class Json {
  private Json() {}

  static String of(TlsaMatchResult r) {
    StringBuilder s = new StringBuilder("{");
    field(s, "outcome", r.outcome().name()).append(',');
    s.append("\"authenticated\":").append(r.authenticated()).append(',');
    if (r.matchedRecord().isPresent()) {
      field(s, "matchedRecord", r.matchedRecord().get().toString()).append(',');
    }
    if (r.matchedDepth().isPresent()) {
      s.append("\"matchedDepth\":").append(r.matchedDepth().getAsInt()).append(',');
    }
    if (r.matchedName().isPresent()) {
      field(s, "matchedName", r.matchedName().get()).append(',');
    }
    field(s, "message", r.message()).append(",\"records\":[");
    boolean first = true;
    for (TlsaRecordEvaluation e : r.evaluations()) {
      if (!first) {
        s.append(',');
      }
      first = false;
      s.append('{');
      field(s, "record", e.record().toString()).append(',');
      field(s, "status", e.status().name()).append(',');
      if (e.depth().isPresent()) {
        s.append("\"depth\":").append(e.depth().getAsInt()).append(',');
      }
      field(s, "reason", e.reason()).append('}');
    }
    return s.append("]}").toString();
  }

  private static StringBuilder field(StringBuilder s, String name, String value) {
    return s.append(quote(name)).append(':').append(quote(value));
  }

  static String quote(String v) {
    StringBuilder s = new StringBuilder("\"");
    for (char c : v.toCharArray()) {
      switch (c) {
        case '"':
          s.append("\\\"");
          break;
        case '\\':
          s.append("\\\\");
          break;
        case '\n':
          s.append("\\n");
          break;
        case '\r':
          s.append("\\r");
          break;
        case '\t':
          s.append("\\t");
          break;
        default:
          if (c < 0x20) {
            s.append(String.format("\\u%04x", (int) c));
          } else {
            s.append(c);
          }
      }
    }
    return s.append('"').toString();
  }
}
