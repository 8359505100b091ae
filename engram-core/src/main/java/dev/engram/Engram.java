package dev.engram;

import dev.engram.common.InvalidInputException;
import dev.engram.common.EngramException;
import dev.engram.common.Checks;
import dev.engram.answer.Answer;
import dev.engram.answer.Answerer;
import dev.engram.answer.PromptTemplate;
import dev.engram.chat.ChatModel;
import dev.engram.context.Cl100k;
import dev.engram.context.Context;
import dev.engram.context.ContextOptions;
import dev.engram.context.ContextPipeline;
import dev.engram.context.Router;
import dev.engram.embed.CachingEmbedder;
import dev.engram.embed.Embedder;
import dev.engram.embed.EmbedderFactory;
import dev.engram.embed.TokenCounter;
import dev.engram.index.Collection;
import dev.engram.index.Filter;
import dev.engram.index.Index;
import dev.engram.index.IndexFactory;
import dev.engram.index.IndexRecord;
import dev.engram.knowledge.Chunker;
import dev.engram.knowledge.IngestListener;
import dev.engram.knowledge.IngestOptions;
import dev.engram.knowledge.IngestReport;
import dev.engram.knowledge.Ingestor;
import dev.engram.knowledge.KnowledgeDocument;
import dev.engram.knowledge.KnowledgeRecords;
import dev.engram.memory.Memories;
import dev.engram.memory.llm.LlmMemory;
import dev.engram.memory.recall.RecallWeights;
import dev.engram.common.Scope;
import dev.engram.memory.extract.RuleExtractor;
import dev.engram.retrieval.Retriever;
import dev.engram.retrieval.SearchHit;
import dev.engram.retrieval.SearchRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The entry point: one data directory holds everything Engram stores. Open it, ingest files,
 * search them; close it when done.
 *
 * <pre>{@code
 * try (Engram engram = Engram.open(Path.of("engram-data"))) {
 *   engram.ingest(List.of(Path.of("docs")), IngestOptions.defaults(), IngestListener.NONE);
 *   engram.search(SearchRequest.of("how do I reset my password", 5)).forEach(System.out::println);
 * }
 * }</pre>
 */
public final class Engram implements AutoCloseable {
  private final Index index;
  private final Embedder embedder;
  private final Settings settings;
  private final Ingestor ingestor;
  private final Retriever retriever;
  private final Clock clock;
  private final Memories memories;
  private final Optional<ChatModel> chat;
  private final ContextPipeline contexts;
  private final Answerer answerer;
  private boolean closed;

  private Engram(Index index, Embedder embedder, TokenCounter tokens, Settings settings, Clock clock,
      Optional<ChatModel> chat) {
    this.index = index;
    this.embedder = embedder;
    this.settings = settings;
    this.clock = clock;
    this.ingestor = new Ingestor(
        index.collection(KnowledgeRecords.CHUNKS), index.collection(KnowledgeRecords.DOCUMENTS),
        index.collection(KnowledgeRecords.SOURCES), embedder,
        new Chunker(tokens, settings.chunkTokens(), settings.overlapTokens()), clock);
    this.retriever = new Retriever(index.collection(KnowledgeRecords.CHUNKS), embedder, settings.fusion());
    this.memories = chat.filter(model -> settings.llmMemory()).map(model -> {
          // With a model, extraction and consolidation are LLM-backed; a bad reply falls back to
          // the rules, counted and logged, so no fact is lost.
          LlmMemory llm = LlmMemory.of(model, clock.getZone());
          return new Memories(index, embedder, clock, llm.extractor(), llm.consolidator(),
              RecallWeights.defaults());
        })
        .orElseGet(() -> new Memories(index, embedder, clock, new RuleExtractor(clock.getZone())));
    this.chat = chat;
    Cl100k cl100k = new Cl100k();
    this.contexts = new ContextPipeline(new Router(embedder), retriever, memories, index,
        embedder, clock.getZone(), cl100k, ContextOptions.defaults());
    this.answerer = new Answerer(contexts, memories, chat, PromptTemplate.defaults(), cl100k, embedder);
  }

  /** Opens (or creates) the data directory with default settings and the default backends. */
  public static Engram open(Path dataDir) {
    return open(dataDir, Settings.defaults());
  }

