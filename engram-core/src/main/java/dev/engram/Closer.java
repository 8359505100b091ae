package dev.engram;

import dev.engram.common.EngramException;
import java.util.List;

/** Closes several resources, all of them: the first failure is thrown, the rest are suppressed. */
final class Closer {
  private Closer() {}

  static void closeAll(List<? extends AutoCloseable> resources) {
    RuntimeException first = null;
    for (AutoCloseable r : resources.reversed()) {
      try {
        r.close();
      } catch (Exception e) {
        if (first == null) {
          first = e instanceof RuntimeException re ? re
              : new EngramException("ENGRAM-009", "cannot close " + r + ": " + e.getMessage(), e);
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
