package dev.engram.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.Engram;
import dev.engram.common.Hashes;
import dev.engram.common.Scope;
import dev.engram.index.Filter;
import dev.engram.knowledge.IngestListener;
import dev.engram.knowledge.IngestOptions;
import dev.engram.retrieval.SearchHit;
import dev.engram.retrieval.SearchMode;
import dev.engram.retrieval.SearchRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Knowledge of an embedded Engram. The engine ingests files only, so an added document becomes a
 * one-line JSONL file (its id as {@code _id}, its metadata as fields), ingested and deleted; the
 * file's path, one per id, is what later replaces or deletes that document.
 */
final class EmbeddedKnowledge implements Knowledge {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Engram engram;
  private final String tenant;
  private final Path staging;

  EmbeddedKnowledge(Engram engram, String tenant, Path staging) {
    this.engram = engram;
    this.tenant = tenant;
    this.staging = staging.toAbsolutePath().normalize();
  }

  @Override
  public List<Passage> search(Search s) {
    Filter filter = Filter.all();
    for (Map.Entry<String, String> e : s.filters().entrySet()) {
      filter = filter.and(e.getKey(), e.getValue());
    }
    SearchRequest request = SearchRequest.of(s.query(), s.k())
        .withMode(SearchMode.valueOf(s.mode().toUpperCase(Locale.ROOT))).withFilter(filter);
    return engram.search(scope(s.kbs()), request).stream().map(EmbeddedKnowledge::passage).toList();
  }

  private static Passage passage(SearchHit h) {
    String id = h.externalId().isEmpty() ? h.documentId() : h.externalId();
    return new Passage(id, h.knowledgeBase(), h.title(), h.source(), h.text(), h.start(), h.end(),
        h.sectionPath(), h.scores().fused());
  }

  @Override
  public void add(String kb, List<Doc> docs) {
    Scope scope = scope(kb.isEmpty() ? List.of() : List.of(kb));
    List<Path> files = new java.util.ArrayList<>();
    try {
      for (Doc doc : docs) {
        Path file = fileOf(scope, doc.id());
        Map<String, Object> line = new LinkedHashMap<>(doc.metadata());
        line.put("_id", doc.id());
        line.put("title", doc.title());
        line.put("text", doc.text());
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8);
        files.add(file);
      }
      if (!files.isEmpty()) { // one ingest call for them all, not one per document
        engram.ingest(scope, files, IngestOptions.defaults(), IngestListener.NONE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stage documents in " + staging, e);
    } finally {
      files.forEach(f -> f.toFile().delete());
    }
  }

  @Override
  public void delete(String kb, List<String> ids) {
    Scope scope = scope(kb.isEmpty() ? List.of() : List.of(kb));
    ids.forEach(id -> engram.deleteSource(scope, fileOf(scope, id)));
  }

  /** One file per tenant, knowledge base and id; hashed, so any id makes a safe file name. */
  private Path fileOf(Scope scope, String id) {
    String kb = scope.knowledgeBases().getFirst();
    String name = HexFormat.of().formatHex(Hashes.sha256(kb + "\u0000" + id), 0, 16);
    return staging.resolve(tenant).resolve(name + ".jsonl");
  }

  private Scope scope(List<String> kbs) {
    Scope s = Scope.ofTenant(tenant);
    return kbs.isEmpty() ? s : s.withKnowledgeBases(kbs);
  }
}
