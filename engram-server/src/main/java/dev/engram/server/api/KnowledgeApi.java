package dev.engram.server.api;

import dev.engram.common.InvalidInputException;
import dev.engram.common.Scope;
import dev.engram.index.Collection;
import dev.engram.index.Filter;
import dev.engram.index.IndexRecord;
import dev.engram.knowledge.Document;
import dev.engram.knowledge.DocumentWriter;
import dev.engram.knowledge.KnowledgeDocument;
import dev.engram.knowledge.KnowledgeRecords;
import dev.engram.retrieval.SearchHit;
import dev.engram.retrieval.SearchMode;
import dev.engram.retrieval.SearchRequest;
import dev.engram.server.ServerEngine;
import dev.engram.server.http.Access;
import dev.engram.server.http.ApiException;
import dev.engram.server.http.Call;
import dev.engram.server.http.ErrorCodes;
import dev.engram.server.http.Reply;
import dev.engram.server.http.Route;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.security.SecureRandom;

/**
 * Knowledge over HTTP: add documents (JSON text or a file upload), list them, read one with its
 * chunks, delete one, and search. Every call works in the key's tenant; a document id of another
 * tenant is not found, exactly as an id that does not exist.
 */
public final class KnowledgeApi {
  /** Most hits one search returns: a page of results, not an export. */
  static final int MAX_TOP_K = 100;
  static final int MAX_PAGE_SIZE = 100;
  private static final int MAX_CHUNKS = 1_000_000;

  private final ServerEngine engine;
  private final Uploads uploads;
  private final Collection documents;
  private final Collection chunks;
  private final SecureRandom random = new SecureRandom();

  public KnowledgeApi(ServerEngine engine, Path dataDir, long maxUploadBytes) {
    this.engine = engine;
    this.uploads = new Uploads(dataDir.resolve("server").resolve("uploads"), maxUploadBytes);
    this.documents = engine.index().collection(KnowledgeRecords.DOCUMENTS);
    this.chunks = engine.index().collection(KnowledgeRecords.CHUNKS);
  }

  public List<Route> routes() {
    return List.of(
        Route.post("/v1/documents", Access.TENANT, this::add).withUploads(),
        Route.get("/v1/documents", Access.TENANT, this::list),
        Route.get("/v1/documents/{id}", Access.TENANT, this::get),
        Route.delete("/v1/documents/{id}", Access.TENANT, this::delete),
        Route.post("/v1/search", Access.TENANT, this::search));
  }

  /** A document posted as text: the body of {@code POST /v1/documents} and of MCP's {@code add_document}. */
  public record AddDocument(Optional<String> id, Optional<String> text, Optional<String> title,
      Optional<String> source, Optional<String> kb, Optional<Map<String, Object>> metadata) {}

  /** What adding did to each document. */
  public record Added(List<DocumentWriter.Written> documents) {}

  private Reply add(Call call) {
    if (call.isMultipart()) {
      return upload(call);
    }
    return Reply.created(add(call.tenant(), call.body(AddDocument.class)));
  }

  /** Adds the document {@code req} gives to the tenant's knowledge base, chunked and embedded. */
  public Added add(String tenant, AddDocument req) {
    String text = Call.required(req.text(), "text");
    if (text.isBlank()) {
      throw new InvalidInputException("ENGRAM-202", "field 'text' is empty: give the document's text");
    }
    Scope scope = Scope.ofTenant(tenant).withKnowledgeBase(req.kb().orElse(Scope.DEFAULT_KB));
    String kb = scope.knowledgeBases().getFirst();
    String source = req.source().orElse("");
    String id = req.id().map(DocumentIds::check)
        .orElseGet(() -> source.isBlank() ? randomId() : DocumentIds.of(kb, source));
    String body = text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
    Document doc = new Document(id, source, req.title().orElse(""), "text/plain", body, List.of(),
        List.of(), Metadata.of(req.metadata()));
    return new Added(engine.engram().addDocuments(scope, List.of(doc)));
  }

  private Reply upload(Call call) {
    Uploads.Upload up = uploads.read(call);
    Scope scope = scope(call, up.field("kb"));
    String kb = scope.knowledgeBases().getFirst();
    String source = up.field("source").orElse(up.filename());
    String id = up.field("id").map(DocumentIds::check).orElseGet(() -> DocumentIds.of(kb, source));
    List<Document> docs = up.parse(id, source, Metadata.parse(up.field("metadata")));
    Optional<String> title = up.field("title");
    List<Document> titled = title.isEmpty() ? docs : docs.stream().map(d -> new Document(d.id(),
        d.source(), title.get(), d.mediaType(), d.text(), d.sections(), d.pages(), d.metadata()))
        .toList();
    return Reply.created(new Added(engine.engram().addDocuments(scope, titled)));
  }

