package dev.engram.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.Settings;
import dev.engram.chat.ChatModelConfig;
import dev.engram.embed.Cl100kTokenCounter;
import dev.engram.embed.FakeEmbedder;
import dev.engram.models.openai.OpenAiChatModel;
import dev.engram.models.openai.ScriptedChatServer;
import dev.engram.server.EngramServer;
import dev.engram.server.ServerConfig;
import dev.engram.server.ServerEngine;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every client method against the real server on a loopback port, over a real Lucene data
 * directory (core's fake embedder: ranking quality is the server's tests' concern), with a
 * scripted OpenAI-compatible endpoint for the generated, streamed answer.
 */
class EngramClientIT {
  static final String ADMIN_KEY = "client-it-admin-key-0123456789abcdef0123456789";

  @TempDir static Path tmp;
  static ScriptedChatServer llm;
  static EngramServer server;
  static EngramClient admin;
  static EngramClient acme;

  @BeforeAll
  static void start() throws Exception {
    llm = ScriptedChatServer.start();
    Path data = tmp.resolve("data");
    ServerEngine engine = ServerEngine.open(data, Optional.empty(), Optional.empty(),
        Optional.of(new OpenAiChatModel(ChatModelConfig.of(llm.baseUrl().toString(), "test-model"))),
        Settings.defaults().withLlmMemory(false), new FakeEmbedder(384), new Cl100kTokenCounter());
    server = EngramServer.start(engine, ServerConfig.defaults(data).withAddress("127.0.0.1", 0)
        .withAdminKey(Optional.of(ADMIN_KEY)), line -> { });
    admin = client(ADMIN_KEY);
    acme = client(admin.createKey("acme", "client-it").key());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    llm.close();
  }

  static EngramClient client(String key) {
    return EngramClient.builder().baseUrl(URI.create(server.url())).apiKey(key)
        .timeout(Duration.ofSeconds(20)).build();
  }

  @Test
  void should_report_health_and_readiness_when_the_server_runs() {
    assertThat(acme.health().status()).isEqualTo("ok");
    assertThat(acme.ready().status()).isEqualTo("ready");
  }

  @Test
  void should_add_upload_list_read_search_and_delete_documents() throws Exception {
    AddedDocuments added = acme.addDocument("The Orbit Hub warranty lasts two years.",
        DocumentFields.inKb("client-docs").withTitle("Warranty").withSource("warranty.txt")
            .withMetadata(Map.of("tag", "policy")));
    AddedDocuments.Written w = added.documents().getFirst();
    assertThat(w.status()).isEqualTo("added");
    assertThat(w.chunks()).isEqualTo(1);

    Path md = tmp.resolve("guide.md");
    Files.writeString(md, "# Orbit Hub Guide\n\n## Factory reset\n\nHold the reset button for ten seconds.\n");
    AddedDocuments.Written up = acme.uploadDocument(md, DocumentFields.inKb("client-docs")).documents().getFirst();
    assertThat(up.title()).isEqualTo("Orbit Hub Guide");
    assertThat(up.source()).isEqualTo("guide.md");

    Page<DocumentInfo> page = acme.documents("client-docs", 1, 10);
    assertThat(page.total()).isEqualTo(2);
    assertThat(page.results()).extracting(DocumentInfo::id).containsExactlyInAnyOrder(w.id(), up.id());
    assertThat(acme.documents("client-docs", 2, 1).results()).hasSize(1);

    DocumentDetail guide = acme.document(up.id(), "client-docs");
    assertThat(guide.chunks()).isNotEmpty();
    assertThat(guide.chunks().getFirst().section()).contains("Orbit Hub Guide");
    assertThat(guide.ingestedAt()).isAfter(Instant.EPOCH);

    List<SearchHit> hits = acme.search(SearchQuery.of("warranty years").withMode("bm25").withTopK(1)
        .inKbs(List.of("client-docs")).withFilter("tag", "policy"));
    assertThat(hits).singleElement().satisfies(h -> {
      assertThat(h.documentId()).isEqualTo(w.id());
      assertThat(h.text()).contains("two years");
      assertThat(h.scores().bm25Rank()).contains(1);
      assertThat(h.scores().dense()).isEmpty();
    });

    assertThat(acme.deleteDocument(w.id(), "client-docs").deleted()).isTrue();
    assertThat(acme.documents("client-docs", 1, 10).total()).isEqualTo(1);
  }

  @Test
  void should_keep_the_callers_id_and_replace_by_it_when_a_document_is_added_with_an_id() {
    AddedDocuments.Written first = acme.addDocument("doc-7", "Pair the hub over Bluetooth.",
        DocumentFields.inKb("client-ids").withTitle("Pairing")).documents().getFirst();
    AddedDocuments.Written again = acme.addDocument("doc-7", "Pair the hub over Wi-Fi.",
        DocumentFields.inKb("client-ids").withTitle("Pairing")).documents().getFirst();

    assertThat(first.id()).isEqualTo("doc-7");
    assertThat(again.status()).isEqualTo("updated");
    assertThat(acme.document("doc-7", "client-ids").chunks()).singleElement()
        .satisfies(c -> assertThat(c.text()).contains("Wi-Fi").doesNotContain("Bluetooth"));
    assertThat(acme.deleteDocument("doc-7", "client-ids").deleted()).isTrue();
  }

  @Test
  void should_remember_recall_list_edit_show_history_forget_and_erase_memories() {
    Owner bea = Owner.user("bea");
    Remembered r = acme.remember(bea, List.of(Message.user("I live in Paris and I love hiking.")
        .at(Instant.parse("2026-01-05T10:00:00Z"))), true);
    assertThat(r.episodeIds()).hasSize(1);
    assertThat(r.results()).isNotEmpty().allSatisfy(e -> assertThat(e.event()).isEqualTo("ADD"));
    String id = r.results().getFirst().id();

    assertThat(acme.remember(bea, List.of(Message.user("Just logging this.")), false).results()).isEmpty();

    List<RecalledMemory> recalled = acme.recall(RecallQuery.of(bea, "where does she live").withTopK(3));
    assertThat(recalled).extracting(RecalledMemory::id).contains(id);
    assertThat(recalled.getFirst().validFrom()).isNotNull();

    Page<MemoryInfo> listed = acme.memories(bea, false, 1, 50);
    assertThat(listed.results()).extracting(MemoryInfo::id).contains(id);
    assertThat(acme.memory(id).userId()).contains("bea");

    MemoryInfo edited = acme.editMemory(id, "Bea lives in Paris and loves hiking and cycling.");
    assertThat(edited.memory()).contains("cycling");
    assertThat(edited.version()).isGreaterThan(1);
    assertThat(acme.history(id)).extracting(MemoryChange::event).containsExactly("ADD", "EDIT");

    assertThat(acme.forget(id).deleted()).isTrue();
    assertThatThrownBy(() -> acme.memory(id)).isInstanceOfSatisfying(EngramClientException.class,
        e -> assertThat(e.status()).isEqualTo(404));

    Erased erased = acme.eraseUser("bea");
    assertThat(erased.userId()).isEqualTo("bea");
    assertThat(erased.erased().values().stream().mapToInt(Integer::intValue).sum()).isPositive();
    assertThat(acme.memories(bea, true, 1, 50).total()).isZero();
  }

  @Test
  void should_give_the_context_and_the_answer_plain_and_streamed() {
    acme.addDocument("The fog horn sounds twice every thirty seconds.", DocumentFields.inKb("blend").withTitle("Fog"));
    Question q = Question.of(Owner.user("cal"), "How often does the fog horn sound?").inKbs(List.of("blend"));

    ContextResult context = acme.context(q.withBudget(500));
    assertThat(context.budgetTokens()).isEqualTo(500);
    assertThat(context.text()).contains("thirty seconds");
    assertThat(context.citations()).extracting(Citation::title).contains("Fog");

    llm.reply("Twice every thirty seconds [1].");
    AnswerResult plain = acme.answer(q);
    assertThat(plain.generated()).isTrue();
    assertThat(plain.text()).isEqualTo("Twice every thirty seconds [1].");

    llm.replyTokens("Twice ", "every thirty ", "seconds [1].");
    List<String> deltas = new ArrayList<>();
    AnswerResult streamed = acme.answer(q, deltas::add);
    // Trailing spaces wait for the next token (it might open a citation mark): words stay whole.
    assertThat(deltas).containsExactly("Twice", " every thirty", " seconds [1].");
    assertThat(streamed.text()).isEqualTo("Twice every thirty seconds [1].");
    assertThat(streamed.citations()).isNotEmpty();
  }

  @Test
  void should_create_list_and_revoke_keys_when_the_caller_is_the_admin() {
    CreatedApiKey k = admin.createKey("zeta", "temporary");
    assertThat(k.key()).isNotBlank();
    assertThat(admin.keys()).extracting(ApiKeyInfo::id).contains(k.id());
    EngramClient zeta = client(k.key());
    assertThat(zeta.documents("", 1, 5).total()).isZero();

    assertThat(admin.revokeKey(k.id()).deleted()).isTrue();
    assertThat(admin.keys()).extracting(ApiKeyInfo::id).doesNotContain(k.id());
    assertThatThrownBy(() -> zeta.documents("", 1, 5)).isInstanceOfSatisfying(EngramClientException.class, e -> {
      assertThat(e.status()).isEqualTo(401);
      assertThat(e.code()).isEqualTo("ENGRAM-911");
    });
  }

  @Test
  void should_throw_the_problem_when_the_server_refuses_the_request() {
    assertThatThrownBy(() -> client("not-a-key").search(SearchQuery.of("x")))
        .isInstanceOfSatisfying(EngramClientException.class, e -> {
          assertThat(e.status()).isEqualTo(401);
          assertThat(e.code()).isEqualTo("ENGRAM-911");
          assertThat(e.title()).isEqualTo("Unauthorized");
        });
    assertThatThrownBy(() -> acme.document("no-such-document", ""))
        .isInstanceOfSatisfying(EngramClientException.class, e -> {
          assertThat(e.status()).isEqualTo(404);
          assertThat(e.code()).isEqualTo("ENGRAM-404");
          assertThat(e.detail()).contains("no-such-document");
        });
    assertThatThrownBy(() -> acme.search(SearchQuery.of("x").withTopK(1000)))
        .isInstanceOfSatisfying(EngramClientException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.code()).isEqualTo("ENGRAM-901");
          assertThat(e.field()).contains("top_k");
          assertThat(e.getMessage()).contains("top_k");
        });
    assertThatThrownBy(() -> acme.createKey("acme", "x")).isInstanceOfSatisfying(EngramClientException.class,
        e -> assertThat(e.status()).isEqualTo(403));
  }

  @Test
  void should_say_the_server_cannot_be_reached_when_nothing_listens() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    EngramClient nowhere = EngramClient.builder().baseUrl(URI.create("http://127.0.0.1:" + port))
        .apiKey("k").timeout(Duration.ofSeconds(2)).build();
    assertThatThrownBy(nowhere::health).isInstanceOfSatisfying(EngramClientException.class, e -> {
      assertThat(e.status()).isZero();
      assertThat(e.code()).isEqualTo(EngramClientException.UNREACHABLE);
      assertThat(e.getMessage()).contains("127.0.0.1:" + port).contains("engram serve");
    });
  }
}
