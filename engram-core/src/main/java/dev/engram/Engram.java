package dev.engram;

import dev.engram.answer.Answer;
import dev.engram.answer.Answerer;
import dev.engram.answer.PromptTemplate;
import dev.engram.chat.ChatModel;
import dev.engram.common.Checks;
import dev.engram.common.Scope;
import dev.engram.context.Cl100k;
import dev.engram.context.ContextOptions;
import dev.engram.context.Context;
import dev.engram.context.ContextPipeline;
import dev.engram.context.Router;
import dev.engram.embed.Embedder;
import dev.engram.embed.EmbeddingErasure;
import dev.engram.embed.TokenCounter;
import dev.engram.index.Index;
import dev.engram.knowledge.Chunker;
import dev.engram.knowledge.IngestListener;
import dev.engram.knowledge.IngestOptions;
import dev.engram.knowledge.IngestReport;
import dev.engram.knowledge.Ingestor;
import dev.engram.knowledge.KnowledgeBases;
import dev.engram.knowledge.KnowledgeDocument;
import dev.engram.knowledge.Document;
import dev.engram.knowledge.DocumentWriter;
import dev.engram.knowledge.KnowledgeRecords;
import dev.engram.memory.Memories;
import dev.engram.memory.extract.RuleExtractor;
import dev.engram.memory.llm.LlmMemory;
import dev.engram.retrieval.Fusion;
import dev.engram.retrieval.Retriever;
import dev.engram.retrieval.SearchHit;
import dev.engram.retrieval.SearchRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The entry point: knowledge (ingest, search, documents) and memory (remember, recall, manage),
 * blended into contexts and answers. Every call takes a {@link Scope}: its tenant, and for
 * knowledge its knowledge bases, for memory its user or agent. No call reads across tenants.
 *
 * <pre>{@code
 * try (Engram engram = Engram.open(Path.of("engram-data"))) {
 *   Scope acme = Scope.ofTenant("acme");
 *   engram.ingest(acme, List.of(Path.of("docs")), IngestOptions.defaults(), IngestListener.NONE);
 *   engram.search(acme, SearchRequest.of("how do I reset my password", 5)).forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>Thread-safe: one instance serves any number of threads at once (ingest, search, remember,
 * recall, erase, answer). Writes that belong together are one index batch; extraction, LLM calls
 * and embedding run outside any lock. Build one with {@link #builder()}, or {@link #open(Path)}
 * for the defaults.
 */
public final class Engram implements AutoCloseable {
  private final Index index;
  private final Embedder embedder;
  private final Settings settings;
  private final Clock clock;
  private final Ingestor ingestor;
  private final DocumentWriter documentWriter;
  private final Retriever retriever;
  private final KnowledgeBases knowledge;
  private final Memories memories;
  private final Optional<LlmMemory> llmMemory;
  private final Optional<ChatModel> chat;
  private final ContextPipeline contexts;
  private final Answerer answerer;
  private final Router router;
  private final Cl100k cl100k = new Cl100k();
  private final boolean readOnly;
  private final List<AutoCloseable> owned;
  private boolean closed;

  Engram(Index index, Embedder embedder, TokenCounter tokens, int windowTokens, Settings settings,
      Clock clock, Optional<ChatModel> chat, List<AutoCloseable> owned, boolean readOnly) {
    this.index = index;
    this.embedder = embedder;
    this.settings = settings;
    this.clock = clock;
    this.owned = List.copyOf(owned);
    Chunker chunker = new Chunker(tokens, settings.chunkTokens(), settings.overlapTokens(), windowTokens);
    this.ingestor = new Ingestor(index, embedder, chunker, clock);
    this.documentWriter = new DocumentWriter(index, embedder, chunker, clock);
    this.retriever = new Retriever(index.collection(KnowledgeRecords.CHUNKS), embedder,
        settings.fusion());
    this.knowledge = new KnowledgeBases(index);
    // With a model, extraction and consolidation are LLM-backed; a bad reply falls back to the
    // rules, counted and logged, so no fact is lost.
    this.llmMemory = chat.filter(model -> settings.llmMemory())
        .map(model -> LlmMemory.of(model, clock.getZone()));
    // Users' words are embedded without being written to the cache file: erase leaves no hash.
    Embedder words = embedder instanceof EmbeddingErasure cache ? cache.transientView() : embedder;
    this.memories = llmMemory.map(llm -> new Memories(index, words, clock, llm.extractor(),
            llm.consolidator(), settings.recall()))
        .orElseGet(() -> new Memories(index, words, clock, new RuleExtractor(clock.getZone()),
            new dev.engram.memory.consolidate.RuleConsolidator(), settings.recall()));
    this.chat = chat;
    this.readOnly = readOnly;
    this.router = new Router(embedder);
    this.contexts = new ContextPipeline(router, retriever, memories, cl100k, settings.context());
    this.answerer = answererOver(contexts);
  }

  /** The answerer the settings say, over {@code pipeline}. */
  private Answerer answererOver(ContextPipeline pipeline) {
    Answerer answers = chat
        .map(m -> Answerer.generating(pipeline, memories, m, PromptTemplate.defaults(), cl100k, embedder))
        .orElseGet(() -> Answerer.extractive(pipeline, memories, PromptTemplate.defaults(), cl100k, embedder));
    if (!settings.rememberAnswers()) {
      answers = answers.withoutRememberingAnswers();
    }
    // Read-only, an answer cannot remember its turn: it says so with no remembered ids.
    return readOnly ? answers.withoutRemembering() : answers;
  }

  /** The settings' pipeline with another token budget (cheap: it shares the router, retriever, memories). */
  private ContextPipeline pipeline(int budgetTokens) {
    Checks.atLeast(budgetTokens, 1, "budgetTokens");
    return new ContextPipeline(router, retriever, memories, cl100k,
        settings.context().withMaxTokens(budgetTokens));
  }

  /**
   * The context for {@code question} within {@code budgetTokens} (cl100k) instead of the
   * settings' budget: a caller that knows its model's window asks for what fits.
   */
  public Context context(Scope scope, String question, int budgetTokens) {
    return pipeline(budgetTokens).context(scope, question);
  }

  /**
   * The context for {@code question} with other options than the settings' (budget, passages,
   * memories, recent turns): the OpenAI proxy leaves out the recent turns a client sends itself.
   */
  public Context context(Scope scope, String question, ContextOptions options) {
    return new ContextPipeline(router, retriever, memories, cl100k, Checks.notNull(options, "options"))
        .context(scope, question);
  }

  /** The cl100k_base counter that context budgets are counted in. */
  public Cl100k tokenCounter() {
    return cl100k;
  }

  /** The {@link #answerer()} with contexts of {@code budgetTokens} instead of the settings' budget. */
  public Answerer answerer(int budgetTokens) {
    return answererOver(pipeline(budgetTokens));
  }

  /** A builder: data directory, index, embedder, chat model, clock and settings. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Opens (or creates) the data directory with the defaults: Lucene in {@code dataDir/index},
   * the in-jar bge-small embedder, no chat model.
   */
  public static Engram open(Path dataDir) {
    return builder().dataDirectory(dataDir).build();
  }

  /**
   * Ingests files and folders into the one knowledge base of {@code scope}, in its tenant; see
   * {@link Ingestor}.
   */
  public IngestReport ingest(Scope scope, List<Path> paths, IngestOptions options,
      IngestListener listener) {
    return ingestor.ingest(scope, paths, options, listener);
  }

  /**
   * Adds or replaces documents given whole, each with its own id, title and source, in the one
   * knowledge base of {@code scope}: chunked and embedded as ingest does, in one write batch; a
   * document whose content is unchanged is reported so and not written. See {@link DocumentWriter}.
   */
  public List<DocumentWriter.Written> addDocuments(Scope scope, List<Document> documents) {
    return documentWriter.write(Checks.notNull(scope, "scope"), List.copyOf(documents));
  }

  /** Searches the knowledge bases of {@code scope}, in its tenant only. */
  public List<SearchHit> search(Scope scope, SearchRequest request) {
    return retriever.search(scope, request);
  }

  /**
   * Searches the knowledge bases of {@code scope} with another fusion than the settings' (for
   * evaluation and comparison).
   */
  public List<SearchHit> search(Scope scope, SearchRequest request, Fusion fusion) {
    return new Retriever(index.collection(KnowledgeRecords.CHUNKS), embedder, fusion)
        .search(scope, request);
  }

  /**
   * Deletes a document of the knowledge base of {@code scope} and its chunks; the next ingest of
   * its file adds it again.
   *
   * @throws dev.engram.common.InvalidInputException ENGRAM-404 when there is no such document
   */
  public void deleteDocument(Scope scope, String documentId) {
    knowledge.deleteDocument(Checks.notNull(scope, "scope"), documentId);
  }

  /**
   * Deletes the documents of the knowledge base of {@code scope} whose metadata has all these
   * values (exact matches, as search filters), and returns them.
   *
   * @throws dev.engram.common.InvalidInputException ENGRAM-952 when {@code metadata} is empty
   */
  public List<KnowledgeDocument> deleteDocuments(Scope scope, java.util.Map<String, String> metadata) {
    return knowledge.deleteMatching(Checks.notNull(scope, "scope"), metadata);
  }

  /** Deletes the documents of the knowledge base of {@code scope} that came from a file or folder. */
  public int deleteSource(Scope scope, Path path) {
    return knowledge.deleteSource(Checks.notNull(scope, "scope"), path);
  }

  /** The documents of the knowledge bases of {@code scope}, by knowledge base then id, at most {@code limit}. */
  public List<KnowledgeDocument> documents(Scope scope, int limit) {
    return knowledge.documents(scope, limit);
  }

  /** Long-term memory: remember, recall, list, edit, forget, erase; on the same index. */
  public Memories memories() {
    return memories;
  }

  /**
   * The context for {@code question} asked by the owner of {@code scope}: route, passages of the
   * scope's knowledge bases, memories, and (when the scope names a session) the session summary
   * and recent turns, within the token budget, with numbered citations. For applications that
   * bring their own LLM.
   */
  public Context context(Scope scope, String question) {
    return contexts.context(Checks.notNull(scope, "scope"), question);
  }

  /**
   * Answers {@code question} for the owner of {@code scope} from its knowledge bases and memory,
   * and remembers the turn in the scope's session (else the default one; not when opened
   * read-only). Generated by the chat model when one is configured, else extractive ({@link
   * Answer#generated()}).
   */
  public Answer answer(Scope scope, String question) {
    return answerer.answer(Checks.notNull(scope, "scope"), question);
  }

  /** The answerer, for streaming answers or another prompt template. */
  public Answerer answerer() {
    return answerer;
  }

  /** The LLM-backed memory and its fallback counts, when memory uses the chat model. */
  public Optional<LlmMemory> llmMemory() {
    return llmMemory;
  }

  /** The chat model answers are generated with; empty when generation is off. */
  public Optional<ChatModel> chatModel() {
    return chat;
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

  /**
   * Closes the index, embedder and chat model this instance opened (not those handed to the
   * builder), all of them even when one fails; the first failure is thrown.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    Closer.closeAll(owned);
  }

  /**
   * Configures and opens an {@link Engram}. Every part has a default: Lucene in the data
   * directory's {@code index} folder ({@code lucene:DIR/index}), the in-jar bge-small embedder
   * with an embedding cache in the data directory, no chat model, the system clock (UTC), {@link
   * Settings#defaults()}. The data directory is needed unless both the index and the embedder
   * are given. The instance closes everything it holds, given or opened, when it is closed.
   */
  public static final class Builder {
    private Optional<Path> dataDirectory = Optional.empty();
    private Optional<String> indexUri = Optional.empty();
    private Optional<Index> index = Optional.empty();
    private java.util.Map<String, String> indexOptions = java.util.Map.of();
    private Optional<Embedder> embedder = Optional.empty();
    private Optional<TokenCounter> tokens = Optional.empty();
    private Optional<ChatModel> chat = Optional.empty();
    private Clock clock = Clock.systemUTC();
    private Settings settings = Settings.defaults();
    private boolean readOnly;

    private Builder() {}

    /** Where the index (by default), the embedding cache and other files live. */
    public Builder dataDirectory(Path dir) {
      this.dataDirectory = Optional.of(Checks.notNull(dir, "dataDirectory"));
      return this;
    }

    /** The index by URI: {@code lucene:PATH}, {@code opensearch://host:9200}; the scheme picks the backend. */
    public Builder index(String uri) {
      this.indexUri = Optional.of(Checks.notBlank(uri, "uri"));
      this.index = Optional.empty();
      return this;
    }

    /** Backend options passed with the index URI (credentials, CA file, tuning). */
    public Builder indexOptions(java.util.Map<String, String> options) {
      this.indexOptions = java.util.Map.copyOf(Checks.notNull(options, "options"));
      return this;
    }

    /** An index already open (an in-memory one in tests, a configured backend). */
    public Builder index(Index opened) {
      this.index = Optional.of(Checks.notNull(opened, "index"));
      this.indexUri = Optional.empty();
      return this;
    }

    /** The embedder (default: bge-small-en-v1.5 in-process, cached in the data directory). */
    public Builder embedder(Embedder e) {
      this.embedder = Optional.of(Checks.notNull(e, "embedder"));
      return this;
    }

    /** How chunk sizes are counted (default: the default embedder's tokenizer, else cl100k). */
    public Builder tokenCounter(TokenCounter counter) {
      this.tokens = Optional.of(Checks.notNull(counter, "tokenCounter"));
      return this;
    }

    /** A chat model: answers are generated, and memory is LLM-backed when the settings say so. */
    public Builder chatModel(ChatModel model) {
      this.chat = Optional.of(Checks.notNull(model, "chatModel"));
      return this;
    }

    /** The clock for ingest and memory times (fixed in tests). */
    public Builder clock(Clock c) {
      this.clock = Checks.notNull(c, "clock");
      return this;
    }

    /** Chunking, fusion, recall weights and context budgets. */
    public Builder settings(Settings s) {
      this.settings = Checks.notNull(s, "settings");
      return this;
    }

    /**
     * Opens the index for reading only: no write lock, so it works while another process writes
     * (and sees what that process has committed); every write fails with ENGRAM-503.
     */
    public Builder readOnly(boolean ro) {
      this.readOnly = ro;
      return this;
    }

    /**
     * Opens everything; on a failure, closes what was opened so far.
     *
     * @throws dev.engram.common.StorageException when the index cannot be opened (held by
     *     another writer, another embedding model)
     * @throws dev.engram.common.EngramException ENGRAM-001 when no backend serves the URI
     */
    public Engram build() {
      List<AutoCloseable> opened = new java.util.ArrayList<>();
      chat.ifPresent(opened::add);
      try {
        Components parts = Components.open(this, opened);
        Engram engram = new Engram(parts.index(), parts.embedder(), parts.tokens(),
            parts.windowTokens(), settings, clock, chat, opened, readOnly);
        if (!readOnly) {
          engram.knowledge.upgradeLegacy();
        }
        return engram;
      } catch (RuntimeException e) {
        try {
          Closer.closeAll(opened);
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    }

    Optional<Path> dataDirectory() {
      return dataDirectory;
    }

    Optional<String> indexUri() {
      return indexUri;
    }

    Optional<Index> givenIndex() {
      return index;
    }

    java.util.Map<String, String> indexOptions() {
      return indexOptions;
    }

    Optional<Embedder> givenEmbedder() {
      return embedder;
    }

    Optional<TokenCounter> givenTokens() {
      return tokens;
    }

    boolean isReadOnly() {
      return readOnly;
    }
  }
}
