package dev.engram.memory.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SlotTest {
  @Test
  void should_encode_as_the_stored_keyword_when_written() {
    assertThat(new Slot("caroline", "residence", "paris").encoded())
        .isEqualTo("caroline|residence=paris");
    assertThat(new Slot("caroline", "likes hiking mountains", "+").encoded())
        .isEqualTo("caroline|likes hiking mountains=+");
  }

  @Test
  void should_read_the_parts_when_parsing_a_stored_keyword() {
    assertThat(Slot.parse("caroline|favorite color=dark blue"))
        .isEqualTo(new Slot("caroline", "favorite color", "dark blue"));
  }

  @Test
  void should_give_back_the_same_keyword_when_parsed_and_encoded_again() {
    for (String stored : new String[] {"ann|residence=berlin", "the user|employer=acme corp",
        "|residence=paris", "ann|likes =+", "ann|residence="}) {
      assertThat(Slot.parse(stored).encoded()).isEqualTo(stored);
    }
  }

  @Test
  void should_share_the_key_when_two_slots_set_the_same_attribute_of_the_same_subject() {
    Slot paris = Slot.parse("ann|residence=paris");
    Slot berlin = Slot.parse("ann|residence=berlin");
    assertThat(paris.key()).isEqualTo("ann|residence").isEqualTo(berlin.key());
    assertThat(paris).isNotEqualTo(berlin);
    assertThat(Slot.parse("bob|residence=paris").key()).isNotEqualTo(paris.key());
  }

  @Test
  void should_refuse_when_the_keyword_lacks_a_separator() {
    assertThatThrownBy(() -> Slot.parse("caroline|residence"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a slot reads subject|attribute=value, got: 'caroline|residence'");
    assertThatThrownBy(() -> Slot.parse("residence=paris"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void should_refuse_when_a_part_holds_a_separator_or_the_attribute_is_blank() {
    assertThatThrownBy(() -> new Slot("ann|bob", "residence", "paris"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("subject must not contain '|' or '=', got: 'ann|bob'");
    assertThatThrownBy(() -> new Slot("ann", "a=b", "paris"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("attribute must not contain");
    assertThatThrownBy(() -> new Slot("ann", " ", "paris"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("attribute must not be blank");
    assertThatThrownBy(() -> Slot.parse("a=b|residence=paris"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("subject must not contain");
  }

  @Test
  void should_keep_separators_when_they_are_in_the_value() {
    Slot s = new Slot("ann", "motto", "a=b|c");
    assertThat(Slot.parse(s.encoded())).isEqualTo(s);
  }
}
