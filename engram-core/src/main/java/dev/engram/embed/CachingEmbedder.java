package dev.engram.embed;

import dev.engram.common.Checks;
import dev.engram.common.Hashes;
import dev.engram.common.StorageException;
import dev.engram.common.VectorSpace;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An embedder that never embeds the same text twice: document vectors are kept in an append-only
 * file keyed by a hash of the text, so re-ingesting changed files only embeds the chunks that
 * changed. A torn last record (crash while appending) is ignored on open. The file holds hashes
 * and vectors, never text.
 */
public final class CachingEmbedder implements Embedder, EmbeddingStats {
  private static final int KEY_BYTES = 16;

  private final Embedder delegate;
  private final FileChannel file;
  private final int dimension;
  private final int recordBytes;
  /** Hash of a text to the file offset of its vector; vectors stay on disk, not on the heap. */
  private final Map<Key, Long> offsets = new HashMap<>();
  private long hits;
  private long misses;

  private record Key(long hi, long lo) {}

  public CachingEmbedder(Embedder delegate, Path cacheFile) {
    this.delegate = Checks.notNull(delegate, "delegate");
    this.dimension = delegate.space().dimension();
    this.recordBytes = KEY_BYTES + 4 * dimension;
    try {
      Files.createDirectories(cacheFile.toAbsolutePath().getParent());
      this.file = FileChannel.open(cacheFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      load();
    } catch (IOException e) {
      throw new StorageException("cannot open the embedding cache " + cacheFile
          + ": check permissions, or delete the file to rebuild it", e);
    }
  }

  private void load() throws IOException {
    long size = file.size();
    long usable = size - size % recordBytes;
    ByteBuffer key = ByteBuffer.allocate(KEY_BYTES);
    for (long pos = 0; pos < usable; pos += recordBytes) {
      key.clear();
      file.read(key, pos);
      key.flip();
      offsets.put(new Key(key.getLong(), key.getLong()), pos + KEY_BYTES);
    }
    file.truncate(usable);
    file.position(usable);
  }

  @Override
  public VectorSpace space() {
    return delegate.space();
  }

  @Override
  public synchronized List<float[]> embedDocuments(List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    List<Integer> missing = new ArrayList<>();
    List<String> missingTexts = new ArrayList<>();
    List<Key> keys = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      Key key = key(texts.get(i));
      keys.add(key);
      Long offset = offsets.get(key);
      out.add(offset == null ? null : read(offset));
      if (offset == null) {
        missing.add(i);
        missingTexts.add(texts.get(i));
      }
    }
    hits += texts.size() - missing.size();
    misses += missing.size();
    if (!missing.isEmpty()) {
      List<float[]> fresh = delegate.embedDocuments(missingTexts);
      for (int j = 0; j < missing.size(); j++) {
        int i = missing.get(j);
        out.set(i, fresh.get(j));
        append(keys.get(i), fresh.get(j));
      }
    }
    return out;
  }

  @Override
  public float[] embedQuery(String query) {
    return delegate.embedQuery(query);
  }

  @Override
  public synchronized long computed() {
    return misses;
  }

  /** How many document texts were served from the cache, and how many were embedded. */
  public synchronized long[] hitsAndMisses() {
    return new long[] {hits, misses};
  }

  private float[] read(long offset) {
    ByteBuffer buf = ByteBuffer.allocate(4 * dimension).order(ByteOrder.LITTLE_ENDIAN);
    try {
      while (buf.hasRemaining()) {
        if (file.read(buf, offset + buf.position()) < 0) {
          throw new IOException("unexpected end of file");
        }
      }
    } catch (IOException e) {
      throw new StorageException("cannot read the embedding cache: delete it to rebuild", e);
    }
    buf.flip();
    float[] v = new float[dimension];
    buf.asFloatBuffer().get(v);
    return v;
  }

  private void append(Key key, float[] vector) {
    if (offsets.containsKey(key)) {
      return;
    }
    ByteBuffer buf = ByteBuffer.allocate(recordBytes).order(ByteOrder.LITTLE_ENDIAN);
    buf.order(ByteOrder.BIG_ENDIAN).putLong(key.hi()).putLong(key.lo());
    buf.order(ByteOrder.LITTLE_ENDIAN);
    for (float f : vector) {
      buf.putFloat(f);
    }
    buf.flip();
    try {
      long pos = file.size();
      while (buf.hasRemaining()) {
        file.write(buf, pos + buf.position());
      }
      offsets.put(key, pos + KEY_BYTES);
    } catch (IOException e) {
      throw new StorageException("cannot write the embedding cache: is the disk full?", e);
    }
  }

  private Key key(String text) {
    MessageDigest sha = Hashes.sha256();
    sha.update(delegate.space().model().getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    ByteBuffer d = ByteBuffer.wrap(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    return new Key(d.getLong(), d.getLong());
  }

  @Override
  public synchronized void close() {
    try {
      if (file.isOpen()) {
        file.force(false);
        file.close();
      }
    } catch (IOException e) {
      throw new StorageException("cannot close the embedding cache", e);
    } finally {
      delegate.close();
    }
  }
}
