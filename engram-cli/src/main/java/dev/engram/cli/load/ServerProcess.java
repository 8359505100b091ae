package dev.engram.cli.load;

import dev.engram.common.EngramException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code engram serve} in a child JVM on a free loopback port, with the launcher's JVM options
 * and the class path of this one: a server measured apart from the bench clients (its resident
 * memory is its own), and one a test can kill -9. Its output is read all along (a full pipe
 * would stall it); the last lines are kept for the error when it fails to start.
 */
public final class ServerProcess implements AutoCloseable {
  private static final Pattern URL = Pattern.compile("Engram serving .* at (http://\\S+)");
  /** Lines kept for an error: the startup output and a stack trace fit. */
  private static final int KEPT = 60;
  /** Longer than a start on a loaded machine takes (about 10 s), short of a hang. */
  private static final Duration START = Duration.ofSeconds(120);

  private final Process process;
  private final URI url;
  private final Deque<String> last;
  /** Stops the child when this JVM ends first (Ctrl-C on the bench), so no server is left behind. */
  private final Thread orphanGuard;

  private ServerProcess(Process process, URI url, Deque<String> last) {
    this.process = process;
    this.url = url;
    this.last = last;
    this.orphanGuard = new Thread(process::destroy, "engram-serve-stop-child");
    Runtime.getRuntime().addShutdownHook(orphanGuard);
  }

  /**
   * Starts a server on {@code data} with {@code adminKey}; {@code javaOptions} go to its JVM
   * (e.g. a flight recording). Returns once it prints its URL.
   */
  public static ServerProcess start(Path data, String adminKey, List<String> javaOptions)
      throws IOException, InterruptedException {
    return start(data, adminKey, javaOptions, Map.of());
  }

  /**
   * As {@link #start(Path, String, List)}, with {@code environment} added to the child's (e.g.
   * {@code ENGRAM_LLM_BASE_URL} for a server that generates).
   */
  public static ServerProcess start(Path data, String adminKey, List<String> javaOptions,
      Map<String, String> environment) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
        "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xss2m", "-Xmx1g"));
    command.addAll(javaOptions);
    command.addAll(List.of("dev.engram.cli.Main", "serve", "--data", data.toString(), "--port", "0"));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    // The class path through the environment, as the launcher's short command line: the data
    // directory's lock records the command, and a long one would be cut before "serve".
    pb.environment().put("CLASSPATH", System.getProperty("java.class.path"));
    pb.environment().putAll(environment);
    pb.environment().put("ENGRAM_ADMIN_KEY", adminKey);
    Process p = pb.start();
    Deque<String> last = new ArrayDeque<>();
    BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String[] found = new String[1];
    Thread reader = Thread.ofPlatform().daemon().name("engram-serve-output").start(() -> {
      try {
        for (String line; (line = in.readLine()) != null; ) {
          synchronized (last) {
            if (found[0] == null) {
              Matcher m = URL.matcher(line);
              if (m.find()) {
                found[0] = m.group(1);
                last.notifyAll();
              }
            }
            last.addLast(line);
            if (last.size() > KEPT) {
              last.removeFirst();
            }
          }
        }
      } catch (IOException e) {
        // the stream closes when the process ends
      }
      synchronized (last) {
        last.notifyAll();
      }
    });
    long deadline = System.nanoTime() + START.toNanos();
    synchronized (last) {
      while (found[0] == null && reader.isAlive() && System.nanoTime() < deadline) {
        last.wait(200);
      }
      if (found[0] == null) {
        p.destroyForcibly();
        throw new EngramException("ENGRAM-932", "the server did not start (" + (p.isAlive()
            ? "no URL within " + START.toSeconds() + " s" : "exit " + p.waitFor()) + "); its last output:\n  "
            + String.join("\n  ", last));
      }
    }
    return new ServerProcess(p, URI.create(found[0]), last);
  }

  public URI url() {
    return url;
  }

  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** The server's last lines of output. */
  public List<String> lastOutput() {
    synchronized (last) {
      return List.copyOf(last);
    }
  }

  /** kill -9: no shutdown hook runs, nothing is flushed or closed. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, the graceful stop; kill -9 if it has not stopped within 30 s. */
  @Override
  public void close() throws InterruptedException {
    try {
      Runtime.getRuntime().removeShutdownHook(orphanGuard);
    } catch (IllegalStateException e) {
      // this JVM is stopping: the hook runs anyway
    }
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      kill();
    }
  }
}
