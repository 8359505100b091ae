package dev.engram.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.common.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlParserTest {
  @TempDir Path dir;

  private List<Document> parse(String content) throws IOException {
    Path file = Files.writeString(dir.resolve("corpus.jsonl"), content);
    return new Parsers().parse(file, new SourceInfo(null, "corpus", Map.of("set", "beir")));
  }

  @Test
  void should_read_one_document_per_line_with_metadata_when_records_are_beir() throws IOException {
    List<Document> docs = parse("""
        {"_id": "4983", "title": "Brains", "text": "White matter.", "metadata": {"year": 2001}}

        {"_id": 7, "text": "No title here.\\r\\nSecond line.", "lang": "en", "tags": ["x"]}
        """);

    assertThat(docs).extracting(Document::externalId).containsExactly("4983", "7");
    String path = dir.resolve("corpus.jsonl").toAbsolutePath().normalize().toString();
    assertThat(docs).extracting(Document::id)
        .containsExactly(Hashing.recordId(path, "4983"), Hashing.recordId(path, "7"))
        .allMatch(id -> id.matches("[0-9a-f]{16}"));
    Document first = docs.getFirst();
    assertThat(first.title()).isEqualTo("Brains");
    assertThat(first.text()).isEqualTo("White matter.");
    assertThat(first.source()).isEqualTo("corpus#4983");
    assertThat(first.mediaType()).isEqualTo("application/jsonl");
    assertThat(first.metadata()).containsExactlyInAnyOrderEntriesOf(
        Map.of("year", "2001", "set", "beir"));
    assertThat(docs.get(1).title()).isEmpty();
    assertThat(docs.get(1).text()).isEqualTo("No title here.\nSecond line.");
    assertThat(docs.get(1).metadata()).containsExactlyInAnyOrderEntriesOf(
        Map.of("lang", "en", "set", "beir"));
  }

  @Test
  void should_report_the_line_number_when_json_is_malformed() {
    assertThatThrownBy(() -> parse("""
        {"_id": "1", "text": "ok"}
        {"_id": "2", "text": "broken
        """))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("corpus.jsonl line 2: invalid JSON")
        .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("ENGRAM-207");
  }

  @Test
  void should_report_the_line_number_when_id_or_text_is_missing() {
    assertThatThrownBy(() -> parse("{\"_id\": \"1\", \"text\": \"ok\"}\n\n{\"text\": \"x\"}\n"))
        .hasMessageContaining("line 3: missing \"_id\"");
    assertThatThrownBy(() -> parse("{\"_id\": \"1\", \"title\": \"t\"}\n"))
        .hasMessageContaining("line 1: missing string field \"text\"");
    assertThatThrownBy(() -> parse("[1, 2]\n")).hasMessageContaining("line 1: expected a JSON");
    assertThatThrownBy(() -> parse("{\"_id\": \"1\", \"text\": \"a\"} trailing\n"))
        .hasMessageContaining("line 1: invalid JSON");
  }

  @Test
  void should_refuse_the_file_when_an_id_repeats() {
    assertThatThrownBy(() -> parse("{\"_id\": \"1\", \"text\": \"a\"}\n{\"_id\": \"1\", \"text\": \"b\"}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 2: _id \"1\" appears on an earlier line");
  }
}
