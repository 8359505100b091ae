package dev.engram.answer;

import dev.engram.common.Vectors;
import dev.engram.context.Citation;
import dev.engram.context.Context;
import dev.engram.context.Overlap;
import dev.engram.context.Route;
import dev.engram.embed.Embedder;
import dev.engram.embed.EmbeddingErasure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The answer without a model: the sentences of the cited passages and memories that best match
 * the question (shared words and embedding similarity), each followed by its [n].
 */
final class ExtractiveAnswer {
  static final String NOT_FOUND = "The context does not contain an answer to this question.";
  private static final Pattern SENTENCE = Pattern.compile("(?<=[.!?])\\s+");
  private static final Pattern PARAGRAPH = Pattern.compile("\\n\\s*\\n");
  private static final Pattern LINE = Pattern.compile("\\n+");
  /** A short line without closing punctuation: a heading, not a statement. */
  private static final Pattern HEADING = Pattern.compile("^#*\\s*[^.!?:;]{0,80}$");
  private static final int MAX_SENTENCES = 3;
  private static final int MAX_CANDIDATES = 80;
  /** Verbatim messages count a little less than the memories distilled from them. */
  private static final double MESSAGE_WEIGHT = 0.7;

  private final Embedder embedder;

  ExtractiveAnswer(Embedder embedder) {
    this.embedder = embedder;
  }

  private record Sentence(String text, Citation citation, int position, double score) {}

  String answer(Context context) {
    Set<String> question = Overlap.words(context.question());
    List<Sentence> candidates = new ArrayList<>();
    for (Citation c : context.citations()) {
      int position = 0;
      for (String text : sentences(c)) {
        if (candidates.size() < MAX_CANDIDATES) {
          candidates.add(new Sentence(text, c, position++, 0));
        }
      }
    }
    if (candidates.isEmpty()) {
      return NOT_FOUND;
    }
    float[] q = embedder.embedQuery(context.question());
    List<float[]> vectors = vectors(candidates);
    List<Sentence> scored = new ArrayList<>();
    double bestCoverage = 0;
    for (int i = 0; i < candidates.size(); i++) {
      Sentence s = candidates.get(i);
      double coverage = Overlap.coverage(question, Overlap.words(s.text()));
      bestCoverage = Math.max(bestCoverage, coverage);
      double score = (0.5 * coverage + 0.5 * Vectors.dot(q, vectors.get(i)))
          * (s.citation().kind() == Citation.Kind.MESSAGE ? MESSAGE_WEIGHT : 1);
      scored.add(new Sentence(s.text(), s.citation(), s.position(), score));
    }
    scored.sort(Comparator.comparingDouble(Sentence::score).reversed());
    Sentence top = scored.getFirst();
    if (bestCoverage == 0 && top.score() < 0.3) {
      return NOT_FOUND;
    }
    List<Sentence> picked = new ArrayList<>(List.of(top));
    // a question that needs both gets the best sentence of the other kind too, if it is close
    scored.stream().filter(s -> s.citation().kind().remembered() != top.citation().kind().remembered())
        .filter(s -> context.route().route() == Route.BOTH && s.score() >= 0.6 * top.score())
        .findFirst().ifPresent(picked::add);
    for (Sentence s : scored) {
      if (picked.size() < MAX_SENTENCES && s.score() >= 0.8 * top.score()
          && picked.stream().noneMatch(p -> p.text().equals(s.text()))) {
        picked.add(s);
      }
    }
    picked.sort(Comparator.comparingInt((Sentence s) -> s.citation().number())
        .thenComparingInt(Sentence::position));
    StringBuilder out = new StringBuilder();
    for (Sentence s : picked) {
      out.append(out.isEmpty() ? "" : " ").append(end(s.text())).append(" [")
          .append(s.citation().number()).append(']');
    }
    return out.toString();
  }

  /**
   * The sentences of a citation that can be evidence: for a document, whole sentences of its
   * paragraphs (not headings, not a sentence cut by the chunk start); for a memory, its lines
   * without questions and the assistant's own words.
   */
  static List<String> sentences(Citation c) {
    List<String> out = new ArrayList<>();
    boolean document = c.kind() == Citation.Kind.DOCUMENT;
    for (String block : (document ? PARAGRAPH : LINE).split(c.text())) {
      String flat = block.replaceAll("\\s+", " ").strip();
      if (flat.startsWith("assistant:") || (document && HEADING.matcher(flat).matches())) {
        continue;
      }
      for (String s : SENTENCE.split(flat)) {
        String text = s.strip();
        boolean fragment = document && !text.isEmpty() && Character.isLowerCase(text.charAt(0));
        if (text.split("\\s+").length >= 3 && !text.endsWith("?") && !fragment) {
          out.add(text);
        }
      }
    }
    return out;
  }

  /**
   * The sentences' vectors: documents' through the cache, users' words (memories, messages)
   * through its transient view, so that they are never written to the cache file.
   */
  private List<float[]> vectors(List<Sentence> candidates) {
    Embedder words = embedder instanceof EmbeddingErasure cache ? cache.transientView() : embedder;
    List<String> documents = new ArrayList<>();
    List<String> users = new ArrayList<>();
    for (Sentence s : candidates) {
      (s.citation().kind() == Citation.Kind.DOCUMENT ? documents : users).add(s.text());
    }
    Iterator<float[]> ofDocuments = (documents.isEmpty() ? List.<float[]>of()
        : embedder.embedDocuments(documents)).iterator();
    Iterator<float[]> ofUsers = (users.isEmpty() ? List.<float[]>of()
        : words.embedDocuments(users)).iterator();
    List<float[]> out = new ArrayList<>(candidates.size());
    for (Sentence s : candidates) {
      out.add(s.citation().kind() == Citation.Kind.DOCUMENT ? ofDocuments.next() : ofUsers.next());
    }
    return out;
  }

  private static String end(String sentence) {
    return sentence.matches(".*[.!?]$") ? sentence : sentence + ".";
  }
}
