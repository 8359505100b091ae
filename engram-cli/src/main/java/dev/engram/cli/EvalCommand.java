package dev.engram.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code engram eval ...}: quality and speed figures on public test collections. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate retrieval (BEIR datasets), memory (LoCoMo) or what memory believes (scripted conversations).",
    subcommands = {EvalRetrievalCommand.class, EvalMemoryCommand.class, EvalBeliefsCommand.class})
final class EvalCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @CommandLine.Mixin DataOptions data;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
