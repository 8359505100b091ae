package dev.engram.cli;

import dev.engram.common.Scope;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The knowledge-scope mixin of commands that write (ingest, delete): {@code --tenant} and exactly
 * one {@code --kb}.
 */
final class KnowledgeTargetOptions {
  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  @Option(names = "--tenant", paramLabel = "T", description = MemoryScopeOptions.TENANT_HELP)
  String tenant = Scope.DEFAULT_TENANT;

  private String knowledgeBase = Scope.DEFAULT_KB;

  @Option(names = "--kb", paramLabel = "NAME",
      description = "Knowledge base to write to; one (default: " + Scope.DEFAULT_KB + ").")
  void knowledgeBase(String name) {
    if (name != null && name.contains(",")) {
      throw new ParameterException(mixee.commandLine(), "--kb '" + name + "': " + mixee.name()
          + " writes to one knowledge base; give one name");
    }
    knowledgeBase = name == null ? Scope.DEFAULT_KB : name.strip();
  }

  Scope scope() {
    return Scope.ofTenant(tenant).withKnowledgeBase(knowledgeBase);
  }

  String knowledgeBase() {
    return knowledgeBase;
  }
}
