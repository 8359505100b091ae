package dev.engram.cli;

import dev.engram.Engram;
import dev.engram.common.Scope;
import dev.engram.knowledge.IngestListener;
import dev.engram.knowledge.IngestOptions;
import dev.engram.knowledge.IngestReport;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs in a child JVM for {@link IngestCrashIT}: ingests a folder, printing each finished file,
 * then reports success and waits, never closing Engram, to be killed with kill -9.
 */
public final class CrashIngestMain {
  private CrashIngestMain() {}

  public static void main(String[] args) throws InterruptedException {
    Engram engram = Engram.open(Path.of(args[0]));
    IngestListener printing = new IngestListener() {
      @Override
      public void fileDone(String file) {
        System.out.println("file " + file);
        System.out.flush();
      }
    };
    IngestReport report = engram.ingest(Scope.ofTenant(Scope.DEFAULT_TENANT), List.of(Path.of(args[1])),
        IngestOptions.defaults(), printing);
    System.out.println("ingested " + (report.added() + report.updated()));
    System.out.flush();
    Thread.sleep(600_000);
  }
}
