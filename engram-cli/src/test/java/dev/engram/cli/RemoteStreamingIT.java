package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.chat.ChatModelConfig;
import dev.engram.cli.load.ServerProcess;
import dev.engram.client.DocumentFields;
import dev.engram.client.EngramClient;
import dev.engram.client.Owner;
import dev.engram.client.RecallQuery;
import dev.engram.models.openai.ScriptedChatServer;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streaming over the remote path: {@code ask} and {@code chat} with {@code --server} against
 * {@code engram serve} in a JVM of its own, whose LLM is a scripted OpenAI-compatible server on
 * loopback that pauses between tokens. The CLI prints the first tokens while the last ones are
 * still held back upstream, then the citations.
 */
class RemoteStreamingIT {
  private static final String ADMIN = "remote-streaming-it-admin-key-0123456789abcdef";
  /** Between tokens upstream: long enough that a buffered reply could not look streamed on a loaded machine. */
  private static final Duration PAUSE = Duration.ofMillis(1_500);

  @TempDir static Path tmp;
  static ScriptedChatServer llm;
  static ServerProcess server;
  static String key;

  @BeforeAll
  static void start() throws Exception {
    llm = ScriptedChatServer.start();
    server = ServerProcess.start(tmp.resolve("data"), ADMIN, List.of(), Map.of(
        ChatModelConfig.BASE_URL_VAR, llm.baseUrl().toString(), ChatModelConfig.MODEL_VAR, "test-model",
        ChatModelConfig.MAX_RETRIES_VAR, "0", "ENGRAM_LLM_MEMORY", "false"));
    key = EngramClient.builder().baseUrl(server.url()).apiKey(ADMIN).build().createKey("acme", "streaming").key();
    client().addDocument("In fog the horn sounds twice every thirty seconds.", DocumentFields.none().withTitle("Fog signals"));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    llm.close();
  }

  static EngramClient client() {
    return EngramClient.builder().baseUrl(server.url()).apiKey(key).build();
  }

  @Test
  void should_print_the_first_tokens_before_the_last_arrive_then_the_citations_when_asking_a_server() {
    llm.replySlowly(PAUSE, "The horn ", "sounds twice ", "every thirty seconds [1].");

    Run ask = run("", "ask", "--server", server.url().toString(), "--api-key", key, "--user", "ann",
        "How often does the horn sound in fog?");

    assertThat(ask.exitCode).as(ask.err()).isZero();
    assertThat(ask.text()).startsWith("The horn sounds twice every thirty seconds [1].\n")
        .contains("Sources:\n  [1] Fog signals (doc ").contains("Route: ").doesNotContain("extractive");
    // Two pauses upstream lie between the first token and the last: had the server or the client
    // held the answer back, both would have been printed in one go.
    assertThat(ask.millisBetween("The horn", "[1].")).isGreaterThanOrEqualTo(PAUSE.toMillis());
    assertThat(llm.lastBody().path("stream").asBoolean()).isTrue();
  }

  @Test
  void should_stream_each_turn_list_memories_and_go_on_after_a_failing_model_when_chatting_with_a_server() {
    llm.replyTokens("Noted", ", Bo.")
        .status(500, "{\"error\": {\"message\": \"upstream broke\", \"type\": \"server_error\"}}")
        .replySlowly(PAUSE, "Twice every ", "thirty seconds [1].");

    Run chat = run("I live in Oslo and I love lighthouses.\n/memories\nWhat is new?\n"
        + "When does the fog horn sound?\n/quit\nnever read\n",
        "chat", "--server", server.url().toString(), "--api-key", key, "--user", "bo");

    assertThat(chat.exitCode).as("one turn failed").isEqualTo(1);
    assertThat(chat.text()).contains("Chatting as user bo in session chat on " + server.url())
        .contains("engram> Noted, Bo.")
        .contains("fact: bo lives in Oslo")
        .contains("engram> Twice every thirty seconds [1].")
        .contains("[1] Fog signals (doc ")
        .contains("bye").doesNotContain("never read");
    assertThat(chat.err()).contains("error ENGRAM-6").contains("(this turn was not remembered)");
    assertThat(chat.millisBetween("Twice every", "[1].")).isGreaterThanOrEqualTo(PAUSE.toMillis() / 2);
    // the turns went to the server's memory, in the chat's session
    assertThat(client().recall(RecallQuery.of(Owner.user("bo"), "when does the fog horn sound")))
        .anySatisfy(m -> assertThat(m.memory()).contains("When does the fog horn sound?"));
  }

  @Test
  void should_refuse_flags_the_server_decides_when_chatting_with_a_server() {
    Run noRemember = run("", "chat", "--server", server.url().toString(), "--api-key", key, "--user", "bo",
        "--no-remember-answer");
    assertThat(noRemember.exitCode).isEqualTo(2);
    assertThat(noRemember.err()).contains("ENGRAM_REMEMBER_ANSWERS=false where `engram serve` runs");
  }

  /** What one command printed, each piece with the time it was printed. */
  record Run(int exitCode, List<Piece> pieces, String err) {
    record Piece(long nanos, String text) {}

    String text() {
      StringBuilder b = new StringBuilder();
      pieces.forEach(p -> b.append(p.text()));
      return b.toString();
    }

    /** Milliseconds from the print that completed {@code first} to the one that completed {@code last}. */
    long millisBetween(String first, String last) {
      return (printedAt(last) - printedAt(first)) / 1_000_000;
    }

    private long printedAt(String s) {
      StringBuilder b = new StringBuilder();
      for (Piece p : pieces) {
        b.append(p.text());
        if (b.indexOf(s) >= 0) {
          return p.nanos();
        }
      }
      throw new AssertionError("never printed: " + s + " in\n" + b);
    }
  }

  private static Run run(String stdin, String... args) {
    List<Run.Piece> pieces = new ArrayList<>();
    Writer timed = new Writer() {
      @Override
      public synchronized void write(char[] buf, int off, int len) {
        pieces.add(new Run.Piece(System.nanoTime(), new String(buf, off, len)));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    StringWriter err = new StringWriter();
    int code = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), Map.of(),
        new PrintWriter(timed, true), new PrintWriter(err, true));
    synchronized (timed) {
      return new Run(code, List.copyOf(pieces), err.toString());
    }
  }
}
