package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.Engram;
import dev.engram.common.Scope;
import dev.engram.index.Filter;
import dev.engram.knowledge.KnowledgeDocument;
import dev.engram.memory.model.Memory;
import dev.engram.memory.model.MemoryWithHistory;
import dev.engram.retrieval.SearchHit;
import dev.engram.retrieval.SearchRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory written by the previous release (one Lucene index per collection, knowledge
 * without tenants; see src/test/resources/legacy/README.md) opens with nothing lost: its
 * knowledge becomes tenant {@code default}, knowledge base {@code default}, and its memories keep
 * their tenants.
 */
class LegacyDataIT {
  @TempDir Path data;

  @BeforeEach
  void unzip() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/legacy/data-0.1.zip");
        ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        Path target = data.resolve(e.getName()).normalize();
        if (e.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(zip, target);
        }
      }
    }
    assertThat(data.resolve("index/knowledge")).isDirectory();
  }

  @Test
  void should_read_old_knowledge_as_default_tenant_and_knowledge_base() {
    Scope everyone = Scope.ofTenant(Scope.DEFAULT_TENANT);
    try (Engram engram = Engram.open(data)) {
      // The JSONL records get ids unique per file; their _id stays as external id.
      assertThat(engram.documents(everyone, 10)).extracting(KnowledgeDocument::externalId)
          .containsExactlyInAnyOrder("", "faq-1", "faq-2");
      assertThat(engram.documents(everyone, 10)).extracting(KnowledgeDocument::id)
          .contains("c24a13c9c63852bf").doesNotContain("faq-1", "faq-2")
          .allMatch(id -> id.matches("[0-9a-f]{16}"));
      assertThat(engram.documents(everyone, 10)).allMatch(d -> d.knowledgeBase().equals("default"));

      List<SearchHit> hits = engram.search(everyone, SearchRequest.of("how do I reset the lamp", 3));
      assertThat(hits.getFirst().documentId()).isEqualTo("c24a13c9c63852bf");
      assertThat(hits.getFirst().chunkId()).startsWith("c24a13c9c63852bf#");
      assertThat(hits.getFirst().sectionPath()).containsExactly("Orbit Lamp guide", "Reset");
      assertThat(engram.search(everyone, SearchRequest.of("battery", 5)
          .withFilter(Filter.eq("team", "support")))).extracting(SearchHit::externalId)
          .containsExactly("faq-1");
      assertThat(engram.search(everyone, SearchRequest.of("battery", 5)
          .withFilter(Filter.eq("_id", "faq-2")))).extracting(SearchHit::externalId)
          .containsOnly("faq-2").isNotEmpty();
      assertThat(engram.search(everyone, SearchRequest.of("warranty", 5)
          .withFilter(Filter.eq("tag", "handbook")))).isNotEmpty();

      assertThat(engram.documents(Scope.ofTenant("acme"), 10)).isEmpty();
      assertThat(engram.search(Scope.ofTenant("acme"), SearchRequest.of("reset", 5))).isEmpty();
    }
    assertThat(data.resolve("index/knowledge")).doesNotExist();
    assertThat(data.resolve("index/store")).isDirectory();
  }

  @Test
  void should_keep_memories_history_and_tenants_of_the_old_release() {
    try (Engram engram = Engram.open(data)) {
      List<Memory> live = engram.memories().list(Scope.ofUser("maya"), false);
      assertThat(live).extracting(Memory::text)
          .contains("maya loves hiking.", "maya moved to Berlin.")
          .doesNotContain("maya lives in Paris.");
      Memory paris = engram.memories().list(Scope.ofUser("maya"), true).stream()
          .filter(m -> m.text().equals("maya lives in Paris.")).findFirst().orElseThrow();
      assertThat(paris.validTo()).isPresent();
      MemoryWithHistory history = engram.memories().get(Scope.ofUser("maya"), paris.id()).orElseThrow();
      assertThat(history.history()).extracting(h -> h.action().name()).contains("ADD", "SUPERSEDE");

      assertThat(engram.memories().list(Scope.ofUser("maya").inTenant("acme"), false))
          .extracting(Memory::text).contains("maya's favourite colour is green.")
          .doesNotContain("maya loves hiking.");
    }
  }

  @Test
  void should_upgrade_once_and_lose_nothing_when_reopened() {
    Scope everyone = Scope.ofTenant(Scope.DEFAULT_TENANT);
    int memories;
    try (Engram engram = Engram.open(data)) {
      memories = engram.memories().list(Scope.ofUser("maya"), true).size();
    }
    try (Engram engram = Engram.builder().dataDirectory(data).readOnly(true).build()) {
      assertThat(engram.documents(everyone, 10)).hasSize(3);
      assertThat(engram.memories().list(Scope.ofUser("maya"), true)).hasSize(memories);
    }
    Cli.Result documents = new Cli(data).run("documents");
    assertThat(documents.exitCode()).isZero();
    assertThat(documents.out()).contains("faq-1", "Orbit Lamp guide", "3 documents");
    Cli.Result deleted = new Cli(data).run("delete", "faq-1");
    assertThat(deleted.exitCode()).as(deleted.err()).isZero();
    assertThat(new Cli(data).run("documents").out()).contains("2 documents").doesNotContain("#faq-1");
  }
}
