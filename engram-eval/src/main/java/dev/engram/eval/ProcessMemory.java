package dev.engram.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of this process as the kernel reports it (Linux only; 0 elsewhere). */
public final class ProcessMemory {
  private ProcessMemory() {}

  /** Current resident set size in MiB. */
  public static double residentMiB() {
    return field("VmRSS:");
  }

  /** Peak resident set size in MiB. */
  public static double peakResidentMiB() {
    return field("VmHWM:");
  }

  private static double field(String name) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(name)) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }
}
