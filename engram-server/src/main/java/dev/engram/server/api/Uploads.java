package dev.engram.server.api;

import dev.engram.common.StorageException;
import dev.engram.knowledge.Document;
import dev.engram.knowledge.Parsers;
import dev.engram.knowledge.SourceInfo;
import dev.engram.server.http.ApiException;
import dev.engram.server.http.Call;
import dev.engram.server.http.ErrorCodes;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Multipart uploads of documents: the {@code file} part is staged in a private folder of the
 * data directory under its own file name (whose extension picks the parser, and which becomes the
 * title when the format has none), parsed by the engine's parsers with their checks (empty,
 * binary, not UTF-8, corrupt PDF), and removed again. Nothing of a file that fails to parse is
 * stored.
 */
final class Uploads {
  private final Path staging;
  private final long maxBytes;

  Uploads(Path staging, long maxBytes) {
    this.staging = staging;
    this.maxBytes = maxBytes;
    // Copies a killed server left behind go now: staging holds nothing between requests.
    if (Files.isDirectory(staging)) {
      try (Stream<Path> left = Files.list(staging)) {
        left.forEach(Uploads::delete);
      } catch (IOException e) {
        throw new StorageException("cannot clean " + staging + " (" + e + ")", e);
      }
    }
  }

  /** The form of one upload request, its file read into memory within the limit. */
  record Upload(String filename, byte[] content, Map<String, List<String>> fields, Uploads owner) {
    Optional<String> field(String name) {
      return Optional.ofNullable(fields.get(name)).flatMap(v -> v.stream().findFirst())
          .map(String::strip).filter(v -> !v.isEmpty());
    }

    List<Document> parse(String id, String source, Map<String, String> metadata) {
      return owner.parse(this, new SourceInfo(id, source, metadata));
    }
  }

  Upload read(Call call) {
    long declared = call.context().contentLength();
    if (declared > maxBytes + 64 * 1024) { // room for the form fields around the file
      throw new ApiException(413, ErrorCodes.TOO_LARGE, "the upload is " + declared
          + " bytes, over the limit of " + maxBytes + " bytes: split the file, or ingest it with"
          + " the engram CLI");
    }
    UploadedFile file;
    Map<String, List<String>> fields;
    try {
      file = call.context().uploadedFile("file");
      fields = call.context().formParamMap();
    } catch (Exception e) { // Jetty's ServletException escapes Kotlin unchecked
      if (e.getMessage() != null && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("size")) {
        throw new ApiException(413, ErrorCodes.TOO_LARGE, "the upload is over the limit of "
            + maxBytes + " bytes (" + e.getMessage() + ")");
      }
      throw new ApiException(400, ErrorCodes.MALFORMED_JSON, "the multipart body could not be read ("
          + e.getMessage() + "): send the document as a form part named 'file'");
    }
    if (file == null) {
      throw new ApiException(400, ErrorCodes.MISSING_FIELD,
          "the upload has no part named 'file': send the document as -F file=@PATH",
          Optional.of("file"));
    }
    if (file.size() > maxBytes) {
      throw new ApiException(413, ErrorCodes.TOO_LARGE, "the file is " + file.size()
          + " bytes, over the limit of " + maxBytes + " bytes");
    }
    try (InputStream in = file.content()) {
      return new Upload(safeName(file.filename()), in.readAllBytes(), fields, this);
    } catch (IOException e) {
      throw new ApiException(400, ErrorCodes.MALFORMED_JSON, "the upload could not be read ("
          + e.getMessage() + "): send it again");
    }
  }

  private List<Document> parse(Upload up, SourceInfo info) {
    Path dir = null;
    try {
      Files.createDirectories(staging);
      dir = Files.createTempDirectory(staging, "up");
      Path file = dir.resolve(up.filename());
      Files.write(file, up.content());
      return new Parsers(maxBytes).parse(file, info);
    } catch (IOException e) {
      throw new StorageException("cannot stage the upload in " + staging + " (" + e
          + "); check the data directory's permissions and free space", e);
    } finally {
      delete(dir);
    }
  }

  /** The last segment of a client's file name, with only safe characters; never a path. */
  static String safeName(String name) {
    String base = name == null ? "" : name.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[^\\p{L}\\p{N}._ -]", "_").strip();
    if (base.isEmpty() || base.chars().allMatch(c -> c == '.')) {
      return "upload.txt";
    }
    return base.length() > 200 ? base.substring(base.length() - 200) : base;
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A staged copy left behind goes at the next start; the answer stands.
    }
  }
}
