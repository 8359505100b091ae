package dev.engram.cli;

import dev.engram.client.EngramClientException;
import dev.engram.common.EngramException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code engram} command. */
@Command(
    name = "engram",
    mixinStandardHelpOptions = true,
    version = "engram 0.1.0",
    description = "Knowledge (RAG) and memory for LLM applications, embedded: Lucene + in-process ONNX.",
    subcommands = {
      DemoCommand.class,
      IngestCommand.class,
      AskCommand.class,
      ChatCommand.class,
      ContextCommand.class,
      SearchCommand.class,
      DocumentsCommand.class,
      DeleteCommand.class,
      RememberCommand.class,
      RecallCommand.class,
      MemoriesCommand.class,
      EditCommand.class,
      ForgetCommand.class,
      EraseCommand.class,
      EvalCommand.class,
      BenchCommand.class,
      ServeCommand.class,
      McpCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** {@code --data} and {@code --index} before the command name; commands mix them in too. */
  @CommandLine.Mixin DataOptions data;

  /** {@code --server} and {@code --api-key} before the command name; commands that can run remotely mix them in too. */
  @CommandLine.Mixin RemoteOptions remote;

  /** Standard input of the process, or what a test feeds the chat. */
  java.io.InputStream in = System.in;

  /** The environment the chat model is configured from. */
  java.util.Map<String, String> env = System.getenv();

  /** The root command of {@code spec}'s command line. */
  static Main of(CommandLine.Model.CommandSpec spec) {
    return (Main) spec.root().userObject();
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    // Libraries (Lucene, PDFBox) log INFO lines through java.util.logging; a CLI shows warnings only.
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line and returns the exit code; used by main and by tests. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, System.in, System.getenv(), out, err);
  }

  /** Runs the command line with the given standard input and environment; used by tests. */
  public static int run(String[] args, java.io.InputStream in, java.util.Map<String, String> env,
      PrintWriter out, PrintWriter err) {
    Main main = new Main();
    main.in = in;
    main.env = env;
    CommandLine cli = new CommandLine(main);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof EngramException ee) {
        err.println("error " + ee.code() + ": " + ee.getMessage());
        ErrorHints.hint(ee.code(), commandLine.getCommandName(), ee.getMessage())
            .ifPresent(hint -> err.println("hint: " + hint));
        return 1;
      }
      if (e instanceof EngramClientException ce) {
        // The server's problem, in the words a local error has, plus where it came from.
        err.println("error " + ce.code() + ": " + ce.detail() + ce.field().map(f -> " (field " + f + ")").orElse("")
            + (ce.status() > 0 ? " [HTTP " + ce.status() + " from the server]" : ""));
        ErrorHints.hint(ce.code(), commandLine.getCommandName(), ce.detail())
            .ifPresent(hint -> err.println("hint: " + hint));
        return 1;
      }
      if (e instanceof IllegalArgumentException) {
        err.println("error: " + e.getMessage());
        return 2;
      }
      err.println("error: unexpected " + e);
      e.printStackTrace(err);
      return 3;
    });
    cli.setParameterExceptionHandler((ex, given) -> {
      CommandLine c = ex.getCommandLine();
      // picocli's own words for a bad map entry read "Value for option option '--filter' ...".
      c.getErr().println(ex.getMessage().replace("option option", "option"));
      if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr())) {
        c.usage(c.getErr());
      }
      return c.getCommandSpec().exitCodeOnInvalidInput();
    });
    return cli.execute(args);
  }
}
