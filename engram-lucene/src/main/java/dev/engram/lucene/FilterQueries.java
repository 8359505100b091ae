package dev.engram.lucene;

import dev.engram.index.Filter;
import java.util.Optional;
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
  static Optional<Query> of(Filter filter) {
    if (filter.isAll()) {
      return Optional.empty();
    }
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    for (Filter.Term term : filter.terms()) {
      all.add(KeywordField.newExactQuery(RecordDocuments.keywordField(term.field()), term.value()),
          Occur.FILTER);
    }
    for (Filter.Range range : filter.ranges()) {
      all.add(LongField.newRangeQuery(RecordDocuments.longField(range.field()), range.min(),
          range.max()), Occur.FILTER);
    }
    for (Filter.Term term : filter.missingOrTerms()) {
      String field = RecordDocuments.keywordField(term.field());
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
    return Optional.of(all.build());
  }

  /** The filter's query, or match-all. */
  static Query orAll(Filter filter) {
    return of(filter).orElseGet(MatchAllDocsQuery::new);
  }
}
