package dev.engram.memory.model;

import dev.engram.common.Scope;
import dev.engram.common.Checks;
import java.time.Instant;

/**
 * One message kept verbatim in the episode log.
 *
 * @param id the stable message id (provenance of memories points here)
 * @param scope the scope it was remembered in, with its session
 * @param role user, assistant, system or tool
 * @param speaker the speaker's name
 * @param text the message, verbatim
 * @param eventTime when it was said
 * @param ingestTime when it was stored
 * @param sequence its 0-based position in its session
 */
public record Episode(
    String id,
    Scope scope,
    String role,
    String speaker,
    String text,
    Instant eventTime,
    Instant ingestTime,
    long sequence) {

  public Episode {
    Checks.notBlank(id, "id");
    Checks.notNull(scope, "scope");
    Checks.notBlank(role, "role");
    Checks.notBlank(speaker, "speaker");
    Checks.notNull(text, "text");
    Checks.notNull(eventTime, "eventTime");
    Checks.notNull(ingestTime, "ingestTime");
  }
}
