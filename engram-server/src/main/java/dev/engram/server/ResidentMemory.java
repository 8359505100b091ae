package dev.engram.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's resident memory as the kernel counts it ({@code /proc/self/status}; Linux only,
 * 0 elsewhere): what a machine's memory limit sees, heap and off-heap (mapped index files,
 * the model) together, which the JVM's own memory metrics do not show.
 */
final class ResidentMemory {
  private ResidentMemory() {}

  /** Current resident bytes ({@code VmRSS}). */
  static double bytes() {
    return field("VmRSS:");
  }

  /** Peak resident bytes since the process started ({@code VmHWM}). */
  static double peakBytes() {
    return field("VmHWM:");
  }

  private static double field(String name) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(name)) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024.0;
        }
      }
    } catch (IOException | NumberFormatException | UnsupportedOperationException e) {
      return 0;
    }
    return 0;
  }
}
