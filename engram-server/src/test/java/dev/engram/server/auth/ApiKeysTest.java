package dev.engram.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.common.InvalidInputException;
import dev.engram.server.http.ApiException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {
  @TempDir Path dir;

  private Path file() {
    return dir.resolve("server").resolve("keys.json");
  }

  @Test
  void should_generate_the_admin_key_once_and_store_only_its_hash_readable_by_the_owner() throws Exception {
    ApiKeys.Opened first = ApiKeys.open(dir, Optional.empty(), Clock.systemUTC());
    String admin = first.newAdminKey().orElseThrow();
    assertThat(admin).startsWith("ek_admin_").hasSizeGreaterThan(40);
    assertThat(first.keys().authenticate(admin).isAdmin()).isTrue();
    assertThat(Files.readString(file())).doesNotContain(admin);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file().getParent()))).isEqualTo("rwx------");

    ApiKeys.Opened second = ApiKeys.open(dir, Optional.empty(), Clock.systemUTC());
    assertThat(second.newAdminKey()).isEmpty();
    assertThat(second.keys().authenticate(admin).isAdmin()).isTrue();
  }

  @Test
  void should_prefer_the_admin_key_of_the_environment_and_never_write_it() throws Exception {
    String generated = ApiKeys.open(dir, Optional.empty(), Clock.systemUTC()).newAdminKey().orElseThrow();
    ApiKeys keys = ApiKeys.open(dir, Optional.of("from-the-environment-0123456789"), Clock.systemUTC()).keys();
    assertThat(keys.authenticate("from-the-environment-0123456789").isAdmin()).isTrue();
    assertThatThrownBy(() -> keys.authenticate(generated)).isInstanceOf(ApiException.class);
    assertThat(Files.readString(file())).doesNotContain("from-the-environment");
  }

  @Test
  void should_create_tenant_keys_that_survive_a_restart_and_revoke_them_at_once() throws Exception {
    ApiKeys keys = ApiKeys.open(dir, Optional.of("admin-key-0123456789"), Clock.systemUTC()).keys();
    ApiKeys.Created acme = keys.create("acme", "bot");
    ApiKeys.Created globex = keys.create("globex", "");
    assertThat(acme.secret()).startsWith("ek_").isNotEqualTo(globex.secret());
    assertThat(Files.readString(file())).doesNotContain(acme.secret()).doesNotContain(globex.secret());
    assertThat(keys.authenticate(acme.secret()).tenant()).contains("acme");

    ApiKeys reopened = ApiKeys.open(dir, Optional.of("admin-key-0123456789"), Clock.systemUTC()).keys();
    assertThat(reopened.authenticate(globex.secret()).tenant()).contains("globex");
    assertThat(reopened.list()).extracting(ApiKey::tenant).containsExactly("acme", "globex");

    reopened.revoke(acme.key().id());
    assertThatThrownBy(() -> reopened.authenticate(acme.secret())).isInstanceOf(ApiException.class)
        .hasMessageContaining("not valid");
    assertThat(ApiKeys.open(dir, Optional.of("admin-key-0123456789"), Clock.systemUTC()).keys().list())
        .extracting(ApiKey::tenant).containsExactly("globex");
    assertThatThrownBy(() -> reopened.revoke(acme.key().id())).isInstanceOf(ApiException.class);
  }

  @Test
  void should_refuse_a_tenant_id_that_scopes_refuse() {
    ApiKeys keys = ApiKeys.open(dir, Optional.of("admin-key-0123456789"), Clock.systemUTC()).keys();
    assertThatThrownBy(() -> keys.create("../other", "x")).isInstanceOf(InvalidInputException.class);
    assertThat(keys.list()).isEmpty();
  }

  @Test
  void should_refuse_a_corrupt_key_file_instead_of_starting_open() throws Exception {
    Files.createDirectories(file().getParent());
    Files.writeString(file(), "{not json");
    assertThatThrownBy(() -> ApiKeys.open(dir, Optional.empty(), Clock.systemUTC()))
        .hasMessageContaining("corrupt");
  }
}
