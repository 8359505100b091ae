package dev.engram.eval.answer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.common.Checks;
import dev.engram.chat.ChatModel;
import dev.engram.chat.ChatRequest;
import dev.engram.chat.ChatResponse;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The LLM-as-judge of the Mem0 paper: asks a chat model whether a generated answer is CORRECT or
 * WRONG against the gold answer, generously (same topic, same date in another format count as
 * correct). The reply must be a JSON object whose {@code label} is exactly one of the two words;
 * an invalid reply is asked once more, then counted as no judgement.
 */
public final class Judge {
  /** The judge's verdict on one answer. */
  public enum Label { CORRECT, WRONG }

  private static final Logger LOG = System.getLogger(Judge.class.getName());
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final String SYSTEM = """
      Your task is to label an answer to a question as CORRECT or WRONG. You get a question \
      about a conversation, the gold (ground truth) answer, and a generated answer. The gold \
      answer is usually concise; the generated one may be longer. Be generous: if the generated \
      answer refers to the same thing as the gold answer, it is CORRECT. For questions about \
      time, a generated answer giving the same date or period in another format ("May 7th" for \
      "7 May 2023") is CORRECT. An answer that misses the gold answer or contradicts it is WRONG.
      Answer with one JSON object and nothing else: \
      {"reason":"one short sentence","label":"CORRECT or WRONG"}""";

  private final ChatModel model;
  private final AtomicLong promptTokens = new AtomicLong();
  private final AtomicLong completionTokens = new AtomicLong();

  public Judge(ChatModel model) {
    this.model = Checks.notNull(model, "model");
  }

  /** The label for {@code generated}; empty when the model twice failed to give a valid one. */
  public Optional<Label> judge(String question, String gold, String generated) {
    ChatRequest request = ChatRequest.of(SYSTEM,
        "Question: " + question + "\nGold answer: " + gold + "\nGenerated answer: " + generated)
        .withTemperature(0).withMaxTokens(256).withJsonMode();
    for (int attempt = 1; attempt <= 2; attempt++) {
      ChatResponse reply = model.chat(request);
      promptTokens.addAndGet(reply.promptTokens());
      completionTokens.addAndGet(reply.completionTokens());
      Optional<Label> label = parse(reply.text());
      if (label.isPresent()) {
        return label;
      }
      LOG.log(Level.WARNING, "the judge's reply is not a valid label (attempt {0}): {1}", attempt,
          reply.text());
    }
    return Optional.empty();
  }

  /** Prompt tokens of every judge call so far, as the server counted them. */
  public long promptTokens() {
    return promptTokens.get();
  }

  /** Completion tokens of every judge call so far. */
  public long completionTokens() {
    return completionTokens.get();
  }

  /** The label of a judge reply: a JSON object with "label" CORRECT or WRONG, nothing else. */
  static Optional<Label> parse(String reply) {
    JsonNode root;
    try {
      root = MAPPER.readTree(reply.strip());
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
    if (root == null || !root.isObject() || !root.path("label").isTextual()) {
      return Optional.empty();
    }
    return switch (root.get("label").asText().strip().toUpperCase(Locale.ROOT)) {
      case "CORRECT" -> Optional.of(Label.CORRECT);
      case "WRONG" -> Optional.of(Label.WRONG);
      default -> Optional.empty();
    };
  }
}
