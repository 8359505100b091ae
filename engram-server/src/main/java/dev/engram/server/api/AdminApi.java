package dev.engram.server.api;

import dev.engram.server.auth.ApiKey;
import dev.engram.server.auth.ApiKeys;
import dev.engram.server.http.Access;
import dev.engram.server.http.ApiException;
import dev.engram.server.http.Call;
import dev.engram.server.http.ErrorCodes;
import dev.engram.server.http.Reply;
import dev.engram.server.http.Route;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Key management for the admin: create a tenant key (its secret shown once), list, revoke. */
public final class AdminApi {
  private final ApiKeys keys;

  public AdminApi(ApiKeys keys) {
    this.keys = keys;
  }

  public List<Route> routes() {
    return List.of(
        Route.post("/v1/admin/keys", Access.ADMIN, this::create),
        Route.get("/v1/admin/keys", Access.ADMIN, this::list),
        Route.delete("/v1/admin/keys/{id}", Access.ADMIN, this::revoke));
  }

  record CreateKey(Optional<String> tenant, Optional<String> name) {}

  record CreatedKey(String id, String key, String tenant, String name, Instant createdAt) {}

  record KeyView(String id, String tenant, String name, Instant createdAt) {
    static KeyView of(ApiKey k) {
      return new KeyView(k.id(), k.tenant(), k.name(), k.createdAt());
    }
  }

  record Revoked(String id, boolean revoked) {}

  private Reply create(Call call) {
    CreateKey req = call.body(CreateKey.class);
    String tenant = Call.required(req.tenant(), "tenant");
    String name = req.name().orElse("");
    if (name.length() > 200) {
      throw ApiException.badField(ErrorCodes.BAD_FIELD, "name", "field 'name' is over 200 characters");
    }
    ApiKeys.Created c = keys.create(tenant, name);
    return Reply.created(new CreatedKey(c.key().id(), c.secret(), tenant, name, c.key().createdAt()));
  }

  private Reply list(Call call) {
    return Reply.ok(new KnowledgeApi.Results<>(keys.list().stream().map(KeyView::of).toList()));
  }

  private Reply revoke(Call call) {
    String id = call.path("id");
    keys.revoke(id);
    return Reply.ok(new Revoked(id, true));
  }
}
