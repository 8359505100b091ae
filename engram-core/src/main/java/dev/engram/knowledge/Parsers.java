package dev.engram.knowledge;

import dev.engram.common.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Chooses a {@link Parser} by file extension (case-insensitive) and finds the parseable files
 * under a folder. Every parser checks its file first (size limit, empty, binary, UTF-8) and
 * reports problems as {@link InvalidInputException}s with a {@link SourceErrors} code.
 */
public final class Parsers {
  /** The default file size limit: 50 MB. */
  public static final long DEFAULT_MAX_FILE_BYTES = 50L * 1024 * 1024;

  private final Map<String, Parser> byExtension;

  /** Parsers with the default 50 MB file size limit. */
  public Parsers() {
    this(DEFAULT_MAX_FILE_BYTES);
  }

  /** Parsers that refuse files larger than {@code maxFileBytes}. */
  public Parsers(long maxFileBytes) {
    SourceReader reader = new SourceReader(maxFileBytes);
    Parser text = new TextParser(reader);
    Parser markdown = new MarkdownParser(reader);
    Parser html = new HtmlParser(reader);
    byExtension = Map.of("txt", text, "text", text, "md", markdown, "markdown", markdown,
        "html", html, "htm", html, "pdf", new PdfParser(reader), "jsonl", new JsonlParser(reader));
  }

  /** The parser for this file's extension, if there is one. */
  public Optional<Parser> forFile(Path file) {
    return Optional.ofNullable(byExtension.get(extension(file)));
  }

  /** The extensions handled, lower case, without the dot. */
  public Set<String> supportedExtensions() {
    return new TreeSet<>(byExtension.keySet());
  }

  /** Parses one file with the parser for its extension. */
  public List<Document> parse(Path file, SourceInfo info) {
    return forFile(file).orElseThrow(() -> new InvalidInputException(SourceErrors.UNSUPPORTED,
        "Cannot ingest " + file + ": unsupported extension \"" + extension(file)
            + "\". Supported: " + String.join(", ", supportedExtensions())
            + "; convert the file or leave it out.")).parse(file, info);
  }

  /**
   * The supported files at {@code path}: the file itself, or every supported file under the
   * folder, recursively, skipping hidden files and folders, sorted by path.
   */
  public List<Path> files(Path path) {
    return list(path).files();
  }

  /**
   * The supported files at {@code path}, as {@link #files}, and the symbolic links inside the
   * folder that were not followed (to a folder, which could loop, or to nothing). A symbolic link
   * given as {@code path} itself is followed; files found through it keep the path under it.
   */
  public Listing list(Path path) {
    if (!Files.exists(path)) {
      throw SourceErrors.missing(path);
    }
    if (!Files.isDirectory(path)) {
      return new Listing(List.of(path), List.of());
    }
    List<Path> files = new ArrayList<>();
    List<IngestReport.Skipped> skipped = new ArrayList<>();
    try {
      Path root = path.toRealPath();
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path p : (Iterable<Path>) walk.filter(p -> !hidden(root, p)).sorted()::iterator) {
          Path shown = path.resolve(root.relativize(p));
          if (Files.isRegularFile(p)) {
            if (byExtension.containsKey(extension(p))) {
              files.add(shown);
            }
          } else if (Files.isSymbolicLink(p)) {
            skipped.add(new IngestReport.Skipped(shown.toString(), "symbolic link to a folder or"
                + " to nothing inside a folder is not followed; give it as a path of its own to"
                + " ingest what it points to."));
          }
        }
      }
    } catch (IOException | UncheckedIOException e) {
      throw new InvalidInputException(SourceErrors.FOLDER_UNLISTABLE,
          "Cannot list folder " + path + " (" + e.getMessage() + "); check its permissions.", e);
    }
    return new Listing(files, skipped);
  }

  /**
   * What {@link #list} found.
   *
   * @param files the supported files, sorted by path
   * @param skipped symbolic links inside the folder that were not followed, with the reason
   */
  public record Listing(List<Path> files, List<IngestReport.Skipped> skipped) {
    public Listing {
      files = List.copyOf(files);
      skipped = List.copyOf(skipped);
    }
  }

  private static boolean hidden(Path root, Path p) {
    for (Path part : root.relativize(p)) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  static String extension(Path file) {
    String name = SingleFile.name(file);
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