  record DocumentView(String id, String kb, String title, String source, String mediaType,
      int chunkCount, Instant ingestedAt) {
    static DocumentView of(KnowledgeDocument d) {
      return new DocumentView(d.id(), d.knowledgeBase(), d.title(), d.source(), d.mediaType(),
          d.chunks(), d.ingestedAt());
    }

    static DocumentView of(IndexRecord r) {
      return new DocumentView(r.keyword(KnowledgeRecords.DOC).orElse(r.id()),
          r.keyword(KnowledgeRecords.KB).orElse(Scope.DEFAULT_KB),
          r.keyword(KnowledgeRecords.TITLE).orElse(""), r.keyword(KnowledgeRecords.SOURCE).orElse(""),
          r.keyword(KnowledgeRecords.MEDIA_TYPE).orElse(""),
          r.longValue(KnowledgeRecords.CHUNK_COUNT).orElse(0L).intValue(),
          Instant.ofEpochMilli(r.longValue(KnowledgeRecords.INGESTED_AT).orElse(0L)));
    }
  }

  record Page<T>(List<T> results, int page, int pageSize, int total) {}

  private Reply list(Call call) {
    Scope scope = scope(call, call.query("kb"));
    int page = call.intQuery("page", 1, 1, 1_000_000);
    int size = call.intQuery("page_size", 20, 1, MAX_PAGE_SIZE);
    // The engine lists by knowledge base and id, so the first page * size hold the page wanted.
    List<DocumentView> upTo = engine.engram().documents(scope, (int) Math.min(Integer.MAX_VALUE,
        (long) page * size)).stream().map(DocumentView::of).toList();
    List<DocumentView> slice = upTo.subList(Math.min(upTo.size(), (page - 1) * size), upTo.size());
    return Reply.ok(new Page<>(slice, page, size, documents.count(KnowledgeRecords.filter(scope))));
  }

  record ChunkView(String id, int ordinal, String text, int start, int end, List<String> section,
      int page) {}

  /**
   * @param text the extracted text, rebuilt from the chunks at their offsets (the engine keeps no
   *     other copy); the whitespace the chunker trimmed between two chunks comes back as line
   *     breaks, so every chunk's {@code [start, end)} still points at its own text
   */
  record DocumentWithChunks(String id, String kb, String title, String source, String mediaType,
      int chunkCount, Instant ingestedAt, List<ChunkView> chunks, String text) {}

  static String textOf(List<ChunkView> chunks) {
    int length = chunks.stream().mapToInt(ChunkView::end).max().orElse(0);
    char[] text = new char[length];
    java.util.Arrays.fill(text, '\n');
    for (ChunkView c : chunks) {
      if (c.end() - c.start() == c.text().length()) {
        c.text().getChars(0, c.text().length(), text, c.start());
      }
    }
    return new String(text);
  }

  private Reply get(Call call) {
    Scope scope = scope(call, call.query("kb"));
    String id = call.path("id");
    IndexRecord r = documents.get(KnowledgeRecords.key(scope, id)).orElseThrow(() -> unknown(id, scope));
    DocumentView d = DocumentView.of(r);
    List<ChunkView> cs = chunks.list(KnowledgeRecords.writeFilter(scope).and(KnowledgeRecords.DOC, id),
            MAX_CHUNKS).stream()
        .map(KnowledgeApi::chunk).sorted(Comparator.comparingInt(ChunkView::ordinal)).toList();
    return Reply.ok(new DocumentWithChunks(d.id(), d.kb(), d.title(), d.source(), d.mediaType(),
        d.chunkCount(), d.ingestedAt(), cs, textOf(cs)));
  }

  private static ChunkView chunk(IndexRecord r) {
    int header = r.longValue(KnowledgeRecords.HEADER).orElse(0L).intValue();
    int ordinal = r.longValue(KnowledgeRecords.ORDINAL).orElse(0L).intValue();
    return new ChunkView(r.keyword(KnowledgeRecords.DOC).orElse("") + "#" + ordinal, ordinal,
        r.text().substring(Math.min(header, r.text().length())),
        r.longValue(KnowledgeRecords.START).orElse(0L).intValue(),
        r.longValue(KnowledgeRecords.END).orElse(0L).intValue(),
        r.keywordValues(KnowledgeRecords.SECTION), r.longValue(KnowledgeRecords.PAGE).orElse(0L).intValue());
  }

