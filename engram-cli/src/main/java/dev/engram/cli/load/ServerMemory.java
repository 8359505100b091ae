package dev.engram.cli.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * The server's resident memory and CPU time, read from its {@code /metrics} (the gauges {@code
 * engram_process_resident_memory_bytes} and {@code ..._peak_bytes}, the counter {@code
 * engram_process_cpu_seconds_total}), so they are the same for a server here and one elsewhere.
 */
public final class ServerMemory {
  static final String RESIDENT = "engram_process_resident_memory_bytes";
  static final String PEAK = "engram_process_resident_memory_peak_bytes";
  static final String CPU = "engram_process_cpu_seconds_total";

  private ServerMemory() {}

  /** Resident and peak resident MiB; empty when the server does not report them (not Linux). */
  public record Resident(OptionalDouble mib, OptionalDouble peakMib) {}

  public static Resident read(URI server) {
    String text = scrape(server);
    return new Resident(gauge(text, RESIDENT), gauge(text, PEAK));
  }

  /** The server's CPU seconds since its start ({@code engram_process_cpu_seconds_total}); empty when not reported. */
  public static OptionalDouble cpuSeconds(URI server) {
    return value(scrape(server), CPU);
  }

  /** The text of {@code /metrics}; empty when the server cannot be reached. */
  private static String scrape(URI server) {
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
      return http.send(HttpRequest.newBuilder(server.resolve("/metrics"))
          .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (java.io.IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  static OptionalDouble gauge(String metrics, String name) {
    OptionalDouble bytes = value(metrics, name);
    return bytes.isPresent() ? OptionalDouble.of(bytes.getAsDouble() / (1024 * 1024)) : bytes;
  }

  /** The positive value of the first series named {@code name}; empty when there is none. */
  static OptionalDouble value(String metrics, String name) {
    for (String line : metrics.split("\n")) {
      if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
        double v = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        return v > 0 ? OptionalDouble.of(v) : OptionalDouble.empty();
      }
    }
    return OptionalDouble.empty();
  }
}
