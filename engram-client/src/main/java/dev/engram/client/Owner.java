package dev.engram.client;

/**
 * Whose memory a call reads or writes: a user (with or without an agent), or an agent alone, and
 * optionally a session. An empty string means "not given". The tenant is never named: it is the
 * API key's.
 */
public record Owner(String userId, String agentId, String sessionId) {
  public Owner {
    Checks.notNull(userId, "userId");
    Checks.notNull(agentId, "agentId");
    Checks.notNull(sessionId, "sessionId");
    if (userId.isBlank() && agentId.isBlank()) {
      throw new IllegalArgumentException("an owner needs a user id or an agent id");
    }
  }

  public static Owner user(String userId) {
    return new Owner(Checks.notBlank(userId, "userId"), "", "");
  }

  public static Owner agent(String agentId) {
    return new Owner("", Checks.notBlank(agentId, "agentId"), "");
  }

  public Owner withAgent(String agent) {
    return new Owner(userId, agent, sessionId);
  }

  public Owner withSession(String session) {
    return new Owner(userId, agentId, session);
  }
}
