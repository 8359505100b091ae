package dev.engram.cli;

import dev.engram.common.Scope;
import picocli.CommandLine.Option;

/** The scope options of memory commands: tenant, user, agent, session. */
final class ScopeOptions {
  @Option(names = "--tenant", paramLabel = "T", description = "Tenant (default: ${DEFAULT-VALUE}).")
  String tenant = Scope.DEFAULT_TENANT;

  @Option(names = "--user", paramLabel = "U", required = true, description = "The user whose memory this is.")
  String user;

  @Option(names = "--agent", paramLabel = "A", description = "The agent, when memory is kept per agent.")
  String agent;

  @Option(names = "--session", paramLabel = "S", description = "The conversation session.")
  String session;

  Scope scope() {
    Scope scope = Scope.ofUser(user).inTenant(tenant);
    if (agent != null) {
      scope = scope.withAgent(agent);
    }
    if (session != null) {
      scope = scope.withSession(session);
    }
    return scope;
  }
}
