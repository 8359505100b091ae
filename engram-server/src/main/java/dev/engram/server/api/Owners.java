package dev.engram.server.api;

import dev.engram.common.Scope;
import dev.engram.server.http.ApiException;
import dev.engram.server.http.ErrorCodes;
import java.util.Optional;

/** The memory scope of a request: the key's tenant and the user, agent and session it names. */
final class Owners {
  private Owners() {}

  /**
   * The scope; a user or an agent is required.
   *
   * @throws ApiException 400 naming {@code user_id} when neither is given
   */
  static Scope scope(String tenant, Optional<String> user, Optional<String> agent,
      Optional<String> session) {
    if (user.isEmpty() && agent.isEmpty()) {
      throw new ApiException(400, ErrorCodes.MISSING_FIELD,
          "'user_id' is required (or 'agent_id' alone for an agent's own memories)",
          Optional.of("user_id"));
    }
    return new Scope(tenant, user, agent, session);
  }
}
