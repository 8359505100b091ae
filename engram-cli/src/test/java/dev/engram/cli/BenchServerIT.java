package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engram bench server} end to end on a small corpus: it starts {@code engram serve} in a
 * child JVM, runs setup (ingest, then LoCoMo conversations remembered through the API), loads it
 * with every operation, and prints a row per operation, no errors and the server's memory.
 */
class BenchServerIT {
  @TempDir Path tmp;

  @Test
  void should_set_up_load_and_report_every_operation_when_it_starts_its_own_server() throws Exception {
    Path scifact = Files.createDirectories(tmp.resolve("scifact"));
    Files.writeString(scifact.resolve("corpus.jsonl"), """
        {"_id": "1", "title": "Fog horns", "text": "The fog horn sounds twice every thirty seconds in dense fog."}
        {"_id": "2", "title": "Lamps", "text": "The lighthouse lamp turns once every ten seconds."}
        {"_id": "3", "title": "Keepers", "text": "Keepers logged the weather every four hours."}
        """);
    Files.writeString(scifact.resolve("queries.jsonl"), """
        {"_id": "q1", "text": "how often does the fog horn sound"}
        {"_id": "q2", "text": "how fast does the lamp turn"}
        """);
    Path locomo = tmp.resolve("locomo.json");
    StringBuilder json = new StringBuilder("[");
    for (int c = 0; c < 3; c++) {
      json.append(c == 0 ? "" : ",").append("""
          {"sample_id": "conv-%d", "conversation": {"speaker_a": "Ann", "speaker_b": "Bob",
            "session_1_date_time": "1:56 pm on 8 May, 2023",
            "session_1": [{"speaker": "Ann", "dia_id": "D1:1", "text": "I moved to Lisbon last month."},
                          {"speaker": "Bob", "dia_id": "D1:2", "text": "I play the cello in an orchestra."}]},
           "qa": [{"question": "Where did Ann move?", "answer": "Lisbon", "evidence": ["D1:1"], "category": 4}]}
          """.formatted(c));
    }
    Files.writeString(locomo, json.append("]").toString());

    Cli.Result r = Cli.runAsGiven("", Map.of(), "bench", "server", "--scifact", scifact.toString(),
        "--locomo", locomo.toString(), "--clients", "4", "--warmup", "1s", "--duration", "3s",
        "--mix", "search=1,recall=1,remember=1,context=1");

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("3 documents added").contains("2 sessions remembered")
        .contains("load: 4 clients, 1 s warm-up, 3 s measured, mix search=1,recall=1,remember=1,context=1, closed loop")
        .containsPattern("(?m)^search +[1-9]\\d* +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+ +0$")
        .containsPattern("(?m)^recall +[1-9]\\d* .* 0$")
        .containsPattern("(?m)^remember +[1-9]\\d* .* 0$")
        .containsPattern("(?m)^context +[1-9]\\d* .* 0$")
        .containsPattern("server CPU: [0-9.]+ s in the 3 s measured \\([0-9.]+ cores busy\\), [0-9.]+ ms per request")
        .doesNotContain("server CPU: 0.0 s")
        .containsPattern("server resident memory: [1-9]\\d* MiB now, [1-9]\\d* MiB peak");
  }
}
