package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest, search, change, re-ingest and delete through the real CLI, index and model. */
class KnowledgeIT {
  @TempDir Path tmp;

  @Test
  void should_ingest_search_update_and_delete_when_driving_the_cli() throws Exception {
    Path kb = Fixtures.knowledgeBase(tmp.resolve("kb"));
    Cli cli = new Cli(tmp.resolve("data"));

    Cli.Result first = cli.run("ingest", kb.toString());
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("4 documents added");

    Cli.Result search = cli.run("search", "when does the fog horn sound", "--json", "-k", "3");
    JsonNode hits = new ObjectMapper().readTree(search.out());
    JsonNode top = hits.get(0);
    assertThat(top.get("title").asText()).isEqualTo("Lighthouse Guide");
    assertThat(top.get("sectionPath").toString()).contains("Fog signals");
    String guide = Files.readString(kb.resolve("guide.md"));
    assertThat(top.get("text").asText()).contains("horn sounds twice");
    // only this chunk has "fog", "horn" and "sound": BM25 ranks it first (-1 would be: not found)
    assertThat(top.get("scores").get("bm25Rank").asInt()).isZero();

    Cli.Result pdf = cli.run("search", "Fresnel lens glass prisms", "--json", "-k", "1");
    assertThat(new ObjectMapper().readTree(pdf.out()).get(0).get("page").asInt()).isEqualTo(1);
    Fixtures.longManual(kb.resolve("sub/long-manual.pdf"));
    cli.run("ingest", kb.resolve("sub").toString());
    Cli.Result page2 = cli.run("search", "kerosene stove wick", "--json", "-k", "1");
    JsonNode p2 = new ObjectMapper().readTree(page2.out()).get(0);
    assertThat(p2.get("text").asText()).contains("kerosene stove");
    assertThat(p2.get("page").asInt()).isEqualTo(2);
    assertThat(cli.run("delete", p2.get("documentId").asText()).exitCode()).isZero();
    Files.delete(kb.resolve("sub/long-manual.pdf"));

    Cli.Result html = cli.run("search", "zzzsecretscript", "--mode", "bm25", "--json");
    assertThat(new ObjectMapper().readTree(html.out())).isEmpty();

    Cli.Result again = cli.run("ingest", kb.toString());
    assertThat(again.out()).contains("4 files (4 unchanged)").contains("0 documents added, 0 updated");

    Files.writeString(kb.resolve("guide.md"), guide.replace("twice every thirty seconds", "three times a minute"));
    Cli.Result changed = cli.run("ingest", kb.toString());
    assertThat(changed.out()).contains("1 updated");
    JsonNode after = new ObjectMapper().readTree(cli.run("search", "fog horn", "--json", "-k", "10").out());
    assertThat(after.toString()).contains("three times a minute").doesNotContain("twice every thirty");

    String docId = after.get(0).get("documentId").asText();
    assertThat(cli.run("delete", docId).exitCode()).isZero();
    JsonNode gone = new ObjectMapper().readTree(cli.run("search", "fog horn", "--json", "--filter", "doc=" + docId).out());
    assertThat(gone).isEmpty();

    Cli.Result source = cli.run("delete", "--source", kb.resolve("sub").toString());
    assertThat(source.out()).contains("deleted 1 documents");
    assertThat(cli.run("documents").out()).contains("2 documents");
  }

  @Test
  void should_report_bad_files_and_keep_going_when_a_folder_has_broken_files() throws Exception {
    Path kb = Fixtures.knowledgeBase(tmp.resolve("kb"));
    Files.write(kb.resolve("broken.pdf"), new byte[] {1, 2, 3, 4, 5});
    Files.writeString(kb.resolve("empty.txt"), "");
    Files.write(kb.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9, ' ', 'o', 'k'});
    Files.writeString(kb.resolve("bad.jsonl"), "{\"_id\":\"1\",\"text\":\"fine\"}\n{not json\n");
    Cli cli = new Cli(tmp.resolve("data"));

    Cli.Result r = cli.run("ingest", kb.toString());

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("4 documents added").contains("4 skipped")
        .contains("broken.pdf").contains("empty.txt").contains("latin1.txt").contains("line 2");
  }

  @Test
  void should_fail_clearly_when_input_is_wrong() {
    Cli cli = new Cli(tmp.resolve("data"));

    Cli.Result missing = cli.run("ingest", tmp.resolve("nope").toString());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("nope");

    Cli.Result empty = cli.run("search", "   ");
    assertThat(empty.exitCode()).isEqualTo(1);
    assertThat(empty.err()).contains("ENGRAM-401");

    Cli.Result huge = cli.run("search", "x".repeat(5_000));
    assertThat(huge.err()).contains("ENGRAM-402");

    Cli.Result unknown = cli.run("delete", "no-such-doc");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("no document with id 'no-such-doc'");
  }
}
