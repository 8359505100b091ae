package dev.engram.server.api;

import dev.engram.common.Scope;
import dev.engram.memory.Memories;
import dev.engram.memory.model.Episode;
import dev.engram.server.ServerEngine;
import dev.engram.server.http.Access;
import dev.engram.server.http.ApiException;
import dev.engram.server.http.Call;
import dev.engram.server.http.ErrorCodes;
import dev.engram.server.http.Reply;
import dev.engram.server.http.Route;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A session's message log over HTTP: read back its latest turns, and forget the session. The
 * session is named by its id and its owner ({@code user_id}, or {@code agent_id} alone), in the
 * key's tenant only: a session id of another tenant, or of another user, reads as a session with
 * no messages and forgets nothing.
 *
 * <p>Forgetting a session ({@link Memories#erase} of the session's scope) deletes, in one write,
 * its messages, its summary, the memories first remembered in it and their history. Memories of
 * other sessions stay as they are: one the session updated keeps its current text (it belongs to
 * the session it was first remembered in), and one the session superseded stays closed (history,
 * not current): forgetting what was said does not bring back what it replaced.
 */
public final class SessionsApi {
  /** The most turns one read returns: more than any chat window an adapter keeps. */
  static final int MAX_MESSAGES = 1_000;

  private final Memories memories;

  public SessionsApi(ServerEngine engine) {
    this.memories = engine.engram().memories();
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/v1/sessions/{session_id}/messages", Access.TENANT, this::messages),
        Route.delete("/v1/sessions/{session_id}", Access.TENANT, this::forget));
  }

  /** One message of a session, as it was logged. */
  public record SessionMessage(String id, String role, String speaker, String content,
      Instant createdAt, long sequence, String origin) {
    static SessionMessage of(Episode e) {
      return new SessionMessage(e.id(), e.role(), e.speaker(), e.text(), e.eventTime(),
          e.sequence(), e.origin().name().toLowerCase(Locale.ROOT));
    }
  }

  /** The latest messages of a session, oldest first, and how many the session holds. */
  public record SessionMessages(String sessionId, List<SessionMessage> results, int total) {}

  private Reply messages(Call call) {
    Scope session = session(call);
    int limit = call.intQuery("limit", 50, 1, MAX_MESSAGES);
    List<SessionMessage> latest = memories.recentTurns(session, limit).reversed().stream()
        .map(SessionMessage::of).toList();
    return Reply.ok(new SessionMessages(session.session().orElseThrow(), latest,
        memories.messageCount(session)));
  }

  /** What forgetting a session removed: a count per kind of record. */
  public record ForgottenSession(String sessionId, Optional<String> userId,
      Map<String, Integer> erased) {}

  private Reply forget(Call call) {
    Scope session = session(call);
    if (session.user().isEmpty()) { // erase is per user: an agent's own sessions have none
      throw new ApiException(400, ErrorCodes.MISSING_FIELD,
          "query parameter 'user_id' is required to forget a session", Optional.of("user_id"));
    }
    return Reply.ok(new ForgottenSession(session.session().orElseThrow(), session.user(),
        memories.erase(session)));
  }

  /** The session of the path, owned by the query's user (or agent), in the key's tenant. */
  private static Scope session(Call call) {
    String id = call.path("session_id").strip();
    if (id.isEmpty()) {
      throw Call.badParameter("session_id", "must not be blank");
    }
    return Owners.scope(call.tenant(), call.query("user_id"), call.query("agent_id"), Optional.of(id));
  }
}
