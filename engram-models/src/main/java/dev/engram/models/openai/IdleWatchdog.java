package dev.engram.models.openai;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * Closes a response body that has sent nothing for longer than the timeout, which unblocks the
 * thread reading it. Needed because the JDK client's request timeout stops at the headers, so a
 * server that stalls mid-stream would otherwise hang the caller forever. Public for the server's
 * OpenAI proxy, which reads an upstream's stream the same way.
 */
public final class IdleWatchdog implements AutoCloseable {
  private final InputStream body;
  private final long idleNanos;
  private final Thread thread;
  private volatile long lastProgress = System.nanoTime();
  private volatile boolean fired;
  private volatile boolean stopped;

  public IdleWatchdog(InputStream body, Duration idle) {
    this.body = body;
    this.idleNanos = idle.toNanos();
    this.thread = Thread.ofVirtual().name("engram-chat-watchdog").start(this::watch);
  }

  /** The body, counting every read that returns data as progress. */
  public InputStream stream() {
    return new FilterInputStream(body) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        lastProgress = System.nanoTime();
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        lastProgress = System.nanoTime();
        return n;
      }
    };
  }

  /** True when the body was closed because it stalled: a read failure is then a timeout. */
  public boolean fired() {
    return fired;
  }

  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
  }

  private void watch() {
    while (!stopped) {
      long left = idleNanos - (System.nanoTime() - lastProgress);
      if (left <= 0) {
        fired = true;
        try {
          body.close();
        } catch (IOException e) {
          // Closing is the whole point; a failure to close cannot be reported better here.
        }
        return;
      }
      try {
        Thread.sleep(Duration.ofNanos(left));
      } catch (InterruptedException e) {
        return; // close() stops the watch
      }
    }
  }
}
