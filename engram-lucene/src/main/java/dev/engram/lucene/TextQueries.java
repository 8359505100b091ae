package dev.engram.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Builds a bag-of-words BM25 query from free text: each distinct analysed term is one SHOULD
 * clause boosted by how often it occurs (as Anserini does), with no query syntax to trip over.
 */
final class TextQueries {
  private TextQueries() {}

  /** The query for {@code text}, or empty when analysis leaves no term (only stop words). */
  static Optional<Query> of(Analyzer analyzer, String field, String text) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    try (TokenStream tokens = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
      tokens.reset();
      // Long texts (a whole message used as a query) are cut at Lucene's clause limit.
      while (tokens.incrementToken()
          && (counts.size() < IndexSearcher.getMaxClauseCount()
              || counts.containsKey(term.toString()))) {
        counts.merge(term.toString(), 1, Integer::sum);
      }
      tokens.end();
    } catch (IOException e) {
      throw new UncheckedIOException("Analysing a string cannot fail", e);
    }
    if (counts.isEmpty()) {
      return Optional.empty();
    }
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    counts.forEach((value, count) -> {
      Query termQuery = new TermQuery(new Term(field, value));
      query.add(count == 1 ? termQuery : new BoostQuery(termQuery, count), Occur.SHOULD);
    });
    return Optional.of(query.build());
  }
}
