package dev.engram.server.mcp;

import dev.engram.common.Scope;
import dev.engram.memory.model.Memory;
import dev.engram.server.api.KnowledgeApi;
import dev.engram.server.api.MemoryApi;
import dev.engram.server.http.ApiException;
import dev.engram.server.http.Call;
import dev.engram.server.http.ErrorCodes;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The memory tools: remember, recall, list, edit, forget and trace one user's memories. Each
 * names the user; a memory id of another user or tenant is not found, exactly as one that does
 * not exist.
 */
final class MemoryTools {
  /** The code of an {@code add_memory} call with both or neither of {@code text} and {@code messages}. */
  static final String TEXT_OR_MESSAGES = "ENGRAM-965";

  private MemoryTools() {}

  record AddArgs(Optional<String> userId, Optional<String> text,
      Optional<List<MemoryApi.MessageBody>> messages, Optional<String> sessionId) {}

  record SearchArgs(Optional<String> userId, Optional<String> query, Optional<Integer> topK,
      Optional<Instant> asOf, Optional<Boolean> includeHistory) {}

  record UserArgs(Optional<String> userId) {}

  record MemoryArgs(Optional<String> userId, Optional<String> memoryId) {}

  record EditArgs(Optional<String> userId, Optional<String> memoryId, Optional<String> text) {}

  private static final String USER = """
      "user_id":{"type":"string","minLength":1,"description":"The user whose memories these are."}""";
  private static final String MEMORY_ID = """
      "memory_id":{"type":"string","minLength":1,"description":"The memory's id (mem-...), from search_memory or list_memories."}""";

  static List<EngramTool> all(MemoryApi memory) {
    return List.of(add(memory), search(memory), list(memory), update(memory), delete(memory),
        history(memory));
  }

  private static EngramTool add(MemoryApi memory) {
    return new EngramTool("add_memory", "Remember",
        "Remember what a user said: facts, preferences and events are extracted and kept up to"
            + " date (a new fact supersedes the old one it contradicts, which stays as history)."
            + " Give either 'text' (one thing the user said) or 'messages' (a conversation).",
        """
        {"type":"object","additionalProperties":false,"required":["user_id"],"properties":{
          %s,
          "text":{"type":"string","minLength":1,"description":"One message of the user, e.g. 'I moved to Lisbon'."},
          "messages":{"type":"array","minItems":1,"description":"A conversation, oldest first.","items":{
            "type":"object","additionalProperties":false,"required":["content"],"properties":{
              "role":{"type":"string","enum":["user","assistant","system"],"default":"user"},
              "content":{"type":"string","minLength":1},
              "name":{"type":"string","description":"Who said it (default: the user for role user)."},
              "created_at":{"type":"string","format":"date-time","description":"When it was said (default: now)."}}}},
          "session_id":{"type":"string","description":"The conversation these messages belong to."}}}
        """.formatted(USER), false, false, (tenant, arguments) -> {
          AddArgs a = ToolResults.arguments(arguments, AddArgs.class);
          Call.required(a.userId(), "user_id");
          if (a.text().isPresent() == a.messages().isPresent()) {
            throw new ApiException(400, TEXT_OR_MESSAGES, "give either 'text' or 'messages', "
                + (a.text().isPresent() ? "not both" : "one of them is required"), Optional.of("text"));
          }
          List<MemoryApi.MessageBody> messages = a.messages().orElseGet(() -> List.of(new MemoryApi.MessageBody(
              Optional.of("user"), a.text(), Optional.empty(), Optional.empty())));
          MemoryApi.Remembered r = memory.remember(tenant, new MemoryApi.RememberBody(a.userId(),
              Optional.empty(), a.sessionId(), Optional.of(messages), Optional.empty()));
          StringBuilder text = new StringBuilder(r.results().isEmpty()
              ? "Logged " + ToolResults.count(r.episodeIds().size(), "message") + "; no new memory was extracted."
              : "Memories changed:");
          for (MemoryApi.Event e : r.results()) {
            text.append(String.format(Locale.ROOT, "%n%s %s: %s%s", e.event(), e.id(), e.memory(),
                e.previousId().map(p -> " (replaces " + p + ")").orElse("")));
          }
          return ToolResults.ok(text.toString(), r);
        });
  }

  private static EngramTool search(MemoryApi memory) {
    return new EngramTool("search_memory", "Recall memories",
        "Recall what Engram remembers about a user that bears on a query, best first, scored by"
            + " relevance, recency and importance. With 'as_of', recall what was believed at that"
            + " time; with include_history, superseded memories come too.",
        """
        {"type":"object","additionalProperties":false,"required":["user_id","query"],"properties":{
          %s,
          "query":{"type":"string","minLength":1,"description":"What to recall, e.g. 'where does the user live'."},
          "top_k":{"type":"integer","minimum":1,"maximum":100,"default":10,"description":"How many memories to return."},
          "as_of":{"type":"string","format":"date-time","description":"Recall as of this time (ISO-8601, e.g. 2024-05-08T14:30:00Z)."},
          "include_history":{"type":"boolean","default":false,"description":"Also return superseded memories."}}}
        """.formatted(USER), true, false, (tenant, arguments) -> {
          SearchArgs a = ToolResults.arguments(arguments, SearchArgs.class);
          Call.required(a.userId(), "user_id");
          var found = memory.search(tenant, new MemoryApi.SearchBody(a.userId(), Optional.empty(),
              Optional.empty(), a.query(), a.topK(), a.asOf(), a.includeHistory()));
          StringBuilder text = new StringBuilder(found.results().isEmpty()
              ? "Nothing remembered matches." : ToolResults.count(found.results().size(), "memory") + ":");
          for (MemoryApi.Recalled m : found.results()) {
            text.append(String.format(Locale.ROOT, "%n- %s [%s, %s, score %.3f%s]", m.memory(), m.id(),
                m.kind(), m.score(), m.validTo().map(t -> ", superseded " + t).orElse("")));
          }
          return ToolResults.ok(text.toString(), found);
        });
  }

