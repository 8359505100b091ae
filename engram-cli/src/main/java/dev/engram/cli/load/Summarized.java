package dev.engram.cli.load;

import java.util.List;

/**
 * An operation that measures more than its own latency (the proxy op times the upstream
 * directly too): after the run, the report prints its lines under the table.
 */
public interface Summarized {
  /**
   * What it measured in the requests that started and ended within {@code [fromNanos, toNanos]}
   * ({@link System#nanoTime()}), as lines for the report; called once, after the run, when it
   * may also stop what it started.
   */
  List<String> summary(long fromNanos, long toNanos);
}
