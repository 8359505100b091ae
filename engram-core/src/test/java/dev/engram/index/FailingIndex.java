package dev.engram.index;

import dev.engram.common.StorageException;
import dev.engram.common.VectorSpace;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An index that fails its next writes on demand, as storage that runs out of space would: the
 * failing batch reaches nothing (the seam promises a failed write stores nothing), and later
 * writes go through. For tests that a failure in the middle of a call leaves nothing behind.
 */
public final class FailingIndex implements Index, PhysicalErase {
  private final InMemoryIndex delegate;
  private final AtomicInteger failures = new AtomicInteger();
  /** Writes to let through before {@link #failures} start counting; -1 when not armed. */
  private final AtomicInteger passBeforeFailing = new AtomicInteger(-1);
  private final AtomicInteger writes = new AtomicInteger();
  private final AtomicInteger purges = new AtomicInteger();

  public FailingIndex(InMemoryIndex delegate) {
    this.delegate = delegate;
  }

  /** The next {@code n} writes throw a {@link StorageException}. */
  public void failNextWrites(int n) {
    failures.set(n);
  }

  /** Lets the next {@code ok} writes through, then fails one. */
  public void failOneWriteAfter(int ok) {
    passBeforeFailing.set(ok);
  }

  /** Writes that went through so far. */
  public int writes() {
    return writes.get();
  }

  /** Physical purges asked for so far. */
  public int purges() {
    return purges.get();
  }

  @Override
  public Collection collection(String name) {
    return delegate.collection(name);
  }

  @Override
  public Revision revision(String key) {
    return delegate.revision(key);
  }

  @Override
  public VectorSpace vectorSpace() {
    return delegate.vectorSpace();
  }

  @Override
  public synchronized void write(WriteBatch batch) {
    int pass = passBeforeFailing.getAndUpdate(n -> n > 0 ? n - 1 : -1);
    if (pass == 0 || failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new StorageException("ENGRAM-500", "injected failure: the disk is full");
    }
    delegate.write(batch);
    writes.incrementAndGet();
  }

  @Override
  public void purgeDeleted() {
    delegate.purgeDeleted();
    purges.incrementAndGet();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
