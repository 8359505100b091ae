package dev.engram.context;

import dev.engram.common.Checks;
import dev.engram.common.Vectors;
import dev.engram.embed.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The default router: word rules, plus the similarity of the question to small sets of labelled
 * example questions (embedded once, on first use). Personal cues ("my", "what did I", "remember",
 * "last time") vote for memory; factual and how-to cues vote for knowledge; the closer example
 * set adds a vote. Votes on both sides, or none, give {@link Route#BOTH}.
 */
public final class Router implements QueryRouter {
  private static final Pattern STRONG_MEMORY = ci("\\b(remember|remind me|last time|you told me"
      + "|i told you|we (?:talked|discussed|spoke)|(?:what|where|when|who|which|how) (?:did|have) i"
      + "|did i (?:say|tell|mention)|about me|my name|do you know)\\b");
  private static final Pattern PERSONAL = ci("\\b(my|mine|myself|i'm|i've|i am|i was"
      + "|(?:what|where|when|who)\\b[^?]{0,30}\\b(?:do|am|was) i|do i (?:like|prefer|live|want|have)"
      + "|i (?:live|work|own|use|bought))\\b");
  private static final Pattern FACTUAL = ci("\\b(how (?:do|can|should|to|does|long|many|much)"
      + "|what (?:is|are|does)|which|why (?:does|is|do)|explain|documentation|manual|guide|support"
      + "|supported|warranty|error|reset|configure|install|setup|set up|update)\\b");
  /** First-person words: a question without any is about the world, not about the user. */
  private static final Pattern FIRST_PERSON = ci("\\b(i|i'm|i've|me|my|mine|myself|we|our|us)\\b");
  /**
   * A prototype vote needs this margin of cosine similarity. Not measured; chosen by hand
   * (RouterIT checks example questions with the real embedder, not the margin).
   */
  static final double MARGIN = 0.02;

  static final List<String> MEMORY_EXAMPLES = List.of(
      "Where do I live?", "What did I tell you about my family?", "What do I prefer?",
      "What did we talk about last time?", "Remember that I am vegetarian.",
      "What is my name?", "What are my hobbies?", "When is my birthday?",
      "What did I say about my job?", "How do I like my answers?");
  static final List<String> KNOWLEDGE_EXAMPLES = List.of(
      "How do I reset the device?", "What does the manual say about installation?",
      "Which ports does the server use?", "How long is the warranty?",
      "What is the maximum number of supported devices?", "How to configure the network?",
      "Why does the status light blink red?", "What changed in the latest release?",
      "What are the system requirements?", "How do I update the firmware?");

  private final Embedder embedder;
  private List<float[]> memoryVectors;
  private List<float[]> knowledgeVectors;

  public Router(Embedder embedder) {
    this.embedder = Checks.notNull(embedder, "embedder");
  }

  @Override
  public RouteDecision route(String question) {
    Checks.notBlank(question, "question");
    List<String> memory = new ArrayList<>();
    List<String> knowledge = new ArrayList<>();
    cues(STRONG_MEMORY, question, memory);
    cues(PERSONAL, question, memory);
    cues(FACTUAL, question, knowledge);
    if (memory.isEmpty() && !FIRST_PERSON.matcher(question).find()) {
      knowledge.add("no first-person words");
    }
    float[] q = embedder.embedQuery(question);
    double m = best(q, memoryExamples());
    double k = best(q, knowledgeExamples());
    String similarity = String.format("closest examples: memory %.2f, knowledge %.2f", m, k);
    if (m - k >= MARGIN) {
      memory.add("like memory examples");
    } else if (k - m >= MARGIN) {
      knowledge.add("like knowledge examples");
    }
    Route route = memory.isEmpty() == knowledge.isEmpty() ? Route.BOTH
        : memory.isEmpty() ? Route.KNOWLEDGE : Route.MEMORY;
    String reason = (memory.isEmpty() && knowledge.isEmpty() ? "no clear signal"
        : "memory cues " + memory + ", knowledge cues " + knowledge) + "; " + similarity;
    return new RouteDecision(route, reason);
  }

  private static void cues(Pattern p, String question, List<String> into) {
    Matcher m = p.matcher(question);
    while (m.find()) {
      String cue = "'" + m.group(1).toLowerCase() + "'";
      if (!into.contains(cue)) {
        into.add(cue);
      }
    }
  }

  private synchronized List<float[]> memoryExamples() {
    if (memoryVectors == null) {
      memoryVectors = embedder.embedDocuments(MEMORY_EXAMPLES);
    }
    return memoryVectors;
  }

  private synchronized List<float[]> knowledgeExamples() {
    if (knowledgeVectors == null) {
      knowledgeVectors = embedder.embedDocuments(KNOWLEDGE_EXAMPLES);
    }
    return knowledgeVectors;
  }

  private static double best(float[] q, List<float[]> examples) {
    double best = -1;
    for (float[] e : examples) {
      best = Math.max(best, Vectors.dot(q, e));
    }
    return best;
  }

  private static Pattern ci(String regex) {
    return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
  }
}
