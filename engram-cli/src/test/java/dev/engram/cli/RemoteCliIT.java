package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.client.EngramClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's remote mode against {@code engram serve} in a JVM of its own (real Lucene, the in-jar
 * embedder, a loopback port): every remote command, flags and environment variables, server
 * errors with their hints, and the hint a local command gives when a server holds its data.
 */
class RemoteCliIT {
  private static final Pattern URL = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+)");
  private static final String ADMIN = "remote-cli-it-admin-key-0123456789abcdef0123";

  @TempDir static Path tmp;
  static Process server;
  static String url;
  static String key;
  static Path data;

  @BeforeAll
  static void start() throws Exception {
    data = tmp.resolve("data");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector",
        "--enable-native-access=ALL-UNNAMED", Main.class.getName(), "serve", "--data", data.toString(),
        "--port", "0").redirectErrorStream(true);
    // The class path through the environment: the command line the server's lock records stays
    // short (as the launcher's `java -jar engram-cli.jar serve`), so it is not cut before "serve".
    pb.environment().put("CLASSPATH", System.getProperty("java.class.path"));
    pb.environment().put("ENGRAM_ADMIN_KEY", ADMIN);
    server = pb.start();
    List<String> out = new CopyOnWriteArrayList<>();
    BufferedReader in = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    for (String line; url == null && (line = in.readLine()) != null; ) {
      out.add(line);
      Matcher m = URL.matcher(line);
      if (line.startsWith("Engram serving") && m.find()) {
        url = m.group(1);
      }
    }
    assertThat(url).as(String.join("\n", out)).isNotNull();
    Thread.ofVirtual().start(() -> {
      try {
        in.lines().forEach(out::add);
      } catch (java.io.UncheckedIOException e) {
        // the stream closes when the test stops the server
      }
    });
    key = EngramClient.builder().baseUrl(URI.create(url)).apiKey(ADMIN).build().createKey("acme", "cli").key();
  }

  @AfterAll
  static void stop() throws Exception {
    server.destroy();
    server.waitFor(30, TimeUnit.SECONDS);
  }

  /** Runs {@code args} with {@code --server URL --api-key KEY} after the command name. */
  static Cli.Result remote(String... args) {
    List<String> all = new ArrayList<>(List.of(args[0], "--server", url, "--api-key", key));
    all.addAll(List.of(args).subList(1, args.length));
    return Cli.runAsGiven("", Map.of(), all.toArray(String[]::new));
  }

  @Test
  void should_ingest_list_and_search_documents_when_run_against_a_server() throws Exception {
    Path docs = Files.createDirectories(tmp.resolve("docs"));
    Files.writeString(docs.resolve("reset.md"), "# Orbit Hub Guide\n\n## Factory reset\n\nHold the reset"
        + " button for ten seconds until the ring blinks white.\n");
    Files.writeString(docs.resolve("warranty.txt"), "The Orbit Hub warranty lasts two years.");
    Files.writeString(docs.resolve("photo.png"), "not a document");

    Cli.Result ingest = remote("ingest", "--kb", "manuals", "--tag", "hub", docs.toString());
    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    assertThat(ingest.out()).contains("2 files uploaded to manuals, 2 documents added, 0 updated, 0 unchanged");
    assertThat(remote("ingest", "--kb", "manuals", "--tag", "hub", docs.toString()).out()).contains("2 unchanged");

    Cli.Result listed = remote("documents", "--kb", "manuals");
    assertThat(listed.out()).contains("Orbit Hub Guide").contains("2 documents");

    Cli.Result hits = remote("search", "--kb", "manuals", "--top", "1", "how do I factory reset the hub");
    assertThat(hits.exitCode()).as(hits.err()).isZero();
    assertThat(hits.out()).contains("[1] Orbit Hub Guide  (doc ").contains("section Orbit Hub Guide > Factory reset")
        .contains("| bm25 ").contains("1 hits, hybrid");
    Cli.Result json = remote("search", "--kb", "manuals", "--filter", "tag=hub", "--json", "warranty years");
    assertThat(json.out()).contains("\"documentId\"").contains("two years");
  }

  @Test
  void should_remember_recall_list_forget_and_erase_memories_when_run_against_a_server() {
    Cli.Result remembered = remote("remember", "--user", "ann", "I live in Paris and I love hiking.");
    assertThat(remembered.exitCode()).as(remembered.err()).isZero();
    assertThat(remembered.out()).contains("ADD").contains("remembered 1 message(s)");

    Cli.Result recalled = remote("recall", "--user", "ann", "where does ann live");
    assertThat(recalled.out()).contains("Paris").contains("score ").contains("results,");

    Cli.Result listed = remote("memories", "--user", "ann");
    assertThat(listed.out()).contains("Paris").containsPattern("\\d+ memories");
    String id = listed.out().lines().filter(l -> l.contains("Paris")).findFirst().orElseThrow().split(" ")[0];
    assertThat(remote("memories", "--user", "ann", "--id", id).out()).contains(id).contains("ADD");

    Cli.Result forgot = remote("forget", "--user", "ann", id);
    assertThat(forgot.out()).contains("forgot " + id);
    Cli.Result again = remote("forget", "--user", "ann", id);
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("error ENGRAM-306").contains("HTTP 404").contains("hint: `engram memories");

    Cli.Result erased = remote("erase", "--user", "ann");
    assertThat(erased.exitCode()).as(erased.err()).isZero();
    assertThat(erased.out()).startsWith("erased user ann");
    assertThat(remote("memories", "--user", "ann", "--history").out()).contains("0 memories");
  }

  @Test
  void should_answer_with_the_context_when_asked_through_a_server_named_by_the_environment() {
    remote("remember", "--user", "cal", "I am the keeper of the north lighthouse.");
    Cli.Result added = Cli.runAsGiven("", Map.of(), "ingest", "--server", url, "--api-key", key,
        writeDoc("fog.txt", "The fog horn sounds twice every thirty seconds.").toString());
    assertThat(added.exitCode()).as(added.err()).isZero();

    Cli.Result asked = Cli.runAsGiven("", Map.of("ENGRAM_SERVER", url, "ENGRAM_API_KEY", key),
        "ask", "--user", "cal", "--show-context", "How often does the fog horn sound?");
    assertThat(asked.exitCode()).as(asked.err()).isZero();
    assertThat(asked.out()).contains(RemoteBlend.EXTRACTIVE_AFTER).contains("thirty seconds")
        .contains("Sources:").contains("(doc ").contains("Route: ");
    // --show-context prints the context before the answer, streamed, and then its label
    assertThat(asked.out().indexOf("Knowledge (documents)")).isLessThan(asked.out().lastIndexOf("thirty seconds"));
    assertThat(asked.out().lastIndexOf("thirty seconds")).isLessThan(asked.out().indexOf(RemoteBlend.EXTRACTIVE_AFTER));

    Cli.Result json = Cli.runAsGiven("", Map.of("ENGRAM_SERVER", url, "ENGRAM_API_KEY", key),
        "ask", "--user", "cal", "--json", "How often does the fog horn sound?");
    assertThat(json.out()).contains("\"generated\" : false").contains("\"citations\"");
  }

  @Test
  void should_print_the_same_context_as_locally_when_asked_through_a_server() throws Exception {
    remote("remember", "--user", "eve", "I sail a blue ketch called Tern.");
    Cli.Result added = remote("ingest", "--kb", "pilot", writeDoc("tide.txt",
        "At spring tide the harbour bar has four metres of water.").toString());
    assertThat(added.exitCode()).as(added.err()).isZero();

    Cli.Result context = remote("context", "--user", "eve", "--kb", "pilot", "--budget", "500",
        "How much water is over the harbour bar at spring tide?");
    assertThat(context.exitCode()).as(context.err()).isZero();
    assertThat(context.out()).startsWith("Route: ").containsPattern("Context: \\d+ of 500 tokens \\(knowledge \\d+")
        .contains("four metres of water").contains("Citations:").contains("[1] tide.txt (doc ");

    JsonNode json = new ObjectMapper().readTree(remote("context", "--user", "eve", "--session", "boat", "--json",
        "What is my boat called?").out());
    assertThat(json.get("budgetTokens").asInt()).isEqualTo(2000);
    assertThat(json.get("text").asText()).contains("Tern");
    assertThat(json.findValuesAsText("kind")).contains("memory");

    Cli.Result tenant = remote("context", "--user", "eve", "--tenant", "other", "x");
    assertThat(tenant.exitCode()).isEqualTo(2);
    assertThat(tenant.err()).contains("the tenant is the API key's");
  }

  private static Path writeDoc(String name, String text) {
    try {
      return Files.writeString(Files.createDirectories(tmp.resolve("more")).resolve(name), text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void should_say_what_to_fix_when_the_key_the_tenant_or_the_server_is_wrong() {
    Cli.Result badKey = Cli.runAsGiven("", Map.of(), "search", "--server", url, "--api-key", "nope", "x");
    assertThat(badKey.exitCode()).isEqualTo(1);
    assertThat(badKey.err()).contains("error ENGRAM-911").contains("HTTP 401").contains("hint: check --api-key");

    Cli.Result noKey = Cli.runAsGiven("", Map.of(), "search", "--server", url, "x");
    assertThat(noKey.exitCode()).isEqualTo(2);
    assertThat(noKey.err()).contains("--server needs --api-key");

    Cli.Result tenant = remote("search", "--tenant", "other", "x");
    assertThat(tenant.exitCode()).isEqualTo(2);
    assertThat(tenant.err()).contains("the tenant is the API key's");

    Cli.Result chunking = remote("ingest", "--chunk-tokens", "64", writeDoc("c.txt", "some text").toString());
    assertThat(chunking.exitCode()).isEqualTo(2);
    assertThat(chunking.err()).contains("the server chunks with its own settings");

    Cli.Result badTopK = remote("search", "--top", "1000", "x");
    assertThat(badTopK.exitCode()).isEqualTo(1);
    assertThat(badTopK.err()).contains("ENGRAM-901").contains("(field top_k)").contains("HTTP 400");

    Cli.Result nowhere = Cli.runAsGiven("", Map.of(), "--server", "http://127.0.0.1:1", "--api-key", "k",
        "recall", "--user", "ann", "x");
    assertThat(nowhere.exitCode()).isEqualTo(1);
    assertThat(nowhere.err()).contains("error ENGRAM-940").contains("cannot reach").contains("hint: check --server");
  }

  @Test
  void should_hint_at_remote_mode_when_a_local_command_finds_the_data_held_by_a_server() {
    Cli.Result local = new Cli(data).run("remember", "--user", "dan", "I like tea.");
    assertThat(local.exitCode()).isEqualTo(1);
    assertThat(local.err()).contains("ENGRAM-502").contains("serve")
        .contains("hint: a running `engram serve` holds this data directory")
        .contains("--server URL --api-key KEY");
  }
}
