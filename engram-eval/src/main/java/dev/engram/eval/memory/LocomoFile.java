package dev.engram.eval.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.common.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads a LoCoMo file ({@code [{sample_id, conversation:{speaker_a, speaker_b,
 * session_N_date_time, session_N:[{speaker, dia_id, text, blip_caption?}]}, qa:[...]}]}). Session
 * times such as "1:56 pm on 8 May, 2023" are read as UTC.
 */
public final class LocomoFile {
  private static final DateTimeFormatter SESSION_TIME = new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .appendPattern("h:mm a 'on' d MMMM, yyyy")
      .toFormatter(Locale.ENGLISH);

  private LocomoFile() {}

  /**
   * The conversations of {@code file}.
   *
   * @throws InvalidInputException ENGRAM-320 when the file is not LoCoMo JSON (with the position)
   */
  public static List<LocomoConversation> read(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      throw bad(file, "is not valid JSON at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidInputException("ENGRAM-320", "cannot read the LoCoMo file " + file + " ("
          + e.getClass().getSimpleName() + "): check the path; the dev file is "
          + "../shared/data/locomo/locomo-dev.json", e);
    }
    if (root == null || !root.isArray()) {
      throw bad(file, "must hold a JSON array of conversations");
    }
    List<LocomoConversation> out = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      out.add(conversation(file, i, root.get(i)));
    }
    return out;
  }

  /** The instant of a LoCoMo session time ("1:56 pm on 8 May, 2023"), read as UTC. */
  public static java.time.Instant sessionTime(String text) {
    try {
      return LocalDateTime.parse(text.strip(), SESSION_TIME).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException("ENGRAM-321",
          "session date-time '" + text + "' does not parse: expected like '1:56 pm on 8 May, 2023'", e);
    }
  }

  private static LocomoConversation conversation(Path file, int index, JsonNode node) {
    String where = "conversation " + index;
    JsonNode conv = node.path("conversation");
    if (!conv.isObject()) {
      throw bad(file, where + " has no 'conversation' object");
    }
    String id = node.path("sample_id").asText("conv-" + index);
    List<LocomoConversation.Session> sessions = new ArrayList<>();
    for (int n = 1; conv.has("session_" + n); n++) {
      String name = "session_" + n;
      JsonNode time = conv.path(name + "_date_time");
      if (!time.isTextual()) {
        throw bad(file, where + " has no " + name + "_date_time");
      }
      List<LocomoConversation.Turn> turns = new ArrayList<>();
      for (JsonNode t : conv.path(name)) {
        if (!t.path("speaker").isTextual() || !t.path("dia_id").isTextual() || !t.has("text")) {
          throw bad(file, where + ", " + name + ", turn " + turns.size()
              + " needs 'speaker', 'dia_id' and 'text'");
        }
        String text = t.path("text").asText();
        if (t.path("blip_caption").isTextual()) {
          text = text + " [shares " + t.path("blip_caption").asText() + "]";
        }
        turns.add(new LocomoConversation.Turn(t.path("speaker").asText(), t.path("dia_id").asText(), text));
      }
      sessions.add(new LocomoConversation.Session(name, sessionTime(time.asText()), turns));
    }
    List<LocomoConversation.Question> questions = new ArrayList<>();
    for (JsonNode q : node.path("qa")) {
      List<String> evidence = new ArrayList<>();
      for (JsonNode e : q.path("evidence")) {
        // A few gold entries pack several ids in one string ("D8:6; D9:17").
        Arrays.stream(e.asText().split("[;,\\s]+")).filter(s -> !s.isBlank()).forEach(evidence::add);
      }
      questions.add(new LocomoConversation.Question(q.path("question").asText(),
          q.path("answer").asText(q.path("adversarial_answer").asText("")), evidence,
          q.path("category").asInt(0)));
    }
    return new LocomoConversation(id, sessions, questions);
  }

  private static InvalidInputException bad(Path file, String what) {
    return new InvalidInputException("ENGRAM-320", "LoCoMo file " + file + " " + what);
  }
}
