package dev.engram.cli;

import dev.engram.Engram;
import dev.engram.answer.Answer;
import dev.engram.knowledge.IngestListener;
import dev.engram.knowledge.IngestOptions;
import dev.engram.knowledge.IngestReport;
import dev.engram.memory.model.Memory;
import dev.engram.memory.model.MemoryKind;
import dev.engram.memory.model.Message;
import dev.engram.common.Scope;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code engram demo}: the product tour, offline. Ingests a small bundled knowledge base, plays a
 * conversation over two sessions (a preference kept, a fact superseded), then asks questions that
 * need documents, memory and both, and prints the cited answers.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "The tour: ingest a sample knowledge base, remember a two-session conversation,"
        + " then answer questions from documents, memory and both, with citations (offline).")
final class DemoCommand implements Callable<Integer> {
  static final List<String> SAMPLE_FILES =
      List.of("getting-started.md", "troubleshooting.html", "warranty.txt", "release-notes.md");
  static final String USER = "maya";
  static final String SESSION = "follow-up";

  /** One scripted line of the conversation. */
  record Line(String session, String speaker, String text, Instant time) {}

  static final List<Line> CONVERSATION = List.of(
      new Line("first-visit", "Maya", "Hi, I'm Maya. I live in Paris and I just bought an Orbit Hub.",
          Instant.parse("2025-03-03T09:00:00Z")),
      new Line("first-visit", "assistant", "Welcome, Maya! How can I help with your hub?",
          Instant.parse("2025-03-03T09:00:05Z")),
      new Line("first-visit", "Maya", "I prefer short answers with numbered steps.",
          Instant.parse("2025-03-03T09:01:00Z")),
      new Line(SESSION, "Maya", "I moved to Berlin last month.", Instant.parse("2025-09-15T18:00:00Z")),
      new Line(SESSION, "Maya", "Please remember that my new router only broadcasts 5 GHz Wi-Fi.",
          Instant.parse("2025-09-15T18:01:00Z")));

  /** Questions that need documents, memory, and both. */
  static final List<String> QUESTIONS = List.of(
      "How do I factory reset the hub?",
      "Where do I live now?",
      "How do I like my answers?",
      "Will my hub work with my router's Wi-Fi?",
      "How long is the warranty where I live?");

  @Spec CommandSpec spec;
  @Mixin DataOptions data;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path kb = writeSampleKnowledgeBase(data.dir().resolve("sample-kb"));
    out.println("Engram demo: data directory " + data.dir().toAbsolutePath().normalize());
    try (Engram engram = data.open()) {
      out.println();
      out.println("== 1. Knowledge: ingest the sample knowledge base of the fictional \"Orbit Hub\"");
      IngestReport report = engram.ingest(Scope.ofTenant(Scope.DEFAULT_TENANT), List.of(kb),
          IngestOptions.defaults(), IngestListener.NONE);
      out.println(report.summary());

      Scope maya = Scope.ofUser(USER);
      engram.memories().erase(maya);
      out.println();
      out.println("== 2. Memory: a conversation with user '" + USER + "' over two sessions");
      for (Line line : CONVERSATION) {
        String role = line.speaker().equals("assistant") ? "assistant" : "user";
        engram.memories().remember(maya.withSession(line.session()),
            List.of(new Message(role, line.speaker(), line.text(), Optional.of(line.time()))));
        out.printf("  %s  %-11s %-9s %s%n", line.time().toString().substring(0, 10), line.session(),
            line.speaker() + ":", line.text());
      }
      out.println();
      out.println("What Engram believes about " + USER + " (superseded facts stay in the history, closed):");
      List<Memory> kept = engram.memories().list(maya, true);
      for (Memory m : kept) {
        if (m.kind() != MemoryKind.SUMMARY) {
          out.printf("  %-10s %s%s%n", m.kind().label(), m.text(),
              m.live() ? "" : "   (superseded " + m.validTo().orElseThrow().toString().substring(0, 10) + ")");
        }
      }
      // Summaries repeat the facts of their session: apart, so that the beliefs read at a glance.
      out.println("Session summaries (what each session was about):");
      for (Memory m : kept) {
        if (m.kind() == MemoryKind.SUMMARY) {
          out.printf("  %s%n", m.text().replace("\n", " / "));
        }
      }

      out.println();
      out.println("== 3. Ask: answers cite documents [n] and memories [n]");
      out.println("No LLM is used here, so answers are extractive: the best supporting sentences.");
      out.println("Set ENGRAM_LLM_BASE_URL and ENGRAM_LLM_MODEL (any OpenAI-compatible server) and use");
      out.println("`engram ask` or `engram chat` for generated answers.");
      for (String q : QUESTIONS) {
        Answer answer = engram.answer(maya.withSession(SESSION), q);
        out.println();
        out.println("Q: " + q + "   [route: " + answer.route().route().name().toLowerCase() + "]");
        out.println("A: " + answer.text());
        AnswerPrinter.sources(out, answer, "   ");
      }
    }
    out.println();
    // The same data directory, so that the next command sees what the demo wrote.
    String engram = "./engram" + data.given().map(d -> " --data " + d).orElse("");
    out.println("Next: `" + engram + " ask --user " + USER + " \"your question\"`, `" + engram
        + " chat --user " + USER + "`, `" + engram + " ingest YOUR_FOLDER`, `./engram --help`.");
    return 0;
  }

  static Path writeSampleKnowledgeBase(Path dir) {
    try {
      Files.createDirectories(dir);
      for (String name : SAMPLE_FILES) {
        try (InputStream in = DemoCommand.class.getResourceAsStream("/sample-kb/" + name)) {
          if (in == null) {
            throw new IllegalStateException("sample file " + name + " is missing from the jar");
          }
          Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the sample knowledge base to " + dir, e);
    }
  }
}
