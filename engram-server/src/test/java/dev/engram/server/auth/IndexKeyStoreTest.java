package dev.engram.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.common.VectorSpace;
import dev.engram.index.Index;
import dev.engram.index.IndexConfig;
import dev.engram.lucene.LuceneIndexFactory;
import dev.engram.server.http.ApiException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys kept in the index, as servers sharing a remote index keep them: two {@link ApiKeys} on one
 * (real, on-disk) index stand for two servers, each with nothing of its own.
 */
class IndexKeyStoreTest {
  @TempDir Path dir;
  private Index index;

  @BeforeEach
  void open() {
    index = new LuceneIndexFactory().open(IndexConfig.of("lucene:" + dir.resolve("index"),
        new VectorSpace("test-model", 4)));
  }

  @AfterEach
  void close() {
    index.close();
  }

  private ApiKeys.Opened server() {
    return ApiKeys.open(new IndexKeyStore(index), Optional.empty(), Clock.systemUTC());
  }

  @Test
  void should_use_one_admin_key_for_every_server_and_store_only_its_hash() throws Exception {
    ApiKeys.Opened first = server();
    ApiKeys.Opened second = server();

    String admin = first.newAdminKey().orElseThrow();
    assertThat(second.newAdminKey()).isEmpty();
    assertThat(second.keys().authenticate(admin).isAdmin()).isTrue();
    assertThat(index.collection(IndexKeyStore.COLLECTION).list(dev.engram.index.Filter.all(), 10))
        .allSatisfy(r -> assertThat(r.toString()).doesNotContain(admin));
    assertThat(Files.exists(dir.resolve("server").resolve("keys.json"))).isFalse();
  }

  @Test
  void should_accept_a_key_made_on_one_server_on_the_other_and_refuse_it_everywhere_once_revoked() {
    ApiKeys a = server().keys();
    ApiKeys b = server().keys();
    ApiKeys.Created acme = a.create("acme", "bot");
    ApiKeys.Created globex = b.create("globex", "");

    assertThat(b.authenticate(acme.secret()).tenant()).contains("acme");
    assertThat(a.authenticate(globex.secret()).tenant()).contains("globex");
    assertThat(a.list()).extracting(ApiKey::tenant).containsExactly("acme", "globex");
    assertThat(b.list()).isEqualTo(a.list());

    b.revoke(acme.key().id());
    assertThatThrownBy(() -> a.authenticate(acme.secret())).isInstanceOf(ApiException.class)
        .hasMessageContaining("not valid");
    assertThatThrownBy(() -> b.authenticate(acme.secret())).isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> a.revoke(acme.key().id())).isInstanceOf(ApiException.class);
    assertThat(a.authenticate(globex.secret()).tenant()).contains("globex");
    assertThatThrownBy(() -> a.authenticate("ek_" + "x".repeat(43))).isInstanceOf(ApiException.class);
  }
}
