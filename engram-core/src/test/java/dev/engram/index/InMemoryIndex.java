package dev.engram.index;

import dev.engram.common.Checks;
import dev.engram.common.StorageException;
import dev.engram.common.VectorSpace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An {@link Index} in memory, for fast tests of the pipelines built on the seam: exact cosine
 * vector search, BM25 (k1 0.9, b 0.4) over {@link SimpleAnalyzer}'s tokens, filters by {@link
 * Filter#matches}. It passes {@code IndexContractTest}. A {@link Store} outlives the handles
 * opened on it, so a test can close and reopen; nothing reaches the disk.
 *
 * <p>Thread-safe: a batch applies under a write lock, so readers see all of it or none.
 */
public final class InMemoryIndex implements Index, PhysicalErase {
  private static final double K1 = 0.9;
  private static final double B = 0.4;

  private final Store store;
  private boolean closed;

  /** What an in-memory index holds, shared by the handles opened on it. */
  public static final class Store {
    private final Map<String, TreeMap<String, IndexRecord>> collections = new ConcurrentHashMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Revisions revisions = new Revisions();
    private VectorSpace space;
    private int writes;

    /** How many batches were applied: a test can tell whether a call wrote. */
    public int writes() {
      lock.readLock().lock();
      try {
        return writes;
      } finally {
        lock.readLock().unlock();
      }
    }
  }

  private InMemoryIndex(Store store) {
    this.store = store;
  }

  /** A new, empty index for vectors of {@code space}. */
  public static InMemoryIndex create(VectorSpace space) {
    return open(new Store(), space);
  }

  /**
   * Opens a handle on {@code store}, claiming {@code space} when it is new.
   *
   * @throws StorageException ENGRAM-501 when the store holds vectors of another space
   */
  public static InMemoryIndex open(Store store, VectorSpace space) {
    Checks.notNull(space, "space");
    synchronized (store) {
      if (store.space == null) {
        store.space = space;
      } else if (!store.space.equals(space)) {
        throw new StorageException("ENGRAM-501", "this index holds vectors of model "
            + store.space.model() + " (dimension " + store.space.dimension() + "), not of "
            + space.model() + " (dimension " + space.dimension() + ")");
      }
    }
    return new InMemoryIndex(store);
  }

  /** The store behind this handle, to open another handle on it. */
  public Store store() {
    return store;
  }

  @Override
  public Collection collection(String name) {
    Checks.notBlank(name, "name");
    return new View(name);
  }

  @Override
  public VectorSpace vectorSpace() {
    return store.space;
  }

  @Override
  public void write(WriteBatch batch) {
    Checks.notNull(batch, "batch");
    ensureOpen();
    for (WriteBatch.Op op : batch.ops()) {
      if (op instanceof WriteBatch.Upsert u) {
        u.records().forEach(r -> checkVector(r.vector(), "record " + r.id()));
      }
    }
    store.lock.writeLock().lock();
    try {
      store.revisions.check(batch);
      for (WriteBatch.Op op : batch.ops()) {
        TreeMap<String, IndexRecord> c =
            store.collections.computeIfAbsent(op.collection(), n -> new TreeMap<>());
        switch (op) {
          case WriteBatch.Upsert u -> u.records().forEach(r -> c.put(r.id(), r));
          case WriteBatch.Delete d -> c.values().removeIf(d.filter()::matches);
          case WriteBatch.DeleteIds d -> d.ids().forEach(c::remove);
        }
      }
      store.revisions.advance(batch);
      store.writes++;
    } finally {
      store.lock.writeLock().unlock();
    }
  }

  @Override
  public Revision revision(String key) {
    Checks.notBlank(key, "key");
    store.lock.readLock().lock();
    try {
      return store.revisions.current(key);
    } finally {
      store.lock.readLock().unlock();
    }
  }

  /** Nothing to rewrite: a deleted record is gone from memory at once. */
  @Override
  public void purgeDeleted() {
    ensureOpen();
  }

