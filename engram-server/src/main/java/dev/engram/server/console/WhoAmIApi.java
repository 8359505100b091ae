package dev.engram.server.console;

import dev.engram.server.http.Access;
import dev.engram.server.http.Call;
import dev.engram.server.http.Reply;
import dev.engram.server.http.Route;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v1/whoami}: which kind of key was sent (admin or a tenant's) and its tenant, so the
 * console's login can check a pasted key and show the pages that key can use without first
 * calling a route that would refuse it.
 */
public final class WhoAmIApi {
  public List<Route> routes() {
    return List.of(Route.get("/v1/whoami", Access.ANY, this::whoami));
  }

  record Identity(boolean admin, Optional<String> tenant, String keyId) {}

  private Reply whoami(Call call) {
    var caller = call.caller();
    return Reply.ok(new Identity(caller.isAdmin(), caller.tenant(), caller.keyId()));
  }
}