  /**
   * Opens (or creates) the data directory, with the index and embedder found on the class path
   * (engram-lucene and engram-models by default).
   */
  public static Engram open(Path dataDir, Settings settings) {
    return open(dataDir, settings, Optional.empty());
  }

  /**
   * Opens (or creates) the data directory with a chat model for generated answers (empty:
   * generation off, answers are extractive). The instance closes the model when it is closed.
   */
  public static Engram open(Path dataDir, Settings settings, Optional<ChatModel> chat) {
    EmbedderFactory embedders = only(EmbedderFactory.class, "engram-models");
    IndexFactory indexes = only(IndexFactory.class, "engram-lucene");
    Embedder embedder = new CachingEmbedder(embedders.create(), dataDir.resolve("embedding-cache.bin"));
    try {
      Index index = indexes.open(dataDir.resolve("index"), embedder.space());
      return new Engram(index, embedder, embedders.tokenCounter(), settings, Clock.systemUTC(), chat);
    } catch (RuntimeException e) {
      embedder.close();
      chat.ifPresent(ChatModel::close);
      throw e;
    }
  }

  private static <T> T only(Class<T> type, String module) {
    return ServiceLoader.load(type).findFirst().orElseThrow(() -> new EngramException("ENGRAM-001",
        "no " + type.getSimpleName() + " on the class path: add the " + module + " module"));
  }

  /**
   * Ingests files and folders into the one knowledge base of {@code scope}, in its tenant; see
   * {@link Ingestor}.
   */
  public IngestReport ingest(Scope scope, List<Path> paths, IngestOptions options,
      IngestListener listener) {
    Checks.notNull(scope, "scope").requireOneKnowledgeBase("ingest");
    return ingestor.ingest(paths, options, listener);
  }

  /** Searches the knowledge bases of {@code scope}, in its tenant only. */
  public List<SearchHit> search(Scope scope, SearchRequest request) {
    Checks.notNull(scope, "scope");
    return retriever.search(request);
  }

  /**
   * Deletes a document of the knowledge base of {@code scope} and its chunks.
   *
   * @throws InvalidInputException ENGRAM-404 when the knowledge base has no such document
   */
  public void deleteDocument(Scope scope, String documentId) {
    Checks.notNull(scope, "scope").requireOneKnowledgeBase("delete");
    deleteDocument(documentId);
  }

  /** Deletes the documents of the knowledge base of {@code scope} that came from a file or folder. */
  public int deleteSource(Scope scope, Path path) {
    Checks.notNull(scope, "scope").requireOneKnowledgeBase("delete");
    return deleteSource(path);
  }

  /** The documents of the knowledge bases of {@code scope}, ordered by id, at most {@code limit}. */
  public List<KnowledgeDocument> documents(Scope scope, int limit) {
    Checks.notNull(scope, "scope");
    return documents(limit).stream().map(r -> new KnowledgeDocument(r.id(), Scope.DEFAULT_KB,
        r.keyword(KnowledgeRecords.TITLE).orElse(""), r.keyword(KnowledgeRecords.SOURCE).orElse(""),
        r.keyword(KnowledgeRecords.MEDIA_TYPE).orElse(""),
        r.longValue(KnowledgeRecords.CHUNK_COUNT).orElse(0L).intValue(),
        java.time.Instant.ofEpochMilli(r.longValue(KnowledgeRecords.INGESTED_AT).orElse(0L))))
        .toList();
  }

  /**
   * The context for {@code question} asked by the owner of {@code scope}: route, passages of the
   * scope's knowledge bases, memories, and (when the scope names a session) the session summary
   * and recent turns, within the token budget, with numbered citations.
   */
  public Context context(Scope scope, String question) {
    return contexts.context(Checks.notNull(scope, "scope"), question);
  }

  /**
   * Answers {@code question} for the owner of {@code scope} from its knowledge bases and memory,
   * and remembers the turn in the scope's session (else the default one).
   */
  public Answer answer(Scope scope, String question) {
    return answerer.answer(Checks.notNull(scope, "scope"), question);
  }

  /** Ingests files and folders; see {@link Ingestor}. */
  public IngestReport ingest(List<Path> paths, IngestOptions options, IngestListener listener) {
    return ingestor.ingest(paths, options, listener);
  }

