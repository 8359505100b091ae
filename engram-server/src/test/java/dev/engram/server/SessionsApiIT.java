package dev.engram.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session routes on a real server over a real Lucene directory: a session's messages read
 * back in order, a session forgotten with what was first remembered in it, nothing of another
 * tenant or user read or forgotten, bad input refused by name; and a listed session summary
 * forgotten by id.
 */
class SessionsApiIT {
  @TempDir static Path tmp;
  static Served served;
  static Http http;
  static String key;
  static String otherTenant;

  @BeforeAll
  static void start() {
    served = Served.fake(tmp.resolve("data"));
    http = served.http;
    key = served.keyFor("acme");
    otherTenant = served.keyFor("globex");
  }

  @AfterAll
  static void stop() {
    served.close();
  }

  private static void remember(String user, String session, String... contents) {
    List<Map<String, Object>> messages = new ArrayList<>();
    for (int i = 0; i < contents.length; i++) {
      messages.add(Map.of("role", i % 2 == 0 ? "user" : "assistant", "content", contents[i]));
    }
    Http.Response r = http.post("/v1/memories", key, Map.of("user_id", user, "session_id", session,
        "messages", messages));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
  }

  private static List<String> contents(JsonNode reply) {
    List<String> out = new ArrayList<>();
    reply.get("results").forEach(m -> out.add(m.get("role").asText() + ": " + m.get("content").asText()));
    return out;
  }

  /** The texts of the memories that are not session summaries. */
  private static List<String> facts(JsonNode memories) {
    List<String> out = new ArrayList<>();
    memories.forEach(m -> {
      if (!m.get("kind").asText().equals("summary")) {
        out.add(m.get("memory").asText());
      }
    });
    return out;
  }

  @Test
  void should_read_back_the_latest_messages_of_a_session_oldest_first() {
    remember("ann", "trip", "I am planning a trip to Lisbon.", "Lisbon is lovely in May.");
    remember("ann", "trip", "I will go in May then.");
    remember("ann", "work", "I work as a nurse.");

    JsonNode all = http.get("/v1/sessions/trip/messages?user_id=ann", key).json();
    assertThat(all.get("session_id").asText()).isEqualTo("trip");
    assertThat(contents(all)).containsExactly("user: I am planning a trip to Lisbon.",
        "assistant: Lisbon is lovely in May.", "user: I will go in May then.");
    assertThat(all.get("total").asInt()).isEqualTo(3);
    assertThat(all.get("results").get(0).get("sequence").asLong()).isZero();
    assertThat(all.get("results").get(0).get("speaker").asText()).isEqualTo("ann");

    JsonNode last = http.get("/v1/sessions/trip/messages?user_id=ann&limit=2", key).json();
    assertThat(contents(last)).containsExactly("assistant: Lisbon is lovely in May.",
        "user: I will go in May then.");
    assertThat(last.get("total").asInt()).isEqualTo(3);
    assertThat(contents(http.get("/v1/sessions/work/messages?user_id=ann", key).json()))
        .containsExactly("user: I work as a nurse.");
    assertThat(contents(http.get("/v1/sessions/nothing-here/messages?user_id=ann", key).json())).isEmpty();
  }

  @Test
  void should_forget_a_session_its_messages_and_the_memories_first_remembered_in_it() {
    remember("cyd", "before", "I live in Paris.");
    remember("cyd", "after", "I moved to Berlin.");
    JsonNode live = http.get("/v1/memories?user_id=cyd", key).json().get("results");
    assertThat(facts(live)).containsExactly("cyd moved to Berlin.");

    Http.Response forgotten = http.delete("/v1/sessions/after?user_id=cyd", key);
    assertThat(forgotten.status()).as(forgotten.toString()).isEqualTo(200);
    assertThat(forgotten.json().get("session_id").asText()).isEqualTo("after");
    assertThat(forgotten.json().get("erased").get("episodes").asInt()).isEqualTo(1);
    assertThat(forgotten.json().get("erased").get("memories").asInt()).isPositive();

    assertThat(contents(http.get("/v1/sessions/after/messages?user_id=cyd", key).json())).isEmpty();
    JsonNode all = http.get("/v1/memories?user_id=cyd&include_history=true", key).json().get("results");
    assertThat(all.toString()).doesNotContain("Berlin");
    assertThat(facts(http.get("/v1/memories?user_id=cyd", key).json().get("results"))).isEmpty();
    // The earlier session's fact stays as history: forgetting a statement does not reinstate
    // what it replaced.
    assertThat(all).anySatisfy(m -> {
      assertThat(m.get("memory").asText()).contains("Paris");
      assertThat(m.has("valid_to")).isTrue();
    });
    assertThat(contents(http.get("/v1/sessions/before/messages?user_id=cyd", key).json()))
        .containsExactly("user: I live in Paris.");
  }

