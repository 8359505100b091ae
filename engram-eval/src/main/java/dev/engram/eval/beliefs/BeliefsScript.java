package dev.engram.eval.beliefs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.common.Checks;
import dev.engram.common.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A beliefs script: users, each with the turns they say in order and the facts each turn should
 * leave Engram believing. Read from JSON ({@code {"users":[{"user","speaker"?,"turns":[{"text",
 * "role"?,"facts"?:[{"id","category","shape"?,"keys","negated"?,"supersedes"?}],"restates"?}]}]}});
 * the bundled script is {@value #BUNDLED}.
 *
 * @param users the users, each replayed as its own owner
 */
public record BeliefsScript(List<User> users) {
  /** The script in the jar, used when no file is given. */
  public static final String BUNDLED = "/beliefs/beliefs.json";

  public BeliefsScript {
    users = List.copyOf(users);
  }

  /**
   * One user's conversation.
   *
   * @param id the user id
   * @param speaker the speaker name of every turn; empty for a message with no speaker field,
   *     which is the user's
   * @param turns what is said, in order
   */
  public record User(String id, Optional<String> speaker, List<Turn> turns) {
    public User {
      Checks.notBlank(id, "id");
      Checks.notNull(speaker, "speaker");
      turns = List.copyOf(turns);
    }
  }

  /**
   * One message and what it should change.
   *
   * @param role user or assistant
   * @param text what is said
   * @param facts the distinct facts it states (empty for chit-chat and restatements)
   * @param restates the id of a fact it only repeats
   */
  public record Turn(String role, String text, List<Fact> facts, Optional<String> restates) {
    public Turn {
      Checks.notBlank(text, "text");
      facts = List.copyOf(facts);
      Checks.notNull(restates, "restates");
    }

    /** True when the turn holds no fact at all: a greeting, thanks, a question. */
    public boolean chitChat() {
      return facts.isEmpty() && restates.isEmpty();
    }
  }

  /**
   * A fact Engram should believe after its turn.
   *
   * @param id unique within its user
   * @param category what kind of fact (attribute, possession, relation, role, activity, plan,
   *     date, number, health, preference)
   * @param shape how it relates to earlier facts: plain, near-duplicate (differs from another in
   *     one detail, both true), contradiction, flip (a preference or habit reversed), correction
   * @param keys the key details a memory must hold to state it (see {@link FactMatch})
   * @param negated true when the fact is a negation ("does not smoke")
   * @param supersedes the id of the earlier fact it makes untrue
   */
  public record Fact(String id, String category, String shape, List<String> keys, boolean negated,
      Optional<String> supersedes) {
    public Fact {
      Checks.notBlank(id, "id");
      Checks.notBlank(category, "category");
      Checks.notBlank(shape, "shape");
      keys = List.copyOf(keys);
      Checks.notNull(supersedes, "supersedes");
    }
  }

  /** The bundled script. */
  public static BeliefsScript bundled() {
    try (InputStream in = BeliefsScript.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException(BUNDLED + " is missing from the jar");
      }
      return parse(new ObjectMapper().readTree(in), BUNDLED);
    } catch (IOException e) {
      throw new IllegalStateException("the bundled " + BUNDLED + " does not read", e);
    }
  }

  /**
   * The script in {@code file}.
   *
   * @throws InvalidInputException ENGRAM-805 when it cannot be read or is not a beliefs script
   */
  public static BeliefsScript read(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      throw bad(file.toString(), "is not valid JSON at line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidInputException("ENGRAM-805", "cannot read the beliefs script " + file + " ("
          + e.getClass().getSimpleName() + "): check the path, or leave out --file for the bundled one", e);
    }
    return parse(root, file.toString());
  }

  private static BeliefsScript parse(JsonNode root, String where) {
    if (root == null || !root.path("users").isArray() || root.path("users").isEmpty()) {
      throw bad(where, "must be an object with a non-empty \"users\" array");
    }
    List<User> users = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (JsonNode u : root.path("users")) {
      String id = text(u, "user", where + ", user " + users.size());
      if (!ids.add(id)) {
        throw bad(where, "names user " + id + " twice");
      }
      users.add(user(u, id, where + ", user " + id));
    }
    return new BeliefsScript(users);
  }

  private static User user(JsonNode u, String id, String where) {
    Optional<String> speaker = u.path("speaker").isTextual()
        ? Optional.of(u.path("speaker").asText()) : Optional.empty();
    Map<String, Fact> facts = new HashMap<>();
    List<Turn> turns = new ArrayList<>();
    for (JsonNode t : u.path("turns")) {
      String at = where + ", turn " + (turns.size() + 1);
      String role = t.path("role").asText("user");
      if (!role.equals("user") && !role.equals("assistant")) {
        throw bad(at, "has role '" + role + "': use user or assistant");
      }
      List<Fact> said = new ArrayList<>();
      for (JsonNode f : t.path("facts")) {
        Fact fact = fact(f, at);
        if (fact.supersedes().isPresent() && !facts.containsKey(fact.supersedes().get())) {
          throw bad(at, "supersedes fact '" + fact.supersedes().get() + "', which no earlier turn states");
        }
        if (facts.putIfAbsent(fact.id(), fact) != null) {
          throw bad(at, "states fact '" + fact.id() + "' a second time: use \"restates\"");
        }
        said.add(fact);
      }
      Optional<String> restates = t.path("restates").isTextual()
          ? Optional.of(t.path("restates").asText()) : Optional.empty();
      if (restates.isPresent() && !facts.containsKey(restates.get())) {
        throw bad(at, "restates fact '" + restates.get() + "', which no earlier turn states");
      }
      turns.add(new Turn(role, text(t, "text", at), said, restates));
    }
    if (turns.isEmpty()) {
      throw bad(where, "has no turns");
    }
    return new User(id, speaker, turns);
  }

  private static Fact fact(JsonNode f, String where) {
    String id = text(f, "id", where + ", a fact");
    List<String> keys = new ArrayList<>();
    for (JsonNode k : f.path("keys")) {
      keys.add(k.asText().toLowerCase(Locale.ROOT));
    }
    if (keys.isEmpty() || keys.stream().anyMatch(String::isBlank)) {
      throw bad(where, "fact '" + id + "' needs \"keys\": the words a memory of it must hold");
    }
    Optional<String> supersedes = f.path("supersedes").isTextual()
        ? Optional.of(f.path("supersedes").asText()) : Optional.empty();
    String shape = f.path("shape").asText(supersedes.isPresent() ? "contradiction" : "plain");
    return new Fact(id, text(f, "category", where + ", fact " + id), shape, keys,
        f.path("negated").asBoolean(false), supersedes);
  }

  private static String text(JsonNode n, String field, String where) {
    if (!n.path(field).isTextual() || n.path(field).asText().isBlank()) {
      throw bad(where, "needs a \"" + field + "\" string");
    }
    return n.path(field).asText();
  }

  private static InvalidInputException bad(String where, String what) {
    return new InvalidInputException("ENGRAM-805", "beliefs script " + where + " " + what);
  }
}
