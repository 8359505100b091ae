package dev.engram.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.Engram;
import dev.engram.common.Scope;
import dev.engram.knowledge.IngestListener;
import dev.engram.knowledge.IngestOptions;
import dev.engram.memory.model.Message;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands that only read work while another process holds the data directory for writing, and
 * see what it committed; a second writer is told who holds it.
 */
class ReadBesideWriterIT {
  @TempDir Path tmp;

  @Test
  void should_read_what_the_writer_committed_and_name_the_writer_to_a_second_one() throws Exception {
    Path data = tmp.resolve("data");
    Cli cli = new Cli(data);
    Path kb = Fixtures.knowledgeBase(tmp.resolve("kb"));
    try (Engram writer = Engram.open(data)) {
      writer.ingest(Scope.ofTenant(Scope.DEFAULT_TENANT), List.of(kb), IngestOptions.defaults(),
          IngestListener.NONE);
      writer.memories().remember(Scope.ofUser("ann").withSession("s1"),
          List.of(Message.user("I live in Oslo.")));

      Cli.Result search = cli.run("search", "fog horn", "-k", "1");
      Cli.Result documents = cli.run("documents");
      Cli.Result recall = cli.run("recall", "--user", "ann", "where do I live");
      Cli.Result memories = cli.run("memories", "--user", "ann");
      Cli.Result ask = cli.run("ask", "--user", "ann", "--json", "When does the fog horn sound?");
      Cli.Result ingest = cli.run("ingest", kb.toString());
      Cli.Result remember = cli.run("remember", "--user", "ann", "I love lighthouses.");

      assertThat(search.exitCode()).as(search.err()).isZero();
      assertThat(search.out()).contains("fog");
      assertThat(documents.exitCode()).as(documents.err()).isZero();
      assertThat(recall.out()).contains("Oslo");
      assertThat(memories.out()).contains("Oslo");
      assertThat(ask.exitCode()).as(ask.err()).isZero();
      assertThat(ask.err()).contains("not remembered");
      JsonNode answer = new ObjectMapper().readTree(ask.out());
      assertThat(answer.get("rememberedIds")).isEmpty();
      String pid = Long.toString(ProcessHandle.current().pid());
      for (Cli.Result write : List.of(ingest, remember)) {
        assertThat(write.exitCode()).isEqualTo(1);
        assertThat(write.err()).contains("ENGRAM-502").contains("process " + pid)
            .contains("work beside it");
      }

      writer.memories().remember(Scope.ofUser("ann").withSession("s1"),
          List.of(Message.user("My sister lives in Bergen.")));
      assertThat(cli.run("memories", "--user", "ann").out()).contains("Bergen");
    }
    assertThat(cli.run("remember", "--user", "ann", "I love lighthouses.").exitCode()).isZero();
  }
}
