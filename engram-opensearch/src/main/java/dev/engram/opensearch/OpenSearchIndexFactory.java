package dev.engram.opensearch;

import dev.engram.index.Index;
import dev.engram.index.IndexConfig;
import dev.engram.index.IndexFactory;

/**
 * Opens {@code opensearch://host:9200} indexes (see {@link Endpoint} for the URI's forms); found
 * by {@link java.util.ServiceLoader}.
 */
public final class OpenSearchIndexFactory implements IndexFactory {
  /** The URI scheme of the OpenSearch backend. */
  public static final String SCHEME = "opensearch";

  @Override
  public String scheme() {
    return SCHEME;
  }

  @Override
  public Index open(IndexConfig config) {
    return OpenSearchIndex.open(config);
  }
}
