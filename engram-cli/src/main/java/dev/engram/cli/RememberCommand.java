package dev.engram.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.Engram;
import dev.engram.common.InvalidInputException;
import dev.engram.memory.model.Decision;
import dev.engram.memory.model.Message;
import dev.engram.memory.model.MessageTimes;
import dev.engram.memory.model.RememberResult;
import dev.engram.common.Scope;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code engram remember --user U "text"} or {@code --file conversation.jsonl}. */
@Command(name = "remember", mixinStandardHelpOptions = true,
    description = "Remember what a user said: kept verbatim, facts extracted and consolidated.")
final class RememberCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions data;
  @Mixin RemoteOptions remote;
  @Mixin MemoryScopeOptions scope;

  @ArgGroup(multiplicity = "1")
  Input input;

  static final class Input {
    @Parameters(paramLabel = "TEXT", description = "What the user said.")
    String text;

    @Option(names = "--file", paramLabel = "FILE",
        description = "A conversation in JSONL: {\"role\",\"speaker\",\"text\",\"time\",\"session\"} per line.")
    Path file;
  }

  @Option(names = "--speaker", description = "Speaker name (default: the user id, else the agent id).")
  String speaker;

  @Option(names = "--role", description = "user, assistant or system (default: ${DEFAULT-VALUE}).")
  String role = "user";

  @Option(names = "--at", paramLabel = "TIME", description = "When it was said (default: now), e.g. 2024-05-08T14:30.")
  String at;

  @Mixin OutputOptions output;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Scope base = scope.scope().requireOwner("remember");
    Instant now = data.clock().orElseGet(Clock::systemUTC).instant();
    Optional<Instant> time = Optional.ofNullable(at).map(t -> notFuture(Times.parse(t, "--at"), "--at " + t, now));
    Map<String, List<Message>> bySession = new LinkedHashMap<>();
    // The user's words are said by the user id (as the server does), so that a file's lines and
    // a message given here describe the same person, and slots about them supersede each other.
    String who = speaker != null ? speaker : base.user().or(base::agent).orElseThrow();
    if (input.file != null) {
      readConversation(input.file, base.session().orElse("default"), who, now, bySession);
    } else {
      bySession.put(base.session().orElse("default"), List.of(new Message(role, who, input.text, time)));
    }
    var server = remote.client();
    if (server.isPresent()) return RemoteMemory.remember(this, server.get(), bySession);
    List<RememberResult> results = new ArrayList<>();
    try (Engram engram = data.open()) {
      for (Map.Entry<String, List<Message>> e : bySession.entrySet()) {
        results.add(engram.memories().remember(base.withSession(e.getKey()), e.getValue()));
      }
    }
    if (output.json()) {
      Json.print(out, results);
      return 0;
    }
    int messages = 0;
    for (RememberResult r : results) {
      messages += r.messageIds().size();
      for (Decision d : r.decisions()) {
        out.printf("%-9s %-10s %s  (%s; %s%s)%n", d.action(), d.kind().name().toLowerCase(), TerminalText.escape(d.text()),
            d.memoryId(), TerminalText.escape(d.reason()), d.replacedId().map(id -> "; replaces " + id).orElse(""));
      }
    }
    out.println("remembered " + messages + " message(s)");
    return 0;
  }

  /** {@code time}, unless it is more than a day after {@code now}: a typo such as year 9999. */
  private static Instant notFuture(Instant time, String what, Instant now) {
    return MessageTimes.notInTheFuture(time, now, what);
  }

  private static void readConversation(Path file, String defaultSession, String userSpeaker, Instant now,
      Map<String, List<Message>> bySession) {
    if (Files.isDirectory(file)) {
      throw unreadable(file, "is a folder: give a JSONL file, one message per line");
    }
    try {
      readLines(file, defaultSession, userSpeaker, now, bySession);
    } catch (NoSuchFileException e) {
      throw unreadable(file, "does not exist");
    } catch (CharacterCodingException e) {
      throw unreadable(file, "is not UTF-8 text: save it as UTF-8");
    } catch (IOException e) {
      throw unreadable(file, "cannot be read (" + e.getMessage() + ")");
    }
    if (bySession.isEmpty()) {
      throw new InvalidInputException("ENGRAM-308", file + " holds no messages: one JSON object per line");
    }
  }

  private static void readLines(Path file, String defaultSession, String userSpeaker, Instant now,
      Map<String, List<Message>> bySession) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    int line = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String s; (s = in.readLine()) != null; ) {
        line++;
        if (s.isBlank()) continue;
        JsonNode n;
        try {
          n = mapper.readTree(s);
        } catch (IOException e) {
          throw bad(file, line, "not valid JSON");
        }
        if (!n.isObject() || !n.path("text").isTextual()) {
          throw bad(file, line, "expected an object with a \"text\" string");
        }
        String role = n.path("role").asText("user");
        String speaker = n.path("speaker").asText("user".equals(role) ? userSpeaker : role);
        Optional<Instant> time = n.hasNonNull("time")
            ? Optional.of(notFuture(Times.parse(n.get("time").asText(), file + " line " + line + " \"time\""),
                file + " line " + line + " \"time\"", now))
            : Optional.empty();
        String session = n.path("session").asText(defaultSession);
        try {
          bySession.computeIfAbsent(session, k -> new ArrayList<>()).add(new Message(role, speaker, n.get("text").asText(), time));
        } catch (InvalidInputException | IllegalArgumentException e) {
          throw bad(file, line, e.getMessage());
        }
      }
    }
  }

  private static InvalidInputException unreadable(Path file, String why) {
    return new InvalidInputException("ENGRAM-309", "the conversation file " + file + " " + why);
  }

  private static InvalidInputException bad(Path file, int line, String why) {
    return new InvalidInputException("ENGRAM-308", file + " line " + line + ": " + why
        + " (each line: {\"role\":\"user\",\"speaker\":\"Ann\",\"text\":\"...\",\"time\":\"2024-05-08T14:30\"})");
  }
}
