package dev.engram.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.Settings;
import dev.engram.embed.Cl100kTokenCounter;
import dev.engram.embed.FakeEmbedder;
import dev.engram.server.EngramServer;
import dev.engram.server.ServerConfig;
import dev.engram.server.ServerEngine;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's session calls (read back, forget) and metadata calls (metadata on hits, delete by
 * metadata) against a real server on loopback over a real Lucene directory.
 */
class SessionsClientIT {
  static final String ADMIN_KEY = "sessions-it-admin-key-0123456789abcdef0123456789";

  @TempDir static Path tmp;
  static EngramServer server;
  static EngramClient acme;
  static EngramClient globex;

  @BeforeAll
  static void start() {
    Path data = tmp.resolve("data");
    ServerEngine engine = ServerEngine.open(data, Optional.empty(), Optional.empty(), Optional.empty(),
        Settings.defaults().withLlmMemory(false), new FakeEmbedder(384), new Cl100kTokenCounter());
    server = EngramServer.start(engine, ServerConfig.defaults(data).withAddress("127.0.0.1", 0)
        .withAdminKey(Optional.of(ADMIN_KEY)), line -> { });
    EngramClient admin = client(ADMIN_KEY);
    acme = client(admin.createKey("acme", "it").key());
    globex = client(admin.createKey("globex", "it").key());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static EngramClient client(String key) {
    return EngramClient.builder().baseUrl(URI.create(server.url())).apiKey(key)
        .timeout(Duration.ofSeconds(20)).build();
  }

  @Test
  void should_read_back_and_forget_a_session() {
    Owner trip = Owner.user("ann").withSession("trip");
    acme.remember(trip, List.of(Message.of("user", "I live in Porto."),
        Message.of("assistant", "Porto is lovely.")), true);
    acme.remember(trip, List.of(Message.of("user", "I love hiking.")), true);

    assertThat(acme.sessionMessages(trip, 10)).extracting(SessionMessage::content)
        .containsExactly("I live in Porto.", "Porto is lovely.", "I love hiking.");
    assertThat(acme.sessionMessages(trip, 2)).extracting(SessionMessage::role).containsExactly("assistant", "user");
    assertThat(globex.sessionMessages(trip, 10)).isEmpty();
    assertThat(globex.forgetSession(trip).erased().values()).containsOnly(0);

    ForgottenSession forgotten = acme.forgetSession(trip);

    assertThat(forgotten.sessionId()).isEqualTo("trip");
    assertThat(forgotten.erased().get("episodes")).isEqualTo(3);
    assertThat(acme.sessionMessages(trip, 10)).isEmpty();
    assertThat(acme.memories(trip, true, 1, 50).results()).isEmpty();
    assertThatThrownBy(() -> acme.forgetSession(Owner.agent("bot").withSession("trip")))
        .isInstanceOfSatisfying(EngramClientException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(() -> acme.sessionMessages(Owner.user("ann"), 10))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void should_return_metadata_on_hits_and_delete_by_it() {
    acme.addDocument("en", "The Orbit warranty lasts two years.", DocumentFields.inKb("meta")
        .withMetadata(Map.of("lang", "en")));
    acme.addDocument("de", "Die Orbit Garantie (warranty) dauert zwei Jahre.", DocumentFields.inKb("meta")
        .withMetadata(Map.of("lang", "de")));

    List<SearchHit> hits = acme.search(SearchQuery.of("warranty").withTopK(5).inKbs(List.of("meta")));
    assertThat(hits).extracting(h -> h.metadata().get("lang")).containsExactlyInAnyOrder("en", "de");

    assertThat(acme.deleteDocuments("meta", Map.of("lang", "en"))).containsExactly("en");
    assertThat(acme.search(SearchQuery.of("warranty").withTopK(5).inKbs(List.of("meta"))))
        .extracting(SearchHit::documentId).containsExactly("de");
    assertThatThrownBy(() -> acme.deleteDocuments("meta", Map.of()))
        .isInstanceOfSatisfying(EngramClientException.class, e -> assertThat(e.code()).isEqualTo("ENGRAM-952"));
  }
}
