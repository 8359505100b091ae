package dev.engram.eval.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.common.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocomoFileTest {
  @TempDir Path dir;

  @Test
  void should_parse_session_times_when_written_as_in_locomo() {
    assertThat(LocomoFile.sessionTime("1:56 pm on 8 May, 2023")).isEqualTo(Instant.parse("2023-05-08T13:56:00Z"));
    assertThat(LocomoFile.sessionTime("10:37 am on 27 June, 2023")).isEqualTo(Instant.parse("2023-06-27T10:37:00Z"));
  }

  @Test
  void should_refuse_a_session_time_that_does_not_parse() {
    assertThatThrownBy(() -> LocomoFile.sessionTime("yesterday at noon"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("1:56 pm on 8 May, 2023");
  }

  @Test
  void should_read_sessions_turns_captions_and_questions_when_the_file_is_well_formed() throws Exception {
    Path f = dir.resolve("l.json");
    Files.writeString(f, """
        [{"sample_id":"c1","conversation":{"speaker_a":"A","speaker_b":"B",
          "session_1_date_time":"1:56 pm on 8 May, 2023",
          "session_1":[{"speaker":"A","dia_id":"D1:1","text":"Hi"},
                       {"speaker":"B","dia_id":"D1:2","text":"Look","blip_caption":"a photo of a cat"}]},
          "qa":[{"question":"Q?","answer":"x","evidence":["D1:2; D1:1"],"category":1}]}]
        """);
    List<LocomoConversation> c = LocomoFile.read(f);
    assertThat(c).singleElement().satisfies(conv -> {
      assertThat(conv.sessions().getFirst().turns()).extracting(LocomoConversation.Turn::text)
          .containsExactly("Hi", "Look [shares a photo of a cat]");
      assertThat(conv.questions().getFirst().evidence()).containsExactly("D1:2", "D1:1");
    });
  }

  @Test
  void should_name_the_line_when_the_file_is_not_json() throws Exception {
    Path f = dir.resolve("bad.json");
    Files.writeString(f, "[\n{\"sample_id\": }\n]");
    assertThatThrownBy(() -> LocomoFile.read(f)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 2");
  }

  @Test
  void should_refuse_a_turn_without_a_dialog_id() throws Exception {
    Path f = dir.resolve("noid.json");
    Files.writeString(f, """
        [{"conversation":{"session_1_date_time":"1:56 pm on 8 May, 2023",
          "session_1":[{"speaker":"A","text":"Hi"}]}}]
        """);
    assertThatThrownBy(() -> LocomoFile.read(f)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("session_1, turn 0");
  }
}
