package dev.engram.cli;

import dev.engram.common.Scope;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The knowledge-scope mixin of commands that read (search, documents): {@code --tenant} and one
 * or more {@code --kb}.
 */
final class KnowledgeScopeOptions {
  @Option(names = "--tenant", paramLabel = "T", description = MemoryScopeOptions.TENANT_HELP)
  String tenant = Scope.DEFAULT_TENANT;

  @Mixin KnowledgeBases knowledgeBases;

  Scope scope() {
    return knowledgeBases.applyTo(Scope.ofTenant(tenant));
  }

  List<String> knowledgeBases() {
    return knowledgeBases.names();
  }
}
