package dev.engram.cli.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * The server's resident memory, read from its {@code /metrics} (the gauges {@code
 * engram_process_resident_memory_bytes} and {@code ..._peak_bytes}), so it is the same for a
 * server here and one elsewhere.
 */
public final class ServerMemory {
  static final String RESIDENT = "engram_process_resident_memory_bytes";
  static final String PEAK = "engram_process_resident_memory_peak_bytes";

  private ServerMemory() {}

  /** Resident and peak resident MiB; empty when the server does not report them (not Linux). */
  public record Resident(OptionalDouble mib, OptionalDouble peakMib) {}

  public static Resident read(URI server) {
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
      String text = http.send(HttpRequest.newBuilder(server.resolve("/metrics"))
          .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
      return new Resident(gauge(text, RESIDENT), gauge(text, PEAK));
    } catch (java.io.IOException e) {
      return new Resident(OptionalDouble.empty(), OptionalDouble.empty());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Resident(OptionalDouble.empty(), OptionalDouble.empty());
    }
  }

  static OptionalDouble gauge(String metrics, String name) {
    for (String line : metrics.split("\n")) {
      if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
        double bytes = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        return bytes > 0 ? OptionalDouble.of(bytes / (1024 * 1024)) : OptionalDouble.empty();
      }
    }
    return OptionalDouble.empty();
  }
}
