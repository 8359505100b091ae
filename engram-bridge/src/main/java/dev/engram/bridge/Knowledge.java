package dev.engram.bridge;

import java.util.List;

/** Knowledge: search it, and add or delete documents by the ids they were added with. */
public interface Knowledge {
  /** Cited passages for a search, best first. */
  List<Passage> search(Search search);

  /** Adds (or replaces, by id) documents in a knowledge base (empty: the default one). */
  void add(String kb, List<Doc> docs);

  /** Deletes documents by the ids they were added with; an id not stored is ignored. */
  void delete(String kb, List<String> ids);
}
