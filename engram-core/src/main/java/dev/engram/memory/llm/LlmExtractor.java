package dev.engram.memory.llm;

import dev.engram.common.Checks;
import dev.engram.common.ModelException;
import dev.engram.chat.ChatModel;
import dev.engram.chat.ChatRequest;
import dev.engram.chat.ChatResponse;
import dev.engram.memory.model.Episode;
import dev.engram.memory.extract.Candidate;
import dev.engram.memory.extract.Extractor;
import dev.engram.memory.extract.RuleExtractor;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Extracts memories with a chat model, as Mem0 does: all messages of one remember call go into one
 * prompt (split into several when very long), and the model answers with JSON listing each
 * memory's text, kind, importance, event date and source messages. The reply is validated
 * strictly; when it is malformed, cut off at the token limit, invalid, or the endpoint fails, the
 * {@link RuleExtractor} extracts that batch instead, and the fallback is counted and logged. A
 * batch with no message of role {@code user} costs no call: only users' words become memories.
 */
public final class LlmExtractor implements Extractor {
  /** Characters of messages per model call (about 3,000 tokens). */
  public static final int DEFAULT_MAX_CHARS = 12_000;

  private static final Logger LOG = System.getLogger(LlmExtractor.class.getName());
  private static final int MAX_TOKENS = 2_048;
  private static final DateTimeFormatter SAID =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm (EEEE)", Locale.ENGLISH);
  private static final String SYSTEM = """
      You maintain the long-term memory of a personal assistant. Read the numbered messages and \
      list what is worth remembering about the people who wrote the messages of role "user": \
      facts about them (identity, relations, work, home, possessions), their preferences and \
      dislikes, events and plans (with their dates), and feedback on how the assistant should \
      behave. Messages of role "assistant" are context only, never a source of facts.
      Rules:
      - One memory per fact, as a short self-contained statement in the third person that names \
      the person ("Caroline moved to Berlin"), never "I" or "the user said".
      - Resolve relative dates ("yesterday", "last week", "next month") against the date of the \
      message they appear in, and write absolute dates in the text ("on 7 May 2023").
      - Skip greetings, small talk, questions and anything not about the speakers.
      Answer with one JSON object and nothing else:
      {"memories":[{"text":"...","kind":"fact|preference|event|feedback","importance":0.0-1.0,\
      "event_time":"YYYY-MM-DD or null","source_messages":[message numbers]}]}
      "event_time" is the date the fact or event happened or will happen (null when the messages \
      do not say); "source_messages" lists the numbers of the messages it comes from. \
      Answer {"memories":[]} when there is nothing worth remembering.""";

  private final ChatModel model;
  private final ZoneId zone;
  private final Fallbacks fallbacks;
  private final int maxChars;
  private final RuleExtractor rules;
  private final ExtractionReply replies;

  /** An extractor with batches of {@link #DEFAULT_MAX_CHARS}, counting into {@code fallbacks}. */
  public LlmExtractor(ChatModel model, ZoneId zone, Fallbacks fallbacks) {
    this(model, zone, fallbacks, DEFAULT_MAX_CHARS);
  }

  /**
   * @param maxChars characters of message text per model call; a longer remember call is split
   */
  public LlmExtractor(ChatModel model, ZoneId zone, Fallbacks fallbacks, int maxChars) {
    this.model = Checks.notNull(model, "model");
    this.zone = Checks.notNull(zone, "zone");
    this.fallbacks = Checks.notNull(fallbacks, "fallbacks");
    this.maxChars = Checks.atLeast(maxChars, 100, "maxChars");
    this.rules = new RuleExtractor(zone);
    this.replies = new ExtractionReply(zone);
  }

  @Override
  public List<Candidate> extract(List<Episode> messages) {
    List<Candidate> out = new ArrayList<>();
    for (List<Episode> batch : batches(messages)) {
      if (batch.stream().anyMatch(m -> m.role().equals("user"))) {
        out.addAll(extractBatch(batch));
      }
    }
    return out;
  }

  private List<Candidate> extractBatch(List<Episode> batch) {
    fallbacks.extractionCall();
    try {
      ChatResponse reply = model.chat(
          ChatRequest.of(SYSTEM, prompt(batch)).withTemperature(0).withMaxTokens(MAX_TOKENS)
              .withJsonMode());
      if (reply.truncatedByLimit()) {
        throw InvalidReply.of("cut off at the token limit (finish reason 'length')");
      }
      return replies.candidates(reply.text(), batch);
    } catch (ModelException e) {
      fallbacks.extractionFallback();
      LOG.log(Level.WARNING, "LLM extraction of {0} messages fell back to the rules: {1}",
          batch.size(), e.toString());
      return rules.extract(batch);
    }
  }

  private String prompt(List<Episode> batch) {
    StringBuilder s = new StringBuilder("Messages:\n");
    for (int i = 0; i < batch.size(); i++) {
      Episode m = batch.get(i);
      s.append('[').append(i).append("] ").append(SAID.format(m.eventTime().atZone(zone)))
          .append(' ').append(m.speaker()).append(" (").append(m.role()).append("): ")
          .append(m.text().strip()).append('\n');
    }
    return s.toString();
  }

  /** Consecutive messages of at most {@code maxChars} characters each (a longer message alone). */
  private List<List<Episode>> batches(List<Episode> messages) {
    List<List<Episode>> out = new ArrayList<>();
    List<Episode> current = new ArrayList<>();
    int chars = 0;
    for (Episode m : messages) {
      int size = m.text().length() + m.speaker().length() + 40;
      if (!current.isEmpty() && chars + size > maxChars) {
        out.add(current);
        current = new ArrayList<>();
        chars = 0;
      }
      current.add(m);
      chars += size;
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }
}
