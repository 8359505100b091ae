package dev.engram.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptTest {
  /** A log in a list: what the transcript appends is what it finds next time. */
  static final class ListSessions implements Sessions {
    final List<Turn> log = new ArrayList<>();

    @Override
    public List<Turn> recent(Conversation session, int n) {
      return List.copyOf(log.subList(Math.max(0, log.size() - n), log.size()));
    }

    @Override
    public void append(Conversation session, List<Turn> turns) {
      log.addAll(turns);
    }

    @Override
    public void forget(Conversation session) {
      log.clear();
    }
  }

  private final ListSessions sessions = new ListSessions();
  private final Transcript transcript = new Transcript(sessions);
  private final Conversation ann = Conversation.of("ann", "s1");

  @Test
  void should_append_only_new_turns_when_the_whole_window_comes_each_time() {
    transcript.sync(ann, List.of(Turn.user("hi")));
    transcript.sync(ann, List.of(Turn.user("hi"), Turn.assistant("hello")));
    List<Turn> fresh = transcript.sync(ann, List.of(Turn.user("hi"), Turn.assistant("hello"), Turn.user("hi")));

    assertThat(fresh).containsExactly(Turn.user("hi"));
    assertThat(sessions.log).containsExactly(Turn.user("hi"), Turn.assistant("hello"), Turn.user("hi"));
  }

  @Test
  void should_append_only_new_turns_when_the_window_has_dropped_the_oldest() {
    sessions.log.addAll(List.of(Turn.user("a"), Turn.assistant("b"), Turn.user("c"), Turn.assistant("d")));

    transcript.sync(ann, List.of(Turn.user("c"), Turn.assistant("d"), Turn.user("e")));

    assertThat(sessions.log).hasSize(5).last().isEqualTo(Turn.user("e"));
  }

  @Test
  void should_append_nothing_when_the_window_is_already_stored() {
    sessions.log.addAll(List.of(Turn.user("a"), Turn.assistant("b")));

    assertThat(transcript.sync(ann, List.of(Turn.user("a"), Turn.assistant("b")))).isEmpty();
    assertThat(sessions.log).hasSize(2);
  }

  @Test
  void should_parse_user_and_session_when_the_memory_id_has_a_colon() {
    assertThat(Conversation.parse("ann:s1")).isEqualTo(Conversation.of("ann", "s1"));
    assertThat(Conversation.parse("bob")).isEqualTo(Conversation.of("bob", "bob"));
    assertThat(Conversation.parse(ann)).isSameAs(ann);
  }
}
