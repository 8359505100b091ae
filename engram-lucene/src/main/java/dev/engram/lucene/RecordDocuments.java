package dev.engram.lucene;

import dev.engram.index.IndexRecord;
import dev.engram.knowledge.KnowledgeRecords;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * Maps an {@link IndexRecord} of a collection to a Lucene document and back. All collections
 * share one Lucene index; each collection's text and vector live in fields of their own ({@code
 * _text.NAME}, {@code _vec.NAME}), so BM25 statistics and HNSW graphs stay per collection exactly
 * as if each had its own index. Record fields get prefixed names ({@code k.NAME.} keywords,
 * {@code l.NAME.} longs, NAME being the collection's) so that a user field can never collide with
 * the id, text or vector fields, a filter's postings hold only its collection's records (a user's
 * history entries do not slow the search of the user's memories), and a stored document can be
 * read back without a schema.
 */
final class RecordDocuments {
  static final String COLLECTION = "_col";
  /** Collection and id: the unique term a record is replaced and deleted by. */
  static final String KEY = "_key";
  static final String ID = "_id";
  static final String TEXT_PREFIX = "_text.";
  static final String VECTOR_PREFIX = "_vec.";
  static final String KEYWORD_PREFIX = "k.";
  static final String LONG_PREFIX = "l.";
  /** The text and vector fields of the layout before one index held every collection. */
  static final String LEGACY_TEXT = "_text";
  static final String LEGACY_VECTOR = "_vec";
  /**
   * How many more times the title of a record is indexed for BM25 than it is written: a record
   * whose text starts with a title (a knowledge chunk's header, its length in {@link
   * KnowledgeRecords#HEADER}) has that title indexed once more before its text, so a word of the
   * title counts twice as much as one of the text. Repeating a field before BM25 saturates its
   * term frequencies is BM25F with whole-number weights (Robertson, Zaragoza and Taylor 2004), at
   * no cost to the query. Chosen on Cranfield and SciFact train together (README "Retrieval,
   * third round"), hybrid nDCG@10 by repeats 0 / 1 / 2: Cranfield 0.4252 / 0.4265 / 0.4284,
   * SciFact 0.7700 / 0.7706 / 0.7695 (BM25 alone 0.3529 / 0.3594 / 0.3638 and 0.6921 / 0.6968 /
   * 0.6960): 2 helps Cranfield and lowers SciFact, 1 helps both.
   */
  static final int TITLE_REPEATS = 1;

  private RecordDocuments() {}

  static String keywordField(String collection, String name) {
    return KEYWORD_PREFIX + collection + "." + name;
  }

  static String longField(String collection, String name) {
    return LONG_PREFIX + collection + "." + name;
  }

  static String textField(String collection) {
    return TEXT_PREFIX + collection;
  }

  static String vectorField(String collection) {
    return VECTOR_PREFIX + collection;
  }

  static Term key(String collection, String id) {
    return new Term(KEY, collection + '\u0000' + id);
  }

  /** The document for a record; its vector must already be checked against the dimension. */
  static Document toDocument(String collection, IndexRecord record) {
    Document doc = new Document();
    doc.add(new StringField(COLLECTION, collection, Field.Store.NO));
    doc.add(new StringField(KEY, key(collection, record.id()).text(), Field.Store.NO));
    // KeywordField adds sorted doc values: list() returns records ordered by id.
    doc.add(new KeywordField(ID, record.id(), Field.Store.YES));
    int title = (int) Math.min(record.text().length(),
        record.longValue(KnowledgeRecords.HEADER).orElse(0L));
    if (title > 0) {
      // Indexed with its title repeated, stored (and read back) as it was given.
      String text = record.text().substring(0, title).repeat(TITLE_REPEATS) + record.text();
      doc.add(new TextField(textField(collection), text, Field.Store.NO));
      doc.add(new StoredField(textField(collection), record.text()));
    } else {
      doc.add(new TextField(textField(collection), record.text(), Field.Store.YES));
    }
    if (record.hasVector()) {
      doc.add(new KnnFloatVectorField(vectorField(collection), record.vector(),
          VectorSimilarityFunction.COSINE));
    }
    // KeywordField adds doc values, so FieldExistsQuery can find records without the field.
    record.keywords().forEach((name, values) -> values.forEach(
        value -> doc.add(new KeywordField(keywordField(collection, name), value, Field.Store.YES))));
    // LongField indexes points and doc values, so ranges run as points or doc-value checks.
    record.longs().forEach(
        (name, value) -> doc.add(new LongField(longField(collection, name), value, Field.Store.YES)));
    return doc;
  }

  /**
   * The record stored in {@code doc}, with the given vector (empty when not read). Reads both
   * layouts: fields named for the collection, or (with {@code legacy}) the unqualified names of
   * an index of the old layout.
   */
  static IndexRecord toRecord(Document doc, float[] vector, boolean legacy) {
    String id = "";
    String text = "";
    Map<String, List<String>> keywords = new LinkedHashMap<>();
    Map<String, Long> longs = new LinkedHashMap<>();
    for (IndexableField field : doc) {
      String name = field.name();
      if (name.equals(ID)) {
        id = field.stringValue();
      } else if (name.startsWith(TEXT_PREFIX) || name.equals(LEGACY_TEXT)) {
        text = field.stringValue();
      } else if (name.startsWith(KEYWORD_PREFIX)) {
        keywords.computeIfAbsent(recordField(name, KEYWORD_PREFIX, legacy), n -> new ArrayList<>())
            .add(field.stringValue());
      } else if (name.startsWith(LONG_PREFIX)) {
        longs.put(recordField(name, LONG_PREFIX, legacy), field.numericValue().longValue());
      }
    }
    keywords.replaceAll((name, values) -> List.copyOf(values));
    return new IndexRecord(id, text, vector, keywords, longs);
  }

  /** The record's own name of a Lucene field: without the prefix and the collection. */
  private static String recordField(String luceneName, String prefix, boolean legacy) {
    String rest = luceneName.substring(prefix.length());
    // Collection names have no dots (LuceneIndex checks them), so the first dot ends one.
    return legacy ? rest : rest.substring(rest.indexOf('.') + 1);
  }

  /** The vector of a segment-local document in {@code field}, or an empty array when it has none. */
  static float[] readVector(LeafReader leaf, String field, int localDoc) throws IOException {
    FloatVectorValues values = leaf.getFloatVectorValues(field);
    if (values == null) {
      return new float[0];
    }
    KnnVectorValues.DocIndexIterator it = values.iterator();
    if (it.advance(localDoc) != localDoc) {
      return new float[0];
    }
    // The reader may reuse its buffer, so hand out a copy.
    return values.vectorValue(it.index()).clone();
  }
}
