package dev.engram.opensearch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real OpenSearch node for the tests: one answering on 127.0.0.1:PORT (9200, or {@code
 * ENGRAM_TEST_OPENSEARCH_PORT}) is used as it is; otherwise {@code scripts/opensearch.sh start}
 * starts one, and the end of the test run stops it. A node that cannot start fails the tests
 * with the script's output; they are never skipped.
 *
 * <p>Each test run names its indexes with a prefix of its own ({@link #prefix}), so runs on a
 * shared node do not collide.
 */
public final class OpenSearchNode implements BeforeAllCallback {
  public static final int PORT = Integer.parseInt(
      System.getenv().getOrDefault("ENGRAM_TEST_OPENSEARCH_PORT", "9200"));
  static final String RUN = "it" + UUID.randomUUID().toString().substring(0, 8);
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).build();

  /** The index URI of the node, with an index prefix of its own for {@code name}. */
  public static String uri(String name) {
    return "opensearch://127.0.0.1:" + PORT + "?prefix=" + prefix(name);
  }

  public static String prefix(String name) {
    return RUN + "-" + name;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(OpenSearchNode.class, k -> startIfNeeded(), Started.class);
  }

  /** Closed by JUnit at the end of the run: stops the node if this run started it, and drops the run's indexes. */
  private record Started(boolean byUs) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      try {
        send("DELETE", "/" + RUN + "-*," + RUN + "-*.meta");
      } finally {
        if (byUs) {
          script("stop");
        }
      }
    }
  }

  private static Started startIfNeeded() {
    if (answers()) {
      return new Started(false);
    }
    try {
      script("start");
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("cannot start OpenSearch with scripts/opensearch.sh: " + e, e);
    }
    if (!answers()) {
      throw new IllegalStateException("scripts/opensearch.sh start returned, but nothing answers"
          + " on 127.0.0.1:" + PORT);
    }
    return new Started(true);
  }

  static boolean answers() {
    try {
      return send("GET", "/_cluster/health").statusCode() == 200;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** A request to the node; the tests' look behind the seam (stats, _source, files). */
  static HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A request with a JSON body: what a test sets up behind the seam (an index of an older mapping). */
  static HttpResponse<String> send(String method, String path, String json)
      throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(60))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void script(String command) throws IOException, InterruptedException {
    Path script = repoRoot().resolve("scripts/opensearch.sh");
    Path log = Files.createTempFile("engram-opensearch-" + command, ".log");
    Process p = new ProcessBuilder("bash", script.toString(), command, "--port", Integer.toString(PORT))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(6, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("scripts/opensearch.sh " + command + " took over 6 minutes;"
          + " its output:\n" + Files.readString(log));
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException("scripts/opensearch.sh " + command + " failed (exit "
          + p.exitValue() + "); its output:\n" + Files.readString(log));
    }
  }

  private static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("scripts/opensearch.sh"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("scripts/opensearch.sh not found above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
