package dev.engram.memory.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.common.Scope;
import dev.engram.index.IndexRecord;
import dev.engram.memory.model.Memory;
import dev.engram.memory.model.MemoryKind;
import dev.engram.memory.model.Slot;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MemoryLogSlotTest {
  private static final Instant T = Instant.parse("2024-03-01T10:00:00Z");

  private static Memory memory(Optional<Slot> slot) {
    return new Memory("mem-1", Scope.ofUser("caroline"), MemoryKind.FACT, "Caroline lives in Paris",
        0.75, T, T, T, Optional.empty(), List.of("msg-1"), slot, 1);
  }

  @Test
  void should_store_the_slot_as_the_old_keyword_when_writing_a_memory() {
    IndexRecord r = MemoryLog.toRecord(memory(Optional.of(new Slot("caroline", "residence", "paris"))),
        new float[] {1, 0});
    assertThat(r.keyword(Fields.SLOT)).contains("caroline|residence=paris");
  }

  @Test
  void should_read_the_slot_when_a_record_was_written_before_slots_were_records() {
    IndexRecord written = MemoryLog.toRecord(memory(Optional.empty()), new float[] {1, 0});
    Map<String, List<String>> keywords = new HashMap<>(written.keywords());
    keywords.put(Fields.SLOT, List.of("caroline|likes hiking mountains=+"));
    IndexRecord old = new IndexRecord(written.id(), written.text(), written.vector(), keywords,
        written.longs());

    assertThat(MemoryLog.fromRecord(old).slot())
        .contains(new Slot("caroline", "likes hiking mountains", "+"));
  }

  @Test
  void should_have_no_slot_when_the_record_has_none() {
    IndexRecord r = MemoryLog.toRecord(memory(Optional.empty()), new float[] {1, 0});
    assertThat(r.keyword(Fields.SLOT)).isEmpty();
    assertThat(MemoryLog.fromRecord(r).slot()).isEmpty();
  }
}
