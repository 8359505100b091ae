package dev.engram.embed;

import dev.engram.common.Checks;
import dev.engram.common.VectorSpace;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A deterministic embedder for tests: the vector of a text is derived from a SHA-256 hash of it
 * (the same text always gives the same unit vector, different texts nearly orthogonal ones in
 * high dimensions). A query is embedded like a document of the same text. Counts its calls, and
 * is thread-safe. Other modules use it through engram-core's test-jar.
 */
public final class FakeEmbedder implements Embedder {
  private final VectorSpace space;
  private final AtomicLong documentCalls = new AtomicLong();
  private final AtomicLong documentTexts = new AtomicLong();
  private final AtomicLong queryCalls = new AtomicLong();
  private final AtomicInteger closes = new AtomicInteger();

  /** Vectors of {@code dimension} floats, in the space of model "fake". */
  public FakeEmbedder(int dimension) {
    this("fake", dimension);
  }

  /** Vectors of {@code dimension} floats in the space of {@code model}. */
  public FakeEmbedder(String model, int dimension) {
    this.space = new VectorSpace(model, Checks.atLeast(dimension, 1, "dimension"));
  }

  /** The unit vector this embedder gives {@code text}, without counting a call. */
  public float[] vector(String text) {
    SplittableRandom random = new SplittableRandom(seed(text));
    float[] v = new float[space.dimension()];
    double norm = 0;
    while (norm == 0) {
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (random.nextDouble() * 2 - 1);
        norm += v[i] * v[i];
      }
    }
    float scale = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < v.length; i++) {
      v[i] *= scale;
    }
    return v;
  }

  @Override
  public VectorSpace space() {
    return space;
  }

  @Override
  public List<float[]> embedDocuments(List<String> texts) {
    documentCalls.incrementAndGet();
    documentTexts.addAndGet(texts.size());
    List<float[]> out = new ArrayList<>(texts.size());
    for (String text : texts) {
      out.add(vector(text));
    }
    return out;
  }

  @Override
  public float[] embedQuery(String query) {
    queryCalls.incrementAndGet();
    return vector(query);
  }

  /** Calls of {@link #embedDocuments} so far. */
  public long documentCalls() {
    return documentCalls.get();
  }

  /** Texts given to {@link #embedDocuments} so far, over all calls. */
  public long documentTexts() {
    return documentTexts.get();
  }

  /** Calls of {@link #embedQuery} so far. */
  public long queryCalls() {
    return queryCalls.get();
  }

  /** How many times {@link #close()} was called. */
  public int closes() {
    return closes.get();
  }

  @Override
  public void close() {
    closes.incrementAndGet();
  }

  private static long seed(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
