package dev.engram.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The files an OpenSearch index keeps on the node's disk (segments and translog), for erase tests. */
final class NodeFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private NodeFiles() {}

  /** The folders of the indexes matching {@code pattern}, under the local node's data path. */
  static List<Path> indexFolders(String pattern) throws IOException, InterruptedException {
    JsonNode nodes = JSON.readTree(OpenSearchNode.send("GET", "/_nodes/_local/settings").body())
        .path("nodes");
    JsonNode data = nodes.elements().next().path("settings").path("path").path("data");
    Path root = Path.of(data.isArray() ? data.get(0).asText() : data.asText());
    JsonNode indices = JSON.readTree(OpenSearchNode.send("GET",
        "/" + pattern + "/_settings?filter_path=*.settings.index.uuid").body());
    List<Path> folders = new ArrayList<>();
    indices.fields().forEachRemaining(e -> folders.add(root.resolve("nodes/0/indices")
        .resolve(e.getValue().path("settings").path("index").path("uuid").asText())));
    return folders;
  }

  /** The files under {@code folders} holding {@code word} (as written, or lower-cased). */
  static List<Path> containing(List<Path> folders, String word) throws IOException {
    byte[][] needles = {word.getBytes(StandardCharsets.UTF_8),
        word.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)};
    List<Path> found = new ArrayList<>();
    for (Path folder : folders) {
      try (Stream<Path> files = Files.walk(folder)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          byte[] bytes = Files.readAllBytes(f);
          for (byte[] needle : needles) {
            if (indexOf(bytes, needle) >= 0) {
              found.add(f);
              break;
            }
          }
        }
      }
    }
    return found;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
