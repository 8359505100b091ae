package dev.engram.eval.memory;

import java.time.Instant;
import java.util.List;

/**
 * One LoCoMo conversation: two speakers, sessions in order with their date-times, and questions.
 *
 * @param id the sample id ({@code conv-26})
 * @param sessions sessions in order
 * @param questions all questions, every category
 */
public record LocomoConversation(String id, List<Session> sessions, List<Question> questions) {
  public LocomoConversation {
    sessions = List.copyOf(sessions);
    questions = List.copyOf(questions);
  }

  /** A session: its name ({@code session_3}), when it took place, and its turns in order. */
  public record Session(String name, Instant time, List<Turn> turns) {
    public Session {
      turns = List.copyOf(turns);
    }
  }

  /** One turn: speaker, dialog id ({@code D3:7}) and text (with the shared image's caption). */
  public record Turn(String speaker, String diaId, String text) {}

  /** A question with its gold answer, evidence dialog ids and category (1-4 scored, 5 adversarial). */
  public record Question(String question, String answer, List<String> evidence, int category) {
    public Question {
      evidence = List.copyOf(evidence);
    }
  }
}
