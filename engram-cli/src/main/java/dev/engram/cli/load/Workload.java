package dev.engram.cli.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.client.Owner;
import dev.engram.common.InvalidInputException;
import dev.engram.eval.memory.LocomoConversation;
import dev.engram.eval.memory.LocomoFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the bench asks and says, from the evaluation data: SciFact's train claims as search
 * queries; the questions about LoCoMo conversations 1 and 2 (categories 1-4) for recall and
 * context, asked of the user each conversation is remembered as; and the turns of the other
 * conversations as new messages to remember, each bench client as a user of its own (so writes
 * never change what recall reads, and clients never wait on each other's owner lock).
 */
public record Workload(List<String> queries, List<Question> questions, List<Said> said,
    List<LocomoConversation> remembered) {
  /** The conversations remembered by setup and asked about: LoCoMo 1 and 2. */
  public static final int REMEMBERED = 2;

  /** A question about what {@code owner} said. */
  public record Question(Owner owner, String text) {}

  /** A turn to remember: who said it, what, and when. */
  public record Said(String speaker, String text, Instant time) {}

  public Workload {
    queries = List.copyOf(queries);
    questions = List.copyOf(questions);
    said = List.copyOf(said);
    remembered = List.copyOf(remembered);
    if (queries.isEmpty() || questions.isEmpty() || said.isEmpty()) {
      throw new IllegalArgumentException("the bench needs queries, questions and turns to remember");
    }
  }

  /** The user a remembered conversation belongs to. */
  public static Owner ownerOf(LocomoConversation c) {
    return Owner.user("locomo-" + c.id());
  }

  /** Reads SciFact's queries from {@code scifact} and LoCoMo from {@code locomo}. */
  public static Workload read(Path scifact, Path locomo) {
    List<String> queries = new ArrayList<>();
    Path file = scifact.resolve("queries.jsonl");
    ObjectMapper json = new ObjectMapper();
    try (BufferedReader in = Files.newBufferedReader(file)) {
      for (String line; (line = in.readLine()) != null; ) {
        if (!line.isBlank()) {
          JsonNode q = json.readTree(line);
          queries.add(q.path("text").asText());
        }
      }
    } catch (IOException e) {
      throw new InvalidInputException("ENGRAM-931", "cannot read the search queries " + file
          + " (give --scifact DIR, a BEIR folder with queries.jsonl): " + e.getMessage());
    }
    List<LocomoConversation> all = LocomoFile.read(locomo);
    if (all.size() <= REMEMBERED) {
      throw new InvalidInputException("ENGRAM-931", locomo + " has " + all.size()
          + " conversations; the bench remembers " + REMEMBERED + " and writes the turns of the others");
    }
    List<LocomoConversation> remembered = all.subList(0, REMEMBERED);
    List<Question> questions = new ArrayList<>();
    for (LocomoConversation c : remembered) {
      c.questions().stream().filter(q -> q.category() >= 1 && q.category() <= 4)
          .forEach(q -> questions.add(new Question(ownerOf(c), q.question())));
    }
    List<Said> said = new ArrayList<>();
    for (LocomoConversation c : all.subList(REMEMBERED, all.size())) {
      for (LocomoConversation.Session s : c.sessions()) {
        s.turns().forEach(t -> said.add(new Said(t.speaker(), t.text(), s.time())));
      }
    }
    return new Workload(queries, questions, said, remembered);
  }
}
