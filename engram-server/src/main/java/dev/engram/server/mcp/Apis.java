package dev.engram.server.mcp;

import dev.engram.common.Checks;
import dev.engram.server.ServerConfig;
import dev.engram.server.ServerEngine;
import dev.engram.server.api.BlendApi;
import dev.engram.server.api.KnowledgeApi;
import dev.engram.server.api.MemoryApi;

/**
 * The engine operations the tools call: the same objects that serve the REST routes, so that a
 * tool and its REST twin validate, scope and answer alike.
 */
public record Apis(KnowledgeApi knowledge, MemoryApi memory, BlendApi blend) {
  public Apis {
    Checks.notNull(knowledge, "knowledge");
    Checks.notNull(memory, "memory");
    Checks.notNull(blend, "blend");
  }

  /** The operations on {@code engine} alone, for stdio where no HTTP server runs. */
  public static Apis of(ServerEngine engine, ServerConfig config) {
    return new Apis(new KnowledgeApi(engine, config.dataDirectory(), config.maxUploadBytes()),
        new MemoryApi(engine), new BlendApi(engine));
  }
}