  private static EngramTool list(MemoryApi memory) {
    return new EngramTool("list_memories", "List memories",
        "List every memory Engram holds about a user (current ones only), with ids to update,"
            + " delete or trace them.",
        """
        {"type":"object","additionalProperties":false,"required":["user_id"],"properties":{%s}}
        """.formatted(USER), true, false, (tenant, arguments) -> {
          UserArgs a = ToolResults.arguments(arguments, UserArgs.class);
          String user = Call.required(a.userId(), "user_id");
          List<MemoryApi.MemoryView> all = memory.list(Scope.ofTenant(tenant).withUser(user), false);
          StringBuilder text = new StringBuilder(ToolResults.count(all.size(), "memory") + " of " + user
              + (all.isEmpty() ? "." : ":"));
          for (MemoryApi.MemoryView m : all) {
            text.append(String.format(Locale.ROOT, "%n- %s [%s, %s]", m.memory(), m.id(), m.kind()));
          }
          return ToolResults.ok(text.toString(), new KnowledgeApi.Results<>(all));
        });
  }

  private static EngramTool update(MemoryApi memory) {
    return new EngramTool("update_memory", "Correct a memory",
        "Replace the text of one of a user's memories, e.g. to correct it; the old text stays in"
            + " its history. Only a current memory can be updated.",
        """
        {"type":"object","additionalProperties":false,"required":["user_id","memory_id","text"],"properties":{
          %s, %s,
          "text":{"type":"string","minLength":1,"description":"The new text of the memory."}}}
        """.formatted(USER, MEMORY_ID), false, false, (tenant, arguments) -> {
          EditArgs a = ToolResults.arguments(arguments, EditArgs.class);
          String text = Call.required(a.text(), "text");
          MemoryApi.MemoryView v = memory.edit(find(memory, tenant, a.userId(), a.memoryId()), text);
          return ToolResults.ok("Updated " + v.id() + " (version " + v.version() + "): " + v.memory(), v);
        });
  }

  private static EngramTool delete(MemoryApi memory) {
    return new EngramTool("delete_memory", "Forget a memory",
        "Delete one of a user's memories, e.g. when the user asks to forget it. It is no longer"
            + " recalled; its history records the deletion.",
        """
        {"type":"object","additionalProperties":false,"required":["user_id","memory_id"],"properties":{%s, %s}}
        """.formatted(USER, MEMORY_ID), false, true, (tenant, arguments) -> {
          MemoryArgs a = ToolResults.arguments(arguments, MemoryArgs.class);
          MemoryApi.Forgotten f = memory.forget(find(memory, tenant, a.userId(), a.memoryId()));
          return ToolResults.ok("Deleted memory " + f.id() + ".", f);
        });
  }

  private static EngramTool history(MemoryApi memory) {
    return new EngramTool("memory_history", "Trace a memory",
        "Show how one of a user's memories changed over time: when it was added, updated,"
            + " superseded or deleted, and why.",
        """
        {"type":"object","additionalProperties":false,"required":["user_id","memory_id"],"properties":{%s, %s}}
        """.formatted(USER, MEMORY_ID), true, false, (tenant, arguments) -> {
          MemoryArgs a = ToolResults.arguments(arguments, MemoryArgs.class);
          var changes = memory.history(memory.find(tenant, required(a.memoryId(), "memory_id"),
              Optional.of(required(a.userId(), "user_id"))));
          StringBuilder text = new StringBuilder("History of " + a.memoryId().orElseThrow() + ":");
          for (MemoryApi.Change c : changes.results()) {
            text.append(String.format(Locale.ROOT, "%n%s %s%s (%s)", c.time(), c.event(),
                c.text().map(t -> ": " + t).orElse(""), c.reason()));
          }
          return ToolResults.ok(text.toString(), changes);
        });
  }

  private static Memory find(MemoryApi memory, String tenant, Optional<String> user,
      Optional<String> id) {
    String memoryId = required(id, "memory_id");
    return memory.find(tenant, memoryId, Optional.of(required(user, "user_id"))).memory();
  }

  private static String required(Optional<String> value, String field) {
    String v = Call.required(value, field);
    if (v.isBlank()) {
      throw ApiException.badField(ErrorCodes.MISSING_FIELD, field, "argument '" + field + "' is empty");
    }
    return v;
  }
}
