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
 * @param origin said in a conversation, or a question put to Engram and its answer ({@link
 *     Message#origin()})
 */
public record Episode(
    String id,
    Scope scope,
    String role,
    String speaker,
    String text,
    Instant eventTime,
    Instant ingestTime,
    long sequence,
    Origin origin) {

  public Episode {
    Checks.notBlank(id, "id");
    Checks.notNull(scope, "scope");
    Checks.notBlank(role, "role");
    Checks.notBlank(speaker, "speaker");
    Checks.notNull(text, "text");
    Checks.notNull(eventTime, "eventTime");
    Checks.notNull(ingestTime, "ingestTime");
    Checks.notNull(origin, "origin");
  }

  /** A message said in a conversation. */
  public Episode(String id, Scope scope, String role, String speaker, String text,
      Instant eventTime, Instant ingestTime, long sequence) {
    this(id, scope, role, speaker, text, eventTime, ingestTime, sequence, Origin.CONVERSATION);
  }

  /** This episode with another text (a forgotten part taken out), all else kept. */
  public Episode withText(String newText) {
    return new Episode(id, scope, role, speaker, newText, eventTime, ingestTime, sequence, origin);
  }
}
