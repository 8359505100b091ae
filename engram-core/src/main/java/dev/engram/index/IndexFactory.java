package dev.engram.index;

/**
 * Opens indexes of one backend, named by a URI scheme. Backends register through {@link
 * java.util.ServiceLoader} so that engram-core needs no storage library; the scheme of the
 * configured URI chooses among them, never the order of the class path.
 */
public interface IndexFactory {

  /** The URI scheme this backend opens, e.g. {@code lucene}. */
  String scheme();

  /**
   * Opens or creates the index.
   *
   * @throws dev.engram.common.StorageException when the index holds vectors of another model,
   *     is held by another writer, or cannot be opened
   */
  Index open(IndexConfig config);
}
