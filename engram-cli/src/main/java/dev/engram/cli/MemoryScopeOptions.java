package dev.engram.cli;

import dev.engram.common.Scope;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The memory-scope mixin: whose memory a command reads or writes. {@code --tenant}, the owner
 * ({@code --user}, with or without {@code --agent}; or {@code --agent} alone for an agent's own
 * memories) and {@code --session}. A command without an owner fails with a hint to pass one.
 */
final class MemoryScopeOptions {
  static final String TENANT_HELP = "Tenant (default: ${DEFAULT-VALUE}).";

  @Option(names = "--tenant", paramLabel = "T", description = TENANT_HELP)
  String tenant = Scope.DEFAULT_TENANT;

  @Option(names = "--user", paramLabel = "U", description = "The user whose memory this is.")
  String user;

  @Option(names = "--agent", paramLabel = "A",
      description = "The agent, when memory is kept per agent (alone: the agent's own memories).")
  String agent;

  @Option(names = "--session", paramLabel = "S", description = "The conversation session.")
  String session;

  Scope scope() {
    return new Scope(tenant, Optional.ofNullable(user), Optional.ofNullable(agent), Optional.ofNullable(session));
  }

  /** Who owns the memory, for messages: {@code user ann}, {@code agent bot}, or {@code user ann with agent bot}. */
  String owner() {
    if (user == null) {
      return agent == null ? "nobody" : "agent " + agent;
    }
    return "user " + user + (agent == null ? "" : " with agent " + agent);
  }
}
