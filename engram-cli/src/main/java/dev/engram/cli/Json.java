package dev.engram.cli;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.engram.memory.model.Slot;
import java.io.PrintWriter;

/** Prints results as JSON for scripts ({@code --json}). */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new Jdk8Module())
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .addMixIn(Slot.class, StoredSlot.class);

  private Json() {}

  /**
   * A memory's slot prints as the keyword it is stored as ({@code "caroline|residence=paris"}),
   * as it did while it was a string, so that scripts reading {@code --json} keep working.
   */
  private abstract static class StoredSlot {
    @JsonValue
    abstract String encoded();
  }

  static void print(PrintWriter out, Object value) {
    try {
      out.println(MAPPER.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON for " + value.getClass(), e);
    }
  }
}
