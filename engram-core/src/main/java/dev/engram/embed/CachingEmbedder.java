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
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An embedder that never embeds the same text twice: document vectors are kept in an append-only
 * file keyed by a hash of the text, so re-ingesting changed files only embeds the chunks that
 * changed. A torn last record (crash while appending) is ignored on open. The file holds hashes
 * and vectors, never text.
 *
 * <p>Thread-safe. Looking up cached vectors and appending new ones are short critical sections;
 * the delegate's inference runs outside any lock, so concurrent callers do not wait on each
 * other's model calls. Two callers may embed the same missing text at once: its vector is stored
 * once, by whichever finishes first.
 *
 * <p>Query vectors are kept in memory only, never in the file: the last {@value
 * #QUERY_CACHE_SIZE} distinct queries, keyed by their text, so that one question asked by several
 * steps (router, retriever, memories, recall) is embedded once. {@link #forgetQueries()} drops
 * them, for when a user's words must not stay behind.
 *
 * <p>Users' words are never written: {@link #transientView()} embeds messages and memories with
 * the same model and keeps their vectors in memory only (the last {@value #TRANSIENT_SIZE}), and
 * {@link #erase} removes texts from the file (rewritten without them), from memory and drops every
 * query, so that an erased user's texts cannot be confirmed from their hashes. Files written
 * before this kept users' texts too: erasing them removes their records.
 *
 * <p>One cache writes a file at a time (a data directory has one writer); read-only caches may
 * read it meanwhile. The cache owns its delegate: it closes it on {@link #close()}, and when
 * opening the file fails.
 */
public final class CachingEmbedder implements Embedder, EmbeddingStats, EmbeddingErasure {
  private static final int KEY_BYTES = 16;
  /**
   * Chosen by hand, not measured: plenty for the few queries one command asks, and at most about
   * 1,024 x (4 bytes x dimension + the text), some 1.6 MB for 384 dimensions.
   */
  static final int QUERY_CACHE_SIZE = 1_024;
  /**
   * Chosen by hand, not measured: the sentences of the memories a few asks cite, about 6 MB for
   * 384 dimensions.
   */
  static final int TRANSIENT_SIZE = 4_096;

  private final Embedder delegate;
  private final Path path;
  /**
   * Held to read or append the file; held exclusively to replace it ({@link #erase}). Taken
   * before {@code lock}, never inside it.
   */
  private final ReentrantReadWriteLock files = new ReentrantReadWriteLock();
  /** Empty when a read-only cache has no file to read; replaced only under the write lock of files. */
  private Optional<FileChannel> file;
  private final boolean readOnly;
  private final int dimension;
  private final int recordBytes;
  private final Object lock = new Object();
  /** Its own lock, taken inside {@code lock} or alone, never the other way round. */
  private final QueryCache queries = new QueryCache(QUERY_CACHE_SIZE);
  /** Vectors of users' texts, by text: in memory only. */
  private final QueryCache transientTexts = new QueryCache(TRANSIENT_SIZE);
  private final Embedder transientView = new TransientView(this);
  // guarded by lock:
  /** Hash of a text to the file offset of its vector; vectors stay on disk, not on the heap. */
  private final Map<Key, Long> offsets = new HashMap<>();
  /** Vectors a read-only cache made and may not write. */
  private final Map<Key, float[]> unsaved = new HashMap<>();
  /** Where the next record is appended. */
  private long end;
  private long hits;
  private long misses;
  private boolean closed;

  private record Key(long hi, long lo) {}

  /** A cache in {@code cacheFile}, created (with its folders) when missing. */
  public CachingEmbedder(Embedder delegate, Path cacheFile) {
    this(delegate, cacheFile, false);
  }

  /**
   * A cache that reads {@code cacheFile} if it exists and never writes it, nor creates it: vectors
   * it has to compute are kept in memory only, until it is closed. For read-only commands that run
   * while another process writes the cache.
   */
  public static CachingEmbedder readOnly(Embedder delegate, Path cacheFile) {
    return new CachingEmbedder(delegate, cacheFile, true);
  }

  private CachingEmbedder(Embedder delegate, Path cacheFile, boolean readOnly) {
    this.delegate = Checks.notNull(delegate, "delegate");
    this.path = Checks.notNull(cacheFile, "cacheFile");
    this.readOnly = readOnly;
    this.dimension = delegate.space().dimension();
    this.recordBytes = KEY_BYTES + 4 * dimension;
    FileChannel channel = null;
    try {
      channel = open(cacheFile, readOnly);
      if (channel != null) {
        load(channel);
      }
    } catch (IOException | RuntimeException e) {
      RuntimeException failure = e instanceof IOException io
          ? new StorageException("cannot open the embedding cache " + cacheFile
              + ": check permissions, or delete the file to rebuild it", io)
          : (RuntimeException) e;
      closeAll(failure, channel, delegate);
      throw failure;
    }
    this.file = Optional.ofNullable(channel);
  }

  private static FileChannel open(Path cacheFile, boolean readOnly) throws IOException {
    if (readOnly) {
      return Files.exists(cacheFile) ? FileChannel.open(cacheFile, StandardOpenOption.READ) : null;
    }
    Files.createDirectories(cacheFile.toAbsolutePath().getParent());
    return FileChannel.open(cacheFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
  }

  /** Reads the keys of the whole records; a writable cache also cuts off a torn last record. */
  private void load(FileChannel channel) throws IOException {
    long size = channel.size();
    long usable = size - size % recordBytes;
    ByteBuffer key = ByteBuffer.allocate(KEY_BYTES);
    for (long pos = 0; pos < usable; pos += recordBytes) {
      key.clear();
      while (key.hasRemaining()) {
        if (channel.read(key, pos + key.position()) < 0) {
          throw new IOException("unexpected end of file at offset " + pos);
        }
      }
      key.flip();
      offsets.put(new Key(key.getLong(), key.getLong()), pos + KEY_BYTES);
    }
    if (!readOnly) {
      channel.truncate(usable);
    }
    end = usable;
  }

  @Override
  public VectorSpace space() {
    return delegate.space();
  }

  @Override
  public List<float[]> embedDocuments(List<String> texts) {
    return embed(texts, true);
  }

  /** The embedder for users' words: vectors of new texts stay in memory, never in the file. */
  @Override
  public Embedder transientView() {
    return transientView;
  }

  /** Users' words: vectors of texts not in the file are kept in memory only. */
  List<float[]> embedTransient(List<String> texts) {
    return embed(texts, false);
  }

  private List<float[]> embed(List<String> texts, boolean persist) {
    List<Key> keys = texts.stream().map(this::key).toList();
    float[][] out = new float[texts.size()][];
    // distinct missing texts, each with the positions of the output it fills
    Map<Key, List<Integer>> missing = new LinkedHashMap<>();
    files.readLock().lock();
    try {
      Map<Integer, Long> onDisk = new LinkedHashMap<>();
      synchronized (lock) {
        requireOpen();
        for (int i = 0; i < keys.size(); i++) {
          Key key = keys.get(i);
          Long offset = offsets.get(key);
          float[] kept = offset == null ? unsaved.get(key) : null;
          Optional<float[]> held = offset == null && kept == null && !persist
              ? transientTexts.find(texts.get(i)) : Optional.empty();
          if (offset != null) {
            onDisk.put(i, offset);
          } else if (kept != null) {
            out[i] = kept.clone();
          } else if (held.isPresent()) {
            out[i] = held.get();
          } else {
            missing.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
          }
        }
        hits += texts.size() - missing.size();
      }
      // positional reads do not move the channel's position: safe next to appends
      onDisk.forEach((i, offset) -> out[i] = read(offset));
    } finally {
      files.readLock().unlock();
    }
    if (!missing.isEmpty()) {
      List<String> toEmbed = missing.values().stream().map(at -> texts.get(at.getFirst())).toList();
      List<float[]> fresh = delegate.embedDocuments(toEmbed);
      if (fresh.size() != toEmbed.size()) {
        throw new IllegalStateException("the embedder returned " + fresh.size() + " vectors for "
            + toEmbed.size() + " texts");
      }
      for (float[] v : fresh) {
        if (v.length != dimension) {
          throw new IllegalStateException("the embedder returned a vector of dimension "
              + v.length + ", expected " + dimension);
        }
      }
      synchronized (lock) {
        misses += fresh.size();
      }
      int j = 0;
      for (List<Integer> at : missing.values()) {
        float[] v = fresh.get(j++);
        for (int i : at) {
          out[i] = at.size() == 1 ? v : v.clone();
        }
      }
      if (persist) {
        store(List.copyOf(missing.keySet()), fresh);
      } else {
        keepTransient(missing, texts, fresh);
      }
    }
    return new ArrayList<>(Arrays.asList(out));
  }

  private void keepTransient(Map<Key, List<Integer>> missing, List<String> texts, List<float[]> fresh) {
    synchronized (lock) {
      if (closed) {
        return; // a closed cache keeps no words
      }
      int j = 0;
      for (List<Integer> at : missing.values()) {
        transientTexts.put(texts.get(at.getFirst()), fresh.get(j++));
      }
    }
  }

  /**
   * Removes {@code texts} from the file (rewritten without their records, then swapped in
   * atomically), from the vectors kept in memory, and drops every query; other texts keep their
   * vectors. A read-only cache forgets them in memory only.
   */
  @Override
  public void erase(java.util.Collection<String> texts) {
    Checks.notNull(texts, "texts");
    queries.clear();
    texts.forEach(transientTexts::remove);
    java.util.Set<Key> keys = new java.util.HashSet<>();
    texts.forEach(t -> keys.add(key(t)));
    files.writeLock().lock();
    try {
      synchronized (lock) {
        if (closed) {
          return;
        }
        keys.forEach(unsaved::remove);
        keys.retainAll(offsets.keySet());
        if (keys.isEmpty() || readOnly || file.isEmpty()) {
          return;
        }
        rewriteWithout(keys);
      }
    } catch (IOException e) {
      throw new StorageException("cannot rewrite the embedding cache " + path
          + " without erased texts: check the disk, or delete the file to rebuild it", e);
    } finally {
      files.writeLock().unlock();
    }
  }

  /** Copies every record but those of {@code erased} to a new file that replaces the old one. */
  private void rewriteWithout(java.util.Set<Key> erased) throws IOException {
    Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
    FileChannel old = file.orElseThrow();
    CacheFiles.copyExcept(old, tmp, end, recordBytes, (hi, lo) -> erased.contains(new Key(hi, lo)));
    Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    old.close();
    FileChannel replaced = open(path, false);
    file = Optional.of(replaced);
    offsets.clear();
    load(replaced);
  }

  /**
   * The vector of {@code query}: from memory when the same text was asked recently, otherwise
   * from the delegate (outside any lock; two callers may embed the same new query at once).
   */
  @Override
  public float[] embedQuery(String query) {
    Checks.notNull(query, "query");
    synchronized (lock) {
      requireOpen();
    }
    Optional<float[]> kept = queries.find(query);
    if (kept.isPresent()) {
      return kept.get();
    }
    float[] v = delegate.embedQuery(query);
    if (v.length != dimension) {
      throw new IllegalStateException("the embedder returned a vector of dimension " + v.length
          + ", expected " + dimension);
    }
    synchronized (lock) {
      if (!closed) { // a closed cache keeps no words
        queries.put(query, v);
      }
    }
    return v;
  }

  /**
   * Forgets every query kept in memory, with its text; for erasing a user, whose words must not
   * stay behind. Document vectors and the counts stay. Safe at any time, also after close.
   */
  public void forgetQueries() {
    queries.clear();
  }

  /** Document texts only: ingest reads it to count the chunks it embedded. */
  @Override
  public long computed() {
    synchronized (lock) {
      return misses;
    }
  }

  /** Queries served from memory, and queries the delegate embedded; not in {@link #computed()}. */
  public long[] queryHitsAndMisses() {
    return queries.hitsAndMisses();
  }

  /** How many document texts were served from the cache, and how many were embedded. */
  public long[] hitsAndMisses() {
    synchronized (lock) {
      return new long[] {hits, misses};
    }
  }

  /** Keeps the vectors whose keys are still absent: appended to the file, or in memory. */
  private void store(List<Key> keys, List<float[]> vectors) {
    files.readLock().lock();
    try {
      storeLocked(keys, vectors);
    } finally {
      files.readLock().unlock();
    }
  }

  private void storeLocked(List<Key> keys, List<float[]> vectors) {
    synchronized (lock) {
      if (closed) {
        return; // closed while the delegate was busy: the vectors are still right
      }
      if (readOnly) {
        for (int i = 0; i < keys.size(); i++) {
          if (!offsets.containsKey(keys.get(i))) {
            unsaved.putIfAbsent(keys.get(i), vectors.get(i).clone());
          }
        }
        return;
      }
      List<Integer> absent = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        if (!offsets.containsKey(keys.get(i))) {
          absent.add(i);
        }
      }
      if (absent.isEmpty()) {
        return;
      }
      ByteBuffer buf = ByteBuffer.allocate(absent.size() * recordBytes);
      for (int i : absent) {
        Key key = keys.get(i);
        buf.order(ByteOrder.BIG_ENDIAN).putLong(key.hi()).putLong(key.lo());
        buf.order(ByteOrder.LITTLE_ENDIAN);
        for (float f : vectors.get(i)) {
          buf.putFloat(f);
        }
      }
      buf.flip();
      FileChannel channel = file.orElseThrow();
      try {
        while (buf.hasRemaining()) {
          channel.write(buf, end + buf.position());
        }
      } catch (IOException e) {
        // nothing is indexed past end: the next append writes over what got out
        throw new StorageException("cannot write the embedding cache: is the disk full?", e);
      }
      for (int i : absent) {
        offsets.put(keys.get(i), end + KEY_BYTES);
        end += recordBytes;
      }
    }
  }

  private float[] read(long offset) {
    ByteBuffer buf = ByteBuffer.allocate(4 * dimension).order(ByteOrder.LITTLE_ENDIAN);
    FileChannel channel = file.orElseThrow();
    try {
      while (buf.hasRemaining()) {
        if (channel.read(buf, offset + buf.position()) < 0) {
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

  private Key key(String text) {
    MessageDigest sha = Hashes.sha256();
    sha.update(delegate.space().model().getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    ByteBuffer d = ByteBuffer.wrap(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    return new Key(d.getLong(), d.getLong());
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the embedding cache is closed");
    }
  }

  /** Flushes and closes the file, then closes the delegate; a second call does nothing. */
  @Override
  public void close() {
    files.writeLock().lock();
    try {
      closeFile();
    } finally {
      files.writeLock().unlock();
    }
  }

  private void closeFile() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      unsaved.clear();
      queries.clear();
      transientTexts.clear();
    }
    RuntimeException failure = null;
    if (file.isPresent()) {
      try (FileChannel channel = file.get()) {
        if (!readOnly) {
          channel.force(false);
        }
      } catch (IOException e) {
        failure = new StorageException("cannot close the embedding cache", e);
      }
    }
    closeAll(failure, null, delegate);
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Closes {@code channel} (may be null) and {@code delegate}; their failures are added to {@code
   * first} as suppressed, or the first of them is thrown when {@code first} is null.
   */
  private static void closeAll(RuntimeException first, FileChannel channel, Embedder delegate) {
    RuntimeException failure = first;
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        StorageException s = new StorageException("cannot close the embedding cache", e);
        if (failure == null) {
          failure = s;
        } else {
          failure.addSuppressed(s);
        }
      }
    }
    try {
      delegate.close();
    } catch (RuntimeException e) {
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
    if (first == null && failure != null) {
      throw failure;
    }
  }
}