  @Test
  void should_read_and_forget_nothing_of_another_tenant_or_user() {
    remember("dee", "private", "My locker code is 4711.");
    JsonNode elsewhere = http.get("/v1/sessions/private/messages?user_id=dee", otherTenant).json();
    assertThat(elsewhere.get("results")).isEmpty();
    assertThat(elsewhere.get("total").asInt()).isZero();
    assertThat(http.get("/v1/sessions/private/messages?user_id=eve", key).json().get("results")).isEmpty();

    JsonNode erased = http.delete("/v1/sessions/private?user_id=dee", otherTenant).json().get("erased");
    erased.forEach(n -> assertThat(n.asInt()).isZero());
    assertThat(http.delete("/v1/sessions/private?user_id=eve", key).json().get("erased").get("episodes").asInt())
        .isZero();
    assertThat(contents(http.get("/v1/sessions/private/messages?user_id=dee", key).json()))
        .containsExactly("user: My locker code is 4711.");
  }

  @Test
  void should_refuse_a_session_without_owner_bad_limits_and_the_admin_key() {
    Http.Response noOwner = http.get("/v1/sessions/s/messages", key);
    assertThat(noOwner.status()).isEqualTo(400);
    assertThat(noOwner.code()).isEqualTo("ENGRAM-902");
    assertThat(noOwner.json().get("field").asText()).isEqualTo("user_id");
    for (String limit : List.of("0", "1001", "ten")) {
      Http.Response bad = http.get("/v1/sessions/s/messages?user_id=ann&limit=" + limit, key);
      assertThat(bad.status()).as(limit).isEqualTo(400);
      assertThat(bad.code()).isEqualTo("ENGRAM-903");
      assertThat(bad.json().get("field").asText()).isEqualTo("limit");
    }
    Http.Response agentOnly = http.delete("/v1/sessions/s?agent_id=bot", key);
    assertThat(agentOnly.status()).isEqualTo(400);
    assertThat(agentOnly.json().get("field").asText()).isEqualTo("user_id");
    assertThat(http.delete("/v1/sessions/s", key).status()).isEqualTo(400);
    assertThat(http.get("/v1/sessions/s/messages?user_id=ann", Served.ADMIN_KEY).status()).isEqualTo(403);
    assertThat(http.delete("/v1/sessions/s?user_id=ann", null).status()).isEqualTo(401);
  }

  @Test
  void should_forget_a_listed_session_summary_by_id() {
    remember("fay", "hike", "I live in Oslo and I love hiking.");
    JsonNode listed = http.get("/v1/memories?user_id=fay&session_id=hike", key).json().get("results");
    String summary = null;
    for (JsonNode m : listed) {
      if (m.get("kind").asText().equals("summary")) {
        summary = m.get("id").asText();
      }
    }
    assertThat(summary).as(listed.toString()).isNotNull();
    Http.Response deleted = http.delete("/v1/memories/" + summary, key);
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
    assertThat(http.get("/v1/memories/" + summary, key).status()).isEqualTo(404);
    assertThat(http.get("/v1/memories?user_id=fay&session_id=hike", key).json().get("results"))
        .noneSatisfy(m -> assertThat(m.get("kind").asText()).isEqualTo("summary"))
        .isNotEmpty();
  }
}
