package dev.engram.server.http;

import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.server.Request;

/**
 * The requests being served, which a graceful stop waits for. A request counts until Jetty has
 * completed its reply, not until its handler returns: a handler that returned has only set its
 * result (and an asynchronous one, like the MCP transport's event streams, has not even done
 * that), so a stop that closed the connections then could cut a reply still being written. A
 * full test run saw that once: the in-flight answer of {@code GracefulStopIT} read end-of-stream.
 */
public final class InFlight {
  private final AtomicInteger count = new AtomicInteger();

  /** Counts {@code req} until its reply has been sent, has failed, or its client has gone. */
  public void begin(HttpServletRequest req) {
    ServletContextRequest request = ServletContextRequest.getServletContextRequest(req);
    if (request == null) {
      throw new IllegalStateException("not a request of Jetty's servlet context: " + req);
    }
    count.incrementAndGet();
    Request.addCompletionListener(request, failure -> count.decrementAndGet());
  }

  /** The requests whose replies are not complete yet. */
  public int count() {
    return count.get();
  }
}