  @Override
  public void close() {
    closed = true;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the in-memory index is closed");
    }
  }

  private void checkVector(float[] vector, String what) {
    if (vector.length == 0) {
      return;
    }
    if (vector.length != store.space.dimension()) {
      throw new IllegalArgumentException(what + " has " + vector.length
          + " dimensions but this index holds " + store.space.dimension() + "-dimensional vectors");
    }
    double norm = 0;
    for (float x : vector) {
      if (!Float.isFinite(x)) {
        throw new IllegalArgumentException(what + " has a non-finite value: " + x);
      }
      norm += x * x;
    }
    if (norm == 0) {
      throw new IllegalArgumentException(what + " is all zeros; cosine needs a non-zero vector");
    }
  }

  private final class View implements Collection {
    private final String name;

    View(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public List<IndexHit> searchText(String query, Filter filter, int k) {
      Checks.notBlank(query, "query");
      Checks.atLeast(k, 1, "k");
      List<String> terms = SimpleAnalyzer.tokens(query);
      List<IndexRecord> all = records(Filter.all());
      double avgLength = all.stream().mapToInt(r -> SimpleAnalyzer.tokens(r.text()).size())
          .average().orElse(1);
      List<Scored> scored = new ArrayList<>();
      for (IndexRecord r : all) {
        if (!filter.matches(r)) {
          continue;
        }
        List<String> doc = SimpleAnalyzer.tokens(r.text());
        double score = 0;
        for (String t : terms.stream().distinct().toList()) {
          long tf = doc.stream().filter(t::equals).count();
          if (tf == 0) {
            continue;
          }
          long df = all.stream().filter(o -> SimpleAnalyzer.tokens(o.text()).contains(t)).count();
          double idf = Math.log(1 + (all.size() - df + 0.5) / (df + 0.5));
          score += idf * tf / (tf + K1 * (1 - B + B * doc.size() / avgLength));
        }
        if (score > 0) {
          scored.add(new Scored(r, score));
        }
      }
      return top(scored, k);
    }

    @Override
    public List<IndexHit> searchVector(float[] vector, Filter filter, int k) {
      Checks.notNull(vector, "vector");
      Checks.atLeast(k, 1, "k");
      if (vector.length == 0) {
        throw new IllegalArgumentException("vector must not be empty");
      }
      checkVector(vector, "query vector");
      List<Scored> scored = new ArrayList<>();
      for (IndexRecord r : records(filter)) {
        if (r.hasVector()) {
          scored.add(new Scored(r, cosine(vector, r.vector())));
        }
      }
      return top(scored, k);
    }

    @Override
    public Optional<IndexRecord> get(String id) {
      Checks.notBlank(id, "id");
      store.lock.readLock().lock();
      try {
        return Optional.ofNullable(store.collections.getOrDefault(name, new TreeMap<>()).get(id));
      } finally {
        store.lock.readLock().unlock();
      }
    }

    @Override
    public List<IndexRecord> list(Filter filter, int limit) {
      Checks.atLeast(limit, 1, "limit");
      List<IndexRecord> matching = records(filter);
      return matching.subList(0, Math.min(limit, matching.size()));
    }

    @Override
    public int count(Filter filter) {
      return records(filter).size();
    }

    /** The matching records, ordered by id (the TreeMap's order is String's, as the contract's). */
    private List<IndexRecord> records(Filter filter) {
      store.lock.readLock().lock();
      try {
        return store.collections.getOrDefault(name, new TreeMap<>()).values().stream()
            .filter(filter::matches).toList();
      } finally {
        store.lock.readLock().unlock();
      }
    }

    private List<IndexHit> top(List<Scored> scored, int k) {
      List<Scored> best = scored.stream()
          .sorted(Comparator.comparingDouble(Scored::score).reversed()).limit(k).toList();
      List<IndexHit> hits = new ArrayList<>(best.size());
      for (Scored s : best) {
        IndexRecord r = s.record();
        IndexRecord bare = new IndexRecord(r.id(), r.text(), new float[0], r.keywords(), r.longs());
        hits.add(new IndexHit(bare, (float) s.score(), hits.size()));
      }
      return hits;
    }
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  private record Scored(IndexRecord record, double score) {}
}
