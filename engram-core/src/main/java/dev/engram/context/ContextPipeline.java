package dev.engram.context;

import dev.engram.common.Alongside;
import dev.engram.common.Checks;
import dev.engram.embed.TokenCounter;
import dev.engram.memory.model.Episode;
import dev.engram.memory.Memories;
import dev.engram.memory.model.Memory;
import dev.engram.memory.model.RecallQuery;
import dev.engram.memory.model.RecalledMemory;
import dev.engram.common.Scope;
import dev.engram.retrieval.Retriever;
import dev.engram.retrieval.SearchHit;
import dev.engram.retrieval.SearchRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds the context of a question: route it, search the scope's knowledge bases (when the route
 * needs them), find the owner's closest consolidated memories and recall memories and messages,
 * read the session summary and the latest turns, and fit it all into the budget. Memory is read
 * only through {@link Memories}, so its scope rules hold here too. Thread-safe.
 */
public final class ContextPipeline {
  private final QueryRouter router;
  private final Retriever retriever;
  private final Memories memories;
  private final ContextOptions options;
  private final ContextAssembler assembler;
  private final DistilledMemories distilled;
  /** Whether knowledge is searched alongside the memory reads; off only to test that it changes nothing. */
  private final boolean alongside;

  public ContextPipeline(QueryRouter router, Retriever retriever, Memories memories,
      TokenCounter tokens, ContextOptions options) {
    this(router, retriever, memories, tokens, options, true);
  }

  ContextPipeline(QueryRouter router, Retriever retriever, Memories memories,
      TokenCounter tokens, ContextOptions options, boolean alongside) {
    this.alongside = alongside;
    this.router = Checks.notNull(router, "router");
    this.retriever = Checks.notNull(retriever, "retriever");
    this.memories = Checks.notNull(memories, "memories");
    this.options = Checks.notNull(options, "options");
    this.assembler = new ContextAssembler(tokens, options.maxTokens());
    this.distilled = new DistilledMemories(memories);
  }

  /**
   * The context for {@code question} asked by the owner of {@code scope}; its session, when it
   * has one, supplies the summary and the recent turns.
   */
  public Context context(Scope scope, String question) {
    RouteDecision route = router.route(SearchRequest.of(question, 1).query());
    return assembler.assemble(question, route, gather(scope, question, route.route()));
  }

  /**
   * The knowledge search and the owner's memory reads are independent given the route, so when
   * both are needed the search runs on a virtual thread while this thread reads memory (the router
   * has already embedded the question, so both find its vector cached). The result is the same as
   * reading one after the other.
   */
  private Material gather(Scope scope, String question, Route route) {
    boolean searches = route.needsKnowledge() && options.passages() > 0;
    if (scope.user().isEmpty() && scope.agent().isEmpty()) {
      return new Material(searches ? search(scope, question) : List.of(), List.of(),
          Optional.empty(), List.of());
    }
    if (!searches) {
      return recollect(scope, question).with(List.of());
    }
    if (!alongside) {
      List<SearchHit> passages = search(scope, question);
      return recollect(scope, question).with(passages);
    }
    return Alongside.run("engram-context-search", () -> search(scope, question),
        () -> recollect(scope, question), (passages, recollection) -> recollection.with(passages));
  }

  private List<SearchHit> search(Scope scope, String question) {
    return retriever.search(scope, SearchRequest.of(question, options.passages()));
  }

  /** What the owner's memory holds for the question: recalled memories, summary, recent turns. */
  private Recollection recollect(Scope scope, String question) {
    List<RecalledMemory> recalled = new ArrayList<>();
    if (options.memories() > 0) {
      Scope owner = scope.withoutSession();
      recalled.addAll(distilled.find(owner, question, Math.max(1, options.memories() / 2)));
      Set<String> ids = recalled.stream().map(RecalledMemory::id).collect(Collectors.toSet());
      memories.recall(RecallQuery.of(owner, question).withK(options.memories())).stream()
          .filter(r -> !ids.contains(r.id()))
          .forEach(recalled::add);
    }
    Optional<Memory> summary = scope.session().flatMap(s -> memories.summary(scope));
    return new Recollection(recalled, summary, recentTurns(scope));
  }

  private record Recollection(List<RecalledMemory> recalled, Optional<Memory> summary,
      List<Episode> recentTurns) {
    Material with(List<SearchHit> passages) {
      return new Material(passages, recalled, summary, recentTurns);
    }
  }

  /** The latest turns of the session, newest first. */
  private List<Episode> recentTurns(Scope scope) {
    return memories.recentTurns(scope, options.recentTurns());
  }
}
