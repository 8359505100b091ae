package dev.engram.memory.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.common.ModelException;
import dev.engram.memory.model.Episode;
import dev.engram.memory.model.MemoryKind;
import dev.engram.common.Scope;
import dev.engram.memory.extract.Candidate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractionReplyTest {
  private static final Instant FIRST = Instant.parse("2023-05-08T13:56:00Z");
  private static final Instant SECOND = Instant.parse("2023-05-08T14:01:00Z");
  private final ExtractionReply replies = new ExtractionReply(ZoneOffset.UTC);
  private final List<Episode> messages = List.of(
      new Episode("m-a", Scope.ofUser("u").withSession("s"), "user", "Caroline",
          "I went to a support group yesterday.", FIRST, FIRST, 0),
      new Episode("m-b", Scope.ofUser("u").withSession("s"), "user", "Melanie",
          "I love painting sunsets.", SECOND, SECOND, 1));

  private List<Candidate> parse(String reply) {
    return replies.candidates(reply, messages);
  }

  private static String one(String item) {
    return "{\"memories\":[" + item + "]}";
  }

  @Test
  void should_map_indices_to_message_ids_and_keep_the_date_at_the_time_said_when_the_reply_is_valid() {
    List<Candidate> found = parse("""
        {"memories":[
          {"text":"Caroline went to an LGBTQ support group on 7 May 2023","kind":"event",
           "importance":0.7,"event_time":"2023-05-07","source_messages":[0]},
          {"text":"Melanie loves painting sunsets","kind":"Preference","importance":0.5,
           "event_time":null,"source_messages":[1, 0, 1]}]}""");
    assertThat(found).hasSize(2);
    assertThat(found.get(0).kind()).isEqualTo(MemoryKind.EVENT);
    assertThat(found.get(0).provenance()).containsExactly("m-a");
    assertThat(found.get(0).eventTime()).isEqualTo(Instant.parse("2023-05-07T13:56:00Z"));
    assertThat(found.get(0).saidAt()).isEqualTo(FIRST);
    assertThat(found.get(1).kind()).isEqualTo(MemoryKind.PREFERENCE);
    assertThat(found.get(1).provenance()).containsExactly("m-a", "m-b");
    assertThat(found.get(1).eventTime()).isEqualTo(SECOND);
  }

  @Test
  void should_resolve_a_relative_date_left_in_the_text_when_event_time_is_null() {
    List<Candidate> found = parse(one("""
        {"text":"Caroline went to a support group yesterday","kind":"event","importance":0.6,
         "event_time":null,"source_messages":[0]}"""));
    assertThat(found.getFirst().eventTime()).isEqualTo(Instant.parse("2023-05-07T13:56:00Z"));
  }

  @Test
  void should_accept_a_code_fenced_object_and_an_empty_list() {
    assertThat(parse("```json\n{\"memories\":[]}\n```")).isEmpty();
  }

  @Test
  void should_reject_the_reply_when_it_is_not_valid_json_or_has_the_wrong_shape() {
    for (String bad : List.of("{\"memories\":[{\"text\":\"Caro", "memories: none", "[]",
        "{\"facts\":[]}", "{\"memories\":[]} trailing", "{\"memories\":[\"Caroline\"]}")) {
      assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOf(ModelException.class)
          .hasMessageContaining("reply is invalid");
    }
  }

  @Test
  void should_reject_the_reply_when_an_item_breaks_a_rule() {
    String ok = "\"text\":\"Caroline likes tea\",\"kind\":\"fact\",\"importance\":0.5,\"event_time\":null";
    List<String> bad = List.of(
        "{" + ok + ",\"source_messages\":[2]}",
        "{" + ok + ",\"source_messages\":[-1]}",
        "{" + ok + ",\"source_messages\":[]}",
        "{" + ok + ",\"source_messages\":[\"0\"]}",
        "{" + ok.replace("fact", "opinion") + ",\"source_messages\":[0]}",
        "{" + ok.replace("0.5", "1.5") + ",\"source_messages\":[0]}",
        "{" + ok.replace("0.5", "\"high\"") + ",\"source_messages\":[0]}",
        "{" + ok.replace("Caroline likes tea", " ") + ",\"source_messages\":[0]}",
        "{" + ok.replace("null", "\"last Tuesday\"") + ",\"source_messages\":[0]}",
        "{" + ok.replace("null", "\"9023-01-01\"") + ",\"source_messages\":[0]}");
    for (String item : bad) {
      assertThatThrownBy(() -> parse(one(item))).as(item).isInstanceOf(ModelException.class)
          .satisfies(e -> assertThat(((ModelException) e).code()).isEqualTo(InvalidReply.CODE));
    }
  }
}
