package dev.engram.server.openai;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How long each phase of a proxied request took on the server, sent as a {@code Server-Timing}
 * header ({@code parse;dur=0.3, context;dur=6.1, upstream;dur=2.9}) so that a client, a browser's
 * network panel or {@code engram bench server --mix proxy=1} sees where Engram's time goes. The
 * phases are those before the reply's first byte; relaying the body comes after the header is sent.
 * Not thread-safe: one request's handler only.
 */
final class PhaseTimes {
  private record Phase(String name, long nanos) {}

  private final List<Phase> phases = new ArrayList<>(4);
  private long last;

  PhaseTimes(long startNanos) {
    this.last = startNanos;
  }

  /** Ends the phase running since the last call (or the start) and names it. */
  void lap(String name) {
    long now = System.nanoTime();
    phases.add(new Phase(name, now - last));
    last = now;
  }

  /** The {@code Server-Timing} value: each phase with its milliseconds. */
  String header() {
    return phases.stream().map(p -> String.format(Locale.ROOT, "%s;dur=%.2f", p.name(), p.nanos() / 1e6))
        .collect(Collectors.joining(", "));
  }
}
