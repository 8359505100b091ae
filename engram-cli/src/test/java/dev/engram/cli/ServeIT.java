package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engram serve} in a JVM of its own: it prints the URL, the docs URL and (on the first
 * start only) the admin key; SIGTERM stops it gracefully; a restart on the same data directory
 * keeps the keys and every answered write.
 */
class ServeIT {
  private static final Pattern URL = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+)");
  @TempDir Path tmp;
  private final HttpClient http = HttpClient.newHttpClient();

  /** A running child: its output so far and its base URL once printed. */
  record Child(Process process, List<String> out, String url, long readyMillis, Thread reader) {}

  private Child start(Path data, Map<String, String> env, String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new java.util.ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "serve", "--data", data.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().remove("ENGRAM_ADMIN_KEY");
    pb.environment().putAll(env);
    long t0 = System.nanoTime();
    Process p = pb.start();
    List<String> out = new CopyOnWriteArrayList<>();
    BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String url = null;
    for (String line; url == null && (line = in.readLine()) != null; ) {
      out.add(line);
      Matcher m = URL.matcher(line);
      if (line.startsWith("Engram serving") && m.find()) {
        url = m.group(1);
      }
    }
    assertThat(url).as(String.join("\n", out)).isNotNull();
    Thread reader = new Thread(() -> in.lines().forEach(out::add));
    reader.start();
    assertThat(send("GET", url + "/ready", null, null).statusCode()).isEqualTo(200);
    return new Child(p, out, url, (System.nanoTime() - t0) / 1_000_000, reader);
  }

  private HttpResponse<String> send(String method, String url, String key, String json) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method,
        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
    assertThat(m.find()).as(json).isTrue();
    return m.group(1);
  }

  @Test
  void should_print_where_it_serves_stop_on_sigterm_and_keep_keys_and_writes_across_a_restart() throws Exception {
    Path data = tmp.resolve("data");
    Child first = start(data, Map.of(), "--port", "0");
    int keyLine = first.out().indexOf(first.out().stream().filter(l -> l.startsWith("Admin key")).findFirst().orElseThrow());
    String admin = first.out().get(keyLine + 1).strip();
    assertThat(admin).startsWith("ek_admin_");
    assertThat(first.out()).anyMatch(l -> l.equals("Web console: " + first.url() + "/   API docs: "
        + first.url() + "/docs   OpenAPI: " + first.url() + "/openapi.json"));
    System.out.println("engram serve ready after " + first.readyMillis() + " ms (JVM start to /ready 200)");

    String created = send("POST", first.url() + "/v1/admin/keys", admin, "{\"tenant\":\"acme\"}").body();
    String key = field(created, "key");
    HttpResponse<String> remembered = send("POST", first.url() + "/v1/memories", key,
        "{\"user_id\":\"ann\",\"messages\":[{\"content\":\"I live in Lisbon and I love sailing.\"}]}");
    assertThat(remembered.statusCode()).as(remembered.body()).isEqualTo(201);

    first.process().toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its output
    assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    first.reader().join(10_000);
    assertThat(first.process().exitValue()).isEqualTo(143);
    assertThat(first.out()).contains("stopped: requests in flight finished, index closed");
    assertThat(first.out()).anyMatch(l -> l.matches("POST /v1/memories 201 [0-9.]+ms tenant=acme"));
    assertThat(String.join("\n", first.out()).split(Pattern.quote(admin), -1)).hasSize(2); // printed once
    assertThat(String.join("\n", first.out())).doesNotContain(key).doesNotContain("Lisbon");

    Child second = start(data, Map.of("ENGRAM_PORT", "0"));
    try {
      assertThat(second.out()).noneMatch(l -> l.startsWith("Admin key"));
      assertThat(send("GET", second.url() + "/v1/admin/keys", admin, null).statusCode()).isEqualTo(200);
      HttpResponse<String> listed = send("GET", second.url() + "/v1/memories?user_id=ann", key, null);
      assertThat(listed.statusCode()).isEqualTo(200);
      assertThat(listed.body()).contains("Lisbon");
    } finally {
      second.process().toHandle().destroy();
      second.process().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void should_refuse_a_bad_port_before_opening_anything() throws Exception {
    Cli.Result r = new Cli(tmp.resolve("data")).run("serve", "--port", "70000");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--port must be between 0 and 65535, got: 70000");
  }
}
