package dev.engram.bridge;

import java.util.List;
import java.util.Map;

/**
 * Knowledge: search it, add documents, and delete them by the ids they were added with or by
 * their metadata.
 */
public interface Knowledge {
  /** Cited passages for a search, best first. */
  List<Passage> search(Search search);

  /** Adds (or replaces, by id) documents in a knowledge base (empty: the default one). */
  void add(String kb, List<Doc> docs);

  /** Deletes documents by the ids they were added with; an id not stored is ignored. */
  void delete(String kb, List<String> ids);

  /**
   * Deletes the documents of a knowledge base (empty: the default one) whose metadata has all
   * these values, matched exactly as search filters; returns their ids.
   *
   * @throws dev.engram.common.InvalidInputException ENGRAM-952 when {@code metadata} is empty
   */
  List<String> deleteMatching(String kb, Map<String, String> metadata);
}
