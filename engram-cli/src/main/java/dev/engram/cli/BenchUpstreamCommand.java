package dev.engram.cli;

import dev.engram.server.openai.InstantUpstream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code engram bench upstream}: serves {@link InstantUpstream}, a zero-delay OpenAI-compatible
 * LLM on loopback, until stopped; for trying the proxy without an LLM and for measuring its
 * overhead against a running server ({@code bench server --server URL --mix proxy=1}).
 */
@Command(name = "upstream", mixinStandardHelpOptions = true,
    description = "Serve a zero-delay OpenAI-compatible LLM on 127.0.0.1 (model 'instant', fixed"
        + " reply, streamed when asked) until stopped: the upstream for trying `engram serve`'s"
        + " proxy without an LLM and for `bench server --mix proxy=1`.")
final class BenchUpstreamCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--port", description = "Port on 127.0.0.1 (0: a free one; default: ${DEFAULT-VALUE}).")
  int port = 8421;

  @Override
  public Integer call() {
    if (port < 0 || port > 65_535) {
      throw new ParameterException(spec.commandLine(), "--port must be between 0 and 65535, got: " + port);
    }
    PrintWriter out = spec.commandLine().getOut();
    InstantUpstream upstream;
    try {
      upstream = InstantUpstream.start(port);
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof BindException) {
        throw new ParameterException(spec.commandLine(), "port " + port + " on 127.0.0.1 is taken ("
            + e.getCause().getMessage() + "): stop what listens there or pass another --port");
      }
      throw e;
    }
    try (upstream) {
      out.println("instant OpenAI-compatible upstream at " + upstream.baseUrl() + " (model '"
          + InstantUpstream.MODEL + "'); start the server with ENGRAM_LLM_BASE_URL=" + upstream.baseUrl()
          + " ENGRAM_LLM_MODEL=" + InstantUpstream.MODEL + "; stop with Ctrl-C");
      out.flush();
      while (true) {
        Thread.sleep(Long.MAX_VALUE);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }
}
