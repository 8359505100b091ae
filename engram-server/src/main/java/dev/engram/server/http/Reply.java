package dev.engram.server.http;

import java.util.Optional;

/**
 * What a handler answers: a status and a body written as JSON, or nothing when the handler wrote
 * the response itself (a stream of server-sent events).
 */
public record Reply(int status, Optional<Object> body) {
  public static Reply ok(Object body) {
    return new Reply(200, Optional.of(body));
  }

  public static Reply created(Object body) {
    return new Reply(201, Optional.of(body));
  }

  /** The handler has written the response. */
  public static Reply written() {
    return new Reply(200, Optional.empty());
  }
}
