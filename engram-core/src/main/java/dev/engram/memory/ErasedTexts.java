package dev.engram.memory;

import dev.engram.memory.model.Episode;
import dev.engram.memory.model.Origin;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every form in which an embedding cache may hold the texts of erased or forgotten records: a
 * message as remembered (with the speaker, after the message before it), its lines and sentences
 * as an extractive answer embeds them, and memory texts. Engram no longer writes users' texts to
 * the cache file, but files written before kept them under these forms.
 */
final class ErasedTexts {
  /** How {@code ExtractiveAnswer} splits sentences. */
  private static final Pattern SENTENCE = Pattern.compile("(?<=[.!?])\\s+");

  private final Set<String> texts = new LinkedHashSet<>();

  /** Adds the messages, each in the form it was embedded after the one before it. */
  ErasedTexts messages(List<Episode> episodes) {
    List<Episode> ordered = episodes.stream()
        .sorted(Comparator.comparing((Episode e) -> e.scope().toString())
            .thenComparingLong(Episode::sequence))
        .toList();
    for (int i = 0; i < ordered.size(); i++) {
      Episode e = ordered.get(i);
      if (e.origin() == Origin.ANSWER) {
        // An answer's sentences are the context's (documents' too, which stay cached); only
        // its own message form was embedded, and no extractive answer reads an answer.
        texts.add(e.speaker() + ": " + e.text());
      } else {
        text(e.text());
        text(e.speaker() + ": " + e.text());
      }
      if (i > 0 && ordered.get(i - 1).scope().equals(e.scope())) {
        texts.add(Remembering.embedded(List.of(ordered.get(i - 1), e), 1));
      }
    }
    return this;
  }

  /** Adds a memory's (or history entry's) text, with its lines and sentences. */
  ErasedTexts text(String text) {
    if (text.isBlank()) {
      return this;
    }
    texts.add(text);
    texts.add(text.strip());
    for (String line : text.split("\n")) {
      String flat = line.replaceAll("\\s+", " ").strip();
      texts.add(flat);
      for (String s : SENTENCE.split(flat)) {
        texts.add(s.strip());
      }
    }
    return this;
  }

  Set<String> all() {
    return Set.copyOf(texts);
  }
}
