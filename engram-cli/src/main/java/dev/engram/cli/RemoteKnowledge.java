package dev.engram.cli;

import dev.engram.client.AddedDocuments;
import dev.engram.client.DocumentFields;
import dev.engram.client.DocumentInfo;
import dev.engram.client.EngramClient;
import dev.engram.client.EngramClientException;
import dev.engram.client.Page;
import dev.engram.client.SearchQuery;
import dev.engram.common.InvalidInputException;
import dev.engram.retrieval.Scores;
import dev.engram.retrieval.SearchHit;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine.ParameterException;

/** The remote half of the knowledge commands (ingest, search, documents): the same output, through a server. */
final class RemoteKnowledge {
  /** The files {@code engram ingest} parses; anything else in a folder is left out, as locally. */
  private static final Set<String> EXTENSIONS = Set.of("txt", "md", "markdown", "html", "htm", "pdf", "jsonl");

  private RemoteKnowledge() {}

  /** Uploads each file (folders recursively) into the command's knowledge base. */
  static int ingest(IngestCommand c, EngramClient client) {
    c.remote.noTenant(c.target.tenant);
    if (c.chunkTokens != dev.engram.Settings.defaults().chunkTokens()) {
      throw new ParameterException(c.spec.commandLine(), "--chunk-tokens with --server: the server chunks"
          + " with its own settings; drop --chunk-tokens");
    }
    PrintWriter out = c.spec.commandLine().getOut();
    Map<String, Object> metadata = new LinkedHashMap<>(c.meta);
    if (!c.tags.isEmpty()) {
      metadata.put("tags", String.join(",", c.tags));
    }
    List<Path> files = files(c.paths);
    Map<String, Integer> byStatus = new LinkedHashMap<>();
    List<AddedDocuments.Written> written = new ArrayList<>();
    int chunks = 0;
    int skipped = 0;
    long t0 = System.nanoTime();
    for (Path file : files) {
      try {
        if (Files.size(file) > c.maxFileMb * 1024 * 1024) {
          skipped++;
          if (!c.output.json()) {
            out.println("skipped " + file + ": over --max-file-size " + c.maxFileMb + " MB");
          }
          continue;
        }
        DocumentFields fields = DocumentFields.inKb(c.target.knowledgeBase()).withSource(file.toString())
            .withMetadata(metadata);
        for (AddedDocuments.Written w : client.uploadDocument(file, fields).documents()) {
          written.add(w);
          byStatus.merge(w.status(), 1, Integer::sum);
          chunks += w.chunks();
        }
      } catch (IOException e) {
        skipped++;
        if (!c.output.json()) {
          out.println("skipped " + file + ": cannot be read (" + e.getMessage() + ")");
        }
      } catch (EngramClientException e) {
        if (e.status() == 0 || e.status() == 401 || e.status() == 403) {
          throw e; // no server, or no access: every other file would fail alike
        }
        skipped++;
        if (!c.output.json()) {
          out.println("skipped " + file + ": " + e.code() + " " + e.detail());
        }
      }
    }
    if (c.output.json()) {
      Json.print(out, written);
    } else {
      out.printf("%d files uploaded to %s, %d documents added, %d updated, %d unchanged, %d chunks, %d skipped, %.1f s%n",
          files.size() - skipped, c.target.knowledgeBase(), byStatus.getOrDefault("added", 0),
          byStatus.getOrDefault("updated", 0), byStatus.getOrDefault("unchanged", 0), chunks, skipped,
          (System.nanoTime() - t0) / 1e9);
    }
    return !files.isEmpty() && skipped == files.size() ? 1 : 0;
  }

  private static List<Path> files(List<Path> paths) {
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      if (!Files.exists(p)) {
        throw new InvalidInputException("ENGRAM-102", p + " does not exist");
      }
      if (!Files.isDirectory(p)) {
        files.add(p);
        continue;
      }
      try (Stream<Path> walk = Files.walk(p)) {
        walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
            .filter(f -> EXTENSIONS.contains(extension(f))).sorted().forEach(files::add);
      } catch (IOException | UncheckedIOException e) {
        throw new InvalidInputException("ENGRAM-103", p + " cannot be listed: " + e.getMessage());
      }
    }
    return files;
  }

  private static String extension(Path f) {
    String name = f.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  static int search(SearchCommand c, EngramClient client) {
    c.remote.noTenant(c.knowledge.tenant);
    PrintWriter out = c.spec.commandLine().getOut();
    SearchQuery q = SearchQuery.of(c.query).withTopK(c.top.k()).withMode(c.mode).inKbs(c.knowledge.knowledgeBases());
    for (Map.Entry<String, String> f : c.filters.entrySet()) {
      q = q.withFilter(f.getKey(), f.getValue());
    }
    long t0 = System.nanoTime();
    List<dev.engram.client.SearchHit> hits = client.search(q);
    double ms = (System.nanoTime() - t0) / 1e6;
    if (c.output.json()) {
      Json.print(out, hits);
      return 0;
    }
    if (hits.isEmpty()) {
      out.println("no hits");
      return 0;
    }
    SearchCommand.print(out, hits.stream().map(RemoteKnowledge::hit).toList());
    out.printf("%d hits, %s, %.1f ms%n", hits.size(), c.mode.toLowerCase(Locale.ROOT), ms);
    return 0;
  }

  /** The engine's hit for a served one, so that both print alike (ranks from 1 on the wire, from 0 here). */
  private static SearchHit hit(dev.engram.client.SearchHit h) {
    var s = h.scores();
    Scores scores = new Scores(s.bm25().orElse(0.0), s.bm25Rank().map(r -> r - 1).orElse(-1),
        s.dense().orElse(0.0), s.denseRank().map(r -> r - 1).orElse(-1), s.fused());
    return new SearchHit(h.chunkId(), h.documentId(), h.externalId(), h.kb(), h.title(), h.source(), h.text(), h.start(),
        h.end(), h.section(), h.page(), scores);
  }

  static int documents(DocumentsCommand c, EngramClient client) {
    c.remote.noTenant(c.knowledge.tenant);
    PrintWriter out = c.spec.commandLine().getOut();
    Flags.atLeast(c.spec, "--limit", c.limit, 1);
    List<DocumentInfo> documents = new ArrayList<>();
    for (String kb : c.knowledge.knowledgeBases()) {
      for (int page = 1; documents.size() < c.limit; page++) {
        Page<DocumentInfo> p = client.documents(kb, page, 100);
        p.results().stream().limit(c.limit - documents.size()).forEach(documents::add);
        if (p.results().isEmpty() || page * 100 >= p.total()) {
          break;
        }
      }
    }
    if (c.output.json()) {
      Json.print(out, documents);
      return 0;
    }
    boolean severalKbs = c.knowledge.knowledgeBases().size() > 1;
    int kbWidth = documents.stream().mapToInt(d -> d.kb().length()).max().orElse(1);
    for (DocumentInfo d : documents) {
      out.printf("%-18s %s%3d chunks  %-40s %s%n", TerminalText.escape(d.id()),
          severalKbs ? String.format("%-" + kbWidth + "s  ", TerminalText.escape(d.kb())) : "",
          d.chunkCount(), TerminalText.escape(d.title()), TerminalText.escape(d.source()));
    }
    out.println(documents.size() + " documents" + (documents.size() == c.limit ? " (limit reached; use --limit)" : ""));
    return 0;
  }
}
