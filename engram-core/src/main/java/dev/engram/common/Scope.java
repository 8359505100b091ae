package dev.engram.common;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who a memory belongs to: a tenant (default {@value #DEFAULT_TENANT}) and any of user, agent and
 * session. Every read and write carries a scope and never leaves it; the tenant is always checked
 * first, so two tenants with the same user id never see each other's data.
 */
public record Scope(
    String tenant, Optional<String> user, Optional<String> agent, Optional<String> session) {

  /** The tenant used when none is given. */
  public static final String DEFAULT_TENANT = "default";

  private static final Pattern ID = Pattern.compile("[\\p{L}\\p{N}._:@+\\-]{1,128}");

  public Scope {
    check("tenant", Checks.notNull(tenant, "tenant"));
    Checks.notNull(user, "user").ifPresent(v -> check("user", v));
    Checks.notNull(agent, "agent").ifPresent(v -> check("agent", v));
    Checks.notNull(session, "session").ifPresent(v -> check("session", v));
  }

  /** The scope of one user in the default tenant. */
  public static Scope ofUser(String user) {
    return new Scope(DEFAULT_TENANT, Optional.of(user), Optional.empty(), Optional.empty());
  }

  /** This scope in another tenant. */
  public Scope inTenant(String newTenant) {
    return new Scope(newTenant, user, agent, session);
  }

  /** This scope with a user. */
  public Scope withUser(String newUser) {
    return new Scope(tenant, Optional.of(newUser), agent, session);
  }

  /** This scope with an agent. */
  public Scope withAgent(String newAgent) {
    return new Scope(tenant, user, Optional.of(newAgent), session);
  }

  /** This scope with a session. */
  public Scope withSession(String newSession) {
    return new Scope(tenant, user, agent, Optional.of(newSession));
  }

  /** This scope without its session: the long-term owner of memories. */
  public Scope withoutSession() {
    return new Scope(tenant, user, agent, Optional.empty());
  }

  /**
   * The user, or an error naming the operation when the scope has none.
   *
   * @throws InvalidInputException ENGRAM-301 when the scope has no user
   */
  public String requireUser(String operation) {
    return user.orElseThrow(
        () ->
            new InvalidInputException(
                "ENGRAM-301", operation + " needs a user in the scope: pass a user id (--user U)"));
  }

  /**
   * Checks that the scope names an owner (a user or an agent), as every memory read or write needs.
   *
   * @throws InvalidInputException ENGRAM-301 when the scope has neither
   */
  public Scope requireOwner(String operation) {
    if (user.isEmpty() && agent.isEmpty()) {
      throw new InvalidInputException(
          "ENGRAM-301", operation + " needs a user or an agent in the scope: pass --user U");
    }
    return this;
  }

  private static void check(String part, String value) {
    if (!ID.matcher(value).matches()) {
      throw new InvalidInputException(
          "ENGRAM-300",
          part
              + " id '"
              + value
              + "' is invalid: use 1-128 letters, digits or . _ : @ + -");
    }
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("tenant=").append(tenant);
    user.ifPresent(v -> s.append(" user=").append(v));
    agent.ifPresent(v -> s.append(" agent=").append(v));
    session.ifPresent(v -> s.append(" session=").append(v));
    return s.toString();
  }
}
