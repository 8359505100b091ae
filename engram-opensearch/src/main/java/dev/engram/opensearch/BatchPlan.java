package dev.engram.opensearch;

import dev.engram.index.Filter;
import dev.engram.index.IndexRecord;
import dev.engram.index.WriteBatch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link WriteBatch} reduced to the final state of each record it touches: stored (with its new
 * content) or deleted. Operations apply in order, so a delete by filter removes the records of
 * earlier batches that match it (found by searching the collection) and the records earlier
 * operations of this batch upserted that match it (checked with {@link Filter#matches}), never
 * what a later operation upserts. One {@code _bulk} of these states then applies the batch.
 */
final class BatchPlan {
  /** A record of a collection. */
  record Key(String collection, String id) {}

  private final Map<Key, Optional<IndexRecord>> states = new LinkedHashMap<>();

  private BatchPlan() {}

  /**
   * @param matching the ids stored in a collection (before this batch) that match a filter
   */
  static BatchPlan of(WriteBatch batch, MatchingIds matching) {
    BatchPlan plan = new BatchPlan();
    for (WriteBatch.Op op : batch.ops()) {
      switch (op) {
        case WriteBatch.Upsert u -> u.records().forEach(
            r -> plan.states.put(new Key(u.collection(), r.id()), Optional.of(r)));
        case WriteBatch.DeleteIds d -> d.ids().forEach(
            id -> plan.states.put(new Key(d.collection(), id), Optional.empty()));
        case WriteBatch.Delete d -> {
          for (String id : matching.ids(d.collection(), d.filter())) {
            // A record this batch already wrote or deleted is judged by its state in the batch.
            plan.states.putIfAbsent(new Key(d.collection(), id), Optional.empty());
          }
          plan.states.replaceAll((key, state) -> key.collection().equals(d.collection())
              && state.isPresent() && d.filter().matches(state.get()) ? Optional.empty() : state);
        }
      }
    }
    return plan;
  }

  /** The ids of the stored records of a collection matching a filter. */
  @FunctionalInterface
  interface MatchingIds {
    List<String> ids(String collection, Filter filter);
  }

  /** Each touched record: its new content, or empty when it is deleted. */
  Map<Key, Optional<IndexRecord>> states() {
    return states;
  }

  /** Collections this plan stores records in. */
  List<String> writtenCollections() {
    return states.entrySet().stream().filter(e -> e.getValue().isPresent())
        .map(e -> e.getKey().collection()).distinct().toList();
  }

  <T> List<T> map(Function<Map.Entry<Key, Optional<IndexRecord>>, T> f) {
    return states.entrySet().stream().map(f).toList();
  }
}
