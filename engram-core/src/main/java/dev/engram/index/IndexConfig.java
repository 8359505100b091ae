package dev.engram.index;

import dev.engram.common.Checks;
import dev.engram.common.InvalidInputException;
import dev.engram.common.VectorSpace;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How to open an index: a URI naming the backend by its scheme ({@code lucene:PATH}, {@code
 * opensearch://host:9200}), the vector space it must hold, backend options, and whether it is
 * opened for reading only (a reader works beside another process that writes).
 *
 * @param uri the index URI; its scheme picks the {@link IndexFactory}
 * @param space the embedding model and dimension of the vectors
 * @param options backend-specific settings (credentials, CA file, tuning), may be empty
 * @param readOnly true to open without taking the write lock; {@link Index#write} then fails
 */
public record IndexConfig(String uri, VectorSpace space, Map<String, String> options,
    boolean readOnly) {
  private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");

  public IndexConfig {
    Checks.notBlank(uri, "uri");
    Checks.notNull(space, "space");
    options = Map.copyOf(Checks.notNull(options, "options"));
    int colon = uri.indexOf(':');
    if (colon < 1 || !SCHEME.matcher(uri.substring(0, colon)).matches()
        || colon == uri.length() - 1) {
      throw new InvalidInputException("ENGRAM-510", "index URI '" + uri
          + "' has no backend: write it as lucene:PATH or opensearch://host:9200");
    }
  }

  /** A read-write config with no options. */
  public static IndexConfig of(String uri, VectorSpace space) {
    return new IndexConfig(uri, space, Map.of(), false);
  }

  /** The backend's name: the URI's scheme ({@code lucene}, {@code opensearch}). */
  public String scheme() {
    return uri.substring(0, uri.indexOf(':'));
  }

  /** What follows the scheme: a path for Lucene ({@code //} in front is dropped), a host for others. */
  public String location() {
    String rest = uri.substring(uri.indexOf(':') + 1);
    return scheme().equals("lucene") && rest.startsWith("//") ? rest.substring(2) : rest;
  }

  /** This config opened for reading only. */
  public IndexConfig asReadOnly() {
    return new IndexConfig(uri, space, options, true);
  }
}
