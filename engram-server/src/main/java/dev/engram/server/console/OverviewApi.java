package dev.engram.server.console;

import dev.engram.common.Scope;
import dev.engram.index.Collection;
import dev.engram.index.Filter;
import dev.engram.index.IndexRecord;
import dev.engram.knowledge.KnowledgeRecords;
import dev.engram.memory.model.Memory;
import dev.engram.memory.store.Fields;
import dev.engram.memory.store.MemoryLog;
import dev.engram.server.ServerEngine;
import dev.engram.server.http.Access;
import dev.engram.server.http.Call;
import dev.engram.server.http.Reply;
import dev.engram.server.http.Route;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code GET /v1/overview}: what one tenant holds (documents, chunks, users, memories, messages,
 * its knowledge bases and users), what the server runs on (embedding model, backend, generation,
 * size on disk) and the latest documents and memories. The console's first page; also a quick
 * health check of a tenant for an operator with its key.
 */
public final class OverviewApi {
  /**
   * Most records read to find the knowledge bases, users and latest items: an overview of a very
   * large tenant is then approximate (and says so with {@code truncated}) rather than slow.
   */
  static final int MAX_SCAN = 100_000;
  static final int RECENT = 8;

  private final ServerEngine engine;
  private final DiskUsage disk;
  private final Collection documents;
  private final Collection chunks;
  private final Collection memories;
  private final Collection episodes;

  public OverviewApi(ServerEngine engine, java.nio.file.Path dataDir) {
    this.engine = engine;
    this.disk = new DiskUsage(dataDir);
    this.documents = engine.index().collection(KnowledgeRecords.DOCUMENTS);
    this.chunks = engine.index().collection(KnowledgeRecords.CHUNKS);
    this.memories = engine.index().collection(Fields.MEMORIES);
    this.episodes = engine.index().collection(Fields.EPISODES);
  }

  public List<Route> routes() {
    return List.of(Route.get("/v1/overview", Access.TENANT, this::overview));
  }

  record Counts(int documents, int chunks, int users, int memories, int liveMemories,
      int messages) {}

  record Named(String name, int count) {}

  record Activity(Instant time, String kind, String id, String label, Optional<String> userId,
      Optional<String> kb) {}

  record Server(String backend, String embeddingModel, int embeddingDimension, String generation,
      long dataDirectoryBytes) {}

  record Overview(String tenant, Counts counts, List<Named> knowledgeBases, List<Named> users,
      Server server, List<Activity> recent, boolean truncated) {}

  private Reply overview(Call call) {
    String tenant = call.tenant();
    Filter ofTenant = Filter.eq(KnowledgeRecords.TENANT, tenant);
    List<IndexRecord> docs = documents.list(ofTenant, MAX_SCAN);
    List<Memory> mems = memories.list(ofTenant, MAX_SCAN).stream().map(MemoryLog::fromRecord).toList();
    Map<String, Integer> kbs = new TreeMap<>();
    docs.forEach(d -> kbs.merge(d.keyword(KnowledgeRecords.KB).orElse(Scope.DEFAULT_KB), 1, Integer::sum));
    Map<String, Integer> users = new TreeMap<>();
    mems.stream().filter(Memory::live).forEach(m -> m.scope().user().ifPresent(u -> users.merge(u, 1, Integer::sum)));
    mems.stream().filter(m -> !m.live()).forEach(m -> m.scope().user().ifPresent(u -> users.putIfAbsent(u, 0)));

    List<Activity> recent = new ArrayList<>();
    docs.forEach(d -> recent.add(new Activity(
        Instant.ofEpochMilli(d.longValue(KnowledgeRecords.INGESTED_AT).orElse(0L)), "document",
        d.keyword(KnowledgeRecords.DOC).orElse(d.id()), label(d), Optional.empty(),
        d.keyword(KnowledgeRecords.KB))));
    mems.forEach(m -> recent.add(new Activity(m.ingestTime(), m.live() ? "memory" : "superseded memory",
        m.id(), m.text(), m.scope().user(), Optional.empty())));
    recent.sort(Comparator.comparing(Activity::time).reversed());

    var space = engine.index().vectorSpace();
    Server server = new Server(backend(), space.model(), space.dimension(),
        engine.engram().chatModel().isPresent() ? "llm" : "extractive", disk.bytes());
    Counts counts = new Counts(documents.count(ofTenant), chunks.count(ofTenant), users.size(),
        memories.count(ofTenant), (int) mems.stream().filter(Memory::live).count(),
        episodes.count(ofTenant));
    return Reply.ok(new Overview(tenant, counts, named(kbs), named(users), server,
        recent.subList(0, Math.min(RECENT, recent.size())),
        docs.size() >= MAX_SCAN || mems.size() >= MAX_SCAN));
  }

  private static String label(IndexRecord d) {
    String title = d.keyword(KnowledgeRecords.TITLE).orElse("");
    return title.isBlank() ? d.keyword(KnowledgeRecords.SOURCE).orElse("") : title;
  }

  private static List<Named> named(Map<String, Integer> counts) {
    return counts.entrySet().stream().map(e -> new Named(e.getKey(), e.getValue())).toList();
  }

  /** The backend's name from its index class ({@code LuceneIndex}: lucene). */
  private String backend() {
    String name = engine.index().getClass().getSimpleName().toLowerCase(Locale.ROOT);
    return name.endsWith("index") && name.length() > 5 ? name.substring(0, name.length() - 5) : name;
  }
}
