package dev.engram.server.api;

import dev.engram.Engram;
import dev.engram.context.Cl100k;
import dev.engram.context.ContextOptions;
import dev.engram.context.ContextPipeline;
import dev.engram.context.Router;
import dev.engram.knowledge.KnowledgeRecords;
import dev.engram.retrieval.Retriever;
import dev.engram.server.ServerEngine;

/**
 * Context pipelines of the server's engine with a budget of the request's own: the blend routes
 * and the OpenAI proxy assemble their contexts here. Budgets are cl100k_base tokens, counted by
 * one shared counter. Thread-safe.
 */
public final class Contexts {
  private final Engram engram;
  private final Router router;
  private final Retriever retriever;
  /** Made on first use: loading the encoding takes about a second. */
  private volatile Cl100k cl100k;

  public Contexts(ServerEngine engine) {
    this.engram = engine.engram();
    this.router = new Router(engine.embedder());
    this.retriever = new Retriever(engine.index().collection(KnowledgeRecords.CHUNKS),
        engine.embedder(), engram.settings().fusion());
  }

  /** The engine's context options (budget, passages, memories, recent turns). */
  public ContextOptions defaults() {
    return engram.settings().context();
  }

  /** A pipeline with these options (cheap: no model is loaded). */
  public ContextPipeline pipeline(ContextOptions options) {
    return new ContextPipeline(router, retriever, engram.memories(), counter(), options);
  }

  /** The cl100k_base counter the budgets are counted in. */
  public Cl100k counter() {
    Cl100k c = cl100k;
    if (c == null) {
      synchronized (this) {
        if (cl100k == null) {
          cl100k = new Cl100k();
        }
        c = cl100k;
      }
    }
    return c;
  }
}
