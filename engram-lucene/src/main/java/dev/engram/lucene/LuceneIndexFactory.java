package dev.engram.lucene;

import dev.engram.index.Index;
import dev.engram.index.IndexConfig;
import dev.engram.index.IndexFactory;
import java.nio.file.Path;

/**
 * Opens {@code lucene:PATH} indexes with default options; found by {@link
 * java.util.ServiceLoader}.
 */
public final class LuceneIndexFactory implements IndexFactory {
  /** The URI scheme of the embedded index. */
  public static final String SCHEME = "lucene";

  @Override
  public String scheme() {
    return SCHEME;
  }

  @Override
  public Index open(IndexConfig config) {
    return LuceneIndex.open(Path.of(config.location()), config.space(), LuceneOptions.defaults(),
        config.readOnly());
  }
}
