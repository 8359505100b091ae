package dev.engram.client;

import java.util.Map;

/**
 * The fields that go with a document, posted as text or uploaded as a file: title, source,
 * knowledge base and metadata. Empty means the server's default (the default knowledge base; for
 * an upload, the title found in the file and the file name as source).
 */
public record DocumentFields(String title, String source, String kb, Map<String, Object> metadata) {
  public DocumentFields {
    Checks.notNull(title, "title");
    Checks.notNull(source, "source");
    Checks.notNull(kb, "kb");
    metadata = Map.copyOf(Checks.notNull(metadata, "metadata"));
  }

  /** No field: the server's defaults. */
  public static DocumentFields none() {
    return new DocumentFields("", "", "", Map.of());
  }

  public static DocumentFields inKb(String kb) {
    return none().withKb(kb);
  }

  public DocumentFields withTitle(String newTitle) {
    return new DocumentFields(newTitle, source, kb, metadata);
  }

  public DocumentFields withSource(String newSource) {
    return new DocumentFields(title, newSource, kb, metadata);
  }

  public DocumentFields withKb(String newKb) {
    return new DocumentFields(title, source, newKb, metadata);
  }

  public DocumentFields withMetadata(Map<String, Object> newMetadata) {
    return new DocumentFields(title, source, kb, newMetadata);
  }
}
