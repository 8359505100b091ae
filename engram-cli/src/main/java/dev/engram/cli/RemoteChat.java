package dev.engram.cli;

import dev.engram.client.AnswerResult;
import dev.engram.client.EngramClient;
import dev.engram.client.EngramClientException;
import dev.engram.client.MemoryInfo;
import dev.engram.client.Owner;
import dev.engram.client.Question;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ParameterException;

/**
 * The remote half of {@code chat}: each question goes to the server's {@code /v1/answer} as a
 * stream, and its text is printed as the server sends it; the server remembers the turns. No
 * line history is written on this machine: the words belong to the server's data, where
 * {@code erase} reaches them.
 */
final class RemoteChat {
  /** Memories {@code /memories} lists: one page, as many as a screen is worth reading. */
  private static final int LISTED = 100;

  private RemoteChat() {}

  static int chat(ChatCommand c, EngramClient client) throws Exception {
    if (c.prompt != null) {
      throw new ParameterException(c.spec.commandLine(), "--prompt with --server: the server answers with"
          + " its own prompt template; drop --prompt");
    }
    if (c.noRememberAnswer) {
      throw new ParameterException(c.spec.commandLine(), "--no-remember-answer with --server: the server"
          + " decides (ENGRAM_REMEMBER_ANSWERS=false where `engram serve` runs); drop the flag");
    }
    PrintWriter out = c.spec.commandLine().getOut();
    PrintWriter err = c.spec.commandLine().getErr();
    Owner owner = RemoteMemory.owner(c.owner, c.remote, "chat");
    if (owner.sessionId().isEmpty()) {
      owner = owner.withSession(ChatCommand.DEFAULT_SESSION);
    }
    try (ChatInput input = ChatInput.open(Main.of(c.spec).in, out, Optional.empty())) {
      out.println("Chatting as " + c.owner.owner() + " in session " + owner.sessionId() + " on "
          + c.remote.url() + "; answers are generated there when it has an LLM, else extractive. "
          + ChatCommand.HELP);
      int failures = 0;
      for (Optional<String> line = input.next("you> "); line.isPresent(); line = input.next("you> ")) {
        String text = line.get().strip();
        if (text.isEmpty()) {
          continue;
        }
        if (text.equals("/quit") || text.equals("/exit")) {
          break;
        }
        switch (text) {
          case "/help" -> out.println(ChatCommand.HELP);
          case "/memories" -> memories(out, client.memories(owner.withSession(""), false, 1, LISTED).results());
          default -> failures += turn(client, Question.of(owner, text).inKbs(c.knowledgeBases.names()), out, err);
        }
        out.flush();
      }
      out.println("bye");
      return failures == 0 ? 0 : 1;
    }
  }

  /**
   * One question and its streamed answer; 1 when the server's model failed (the server remembers
   * nothing then). A question the server refuses ends that turn only; a key or a server that is
   * wrong ends the chat.
   */
  private static int turn(EngramClient client, Question q, PrintWriter out, PrintWriter err) {
    out.print("engram> ");
    out.flush();
    try {
      AnswerResult a = client.answer(q, delta -> {
        out.print(TerminalText.escapeKeepingLines(delta));
        out.flush();
      });
      out.println();
      RemoteBlend.sources(out, a, "        ");
      out.println("        route " + a.route() + ", context " + a.tokens().getOrDefault("context", 0) + " tokens"
          + (a.generated() ? "" : ", extractive (the server has no LLM)"));
      return 0;
    } catch (EngramClientException e) {
      out.println();
      if (e.status() == 0 || e.status() == 401 || e.status() == 403) {
        throw e;
      }
      boolean model = e.status() >= 500;
      err.println("error " + e.code() + ": " + e.detail() + " [HTTP " + e.status() + " from the server]"
          + (model ? " (this turn was not remembered)" : " (ask again)"));
      err.flush();
      return model ? 1 : 0;
    }
  }

  private static void memories(PrintWriter out, List<MemoryInfo> memories) {
    if (memories.isEmpty()) {
      out.println("nothing remembered yet");
    }
    for (MemoryInfo m : memories) {
      out.println("  " + m.kind() + ": " + TerminalText.escape(m.memory().replace('\n', ' ')) + "  (" + m.id() + ")");
    }
  }
}
