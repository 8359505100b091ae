package dev.engram.knowledge;

import dev.engram.common.Scope;
import dev.engram.index.Filter;
import dev.engram.index.IndexRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How chunks and documents are laid out as records of the knowledge collections. The indexed text
 * of a chunk is a short header (title and section path, see {@link Chunk#header()}) followed by
 * the chunk's own text: the header gives BM25 and the embedder the context a bare paragraph
 * lacks, and {@link #HEADER} remembers its length so hits show only the chunk.
 *
 * <p>Every record carries its tenant and knowledge base, and its id in the collection is the
 * {@linkplain #key key} {@code tenant/kb/id}: document ids, file paths and chunk ids repeat across
 * tenants and knowledge bases (two tenants ingest the same file), the keys never do.
 */
public final class KnowledgeRecords {
  /** The collection of chunks. */
  public static final String CHUNKS = "knowledge";
  /** The collection with one record per document: content hash, source, chunk count. */
  public static final String DOCUMENTS = "documents";
  /** The collection with one record per ingested file: content hash, so unchanged files are skipped. */
  public static final String SOURCES = "sources";

  /** The tenant of a record: the same keyword name as memory records use. */
  public static final String TENANT = "tenant";
  /** The knowledge base of a record within its tenant. */
  public static final String KB = "kb";
  /** The document id: unique in its knowledge base (see {@link Document#id()}). */
  public static final String DOC = "doc";
  /**
   * The id the source gave the document, a JSONL record's {@code _id}; absent for files. Search
   * filters ({@code _id=...}), hits and evaluations name records by it.
   */
  public static final String EXTERNAL_ID = "_id";
  /** JSONL: the one media type whose documents carry an {@link #EXTERNAL_ID}. */
  public static final String JSONL = "application/jsonl";
  /** The absolute path of the file a document came from (several for one JSONL file). */
  public static final String FILE = "file";
  public static final String SOURCE = "source";
  public static final String TITLE = "title";
  public static final String MEDIA_TYPE = "mediaType";
  public static final String SECTION = "section";
  public static final String TAG = "tag";
  public static final String HASH = "hash";
  public static final String ORDINAL = "ordinal";
  public static final String START = "start";
  public static final String END = "end";
  public static final String PAGE = "page";
  public static final String HEADER = "headerLength";
  public static final String CHUNK_COUNT = "chunks";
  public static final String INGESTED_AT = "ingestedAt";

  private static final Set<String> RESERVED =
      Set.of(TENANT, KB, DOC, EXTERNAL_ID, FILE, SOURCE, TITLE, MEDIA_TYPE, SECTION, HASH, "text");

  private KnowledgeRecords() {}

  /** The id of a record in its collection: tenant, knowledge base and the document's own id. */
  public static String key(String tenant, String kb, String id) {
    return tenant + "/" + kb + "/" + id;
  }

  /** The key of {@code id} in the one knowledge base a write of {@code scope} goes to. */
  public static String key(Scope scope, String id) {
    return key(scope.tenant(), scope.requireOneKnowledgeBase("write"), id);
  }

  /**
   * The filter every knowledge read starts from: the scope's tenant first, then its knowledge
   * bases.
   */
  public static Filter filter(Scope scope) {
    return Filter.eq(TENANT, scope.tenant()).andAnyOf(KB, scope.knowledgeBases());
  }

  /** The filter of the one knowledge base a write of {@code scope} goes to. */
  public static Filter writeFilter(Scope scope) {
    return Filter.eq(TENANT, scope.tenant()).and(KB, scope.requireOneKnowledgeBase("write"));
  }

  /** Tenant, knowledge base and what names the document: shared by its record and its chunks. */
  private static Map<String, List<String>> documentKeywords(Scope scope, Document doc, String file) {
    Map<String, List<String>> keywords = scoped(scope);
    keywords.put(DOC, List.of(doc.id()));
    if (!doc.externalId().isEmpty()) {
      keywords.put(EXTERNAL_ID, List.of(doc.externalId()));
    }
    keywords.put(FILE, List.of(file));
    keywords.put(SOURCE, List.of(doc.source()));
    keywords.put(TITLE, List.of(doc.title()));
    keywords.put(MEDIA_TYPE, List.of(doc.mediaType()));
    return keywords;
  }

  private static Map<String, List<String>> scoped(Scope scope) {
    Map<String, List<String>> keywords = new HashMap<>();
    keywords.put(TENANT, List.of(scope.tenant()));
    keywords.put(KB, List.of(scope.requireOneKnowledgeBase("write")));
    return keywords;
  }

  /** The text that is indexed and embedded for a chunk: header plus chunk text. */
  public static String indexedText(Document doc, Chunk chunk) {
    return chunk.embeddedText();
  }

  /** The chunk record, with its embedding. */
  public static IndexRecord chunkRecord(Scope scope, Document doc, String file, Chunk chunk,
      float[] vector) {
    String header = chunk.header();
    Map<String, List<String>> keywords = documentKeywords(scope, doc, file);
    if (!chunk.sectionPath().isEmpty()) {
      keywords.put(SECTION, chunk.sectionPath()); // in order, outermost heading first
    }
    doc.metadata().forEach((key, value) -> {
      if (key.equals("tags")) {
        keywords.put(TAG, splitTags(value));
      } else if (!RESERVED.contains(key) && !value.isBlank() && value.length() < 1_000) {
        keywords.put(key, List.of(value));
      }
    });
    Map<String, Long> longs = Map.of(
        ORDINAL, (long) chunk.ordinal(),
        START, (long) chunk.start(),
        END, (long) chunk.end(),
        PAGE, (long) chunk.page(),
        HEADER, (long) header.length());
    return new IndexRecord(key(scope, chunk.id()), header + chunk.text(), vector, keywords, longs);
  }

  /** The document record: what re-ingest compares to decide whether anything changed. */
  public static IndexRecord documentRecord(
      Scope scope, Document doc, String file, String contentHash, int chunks, long now) {
    Map<String, List<String>> keywords = documentKeywords(scope, doc, file);
    keywords.put(HASH, List.of(contentHash));
    return new IndexRecord(
        key(scope, doc.id()), doc.title(), new float[0], keywords,
        Map.of(CHUNK_COUNT, (long) chunks, INGESTED_AT, now));
  }

  /** The file record: the hash of the file's bytes and the options it was ingested with. */
  public static IndexRecord sourceRecord(
      Scope scope, String file, String contentHash, int documents, long now) {
    Map<String, List<String>> keywords = scoped(scope);
    keywords.put(FILE, List.of(file));
    keywords.put(HASH, List.of(contentHash));
    return new IndexRecord(
        key(scope, file), file, new float[0], keywords,
        Map.of(CHUNK_COUNT, (long) documents, INGESTED_AT, now));
  }

  /**
   * The external id of a document or chunk record: its {@link #EXTERNAL_ID}, or, for a JSONL
   * record written before document ids were made unique per file (where the document id was the
   * {@code _id} itself) and not yet upgraded, its document id; empty for files.
   */
  public static String externalId(IndexRecord r) {
    return r.keyword(EXTERNAL_ID).orElseGet(() -> r.keyword(MEDIA_TYPE).orElse("").equals(JSONL)
        ? r.keyword(DOC).orElse("") : "");
  }

  /**
   * The metadata a chunk record was written with ({@link #chunkRecord}): its keywords without
   * Engram's own fields, one value each, and its tags comma-joined under {@code tags}.
   */
  public static Map<String, String> metadata(IndexRecord r) {
    Map<String, String> out = new java.util.TreeMap<>();
    r.keywords().forEach((key, values) -> {
      if (key.equals(TAG)) {
        out.put("tags", String.join(",", values));
      } else if (!RESERVED.contains(key) && !values.isEmpty()) {
        out.put(key, values.getFirst());
      }
    });
    return out;
  }

  /** Comma-separated tags, trimmed, without empties. */
  public static List<String> splitTags(String tags) {
    List<String> out = new ArrayList<>();
    for (String t : tags.split(",")) {
      if (!t.isBlank()) {
        out.add(t.strip());
      }
    }
    return out;
  }
}