  /** Searches the knowledge collection. */
  public List<SearchHit> search(SearchRequest request) {
    return retriever.search(request);
  }

  /** Deletes a document and its chunks; the next ingest of its file adds it again. */
  public void deleteDocument(String documentId) {
    Collection documents = index.collection(KnowledgeRecords.DOCUMENTS);
    IndexRecord doc = documents.get(documentId).orElseThrow(() -> new InvalidInputException(
        "ENGRAM-404", "no document with id '" + documentId
            + "': `engram search` shows document ids, `engram documents` lists them"));
    Collection chunks = index.collection(KnowledgeRecords.CHUNKS);
    chunks.delete(Filter.eq(KnowledgeRecords.DOC, documentId));
    chunks.commit();
    documents.deleteIds(List.of(documentId));
    documents.commit();
    Collection sources = index.collection(KnowledgeRecords.SOURCES);
    doc.keyword(KnowledgeRecords.FILE).ifPresent(file -> sources.deleteIds(List.of(file)));
    sources.commit();
  }

  /**
   * Deletes every document that came from a file, or from any file under a folder. Returns how
   * many documents were deleted.
   */
  public int deleteSource(Path path) {
    String prefix = path.toAbsolutePath().normalize().toString();
    Collection sources = index.collection(KnowledgeRecords.SOURCES);
    Collection documents = index.collection(KnowledgeRecords.DOCUMENTS);
    Collection chunks = index.collection(KnowledgeRecords.CHUNKS);
    int deleted = 0;
    for (IndexRecord source : sources.list(Filter.all(), Integer.MAX_VALUE)) {
      String file = source.id();
      if (file.equals(prefix) || file.startsWith(prefix + "/")) {
        deleted += documents.count(Filter.eq(KnowledgeRecords.FILE, file));
        chunks.delete(Filter.eq(KnowledgeRecords.FILE, file));
        documents.delete(Filter.eq(KnowledgeRecords.FILE, file));
        sources.deleteIds(List.of(file));
      }
    }
    chunks.commit();
    documents.commit();
    sources.commit();
    return deleted;
  }

  /** The documents ingested so far, at most {@code limit}. */
  public List<IndexRecord> documents(int limit) {
    return index.collection(KnowledgeRecords.DOCUMENTS).list(Filter.all(), limit);
  }

  /** A retriever over the knowledge collection with another fusion, for evaluation. */
  public Retriever retriever(dev.engram.retrieval.Fusion fusion) {
    return new Retriever(index.collection(KnowledgeRecords.CHUNKS), embedder, fusion);
  }

  /** Long-term memory: remember, recall, list, edit, forget, erase; on the same index. */
  public Memories memories() {
    return memories;
  }

  /**
   * The context for {@code question} asked by the owner of {@code scope} in {@code session}:
   * route, knowledge passages, memories, session summary and recent turns within the token budget,
   * with numbered citations. For applications that bring their own LLM.
   */
  public Context context(Scope scope, String question, Optional<String> session) {
    return contexts.context(inSession(scope, session), question);
  }

  /**
   * Answers {@code question} for the owner of {@code scope} from documents and memory, and
   * remembers the turn in {@code session} (else the scope's session, else the default one).
   * Generated by the chat model when one is configured, else extractive ({@link Answer#generated()}).
   */
  public Answer answer(Scope scope, String question, Optional<String> session) {
    return answerer.answer(inSession(scope, session), question);
  }

  /** The answerer, for streaming answers or another prompt template. */
  public Answerer answerer() {
    return answerer;
  }

  /** The chat model answers are generated with; empty when generation is off. */
  public Optional<ChatModel> chatModel() {
    return chat;
  }

  private static Scope inSession(Scope scope, Optional<String> session) {
    Checks.notNull(scope, "scope");
    return Checks.notNull(session, "session").map(scope::withSession).orElse(scope);
  }

  /** The index, for the memory and context pipelines built on the same seam. */
  public Index index() {
    return index;
  }

  public Embedder embedder() {
    return embedder;
  }

  public Settings settings() {
    return settings;
  }

  public Clock clock() {
    return clock;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      index.close();
    } finally {
      try {
        embedder.close();
      } finally {
        chat.ifPresent(ChatModel::close);
      }
    }
  }
}
