package dev.engram.index;

import dev.engram.common.EngramException;

/**
 * A guarded batch was refused because another writer moved its guard key on since the batch's
 * writer read it (ENGRAM-970): nothing of the batch was stored; read again, plan again and retry.
 */
public final class WriteConflictException extends EngramException {

  public WriteConflictException(String key, Revision expected, Revision found) {
    super("ENGRAM-970", "another writer changed '" + key + "' (read at " + expected
        + ", now at " + found + "): nothing was written; read again and retry");
  }
}
