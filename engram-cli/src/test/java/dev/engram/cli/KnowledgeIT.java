package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
  void should_fail_clearly_when_input_is_wrong() throws Exception {
    Cli cli = new Cli(tmp.resolve("data"));

    Cli.Result missing = cli.run("ingest", tmp.resolve("nope").toString());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("nope");
    // with a good path beside it, still before anything is written
    Path good = tmp.resolve("good.md");
    Files.writeString(good, "# Good\n\nA good file.");
    Cli.Result partly = cli.run("ingest", good.toString(), tmp.resolve("nope2").toString());
    assertThat(partly.exitCode()).isEqualTo(1);
    assertThat(partly.err()).contains("ENGRAM-102").contains("nope2");
    assertThat(tmp.resolve("data")).doesNotExist();
    // a folder of files Engram does not read is an error, not "0 files" and exit 0
    Path others = Files.createDirectories(tmp.resolve("others"));
    Files.writeString(others.resolve("notes.xyz"), "not a format Engram reads");
    Cli.Result nothing = cli.run("ingest", others.toString());
    assertThat(nothing.exitCode()).isEqualTo(1);
    assertThat(nothing.err()).contains("ENGRAM-101").contains(others.toString()).contains(".md")
        .contains(".pdf");
    assertThat(tmp.resolve("data")).doesNotExist();

    Cli.Result empty = cli.run("search", "   ");
    assertThat(empty.exitCode()).isEqualTo(1);
    assertThat(empty.err()).contains("ENGRAM-401");

    Cli.Result huge = cli.run("search", "x".repeat(5_000));
    assertThat(huge.err()).contains("ENGRAM-402");

    Cli.Result unknown = cli.run("delete", "no-such-doc");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("ENGRAM-404").contains("no document with id 'no-such-doc'")
        .contains("`engram documents`");

    Cli.Result overWindow = cli.run("ingest", "--chunk-tokens", "600", tmp.toString());
    assertThat(overWindow.exitCode()).isEqualTo(1);
    assertThat(overWindow.err()).contains("ENGRAM-110").contains("window of 510 tokens")
        .contains("--chunk-tokens 510 or less");

    Cli.Result twoTargets = cli.run("ingest", "--kb", "a,b", tmp.toString());
    assertThat(twoTargets.exitCode()).isEqualTo(2);
    assertThat(twoTargets.err()).contains("ingest writes to one knowledge base");
    Cli.Result twice = cli.run("delete", "--kb", "a", "--kb", "b", "some-doc");
    assertThat(twice.exitCode()).isEqualTo(2);
    assertThat(twice.err()).contains("--kb").contains("only once");

    Cli.Result blankIndex = cli.run("search", "--index", " ", "fog");
    assertThat(blankIndex.exitCode()).isEqualTo(2);
    assertThat(blankIndex.err()).contains("--index needs a URI");

    Cli.Result badFilter = cli.run("search", "--filter", "tagnope", "fog");
    assertThat(badFilter.exitCode()).isEqualTo(2);
    assertThat(badFilter.err()).contains("'--filter'").contains("KEY=VALUE").contains("tagnope")
        .doesNotContain("option option");

    Cli.Result noSource = cli.run("delete", "--source", tmp.resolve("never-ingested").toString());
    assertThat(noSource.exitCode()).isEqualTo(1);
    assertThat(noSource.err()).contains("no document of knowledge base 'default' (tenant 'default')")
        .contains("never-ingested").contains("`engram documents`");
  }

  @Test
  void should_read_the_data_directory_when_data_stands_before_or_after_the_command_name() throws Exception {
    Path kb = Fixtures.knowledgeBase(tmp.resolve("kb"));
    String data = tmp.resolve("data").toString();

    Cli.Result after = Cli.runAsGiven("", Map.of(), "ingest", kb.resolve("guide.md").toString(), "--data", data);
    Cli.Result before = Cli.runAsGiven("", Map.of(), "--data", data, "documents");
    Cli.Result fromEnv = Cli.runAsGiven("", Map.of(DataOptions.DATA_VAR, data), "documents");

    assertThat(after.exitCode()).as(after.err()).isZero();
    assertThat(before.out()).contains("Lighthouse Guide").contains("1 documents");
    assertThat(fromEnv.out()).contains("Lighthouse Guide");
    assertThat(Cli.runAsGiven("", Map.of(), "--data", tmp.resolve("elsewhere").toString(), "documents", "--data", data)
        .out()).as("the --data nearest the command wins").contains("Lighthouse Guide");
  }

  @Test
  void should_ingest_search_list_and_delete_in_the_knowledge_base_named_when_given_tenant_and_kb()
      throws Exception {
    Path kb = Fixtures.knowledgeBase(tmp.resolve("kb"));
    Cli cli = new Cli(tmp.resolve("data"));

    Cli.Result ingest = cli.run("ingest", "--tenant", "acme", "--kb", "manuals", kb.toString());
    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    assertThat(ingest.out()).contains("4 documents added");

    JsonNode hits = new ObjectMapper().readTree(
        cli.run("search", "--tenant", "acme", "--kb", "manuals", "fog horn", "--json", "-k", "1").out());
    assertThat(hits.get(0).get("title").asText()).isEqualTo("Lighthouse Guide");
    String docId = hits.get(0).get("documentId").asText();

    JsonNode listed = new ObjectMapper().readTree(
        cli.run("documents", "--tenant", "acme", "--kb", "manuals", "--json").out());
    assertThat(listed).hasSize(4);
    assertThat(listed.get(0).has("knowledge_base")).isTrue();
    Cli.Result one = cli.run("documents", "--tenant", "acme", "--kb", "manuals");
    assertThat(one.out()).doesNotContain(" manuals ");

    Cli.Result delete = cli.run("delete", "--tenant", "acme", "--kb", "manuals", docId);
    assertThat(delete.exitCode()).as(delete.err()).isZero();
    assertThat(cli.run("documents", "--tenant", "acme", "--kb", "manuals").out()).contains("3 documents");
  }

  @Test
  void should_show_the_knowledge_base_of_each_document_when_documents_lists_several() throws Exception {
    Path kb = Fixtures.knowledgeBase(tmp.resolve("kb"));
    Cli cli = new Cli(tmp.resolve("data"));
    cli.run("ingest", kb.resolve("guide.md").toString());

    Cli.Result several = cli.run("documents", "--kb", "default", "--kb", "recipes");
    Cli.Result one = cli.run("documents");
    JsonNode json = new ObjectMapper().readTree(cli.run("documents", "--json").out());

    assertThat(several.exitCode()).as(several.err()).isZero();
    assertThat(several.out()).containsPattern("\\S+ +default +\\d+ chunks +Lighthouse Guide");
    assertThat(one.out()).containsPattern("\\S+ +\\d+ chunks +Lighthouse Guide").doesNotContain(" default ");
    assertThat(json).singleElement().satisfies(d ->
        assertThat(d.get("knowledge_base").asText()).isEqualTo("default"));
  }

  @Test
  void should_keep_tenants_and_knowledge_bases_apart_when_driving_the_cli() throws Exception {
    Path kb = Fixtures.knowledgeBase(tmp.resolve("kb"));
    Path recipes = Files.createDirectories(tmp.resolve("recipes"));
    Files.writeString(recipes.resolve("bread.txt"), "Sourdough bread needs a starter that is fed every day.\n");
    Cli cli = new Cli(tmp.resolve("data"));
    assertThat(cli.run("ingest", "--tenant", "acme", "--kb", "manuals", kb.toString()).exitCode()).isZero();
    assertThat(cli.run("ingest", "--tenant", "acme", "--kb", "recipes", recipes.toString()).exitCode()).isZero();

    assertThat(cli.run("search", "--tenant", "acme", "--kb", "manuals", "sourdough starter", "--json").out())
        .doesNotContain("Sourdough");
    assertThat(cli.run("search", "--tenant", "acme", "--kb", "manuals,recipes", "sourdough starter", "--json").out())
        .contains("Sourdough");
    assertThat(cli.run("search", "--tenant", "acme", "--kb", "recipes", "--kb", "manuals", "fog horn", "--json").out())
        .contains("horn sounds twice");
    assertThat(new ObjectMapper().readTree(
        cli.run("search", "--tenant", "globex", "--kb", "manuals", "fog horn", "--json").out())).isEmpty();
    // acme's documents are there, but not in the default scope the search read: it says which.
    assertThat(cli.run("search", "fog horn").out())
        .contains("no hits: nothing is ingested in knowledge base default of tenant default")
        .contains("searched with the same --tenant and --kb");
    assertThat(cli.run("search", "--tenant", "globex", "fog horn").out())
        .contains("tenant globex").contains("engram ingest --tenant globex --kb default DIR");

    Cli.Result both = cli.run("documents", "--tenant", "acme", "--kb", "manuals", "--kb", "recipes");
    assertThat(both.out()).contains("5 documents").containsPattern("recipes +\\d+ chunks");
    JsonNode recipesOnly = new ObjectMapper().readTree(
        cli.run("documents", "--tenant", "acme", "--kb", "recipes", "--json").out());
    assertThat(recipesOnly).singleElement().satisfies(d ->
        assertThat(d.get("knowledge_base").asText()).isEqualTo("recipes"));
    assertThat(cli.run("documents", "--tenant", "globex", "--kb", "manuals,recipes").out()).contains("0 documents");

    String breadId = recipesOnly.get(0).get("id").asText();
    Cli.Result elsewhere = cli.run("delete", "--tenant", "globex", "--kb", "recipes", breadId);
    assertThat(elsewhere.exitCode()).isEqualTo(1);
    assertThat(elsewhere.err()).contains("ENGRAM-404").contains("--tenant");
    assertThat(cli.run("delete", "--tenant", "acme", "--kb", "manuals", breadId).exitCode())
        .as("a document is deleted from its own knowledge base only").isEqualTo(1);
    assertThat(cli.run("delete", "--tenant", "acme", "--kb", "recipes", breadId).exitCode()).isZero();
  }

  @Test
  void should_rechunk_when_reingested_with_another_chunk_size() throws Exception {
    Path kb = Files.createDirectories(tmp.resolve("kb"));
    Files.writeString(kb.resolve("long.md"), "# Log\n\n" + "The keeper trims the wick at dusk. ".repeat(60) + "\n");
    Cli cli = new Cli(tmp.resolve("data"));
    assertThat(cli.run("ingest", kb.toString()).exitCode()).isZero();

    Cli.Result smaller = cli.run("ingest", "--chunk-tokens", "32", kb.toString());
    Cli.Result same = cli.run("ingest", "--chunk-tokens", "32", kb.toString());

    assertThat(smaller.exitCode()).as(smaller.err()).isZero();
    assertThat(smaller.out()).contains("1 files (0 unchanged)").contains("1 updated");
    assertThat(same.out()).contains("1 files (1 unchanged)").contains("0 updated");
  }

  @Test
  void should_ingest_the_folder_a_symlink_points_to_when_it_is_given_as_the_path() throws Exception {
    Path kb = Fixtures.knowledgeBase(tmp.resolve("kb"));
    Files.createSymbolicLink(kb.resolve("sub/loop"), kb);
    Path link = Files.createSymbolicLink(tmp.resolve("linked"), kb);
    Cli cli = new Cli(tmp.resolve("data"));

    Cli.Result r = cli.run("ingest", link.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("4 documents added").contains("1 skipped")
        .contains("skipped " + link.resolve("sub/loop")).contains("symbolic link");
  }

  @Test
  void should_keep_records_of_two_files_apart_when_they_share_an_id() throws Exception {
    Path kb = Files.createDirectories(tmp.resolve("kb"));
    Path a = Files.writeString(kb.resolve("a.jsonl"),
        "{\"_id\":\"a1\",\"title\":\"Anchors\",\"text\":\"The anchor chain is checked every spring.\"}\n");
    Path b = Files.writeString(kb.resolve("b.jsonl"),
        "{\"_id\":\"a1\",\"title\":\"Beacons\",\"text\":\"The beacon lamp is cleaned every autumn.\"}\n");
    Cli cli = new Cli(tmp.resolve("data"));
    assertThat(cli.run("ingest", a.toString()).exitCode()).isZero();

    Cli.Result second = cli.run("ingest", b.toString());
    Cli.Result again = cli.run("ingest", a.toString());

    assertThat(second.out()).contains("1 documents added, 0 updated");
    assertThat(again.out()).contains("1 unchanged");
    JsonNode docs = new ObjectMapper().readTree(cli.run("documents", "--json").out());
    assertThat(docs).hasSize(2).allSatisfy(d -> assertThat(d.get("externalId").asText()).isEqualTo("a1"));
    JsonNode anchor = new ObjectMapper().readTree(
        cli.run("search", "anchor chain", "--json", "-k", "1").out()).get(0);
    assertThat(anchor.get("externalId").asText()).isEqualTo("a1");
    assertThat(anchor.get("title").asText()).isEqualTo("Anchors");
    assertThat(anchor.get("documentId").asText()).isNotEqualTo("a1");
    assertThat(cli.run("search", "anchor chain", "-k", "1").out()).contains("_id a1");
    JsonNode both = new ObjectMapper().readTree(cli.run("search", "every", "--json", "--mode", "bm25",
        "--filter", "_id=a1").out());
    assertThat(both).hasSize(2);
    assertThat(cli.run("delete", "a1").exitCode()).as("two documents have _id a1").isEqualTo(1);

    assertThat(cli.run("delete", "--source", a.toString()).out()).contains("deleted 1 documents");
    JsonNode left = new ObjectMapper().readTree(cli.run("documents", "--json").out());
    assertThat(left).singleElement().satisfies(d -> assertThat(d.get("title").asText()).isEqualTo("Beacons"));
  }
}
