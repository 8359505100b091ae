package dev.engram.lucene;

import dev.engram.common.StorageException;
import java.io.IOException;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;

/**
 * Hands out searchers over the index's latest commit. A read-write index refreshes after each
 * write batch; a read-only one looks for a newer commit of the writing process before each read
 * (a cheap check when nothing changed), so it sees what the writer has committed.
 */
final class Searchers {
  private volatile SearcherManager manager;
  private final boolean followCommits;

  Searchers(SearcherManager manager, boolean followCommits) {
    this.manager = manager;
    this.followCommits = followCommits;
  }

  /** Serves from {@code next} from now on (after the writer was reopened); returns the old one. */
  SearcherManager replace(SearcherManager next) {
    SearcherManager old = manager;
    manager = next;
    return old;
  }

  IndexSearcher acquire() {
    try {
      if (followCommits) {
        manager.maybeRefresh();
      }
      return manager.acquire();
    } catch (IOException e) {
      throw new StorageException("Cannot open a searcher: " + e.getMessage(), e);
    }
  }

  void release(IndexSearcher searcher) {
    try {
      // Releasing only decrements the reader's reference count, whichever manager made it.
      manager.release(searcher);
    } catch (IOException e) {
      throw new StorageException("Cannot release a searcher: " + e.getMessage(), e);
    }
  }

  void refresh() throws IOException {
    manager.maybeRefreshBlocking();
  }

  SearcherManager manager() {
    return manager;
  }
}
