package dev.engram.opensearch;

import dev.engram.index.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Query;

/** Turns a {@link Filter} into a non-scoring OpenSearch query with the same reference semantics. */
final class Queries {
  private Queries() {}

  /** The query matching exactly the filter's records; empty for {@link Filter#all()}. */
  static Optional<Query> of(Filter filter) {
    if (filter.isAll()) {
      return Optional.empty();
    }
    List<Query> clauses = new ArrayList<>();
    for (Filter.Term term : filter.terms()) {
      clauses.add(term(term.field(), term.value()));
    }
    for (Filter.Range range : filter.ranges()) {
      clauses.add(Query.of(q -> q.range(r -> r.field(Documents.longField(range.field()))
          .gte(JsonData.of(range.min())).lte(JsonData.of(range.max())))));
    }
    for (Filter.Term term : filter.missingOrTerms()) {
      clauses.add(Query.of(q -> q.bool(b -> b
          .should(term(term.field(), term.value()), missing(term.field()))
          .minimumShouldMatch("1"))));
    }
    for (Filter.AnyOf any : filter.anyOf()) {
      clauses.add(Query.of(q -> q.terms(t -> t.field(Documents.keywordField(any.field()))
          .terms(v -> v.value(any.values().stream().map(FieldValue::of).toList())))));
    }
    for (String field : filter.missing()) {
      clauses.add(missing(field));
    }
    return Optional.of(Query.of(q -> q.bool(b -> b.filter(clauses))));
  }

  /** The filter's query, or match_all. */
  static Query orAll(Filter filter) {
    return of(filter).orElseGet(() -> Query.of(q -> q.matchAll(m -> m)));
  }

  private static Query term(String field, String value) {
    return Query.of(q -> q.term(t -> t.field(Documents.keywordField(field)).value(FieldValue.of(value))));
  }

  private static Query missing(String field) {
    return Query.of(q -> q.bool(b -> b.mustNot(n -> n.exists(e -> e.field(Documents.keywordField(field))))));
  }
}
