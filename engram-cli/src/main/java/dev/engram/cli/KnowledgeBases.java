package dev.engram.cli;

import dev.engram.common.Scope;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The knowledge bases a reading command uses: {@code --kb NAME}, repeatable ({@code --kb a --kb b}
 * or {@code --kb a,b}), default {@value Scope#DEFAULT_KB}. A mixin of its own so that commands
 * with a memory scope (ask, chat) can read several knowledge bases of the same tenant.
 */
final class KnowledgeBases {
  @Option(names = "--kb", paramLabel = "NAME", split = ",", defaultValue = Scope.DEFAULT_KB,
      description = "Knowledge base to read; repeatable, or a comma-separated list (default: ${DEFAULT-VALUE}).")
  List<String> names;

  /** The knowledge bases named, each once, in the order given. */
  List<String> names() {
    return names.stream().map(String::strip).distinct().toList();
  }

  /** {@code scope} reading these knowledge bases. */
  Scope applyTo(Scope scope) {
    return scope.withKnowledgeBases(names());
  }
}
