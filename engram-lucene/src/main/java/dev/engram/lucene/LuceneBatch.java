package dev.engram.lucene;

import dev.engram.common.Vectors;
import dev.engram.index.IndexRecord;
import dev.engram.index.WriteBatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Query;

/**
 * A {@link WriteBatch} turned into Lucene operations before any is applied, so that a record
 * that does not fit (a vector of the wrong dimension) rejects the batch with nothing written.
 */
final class LuceneBatch {
  private sealed interface Step {}

  private record Put(Term key, Document doc) implements Step {}

  private record DeleteQuery(Query query) implements Step {}

  private record DeleteTerms(Term[] keys) implements Step {}

  private final List<Step> steps;

  private LuceneBatch(List<Step> steps) {
    this.steps = steps;
  }

  static LuceneBatch prepare(WriteBatch batch, int dimension) {
    List<Step> steps = new ArrayList<>();
    for (WriteBatch.Op op : batch.ops()) {
      switch (op) {
        case WriteBatch.Upsert u -> {
          for (IndexRecord r : u.records()) {
            Vectors.checkIndexable(r.vector(), dimension, "record " + r.id());
            steps.add(new Put(RecordDocuments.key(u.collection(), r.id()),
                RecordDocuments.toDocument(u.collection(), r)));
          }
        }
        case WriteBatch.Delete d ->
            steps.add(new DeleteQuery(FilterQueries.inCollection(d.collection(), d.filter())));
        case WriteBatch.DeleteIds d -> steps.add(new DeleteTerms(d.ids().stream()
            .map(id -> RecordDocuments.key(d.collection(), id)).toArray(Term[]::new)));
      }
    }
    return new LuceneBatch(steps);
  }

  /** Applies the steps in order, without committing. */
  void applyTo(IndexWriter writer) throws IOException {
    for (Step step : steps) {
      switch (step) {
        case Put p -> writer.updateDocument(p.key(), p.doc());
        case DeleteQuery d -> writer.deleteDocuments(d.query());
        case DeleteTerms d -> writer.deleteDocuments(d.keys());
      }
    }
  }
}
