package dev.engram.opensearch;

import dev.engram.common.StorageException;
import java.io.IOException;
import org.opensearch.client.opensearch._types.OpenSearchException;

/**
 * Runs one request to OpenSearch and turns its failures into {@link StorageException}s that say
 * what was being done and where: the I/O boundary of this backend, as engram-lucene's is.
 */
final class Calls {
  private Calls() {}

  /** A request that may fail with I/O. */
  @FunctionalInterface
  interface Call<T> {
    T run() throws IOException;
  }

  static <T> T run(Endpoint endpoint, String action, Call<T> call) {
    try {
      return call.run();
    } catch (OpenSearchException e) {
      throw new StorageException("OpenSearch at " + endpoint.url() + " refused to " + action + ": "
          + e.getMessage(), e);
    } catch (IOException e) {
      throw new StorageException("Cannot " + action + " on OpenSearch at " + endpoint.url() + ": "
          + e.getMessage() + ". Is it running? (scripts/opensearch.sh start runs one locally; or"
          + " fix --index / $ENGRAM_INDEX)", e);
    }
  }
}