  record Deleted(String id, String kb, boolean deleted) {}

  private Reply delete(Call call) {
    Scope scope = scope(call, call.query("kb"));
    String id = call.path("id");
    if (documents.get(KnowledgeRecords.key(scope, id)).isEmpty()) {
      throw unknown(id, scope);
    }
    engine.engram().deleteDocument(scope, id);
    return Reply.ok(new Deleted(id, scope.knowledgeBases().getFirst(), true));
  }

  /** A knowledge search: the body of {@code POST /v1/search} and of MCP's {@code search_knowledge}. */
  public record SearchBody(Optional<String> query, Optional<Integer> topK, Optional<String> mode,
      Optional<List<String>> kb, Optional<Map<String, Object>> filters) {}

  /** The scores of one hit: each retriever's score and 1-based rank, and the fused score. */
  public record HitScores(Optional<Double> bm25, Optional<Integer> bm25Rank, Optional<Double> dense,
      Optional<Integer> denseRank, double fused) {}

  /** One search hit: the chunk, its document, its character span in it and the document's metadata. */
  public record Hit(String chunkId, String documentId, String externalId, String kb, String title, String source,
      String text, int start, int end, List<String> section, int page, HitScores scores,
      Map<String, String> metadata) {
    static Hit of(SearchHit h) {
      var s = h.scores();
      HitScores scores = new HitScores(
          s.bm25Rank() < 0 ? Optional.empty() : Optional.of(s.bm25()),
          s.bm25Rank() < 0 ? Optional.empty() : Optional.of(s.bm25Rank() + 1),
          s.denseRank() < 0 ? Optional.empty() : Optional.of(s.dense()),
          s.denseRank() < 0 ? Optional.empty() : Optional.of(s.denseRank() + 1), s.fused());
      return new Hit(h.chunkId(), h.documentId(), h.externalId(), h.knowledgeBase(), h.title(), h.source(),
          h.text(), h.start(), h.end(), h.sectionPath(), h.page(), scores, h.metadata());
    }
  }

  /** A list of results. */
  public record Results<T>(List<T> results) {}

  private Reply search(Call call) {
    return Reply.ok(search(call.tenant(), call.body(SearchBody.class)));
  }

  /** Searches the tenant's knowledge bases that {@code req} names (default: the default one). */
  public Results<Hit> search(String tenant, SearchBody req) {
    String query = Call.required(req.query(), "query");
    int k = req.topK().orElse(10);
    if (k < 1 || k > MAX_TOP_K) {
      throw ApiException.badField(ErrorCodes.BAD_FIELD, "top_k",
          "field 'top_k' must be between 1 and " + MAX_TOP_K + ", got: " + k);
    }
    SearchMode mode = req.mode().map(KnowledgeApi::mode).orElse(SearchMode.HYBRID);
    Scope scope = Scope.ofTenant(tenant)
        .withKnowledgeBases(req.kb().filter(l -> !l.isEmpty()).orElse(List.of(Scope.DEFAULT_KB)));
    Filter filter = Filter.all();
    for (Map.Entry<String, String> e : Metadata.of(req.filters()).entrySet()) {
      filter = filter.and(e.getKey(), e.getValue());
    }
    SearchRequest request = SearchRequest.of(query, k).withMode(mode).withFilter(filter);
    return new Results<>(engine.engram().search(scope, request).stream().map(Hit::of).toList());
  }

  private static SearchMode mode(String raw) {
    try {
      return SearchMode.valueOf(raw.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badField(ErrorCodes.BAD_FIELD, "mode",
          "field 'mode' must be hybrid, bm25 or dense, got: " + raw);
    }
  }

  private static Scope scope(Call call, Optional<String> kb) {
    return Scope.ofTenant(call.tenant()).withKnowledgeBase(kb.orElse(Scope.DEFAULT_KB));
  }

  private String randomId() {
    byte[] b = new byte[8];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static InvalidInputException unknown(String id, Scope scope) {
    return new InvalidInputException("ENGRAM-404", "no document with id '" + id
        + "' in knowledge base '" + scope.knowledgeBases().getFirst() + "'");
  }
}
