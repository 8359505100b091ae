package dev.engram.lucene;

import dev.engram.index.Filter;
import java.util.Optional;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;

/** Turns a {@link Filter} into a non-scoring Lucene query. */
final class FilterQueries {
  private FilterQueries() {}

  /** The query matching exactly the filter's records; empty for {@link Filter#all()}. */
  static Optional<Query> of(String collection, Filter filter) {
    if (filter.isAll()) {
      return Optional.empty();
    }
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    for (Filter.Term term : filter.terms()) {
      all.add(KeywordField.newExactQuery(RecordDocuments.keywordField(collection, term.field()), term.value()),
          Occur.FILTER);
    }
    for (Filter.Range range : filter.ranges()) {
      all.add(LongField.newRangeQuery(RecordDocuments.longField(collection, range.field()), range.min(),
          range.max()), Occur.FILTER);
    }
    for (Filter.Term term : filter.missingOrTerms()) {
      String field = RecordDocuments.keywordField(collection, term.field());
      Query missing = new BooleanQuery.Builder()
          .add(new MatchAllDocsQuery(), Occur.FILTER)
          .add(new FieldExistsQuery(field), Occur.MUST_NOT)
          .build();
      Query either = new BooleanQuery.Builder()
          .add(KeywordField.newExactQuery(field, term.value()), Occur.SHOULD)
          .add(missing, Occur.SHOULD)
          .setMinimumNumberShouldMatch(1)
          .build();
      all.add(either, Occur.FILTER);
    }
    for (Filter.AnyOf any : filter.anyOf()) {
      all.add(KeywordField.newSetQuery(RecordDocuments.keywordField(collection, any.field()),
          any.values().stream().map(BytesRef::new).toList()), Occur.FILTER);
    }
    for (String field : filter.missing()) {
      all.add(new BooleanQuery.Builder()
          .add(new MatchAllDocsQuery(), Occur.FILTER)
          .add(new FieldExistsQuery(RecordDocuments.keywordField(collection, field)), Occur.MUST_NOT)
          .build(), Occur.FILTER);
    }
    return Optional.of(all.build());
  }

  /** The query matching the filter's records within one collection. */
  static Query inCollection(String collection, Filter filter) {
    Query col = new TermQuery(new Term(RecordDocuments.COLLECTION, collection));
    Optional<Query> f = of(collection, filter);
    return f.isEmpty() ? col : new BooleanQuery.Builder()
        .add(col, Occur.FILTER).add(f.get(), Occur.FILTER).build();
  }
}
