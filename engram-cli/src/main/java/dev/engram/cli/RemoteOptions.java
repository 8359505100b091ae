package dev.engram.cli;

import dev.engram.client.EngramClient;
import dev.engram.common.Scope;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The remote mixin: {@code --server URL} with {@code --api-key KEY} (else {@code $ENGRAM_SERVER}
 * and {@code $ENGRAM_API_KEY}) run a command against a running {@code engram serve} through
 * engram-client instead of opening a data directory. The one switch between local and remote
 * mode: a command asks {@link #client()} and, when there is one, hands over to its remote half
 * ({@link RemoteKnowledge}, {@link RemoteMemory}, {@link RemoteBlend}). As with {@link
 * DataOptions}, the options may stand before or after the command name.
 */
final class RemoteOptions {
  static final String SERVER_VAR = "ENGRAM_SERVER";
  static final String KEY_VAR = "ENGRAM_API_KEY";
  /** As long as the client's default: an answer a local model generates can take that long. */
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  @Option(names = "--server", paramLabel = "URL",
      description = "Work against a running `engram serve`, e.g. http://127.0.0.1:8420 (default: $" + SERVER_VAR + ").")
  String server;

  @Option(names = "--api-key", paramLabel = "KEY",
      description = "The tenant's API key for --server (default: $" + KEY_VAR + ").")
  String apiKey;

  /** The client of the server named, or empty in local mode. */
  Optional<EngramClient> client() {
    Optional<String> url = nearest(r -> r.server).or(() -> env(SERVER_VAR));
    if (url.isEmpty()) {
      return Optional.empty();
    }
    String key = nearest(r -> r.apiKey).or(() -> env(KEY_VAR)).orElseThrow(() -> new ParameterException(
        mixee.commandLine(), "--server needs --api-key KEY (or $" + KEY_VAR + "): a tenant key, made with"
            + " POST /v1/admin/keys on the server"));
    URI uri;
    try {
      uri = URI.create(url.get());
    } catch (IllegalArgumentException e) {
      throw bad(url.get());
    }
    if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
      throw bad(url.get());
    }
    return Optional.of(EngramClient.builder().baseUrl(uri).apiKey(key).timeout(TIMEOUT).build());
  }

  /** The server's URL as given (call after {@link #client()} found one). */
  String url() {
    return nearest(r -> r.server).or(() -> env(SERVER_VAR)).orElseThrow();
  }

  /** The API key as given (call after {@link #client()} found a server). */
  String key() {
    return nearest(r -> r.apiKey).or(() -> env(KEY_VAR)).orElseThrow();
  }

  /**
   * Refuses {@code --tenant} on a server: the key names the tenant, and no request can name
   * another, so a flag that seemed to choose one would mislead.
   */
  void noTenant(String tenant) {
    if (!tenant.equals(Scope.DEFAULT_TENANT)) {
      throw new ParameterException(mixee.commandLine(), "--tenant " + tenant + " with --server: on a server"
          + " the tenant is the API key's; drop --tenant and use that tenant's key");
    }
  }

  private ParameterException bad(String url) {
    return new ParameterException(mixee.commandLine(),
        "--server needs an http:// or https:// URL such as http://127.0.0.1:8420, got: " + url);
  }

  private <T> Optional<T> nearest(Function<RemoteOptions, T> value) {
    for (CommandSpec command = mixee; command != null; command = command.parent()) {
      for (CommandSpec mixin : command.mixins().values()) {
        if (mixin.userObject() instanceof RemoteOptions r && value.apply(r) != null) {
          return Optional.of(value.apply(r)).filter(v -> !(v instanceof String s) || !s.isBlank());
        }
      }
    }
    return Optional.empty();
  }

  private Optional<String> env(String name) {
    return Optional.ofNullable(Main.of(mixee).env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }
}
