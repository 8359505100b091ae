package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code bench upstream} serves the zero-delay LLM until stopped, and says so when its port is taken. */
class BenchUpstreamIT {
  @Test
  void should_serve_models_and_completions_streamed_or_not_until_interrupted() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int[] code = {-1};
    Thread command = Thread.ofPlatform().start(() -> code[0] = Main.run(
        new String[] {"bench", "upstream", "--port", "0"}, new ByteArrayInputStream(new byte[0]), Map.of(),
        new PrintWriter(out, true), new PrintWriter(err, true)));
    Pattern url = Pattern.compile("upstream at (http://127\\.0\\.0\\.1:\\d+/v1)");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    Matcher m = url.matcher("");
    while (!(m = url.matcher(out.toString())).find()) {
      assertThat(System.nanoTime()).as("the URL is printed; out: " + out + " err: " + err).isLessThan(deadline);
      Thread.sleep(50);
    }
    URI base = URI.create(m.group(1));
    try (HttpClient http = HttpClient.newHttpClient()) {
      String models = http.send(HttpRequest.newBuilder(URI.create(base + "/models")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(models).contains("\"id\":\"instant\"");
      HttpResponse<String> completion = http.send(HttpRequest.newBuilder(URI.create(base + "/chat/completions"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
              "{\"model\":\"instant\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(completion.statusCode()).isEqualTo(200);
      assertThat(completion.body()).contains("\"content\":\"Instant reply.\"");
      String stream = http.send(HttpRequest.newBuilder(URI.create(base + "/chat/completions"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
              "{\"model\":\"instant\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(stream).contains("chat.completion.chunk").endsWith("data: [DONE]\n\n");
    }
    command.interrupt();
    command.join(TimeUnit.SECONDS.toMillis(10));
    assertThat(command.isAlive()).isFalse();
    assertThat(code[0]).isZero();
  }

  @Test
  void should_refuse_a_port_that_is_taken_and_say_what_to_do() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Cli.Result r = Cli.runAsGiven("", Map.of(), "bench", "upstream", "--port",
          Integer.toString(taken.getLocalPort()));
      assertThat(r.exitCode()).isNotZero();
      assertThat(r.err()).contains("port " + taken.getLocalPort() + " on 127.0.0.1 is taken")
          .contains("another --port");
    }
  }
}
