package dev.engram.common;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whose data a call reads or writes: a tenant (default {@value #DEFAULT_TENANT}), any of user,
 * agent and session for memory, and the knowledge bases of the tenant that knowledge calls use
 * (default {@value #DEFAULT_KB}). Every read and write carries a scope and never leaves it; the
 * tenant is always checked first, so two tenants with the same user ids, document names or
 * knowledge base names never see each other's data.
 *
 * <p>Memory belongs to an owner: a user (with or without an agent) or an agent alone. An agent's
 * own memories are those with no user: a scope that names only an agent never sees its users'.
 *
 * @param knowledgeBases the knowledge bases searched (one or more); ingest and delete need exactly
 *     one
 */
public record Scope(
    String tenant, Optional<String> user, Optional<String> agent, Optional<String> session,
    List<String> knowledgeBases) {

  /** The tenant used when none is given. */
  public static final String DEFAULT_TENANT = "default";
  /** The knowledge base used when none is given. */
  public static final String DEFAULT_KB = "default";

  private static final Pattern ID = Pattern.compile("[\\p{L}\\p{N}._:@+\\-]{1,128}");

  public Scope {
    check("tenant", Checks.notNull(tenant, "tenant"));
    Checks.notNull(user, "user").ifPresent(v -> check("user", v));
    Checks.notNull(agent, "agent").ifPresent(v -> check("agent", v));
    Checks.notNull(session, "session").ifPresent(v -> check("session", v));
    knowledgeBases = List.copyOf(Checks.notNull(knowledgeBases, "knowledgeBases"));
    if (knowledgeBases.isEmpty()) {
      throw new InvalidInputException("ENGRAM-300", "a scope needs at least one knowledge base");
    }
    knowledgeBases.forEach(kb -> check("knowledge base", kb));
  }

  /** A scope in the default knowledge base. */
  public Scope(String tenant, Optional<String> user, Optional<String> agent, Optional<String> session) {
    this(tenant, user, agent, session, List.of(DEFAULT_KB));
  }

  /** The scope of a tenant as a whole: its knowledge, no memory owner. */
  public static Scope ofTenant(String tenant) {
    return new Scope(tenant, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** The scope of one user in the default tenant. */
  public static Scope ofUser(String user) {
    return new Scope(DEFAULT_TENANT, Optional.of(user), Optional.empty(), Optional.empty());
  }

  /** The scope of one agent's own memories in a tenant (no user). */
  public static Scope ofAgent(String tenant, String agent) {
    return new Scope(tenant, Optional.empty(), Optional.of(agent), Optional.empty());
  }

  /** This scope in another tenant. */
  public Scope inTenant(String newTenant) {
    return new Scope(newTenant, user, agent, session, knowledgeBases);
  }

  /** This scope with a user. */
  public Scope withUser(String newUser) {
    return new Scope(tenant, Optional.of(newUser), agent, session, knowledgeBases);
  }

  /** This scope with an agent. */
  public Scope withAgent(String newAgent) {
    return new Scope(tenant, user, Optional.of(newAgent), session, knowledgeBases);
  }

  /** This scope with a session. */
  public Scope withSession(String newSession) {
    return new Scope(tenant, user, agent, Optional.of(newSession), knowledgeBases);
  }

  /** This scope without its session: the long-term owner of memories. */
  public Scope withoutSession() {
    return new Scope(tenant, user, agent, Optional.empty(), knowledgeBases);
  }

  /** This scope reading (or writing) these knowledge bases of its tenant. */
  public Scope withKnowledgeBases(List<String> newKnowledgeBases) {
    return new Scope(tenant, user, agent, session, newKnowledgeBases);
  }

  /** This scope with one knowledge base. */
  public Scope withKnowledgeBase(String kb) {
    return withKnowledgeBases(List.of(kb));
  }

  /**
   * The one knowledge base a write goes to.
   *
   * @throws InvalidInputException ENGRAM-311 when the scope names several
   */
  public String requireOneKnowledgeBase(String operation) {
    if (knowledgeBases.size() != 1) {
      throw new InvalidInputException("ENGRAM-311", operation
          + " writes to one knowledge base, but the scope names " + knowledgeBases.size()
          + " (" + String.join(", ", knowledgeBases) + "): name one");
    }
    return knowledgeBases.getFirst();
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
                "ENGRAM-301", operation + " needs a user in the scope: name the user"));
  }

  /**
   * Checks that the scope names an owner (a user or an agent), as every memory read or write needs.
   *
   * @throws InvalidInputException ENGRAM-301 when the scope has neither
   */
  public Scope requireOwner(String operation) {
    if (user.isEmpty() && agent.isEmpty()) {
      throw new InvalidInputException(
          "ENGRAM-301", operation + " needs a user or an agent in the scope: name the user (or the agent)");
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
    if (!knowledgeBases.equals(List.of(DEFAULT_KB))) {
      s.append(" kb=").append(String.join(",", knowledgeBases));
    }
    return s.toString();
  }
}
